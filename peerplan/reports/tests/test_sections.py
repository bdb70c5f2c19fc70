"""Every standard section, switched off or reordered per council; numbers and cross-references computed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from peerplan.accounts.models import Organisation
from peerplan.reports.compose import ReportInput, compose
from peerplan.reports.cover import Cover, cover_apply, cover_from_defaults
from peerplan.reports.document import Paragraph, ReportDocument, Subheading
from peerplan.reports.models import ReportDefaults
from peerplan.reports.sections import TO_BE_COMPLETED, cross_reference
from peerplan.reports.snapshot import Snapshot


def paragraphs(doc: ReportDocument, heading_end: str) -> list[Paragraph]:
    section = next(s for s in doc.sections if s.heading.endswith(heading_end))
    return [b for b in section.blocks if isinstance(b, Paragraph)]


def implication(doc: ReportDocument, title: str) -> tuple[str, Paragraph]:
    """An implication's numbered heading and its paragraph, wherever the report sets it out."""
    for section in doc.sections:
        if section.title == title:
            return section.heading, next(b for b in section.blocks if isinstance(b, Paragraph))
        for block, following in zip(section.blocks, section.blocks[1:], strict=False):
            if isinstance(block, Subheading) and block.text.split(" ", 1)[1] == title:
                assert isinstance(following, Paragraph)
                return block.text, following
    raise AssertionError(f"No implication titled {title}")


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
    _, risk = implication(doc, "Risk implications")
    assert f"reported in section {number} " in risk.text
    assert "section 6" not in risk.text and number != "6"


def test_the_exception_reports_key_to_the_positions_has_no_brackets_inside_brackets(snapshot_q2: Snapshot) -> None:
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=Cover(meeting="Cabinet"), kind="exceptions"))
    key = next(p.text for p in paragraphs(doc, "Progress summary") if p.text.startswith("Each action is counted once"))
    assert "overdue (still open and past its due date, whatever its rating)" in key
    assert not re.search(r"\([^()]*\(", key), key


def test_the_authors_background_and_next_steps_paragraphs_get_their_cross_references_computed(
    snapshot_q2: Snapshot,
) -> None:
    cover = cover_apply(
        Cover(meeting="Cabinet"),
        {
            "background": "Exceptions are set out in {section:exceptions}.",
            "next_steps": "Risks are in {section:implications}.",
        },
    )
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    texts = [p.text for p in paragraphs(doc, "Background") + paragraphs(doc, "Next steps")]
    assert "Exceptions are set out in section 6." in texts
    assert "Risks are in section 11." in texts
    assert not [t for t in texts if "{section:" in t]


@pytest.mark.parametrize("kind", ["progress", "exceptions"])
def test_recommendations_written_in_full_replace_the_sentence_a_numbered_paragraph_each(
    snapshot_q2: Snapshot, kind: str
) -> None:
    written = (
        "Cabinet is asked to RESOLVE that the progress in {section:progress} be noted, and\n"
        "that the exceptions be referred to Overview and Scrutiny.\n\n  \n"
        "That updates be received on a quarterly basis."
    )
    cover = cover_apply(Cover(meeting="Cabinet"), {"recommendations": written})
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover, kind=kind))
    progress = next(s.number for s in doc.sections if s.title == "Progress summary")
    paras = paragraphs(doc, "Recommendations")
    assert [(p.number, p.text) for p in paras] == [
        (
            "2.1",
            (
                f"Cabinet is asked to RESOLVE that the progress in section {progress} be noted, and\n"
                "that the exceptions be referred to Overview and Scrutiny."
            ),
        ),
        ("2.2", "That updates be received on a quarterly basis."),
    ]
    assert not [p for p in paras if "asked to note the progress" in p.text]


def test_without_recommendations_in_full_the_sentence_is_made_from_the_wording(snapshot_q2: Snapshot) -> None:
    cover = cover_apply(Cover(meeting="Cabinet"), {"recommendation_wording": "endorse the progress"})
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    assert [p.text for p in paragraphs(doc, "Recommendations")] == [
        (
            "Cabinet is asked to endorse the progress made against the action plan, as set out in this report and"
            " Appendix 1."
        )
    ]


def test_the_councils_recommendations_in_full_start_every_report(eastmoor: Organisation) -> None:
    defaults = ReportDefaults.objects.create(organisation=eastmoor, recommendations="Cabinet is asked to RESOLVE …")
    assert cover_from_defaults(defaults).recommendations == "Cabinet is asked to RESOLVE …"
    assert Cover.from_dict({k: v for k, v in Cover().to_dict().items() if k != "recommendations"}).recommendations == ""


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
    heading, risk = implication(doc, "Risk implications")
    assert heading == "5.3 Risk implications" and risk.number == "" and risk.aligned
    assert "reported in section 3 " in risk.text


