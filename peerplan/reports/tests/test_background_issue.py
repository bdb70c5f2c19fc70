"""Issuing a report never renders in the request: the worker makes the files, and the page shows progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import override_settings

from peerplan.accounts.models import Committee, User
from peerplan.plans.models import Review
from peerplan.reports import services
from peerplan.reports.enums import ReportState
from peerplan.reports.models import Report, ReportFile
from peerplan.reports.services import report_files_render

from .test_views import form_data, new_url, signed_in


@pytest.fixture
def form(review: Review, cabinet: Committee) -> Callable[..., dict[str, Any]]:
    q2 = review.reporting_periods.get(name="Q2 2025/26")
    return lambda **changes: form_data(q2, cabinet, **changes)


QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _no_rendering(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("a report was rendered inside the web request")


def test_issue_stores_the_report_and_queues_its_files_without_rendering_in_the_request(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = signed_in(plan_manager)
    with override_settings(TASKS=QUEUED), monkeypatch.context() as patched:
        patched.setattr(services, "report_render", _no_rendering)
        response = client.post(new_url(review), form(action="issue", formats=["docx", "pdf", "csv"]))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.state == ReportState.RENDERING
    assert report.formats == ["docx", "pdf", "csv"]
    assert not ReportFile.objects.exists()

    page = client.get(response["Location"]).content.decode()
    assert "The files are being made: 0 of 3 ready" in page
    assert '<meta http-equiv="refresh" content="5">' in page

    # What the worker does with the queued task:
    report = report_files_render(report_id=report.pk)
    assert report.state == ReportState.ISSUED
    assert sorted(report.files.values_list("format", flat=True)) == ["csv", "docx", "pdf"]
    page = client.get(response["Location"]).content.decode()
    assert "being made" not in page and 'http-equiv="refresh"' not in page


def test_a_failed_rendering_keeps_no_partial_files_and_says_why(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = signed_in(plan_manager)
    real = services.report_render

    def pdf_fails(built: Any, format_: str) -> Any:
        if format_ == "pdf":
            raise RuntimeError("the PDF engine ran out of memory")
        return real(built, format_)

    with override_settings(TASKS=QUEUED):
        response = client.post(new_url(review), form(action="issue", formats=["docx", "pdf"]))
    report = Report.objects.get()
    monkeypatch.setattr(services, "report_render", pdf_fails)
    report = report_files_render(report_id=report.pk)
    assert report.state == ReportState.FAILED
    assert not report.files.exists()
    page = client.get(response["Location"]).content.decode()
    assert "The files could not be made: the PDF engine ran out of memory" in page
