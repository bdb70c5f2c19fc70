"""The public pages, open to everyone on purpose (see tests/test_every_page_is_guarded.py): /public/…"""

from django.urls import path

from . import feeds, views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:council>/<int:review_id>/", views.review_page, name="review"),
    path("<slug:council>/<int:review_id>/plan.<str:data_format>", views.plan_data, name="plan-data"),
    path("<slug:council>/<int:review_id>/reports.atom", feeds.ReportsFeed(), name="feed"),
    path(
        "<slug:council>/<int:review_id>/reports/<int:report_id>/plan.<str:data_format>",
        views.report_data,
        name="report-data",
    ),
    path(
        "<slug:council>/<int:review_id>/reports/<int:report_id>/<str:file_format>/",
        views.report_file,
        name="report-file",
    ),
]