def test_a_reference_to_a_section_switched_off_points_at_the_appendix() -> None:
    assert cross_reference("See {section:exceptions}.", {"purpose": "1"}) == "See Appendix 1."
    assert cross_reference("See {section:progress}.", {"purpose": "1"}) == "See Appendix 1."
    assert cross_reference("See {section:exceptions}.", {"exceptions": "4"}) == "See section 4."
    assert cross_reference("Keep {section:nonsense}.", {}) == "Keep {section:nonsense}."


def test_a_reference_to_another_section_switched_off_is_to_be_completed_and_the_preview_says_so(
    snapshot_q2: Snapshot,
) -> None:
    """The appendix shows the plan, not the changes or the next steps: "Appendix 1" would send members astray."""
    assert cross_reference("As in {section:changes}.", {"purpose": "1"}) == (
        f"As in {TO_BE_COMPLETED} (this report has no Changes since the last report section)."
    )
    order = ["purpose", "recommendations", "progress", "exceptions", "background-papers"]
    cover = cover_apply(
        Cover(meeting="Cabinet"), {"sections": order, "section_notes": {"progress": "See {section:next-steps}."}}
    )
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    assert paragraphs(doc, "Progress summary")[0].text.startswith(f"See {TO_BE_COMPLETED}")
    assert "3. Progress summary (3.1)" in doc.incomplete


def test_an_exception_report_keeps_its_exceptions_section_when_the_council_switched_it_off(
    snapshot_q2: Snapshot,
) -> None:
    order = ["purpose", "recommendations", "progress", "implications", "background-papers"]
    cover = cover_apply(Cover(meeting="Cabinet"), {"sections": order})
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover, kind="exceptions"))
    assert [s.heading for s in doc.sections][:4] == [
        "1. Purpose of the report",
        "2. Recommendations",
        "3. Progress summary",
        "4. Exceptions",
    ]
    progress = compose(ReportInput(snapshot=snapshot_q2, cover=cover))  # the council's other reports: as it chose
    assert not [s for s in progress.sections if s.title == "Exceptions"]
    without_progress = cover_apply(cover, {"sections": ["recommendations", "purpose"]})
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=without_progress, kind="exceptions"))
    assert [s.title for s in doc.sections] == ["Recommendations", "Exceptions", "Purpose of the report"]


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
    november = replace(snapshot_q2, visit_start=date(2025, 11, 4), visit_end=date(2025, 11, 7))
    doc = compose(ReportInput(snapshot=november, cover=Cover(meeting="Cabinet")))
    assert "The peer team was on site from 4 to 7 November 2025." in paragraphs(doc, "Background")[0].text


def test_the_background_of_another_kind_of_review_never_says_it_took_place_without_dates(snapshot_q2: Snapshot) -> None:
    audit = replace(
        snapshot_q2,
        review_title="Internal Audit – Procurement 2026",
        review_kind="internal-audit",
        review_kind_label="Internal audit",
        visit_start=None,
        visit_end=None,
        feedback_report_date=date(2026, 4, 21),
    )
    doc = compose(ReportInput(snapshot=audit, cover=Cover(meeting="Cabinet")))
    opening = paragraphs(doc, "Background")[0].text
    assert "took place." not in opening
    assert opening == (
        "This report follows the Internal Audit – Procurement 2026 (internal audit). "
        "Its report was received on 21 April 2026."
    )
    dated = compose(
        ReportInput(
            snapshot=replace(audit, visit_start=date(2026, 2, 2), visit_end=date(2026, 2, 20)),
            cover=Cover(meeting="Cabinet"),
        )
    )
    assert paragraphs(dated, "Background")[0].text.startswith(
        "The Internal Audit – Procurement 2026 (internal audit) took place from 2 to 20 February 2026."
    )


def test_councils_add_their_own_implications_and_section_openings(snapshot_q2: Snapshot) -> None:
    cover = cover_apply(
        Cover(meeting="Cabinet"),
        {
            "other_implications": {"Health and safety": "None."},
            "section_notes": {"consultation": "See {section:next-steps}."},
        },
    )
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    heading, paragraph = implication(doc, "Health and safety")
    assert heading == "11.6 Health and safety" and paragraph.text == "None."
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


def test_renamed_sections_keep_their_computed_numbers_and_references(snapshot_q2: Snapshot) -> None:
    cover = cover_apply(
        Cover(meeting="Cabinet"),
        {
            "sections": ["purpose", "recommendations", "background", "exceptions", "implications"],
            "section_titles": {
                "recommendations": "Recommendation(s) to Cabinet",
                "background": "Background and key issues",
                "exceptions": "  ",  # blank: the standard title
            },
            "section_notes": {
                "purpose": "Exceptions are in {section:exceptions}; implications in {section:implications}."
            },
        },
    )
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    assert [s.heading for s in doc.sections] == [
        "1. Purpose of the report",
        "2. Recommendation(s) to Cabinet",
        "3. Background and key issues",
        "4. Exceptions",
        "5. Implications",
    ]
    assert paragraphs(doc, "Purpose of the report")[0].text == "Exceptions are in section 4; implications in section 5."
    _, risk = implication(doc, "Risk implications")
    assert "reported in section 4 " in risk.text


