"""Open what each renderer wrote (python-docx, pdfplumber, openpyxl, csv) and check what a councillor would read."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pdfplumber
import pytest
from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from peerplan.reports.compose import ReportInput, compose
from peerplan.reports.cover import Cover
from peerplan.reports.layouts import layout_get, layouts
from peerplan.reports.renderers import UnknownFormatError, render, renderer_get, renderers
from peerplan.reports.snapshot import Snapshot, snapshot_take

ALL_REFS = ["1.1", "1.1a", "1.1b", "1.2", "2.1", "2.1a", "2.2", "3.1", "3.1a", "3.2"]
EXCEPTION_REFS = ["1.1", "2.1", "2.1a", "3.1"]
COVER = Cover(
    meeting="Cabinet",
    report_of="Cabinet Member for Resources",
    contact_officer="Priya Shah, Policy Manager",
    contact_details="policy@eastmoor.example",
)


def make_input(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot, kind: str = "progress", layout: str = "objectives"
) -> ReportInput:
    return ReportInput(snapshot=snapshot_q2, cover=COVER, kind=kind, layout=layout, previous=snapshot_q1)


@pytest.fixture
def progress(snapshot_q1: Snapshot, snapshot_q2: Snapshot) -> ReportInput:
    return make_input(snapshot_q1, snapshot_q2)


def docx_of(report: ReportInput) -> Any:
    return Document(io.BytesIO(render(report, "docx")))


@dataclass
class Appendix:
    """The appendix's tables (one per recommendation) read as one: the header row, then every body row."""

    rows: list[Any]


def appendix_of(document: Any) -> Appendix:
    # The appendix tables are the ones that end with the three progress columns every layout shares.
    tables = [
        t for t in document.tables if [c.text for c in t.rows[0].cells][-3:] == ["Status", "RAG", "Latest progress"]
    ]
    assert tables
    return Appendix([tables[0].rows[0], *(row for t in tables for row in t.rows[1:])])


def first_column(table: Any) -> list[str]:
    return [row.cells[0].text for row in table.rows[1:] if len({id(c._tc) for c in row.cells}) > 1]


def cell_fill(cell: Any) -> str | None:
    shading = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shading is None else shading.get(qn("w:fill"))


# --- the registry ---------------------------------------------------------------------------------------------------


def test_the_registry_offers_the_five_formats() -> None:
    assert {r.format for r in renderers()} >= {"docx", "pdf", "html", "xlsx", "csv"}
    assert renderer_get("pdf").content_type == "application/pdf"


def test_an_unknown_format_names_the_ones_available() -> None:
    with pytest.raises(UnknownFormatError, match="docx"):
        renderer_get("odt")


def test_the_layout_registry_has_the_three_layouts_of_the_brief() -> None:
    assert {layout.name for layout in layouts()} >= {"objectives", "current-options", "ref-details"}


# --- Word -----------------------------------------------------------------------------------------------------------


def test_the_word_report_is_a4_portrait_with_the_appendix_in_a_landscape_a4_section(progress: ReportInput) -> None:
    document = docx_of(progress)
    cover, appendix = document.sections[0], document.sections[-1]
    # Word stores sizes in twips: 210 mm is 11906 twips, a hair over 210 mm.
    assert (round(cover.page_width.mm), round(cover.page_height.mm)) == (210, 297)
    assert cover.orientation == WD_ORIENT.PORTRAIT
    assert (round(appendix.page_width.mm), round(appendix.page_height.mm)) == (297, 210)
    assert appendix.orientation == WD_ORIENT.LANDSCAPE


