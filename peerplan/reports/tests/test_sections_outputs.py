"""Renamed sections and the council's own implications, read back from the Word, PDF and HTML files."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from docx import Document

from peerplan.reports.compose import ReportInput
from peerplan.reports.cover import Cover, cover_apply
from peerplan.reports.renderers import render
from peerplan.reports.snapshot import Snapshot

IMPLICATIONS = [
    {"key": "financial", "title": "Financial implications", "text": "None."},
    {"key": "risk", "title": "Risk & opportunity management implications", "text": "See {section:exceptions}."},
    {"title": "Social value", "text": "The plan's contracts are let under the social value policy."},
]
SECTIONS = ["purpose", "recommendations", "background", "exceptions", "implications", "background-papers"]
TITLES = {"recommendations": "Recommendation(s) to Cabinet", "background": "Background and key issues"}


def report(snapshot_q2: Snapshot, implications_as: str) -> ReportInput:
    cover = cover_apply(
        Cover(meeting="Cabinet"),
        {
            "sections": SECTIONS,
            "section_titles": TITLES,
            "implications": IMPLICATIONS,
            "implications_as": implications_as,
        },
    )
    return ReportInput(snapshot=snapshot_q2, cover=cover)


def word_headings(data: bytes, style: str) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.style is not None and p.style.name == style]


def word_paragraph_after(data: bytes, heading: str) -> str:
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    return paragraphs[paragraphs.index(heading) + 1]


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_an_added_implication_is_its_own_numbered_sub_section_in_word(snapshot_q2: Snapshot) -> None:
    data = render(report(snapshot_q2, "subsections"), "docx")
    assert word_headings(data, "Heading 1")[:6] == [
        "1. Purpose of the report",
        "2. Recommendation(s) to Cabinet",
        "3. Background and key issues",
        "4. Exceptions",
        "5. Implications",
        "6. Background papers",
    ]
    assert word_headings(data, "Heading 2") == [
        "5.1 Financial implications",
        "5.2 Risk & opportunity management implications",
        "5.3 Social value",
    ]
    assert word_paragraph_after(data, "5.3 Social value") == (
        "\tThe plan's contracts are let under the social value policy."
    )
    assert word_paragraph_after(data, "5.2 Risk & opportunity management implications") == "\tSee section 4."
    # The text sits in the numbered paragraphs' column: the sub-heading's number is its number.
    paragraphs = Document(io.BytesIO(data)).paragraphs
    texts = [p.text for p in paragraphs]
    under = paragraphs[texts.index("5.3 Social value") + 1]
    numbered = next(p for p in paragraphs if p.text.startswith("1.1\t"))
    assert under.paragraph_format.left_indent == numbered.paragraph_format.left_indent


def test_each_implication_can_be_a_numbered_section_of_its_own_in_word(snapshot_q2: Snapshot) -> None:
    data = render(report(snapshot_q2, "sections"), "docx")
    assert word_headings(data, "Heading 1")[:8] == [
        "1. Purpose of the report",
        "2. Recommendation(s) to Cabinet",
        "3. Background and key issues",
        "4. Exceptions",
        "5. Financial implications",
        "6. Risk & opportunity management implications",
        "7. Social value",
        "8. Background papers",
    ]
    assert word_paragraph_after(data, "7. Social value").startswith("7.1\tThe plan's contracts")


@pytest.mark.parametrize(
    ("implications_as", "expected"),
    [
        (
            "subsections",
            ["5. Implications", "5.1 Financial implications", "5.3 Social value", "The plan's contracts"],
        ),
        (
            "sections",
            ["5. Financial implications", "7. Social value", "7.1 The plan's contracts", "8. Background papers"],
        ),
    ],
)
def test_an_added_implication_is_its_own_numbered_heading_in_the_pdf(
    snapshot_q2: Snapshot, implications_as: str, expected: list[str]
) -> None:
    text = pdf_text(render(report(snapshot_q2, implications_as), "pdf"))
    assert "2. Recommendation(s) to Cabinet" in text and "3. Background and key issues" in text
    position = -1
    for line in expected:  # each in the report's order
        found = text.find(line, position + 1)
        assert found > position, line
        position = found


def test_the_html_sets_the_sub_sections_out_as_headings_under_the_section(snapshot_q2: Snapshot) -> None:
    html = render(report(snapshot_q2, "subsections"), "html").decode()
    assert '<h2 class="govuk-heading-m">2. Recommendation(s) to Cabinet</h2>' in html
    assert '<h3 class="govuk-heading-s app-report__subheading">5.3 Social value</h3>' in html
    assert "<strong>Financial:</strong>" not in html


@pytest.fixture
def stored_before(snapshot_q2: Snapshot) -> dict[str, Any]:
    """A cover as issued before implications were a list: one field per implication."""
    data = Cover(meeting="Cabinet").to_dict()
    for name in ("implications", "implications_as", "section_titles"):
        data.pop(name)
    return data | {
        "financial_implications": "Finance: none.",
        "legal_implications": "Legal: none.",
        "risk_implications": "See {section:exceptions}.",
        "equalities_implications": "None.",
        "environmental_implications": "None.",
        "other_implications": {"Health and safety": "None."},
    }


def test_a_report_issued_before_still_renders_its_implications_as_written(
    snapshot_q2: Snapshot, stored_before: dict[str, Any]
) -> None:
    data = render(ReportInput(snapshot=snapshot_q2, cover=Cover.from_dict(stored_before)), "docx")
    assert word_headings(data, "Heading 2")[:6] == [
        "11.1 Financial implications",
        "11.2 Legal implications",
        "11.3 Risk implications",
        "11.4 Equalities implications",
        "11.5 Environmental implications",
        "11.6 Health and safety",
    ]
    assert word_paragraph_after(data, "11.3 Risk implications") == "\tSee section 6."
