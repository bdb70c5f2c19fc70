"""Every standard section, switched off or reordered per council; numbers and cross-references computed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from peerplan.accounts.models import Organisation
from peerplan.reports.compose import ReportInput, compose
from peerplan.reports.cover import Cover, cover_apply, cover_from_defaults
from peerplan.reports.document import Paragraph, ReportDocument
from peerplan.reports.models import ReportDefaults
from peerplan.reports.sections import TO_BE_COMPLETED, cross_reference
from peerplan.reports.snapshot import Snapshot


def paragraphs(doc: ReportDocument, heading_end: str) -> list[Paragraph]:
    section = next(s for s in doc.sections if s.heading.endswith(heading_end))
    return [b for b in section.blocks if isinstance(b, Paragraph)]


def test_the_progress_report_has_every_standard_section_in_order(snapshot_q2: Snapshot) -> None:
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=Cover(meeting="Cabinet")))
    assert [s.heading for s in doc.sections] == [
        "1. Purpose of the report",
        "2. Recommendations",
        "3. Background",
        "4. Progress summary",
        "5. Changes since the last report",
        "6. Exceptions",
        "7. Next steps",
        "8. Alternative options considered",
        "9. Reasons for the recommendations",
        "10. Consultation",
        "11. Implications",
        "12. Background papers",
    ]
    assert paragraphs(doc, "Reasons for the recommendations")[0].number == "9.1"


def test_the_exception_reports_risk_implications_point_at_its_own_exceptions_section(snapshot_q2: Snapshot) -> None:
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=Cover(meeting="Cabinet"), kind="exceptions"))
    headings = [s.heading for s in doc.sections]
    exceptions = next(h for h in headings if h.endswith("Exceptions"))
    number = exceptions.split(".")[0]
    risk = next(p for p in paragraphs(doc, "Implications") if p.bold_lead == "Risk:")
    assert f"reported in section {number} " in risk.text
    assert "section 6" not in risk.text and number != "6"


def test_a_council_can_switch_sections_off_and_reorder_them_and_numbers_follow(snapshot_q2: Snapshot) -> None:
    order = ["purpose", "recommendations", "exceptions", "progress", "implications", "background-papers"]
    cover = cover_apply(Cover(meeting="Cabinet"), {"sections": order})
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    assert [s.heading for s in doc.sections] == [
        "1. Purpose of the report",
        "2. Recommendations",
        "3. Exceptions",
        "4. Progress summary",
        "5. Implications",
        "6. Background papers",
    ]
    assert paragraphs(doc, "Progress summary")[0].number == "4.1"
    risk = next(p for p in paragraphs(doc, "Implications") if p.bold_lead == "Risk:")
    assert "reported in section 3 " in risk.text


def test_a_reference_to_a_section_switched_off_points_at_the_appendix() -> None:
    assert cross_reference("See {section:exceptions}.", {"purpose": "1"}) == "See Appendix 1."
    assert cross_reference("See {section:exceptions}.", {"exceptions": "4"}) == "See section 4."
    assert cross_reference("Keep {section:nonsense}.", {}) == "Keep {section:nonsense}."


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        (["purpose", "recommendations", "grid"], "Unknown section(s): grid"),
        (["purpose", "purpose", "recommendations"], "only once"),
        (["background"], "must have these sections: Purpose of the report, Recommendations"),
    ],
)
def test_a_bad_section_list_is_refused_with_a_clear_message(sections: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        cover_apply(Cover(), {"sections": sections})


def test_a_header_row_with_no_value_is_visible_and_listed_as_incomplete(snapshot_q2: Snapshot) -> None:
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=Cover()))
    header = dict(doc.header)
    assert header["Meeting"] == TO_BE_COMPLETED
    assert header["Budget/Policy Framework"] == TO_BE_COMPLETED
    assert "Meeting" in doc.incomplete and "Budget/Policy Framework" in doc.incomplete
    complete = replace(
        Cover(),
        meeting="Cabinet",
        meeting_date=snapshot_q2.as_of,
        report_of="Leader",
        contact_officer="Priya Shah",
        budget_policy_framework="Yes",
    )
    assert compose(ReportInput(snapshot=snapshot_q2, cover=complete)).incomplete == []


def test_the_background_never_says_the_peer_team_was_on_site_without_dates(snapshot_q2: Snapshot) -> None:
    undated = replace(snapshot_q2, visit_start=None, visit_end=None)
    doc = compose(ReportInput(snapshot=undated, cover=Cover(meeting="Cabinet")))
    text = " ".join(p.text for p in paragraphs(doc, "Background"))
    assert "on site" not in text and "The peer team was on site." not in text
    dated = compose(ReportInput(snapshot=snapshot_q2, cover=Cover(meeting="Cabinet")))
    assert "The peer team was on site from" in " ".join(p.text for p in paragraphs(dated, "Background"))


def test_councils_add_their_own_implications_and_section_openings(snapshot_q2: Snapshot) -> None:
    cover = cover_apply(
        Cover(meeting="Cabinet"),
        {
            "other_implications": {"Health and safety": "None."},
            "section_notes": {"consultation": "See {section:next-steps}."},
        },
    )
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    implications = paragraphs(doc, "Implications")
    assert [p.bold_lead for p in implications][-1] == "Health and safety:"
    assert paragraphs(doc, "Consultation")[0].text == "See section 7."


@pytest.mark.django_db
def test_the_councils_defaults_carry_its_sections_and_refuse_a_bad_list(eastmoor: Organisation) -> None:
    defaults = ReportDefaults(organisation=eastmoor, sections=["purpose", "recommendations", "progress"])
    defaults.full_clean()
    defaults.save()
    assert cover_from_defaults(defaults).sections == ("purpose", "recommendations", "progress")
    defaults.sections = ["progress"]
    with pytest.raises(ValidationError, match="must have these sections"):
        defaults.full_clean()
