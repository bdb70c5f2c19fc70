"""/import/: bring an existing plan in through the browser."""

from django.urls import path

from . import views

app_name = "importers"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("check/", views.preview, name="preview"),
]