def test_the_word_report_has_the_twelve_numbered_sections_as_heading_1(progress: ReportInput) -> None:
    headings = [p.text for p in docx_of(progress).paragraphs if p.style.name == "Heading 1"]
    assert headings[:12] == [
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
    assert headings[12].startswith("Appendix 1: Action plan")


def test_the_word_report_uses_arial(progress: ReportInput) -> None:
    document = docx_of(progress)
    assert document.styles["Normal"].font.name == "Arial"
    assert document.styles["Heading 1"].font.name == "Arial"


def test_the_word_cover_has_the_header_block_and_the_recommendation_to_members(progress: ReportInput) -> None:
    document = docx_of(progress)
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["Meeting"] == "Cabinet"
    assert header["Wards affected"] == "All"
    assert header["Key decision"] == "No"
    assert header["Appendices"].startswith("1. Action plan")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Cabinet is asked to note the progress made against the action plan" in text
    assert (
        "3 complete, 0 closed without completion, 2 overdue, 2 at risk, 0 on track and 3 not started or not yet rated"
        in text
    )
    assert "2 ratings worsened" in text
    assert "Sam Okafor, Chief Executive, Westdale Borough Council" in text


def test_every_action_is_in_the_word_appendix_with_its_rating_in_words_and_colour(progress: ReportInput) -> None:
    table = appendix_of(docx_of(progress))
    assert [h.text for h in table.rows[0].cells] == [
        c.header for c in layout_get("objectives").build(progress.snapshot, progress.snapshot.recommendations).columns
    ]
    assert first_column(table) == ALL_REFS
    rag = {row.cells[0].text: row.cells[6] for row in table.rows[1:]}
    assert rag["2.1"].text == "Red"
    assert cell_fill(rag["2.1"]) == "D4351C"
    assert rag["1.1"].text == "Amber"
    assert cell_fill(rag["1.1"]) == "FFDD00"
    assert rag["1.1a"].text == "Blue (complete)"
    assert rag["1.1b"].text == "Not rated"


def test_the_appendix_header_row_repeats_on_every_page(progress: ReportInput) -> None:
    document = docx_of(progress)
    for table in document.tables[1:]:
        header_flag = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header_flag is not None
        assert header_flag.get(qn("w:val")) == "true"


def test_no_word_table_leaves_its_header_row_or_a_recommendation_heading_alone_at_the_foot_of_a_page(
    progress: ReportInput,
) -> None:
    def keeps_with_next(row: Any) -> bool:
        return all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)

    document = docx_of(progress)
    headed = [
        t
        for t in document.tables
        if t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    ]
    assert len(headed) > 4  # the figures, the exceptions and the appendix's tables
    for table in headed:
        assert keeps_with_next(table.rows[0]), [c.text for c in table.rows[0].cells]
    headings = [row for row in appendix_of(document).rows if len({id(c._tc) for c in row.cells}) == 1]
    assert headings
    for row in headings:
        assert keeps_with_next(row), row.cells[0].text


def test_the_word_exceptions_table_shows_commentary_and_revised_dates(progress: ReportInput) -> None:
    document = docx_of(progress)
    exceptions = next(t for t in document.tables if t.rows[0].cells[-1].text == "Latest commentary")
    rows = {row.cells[0].text: row for row in exceptions.rows[1:]}
    assert list(rows) == EXCEPTION_REFS
    assert "Revised from 30 September 2025" in rows["1.1"].cells[3].text
    assert "Overdue" in rows["2.1a"].cells[3].text
    assert "Savings proposals delayed" in rows["2.1"].cells[5].text


@pytest.mark.parametrize(
    ("layout", "headers"),
    [
        ("objectives", ["What do we want to achieve?", "How are we going to do it?", "Timescale"]),
        (
            "current-options",
            ["Peer Challenge Recommendation", "Current Actions", "Options for further action", "Responsibility"],
        ),
        (
            "ref-details",
            ["Ref", "Details of recommendation", "Action to be taken", "Responsible officer", "Implementation date"],
        ),
    ],
)
def test_each_layout_has_its_own_columns_and_every_action(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot, layout: str, headers: list[str]
) -> None:
    table = appendix_of(docx_of(make_input(snapshot_q1, snapshot_q2, layout=layout)))
    columns = [c.text for c in table.rows[0].cells]
    assert all(h in columns for h in headers)
    assert columns[-3:] == ["Status", "RAG", "Latest progress"]
    text = "\n".join(c.text for row in table.rows for c in row.cells)
    for action in snapshot_q2.actions:
        assert action.text in text


