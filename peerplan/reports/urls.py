"""URLs of the Reports pages, mounted at the site root (app_name "reports")."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/report.css", views.report_stylesheet, name="stylesheet"),
    path("reports/defaults/<slug:org>/", views.report_defaults, name="defaults"),
    path("reviews/<int:pk>/reports/new/", views.report_new, name="new"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/download/<slug:file_format>/", views.report_download, name="download"),
]
