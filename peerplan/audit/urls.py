"""URLs of the audit trail, mounted under /audit/ (app_name "audit")."""

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.organisation_trail, name="list"),
    path("reviews/<int:pk>/", views.review_trail, name="review"),
    path("actions/<int:pk>/", views.action_trail, name="action"),
]
