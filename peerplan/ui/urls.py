"""URLs of the ui app: /patterns/, /accessibility/ and the councils' branding."""

from django.urls import path

from . import branding, views

app_name = "ui"

urlpatterns = [
    path("patterns/", views.patterns_page, name="patterns"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("branding/<int:pk>/brand.css", branding.brand_stylesheet, name="brand-stylesheet"),
    path("branding/<int:pk>/logo", branding.logo, name="logo"),
]