def test_the_current_options_layout_puts_proposed_actions_under_options(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    table = appendix_of(docx_of(make_input(snapshot_q1, snapshot_q2, layout="current-options")))
    row = next(r for r in table.rows if "residents' panel" in r.cells[2].text)
    assert row.cells[1].text == ""


def test_the_exception_report_lists_only_red_amber_and_overdue_actions(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    report = make_input(snapshot_q1, snapshot_q2, kind="exceptions", layout="ref-details")
    table = appendix_of(docx_of(report))
    assert first_column(table) == EXCEPTION_REFS
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig"))))
    assert [r[2] for r in rows[1:]] == EXCEPTION_REFS


@pytest.mark.parametrize("file_format", ["html", "pdf", "docx"])
def test_an_exception_report_with_no_exceptions_says_so_in_its_appendix_instead_of_an_empty_table(
    review: Any, file_format: str
) -> None:
    quiet = snapshot_take(review, as_of=date(2025, 1, 1))  # before any rating or due date: nothing to report
    report = ReportInput(snapshot=quiet, cover=COVER, kind="exceptions", layout="objectives")
    data = render(report, file_format)
    if file_format == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = " ".join(page.extract_text() or "" for page in pdf.pages)
    elif file_format == "docx":
        document = Document(io.BytesIO(data))
        text = " ".join(p.text for p in document.paragraphs)
        assert not [t for t in document.tables if [c.text for c in t.rows[0].cells][-1:] == ["Latest progress"]]
    else:
        text = data.decode()
    appendix = text[text.index("Appendix 1: Exceptions") :]
    assert "No action is rated red or amber, and none is overdue." in " ".join(appendix.split())


def test_the_position_statement_says_per_recommendation_what_is_done_its_impact_evidence_and_what_remains(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    report = ReportInput(
        snapshot_q2,
        Cover(impact={"2": "The capital programme is affordable again."}),
        "position-statement",
        "objectives",
        snapshot_q1,
    )
    document = docx_of(report)
    forms = [t for t in document.tables if t.rows[0].cells[0].text == "What has been done"]
    assert len(forms) == 3
    assert [r.cells[0].text for r in forms[0].rows] == [
        "What has been done",
        "Early impact",
        "Evidence",
        "What remains",
    ]
    second = {r.cells[0].text: r.cells[1].text for r in forms[1].rows}
    assert second["Early impact"] == "The capital programme is affordable again."
    assert "2.2 Review the capital programme's affordability — complete." in second["What has been done"]
    assert second["Evidence"] == "Cabinet minutes\nDrawn from the plan and its updates"
    assert "2.1a Agree a savings programme with Cabinet — green, due 31 July 2025 (overdue)" in second["What remains"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[0].startswith("Key recommendation 1:")


def test_the_position_statement_never_says_every_action_is_complete_when_some_were_closed_otherwise(
    snapshot_q2: Snapshot,
) -> None:
    def closed(rec: Any, status: str) -> Any:
        return replace(rec, actions=tuple(replace(a, status=status, overdue=False) for a in rec.actions))

    first, second, *rest = snapshot_q2.recommendations
    snapshot = replace(snapshot_q2, recommendations=(closed(first, "ongoing"), closed(second, "complete"), *rest))
    document = docx_of(ReportInput(snapshot, Cover(), "position-statement", "objectives"))
    forms = [t for t in document.tables if t.rows[0].cells[0].text == "What has been done"]
    remains = [{r.cells[0].text: r.cells[1].text for r in form.rows}["What remains"] for form in forms[:2]]
    assert "every action is complete." not in remains[0]
    assert remains[0].startswith("Nothing: every action is complete or closed")
    assert remains[1].startswith("Nothing: every action is complete.")


# --- PDF ------------------------------------------------------------------------------------------------------------


@pytest.fixture
def pdf(progress: ReportInput) -> Any:
    with pdfplumber.open(io.BytesIO(render(progress, "pdf"))) as document:
        yield [(page.width, page.height, page.extract_text() or "") for page in document.pages]


def test_the_pdf_is_a4_portrait_with_landscape_appendix_pages(pdf: list[tuple[float, float, str]]) -> None:
    width, height, _ = pdf[0]
    assert (round(width), round(height)) == (595, 842)
    appendix = [page for page in pdf if "Appendix 1: Action plan" in page[2]]
    assert appendix
    assert (round(appendix[0][0]), round(appendix[0][1])) == (842, 595)
    assert all(round(w) == 842 for w, _, _ in pdf[pdf.index(appendix[0]) :])


def test_the_pdf_numbers_its_pages_page_x_of_y(pdf: list[tuple[float, float, str]]) -> None:
    total = len(pdf)
    for number, (_, _, text) in enumerate(pdf, start=1):
        assert f"Page {number} of {total}" in text


def test_the_pdf_lists_every_action_with_its_rating_in_words(pdf: list[tuple[float, float, str]]) -> None:
    start = next(i for i, page in enumerate(pdf) if "Appendix 1: Action plan" in page[2])
    appendix = "\n".join(text for _, _, text in pdf[start:])
    for ref in ALL_REFS:
        assert f"\n{ref} " in appendix
    for word in ("Red", "Amber", "Green", "Blue (complete)", "Not rated"):
        assert word in appendix
    cover = "\n".join(text for _, _, text in pdf[:start])
    assert "1. Purpose of the report" in cover
    assert "12. Background papers" in cover


# --- HTML -----------------------------------------------------------------------------------------------------------


def test_the_html_download_is_standalone_with_its_css_in_a_style_element_only(progress: ReportInput) -> None:
    html = render(progress, "html").decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html
    assert ' style="' not in html
    assert "GDS Transport" not in html
    for ref in ALL_REFS:
        assert f">{ref}<" in html
    assert '<td class="app-report__rag app-rag--red' in html


def test_gov_uk_table_classes_only_on_the_app_s_pages_and_one_line_per_row_in_the_downloads(
    progress: ReportInput,
) -> None:
    doc = compose(progress)
    download = render(progress, "html").decode()
    app_page = render_to_string("reports/_report_body.html", {"doc": doc, "nested": True})
    for name in ("govuk-table__cell", "govuk-table__body", 'class="govuk-table__row app-report__group-row"'):
        assert name not in download
        assert name in app_page
    assert '<td class="govuk-table__cell app-report__rag app-rag--red' in app_page
    assert "<tr><td" in download and "</td>\n<td" not in download and "</tr>\n<tr" in download
    assert download.count("<td") == app_page.count("<td")


def test_the_report_body_partial_has_no_stylesheet_so_the_app_can_use_its_own(progress: ReportInput) -> None:
    body = render_to_string("reports/_report_body.html", {"doc": compose(progress)})
    assert "<style" not in body
    assert "<html" not in body
    assert ' style="' not in body
    assert "Appendix 1: Action plan" in body


# --- spreadsheets ---------------------------------------------------------------------------------------------------


def test_the_workbook_has_a_frozen_filtered_header_and_worded_filled_rag_cells(progress: ReportInput) -> None:
    book = load_workbook(io.BytesIO(render(progress, "xlsx")))
    sheet = book["Action plan"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Q11"
    headers = [c.value for c in sheet[1]]
    rows = {row[2]: dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == ALL_REFS
    assert rows["2.1"]["RAG"] == "Red"
    assert rows["3.1"]["Overdue"] == "Yes"
    assert rows["1.1"]["Revised"] == "Yes"
    rag_column = headers.index("RAG") + 1
    red = next(sheet.cell(row=r, column=rag_column) for r in range(2, 12) if sheet.cell(row=r, column=3).value == "2.1")
    assert red.fill.fgColor.rgb.endswith("D4351C")
    assert red.font.name == "Arial"
    lines = list(book["Summary"].iter_rows(values_only=True))
    summary = {row[0]: row[1] for row in lines[: lines.index(("Key", None))] if row[0] != "Total"}
    assert (summary["Complete"], summary["Overdue"], summary["Not rated"]) == (3, 2, 3)


def test_the_exception_reports_workbook_says_its_rows_are_the_exceptions_and_its_figures_the_whole_plan(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    book = load_workbook(io.BytesIO(render(make_input(snapshot_q1, snapshot_q2, kind="exceptions"), "xlsx")))
    assert "exceptions in the action plan as at 30 September 2025" in (book.properties.title or "")
    assert book["Action plan"].max_row == len(EXCEPTION_REFS) + 1
    notes = [row[0] for row in book["Summary"].iter_rows(values_only=True) if row[0]]
    assert any("only the actions rated red or amber, or overdue" in str(n) for n in notes)
    progress = load_workbook(io.BytesIO(render(make_input(snapshot_q1, snapshot_q2), "xlsx")))
    assert "action plan as at 30 September 2025" in (progress.properties.title or "")
    assert not any("only the actions" in str(row[0]) for row in progress["Summary"].iter_rows(values_only=True))


def test_the_csv_has_one_row_per_action_and_opens_in_excel(progress: ReportInput) -> None:
    data = render(progress, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the byte-order mark to read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["Ref"] for r in rows] == ALL_REFS
    assert rows[0]["Current due"] == "2025-11-30"
    assert rows[0]["Original due"] == "2025-09-30"


def test_rendering_the_same_input_twice_gives_the_same_html_and_csv(progress: ReportInput) -> None:
    assert render(progress, "html") == render(progress, "html")
    assert render(progress, "csv") == render(progress, "csv")


def test_every_tables_column_shares_add_up_to_the_full_width(progress: ReportInput) -> None:
    for table in compose(progress).tables():
        assert sum(percent for _, percent in table.column_percents) == 100