def test_each_implication_can_be_a_numbered_section_of_its_own_as_gloucester_sets_them_out(
    snapshot_q2: Snapshot,
) -> None:
    cover = cover_apply(
        Cover(meeting="Cabinet"),
        {
            "sections": ["purpose", "recommendations", "exceptions", "implications", "background-papers"],
            "implications_as": "sections",
            "implications": [
                {"key": "financial", "title": "Financial Implications", "text": "None."},
                {"key": "legal", "title": "Legal Implications", "text": "None."},
                {
                    "key": "risk",
                    "title": "Risk & Opportunity Management Implications",
                    "text": "See {section:exceptions}.",
                },
                {"title": "People Impact Assessment (PIA)", "text": "No negative impact."},
                {"title": "Social value", "text": "None."},
            ],
            "section_notes": {"background-papers": "Implications begin at {section:implications}."},
        },
    )
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    assert [s.heading for s in doc.sections] == [
        "1. Purpose of the report",
        "2. Recommendations",
        "3. Exceptions",
        "4. Financial Implications",
        "5. Legal Implications",
        "6. Risk & Opportunity Management Implications",
        "7. People Impact Assessment (PIA)",
        "8. Social value",
        "9. Background papers",
    ]
    assert paragraphs(doc, "Risk & Opportunity Management Implications")[0].number == "6.1"
    assert paragraphs(doc, "Risk & Opportunity Management Implications")[0].text == "See section 3."
    assert paragraphs(doc, "Background papers")[0].text == "Implications begin at section 4."
    assert [i.key for i in cover.implications] == [
        "financial",
        "legal",
        "risk",
        "people-impact-assessment-pia",
        "social-value",
    ]


def test_implications_switched_off_and_reordered_renumber_the_rest(snapshot_q2: Snapshot) -> None:
    cover = cover_apply(
        Cover(meeting="Cabinet"),
        {
            "implications": [
                {"title": "Health and safety", "text": "None."},
                {"key": "legal", "title": "Legal", "text": "x"},
            ]
        },
    )
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    section = next(s for s in doc.sections if s.title == "Implications")
    assert [b.text for b in section.blocks if isinstance(b, Subheading)] == ["11.1 Health and safety", "11.2 Legal"]
    none = compose(ReportInput(snapshot=snapshot_q2, cover=cover_apply(Cover(), {"implications": []})))
    assert "Implications" not in [s.title for s in none.sections]
    assert none.sections[-1].heading == "11. Background papers"


def test_an_empty_implication_text_is_visibly_to_be_completed_and_listed_under_its_title(snapshot_q2: Snapshot) -> None:
    cover = cover_apply(Cover(meeting="Cabinet"), {"implications": [{"title": "Social value", "text": ""}]})
    doc = compose(ReportInput(snapshot=snapshot_q2, cover=cover))
    assert implication(doc, "Social value")[1].text == TO_BE_COMPLETED
    assert "11.1 Social value" in doc.incomplete


def test_old_covers_with_one_field_per_implication_still_read_back(snapshot_q2: Snapshot) -> None:
    cover = cover_apply(
        Cover(),
        {"legal_implications": "Legal says none.", "other_implications": {"Health and safety:": "None."}},
    )
    assert [(i.key, i.title) for i in cover.implications][1] == ("legal", "Legal implications")
    assert cover.implications[1].text == "Legal says none."
    assert cover.implications[-1].title == "Health and safety"
    assert Cover.from_dict(cover.to_dict()) == cover


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"implications": [{"title": "", "text": "None."}]}, "Implication 1 has no title"),
        (
            {"implications": [{"title": "Social value", "text": "a"}, {"title": "social value", "text": "b"}]},
            "social value appears twice (implications 1 and 2)",
        ),
        ({"implications": [{"title": "x" * 201, "text": ""}]}, "Implication 1's title must be 200 characters or fewer"),
        ({"implications": "Financial"}, "Implications must be a list"),
        (
            {"implications": [{"title": f"Kind {n}", "text": ""} for n in range(31)]},
            "There can be at most 30 implications; there are 31",
        ),
        ({"section_titles": {"background": "y" * 201}}, "The title for Background must be 200 characters or fewer"),
        ({"section_titles": {"background": "Exceptions"}}, "Background and Exceptions are both titled Exceptions"),
        ({"section_titles": {"annex": "Annex"}}, "Unknown section(s): annex"),
        ({"implications_as": "columns"}, "implications_as must be one of: subsections, sections"),
    ],
)
def test_bad_titles_and_implications_are_refused_with_a_clear_message(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        cover_apply(Cover(), changes)
