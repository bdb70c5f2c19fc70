"""URLs of the Email pages, mounted at /email/."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:org>/", views.log, name="log"),
    path("<slug:org>/emails/<int:pk>/send-again/", views.send_again, name="send-again"),
    path("<slug:org>/chasing/", views.chasing, name="chasing"),
]
