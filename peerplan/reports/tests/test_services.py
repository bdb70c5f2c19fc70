from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from peerplan.accounts.models import Committee, Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Review
from peerplan.progress.models import ProgressUpdate
from peerplan.reports.models import Report, ReportDefaults
from peerplan.reports.renderers import render
from peerplan.reports.services import report_input_build, report_input_of, report_issue
from peerplan.testing import factories as f

from .conftest import Q1_END, Q2_END


def issue(review: Review, actor: object, as_of: date = Q2_END, **changes: object) -> Report:
    arguments: dict[str, Any] = {
        "review": review,
        "actor": actor,
        "as_of": as_of,
        "kind": "progress",
        "layout": "objectives",
        "committee": None,
        "meeting_date": date(2025, 10, 22),
        "cover": {},
        "formats": ["docx", "html", "csv"],
    }
    arguments.update(changes)
    return report_issue(**arguments)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_issuing_stores_the_snapshot_the_cover_and_one_file_per_format(
    review: Review, plan_manager: User, cabinet: Committee
) -> None:
    report = issue(review, plan_manager, committee=cabinet, cover={"report_of": "Leader of the Council"})
    assert report.as_of == Q2_END
    assert report.period is not None and report.period.name == "Q2 2025/26"
    assert report.cover["meeting"] == "Cabinet"
    assert report.cover["report_of"] == "Leader of the Council"
    assert report.snapshot["format"] == "peerplan.snapshot/1"
    assert sorted(f.format for f in report.files.all()) == ["csv", "docx", "html"]
    docx = report.files.get(format="docx")
    assert docx.filename == "eastmoor-district-council-corporate-peer-challenge-2025-progress-2025-09-30.docx"
    assert docx.size == len(bytes(docx.content))
    assert "Leader of the Council" in docx_text(bytes(docx.content))


def test_issuing_writes_an_audit_entry(review: Review, plan_manager: User) -> None:
    report = issue(review, plan_manager)
    entry = AuditEntry.objects.get(target_type="report", target_id=str(report.pk))
    assert entry.verb == "issued"
    assert entry.actor == plan_manager
    assert entry.review_id == review.pk
    assert entry.changes["as_of"] == "2025-09-30"


def test_the_councils_defaults_fill_the_cover(review: Review, plan_manager: User, eastmoor: Organisation) -> None:
    ReportDefaults.objects.create(
        organisation=eastmoor, report_of="Cabinet Member for Performance", recommendation_wording="endorse the progress"
    )
    report = issue(review, plan_manager, cover={"wards_affected": "Abbey; Moorside"})
    assert report.cover["report_of"] == "Cabinet Member for Performance"
    assert report.cover["wards_affected"] == "Abbey; Moorside"
    assert "asked to endorse the progress made" in docx_text(bytes(report.files.get(format="docx").content))


def test_an_issued_report_downloads_exactly_as_issued_after_the_plan_changes(
    review: Review, plan_manager: User
) -> None:
    report = issue(review, plan_manager)
    stored_html = bytes(report.files.get(format="html").content)
    stored_csv = bytes(report.files.get(format="csv").content)
    ProgressUpdate.objects.create(
        action=review.actions.get(ref="2.1"),
        date=Q2_END,
        status="complete",
        rag="complete",
        commentary="Back-dated correction after the report went out.",
    )
    report.refresh_from_db()
    again = report_input_of(report)
    assert render(again, "html") == stored_html
    assert render(again, "csv") == stored_csv
    assert docx_text(render(again, "docx")) == docx_text(bytes(report.files.get(format="docx").content))
    assert b"Back-dated correction" not in stored_html
    fresh = report_input_build(review=review, as_of=Q2_END, kind="progress", layout="objectives")
    assert b"Back-dated correction" in render(fresh, "html")


def test_the_next_report_compares_with_the_last_one(review: Review, plan_manager: User) -> None:
    first = issue(review, plan_manager, as_of=Q1_END)
    second = issue(review, plan_manager, as_of=Q2_END)
    assert first.previous is None
    assert second.previous == first
    text = docx_text(bytes(second.files.get(format="docx").content))
    assert "Since the last report, which showed the plan as at 30 June 2025" in text
    assert "2 actions newly overdue" in text
    assert "This is the first report on the plan" in docx_text(bytes(first.files.get(format="docx").content))


def test_a_councillor_may_not_issue_a_report(review: Review, councillor: User) -> None:
    with pytest.raises(PermissionDenied):
        issue(review, councillor)
    assert not Report.objects.exists()


def test_another_councils_plan_manager_may_not_issue_a_report(review: Review, db: object) -> None:
    from peerplan.accounts.enums import Role

    other = Organisation.objects.create(name="Westdale Borough Council", slug="westdale")
    outsider = f.person(other, Role.PLAN_MANAGER, "pm@westdale.example", "Outsider")
    with pytest.raises(PermissionDenied):
        issue(review, outsider)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"layout": "landscape-grid"}, "layout"),
        ({"kind": "annual"}, "kind"),
        ({"formats": ["odt"]}, "formats"),
        ({"formats": []}, "formats"),
        ({"cover": {"colour": "red"}}, "cover"),
    ],
)
def test_bad_choices_are_refused_with_a_message_and_nothing_is_stored(
    review: Review, plan_manager: User, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        issue(review, plan_manager, **changes)
    assert field in error.value.message_dict
    assert not Report.objects.exists()
    assert not AuditEntry.objects.filter(target_type="report").exists()


def test_a_committee_of_another_council_is_refused(review: Review, plan_manager: User) -> None:
    other = Organisation.objects.create(name="Westdale Borough Council", slug="westdale")
    with pytest.raises(ValidationError, match="another council"):
        issue(review, plan_manager, committee=Committee.objects.create(organisation=other, name="Cabinet"))
