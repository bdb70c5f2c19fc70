"""URLs of the ui app: /patterns/ and /accessibility/."""

from django.urls import path

from . import views

app_name = "ui"

urlpatterns = [
    path("patterns/", views.patterns_page, name="patterns"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
]
