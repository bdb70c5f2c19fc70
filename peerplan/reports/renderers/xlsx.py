"""XLSX: the action plan sheet (frozen header, filters, RAG cells filled and worded) and a summary sheet."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from peerplan.plans.figures import Headline
from peerplan.reports.compose import ReportInput, summarise
from peerplan.reports.enums import ReportKind
from peerplan.reports.snapshot import Snapshot
from peerplan.shared.dates import long_date

from .registry import Renderer, renderer_register
from .safe_cells import xlsx_cell
from .tabular import COLUMNS, RAG_COLUMN, flat_rows

FONT = "Arial"
HEADER_FILL = PatternFill("solid", fgColor="DEE0E2")
THIN = Side(style="thin", color="B1B4B6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_COLUMNS = {7, 8, 15}


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour.lstrip("#").upper())


def _styled(cell: Any, font: Font, alignment: Alignment | None = None, border: Border | None = None) -> Any:
    cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    return cell


def render_xlsx(report: ReportInput) -> bytes:
    """Written row by row in openpyxl's write-only mode: time and memory grow linearly with the actions."""
    snapshot = report.snapshot
    fills = {label.label: (_fill(label.colour), label.text_colour.lstrip("#").upper()) for label in snapshot.rag_labels}
    rag_fonts = {name: Font(name=FONT, bold=True, color=text_colour) for name, (_, text_colour) in fills.items()}
    book = Workbook(write_only=True)
    exceptions_only = report.kind == ReportKind.EXCEPTIONS
    what = "exceptions in the action plan" if exceptions_only else "action plan"
    book.properties.title = (
        f"{snapshot.organisation}: {snapshot.review_title}, {what} as at {long_date(snapshot.as_of)}"
    )
    book.properties.creator = f"{snapshot.organisation} (peerplan)"
    book.properties.language = "en-GB"
    sheet = book.create_sheet("Action plan")
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    header_font, body_font = Font(name=FONT, bold=True), Font(name=FONT)
    wrap = Alignment(wrap_text=True, vertical="top")
    rows = flat_rows(report)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(rows) + 1, 2)}"
    header = []
    for heading, _ in COLUMNS:
        cell = _styled(xlsx_cell(sheet, heading), header_font, wrap, BORDER)
        cell.fill = HEADER_FILL
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            cell = _styled(xlsx_cell(sheet, value), body_font, wrap, BORDER)
            if index in DATE_COLUMNS:
                cell.number_format = "dd/mm/yyyy"
            if index == RAG_COLUMN and value in fills:
                cell.fill = fills[str(value)][0]
                cell.font = rag_fonts[str(value)]
            cells.append(cell)
        sheet.append(cells)

    summary = book.create_sheet("Summary")
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 22
    for line in summary_lines(snapshot, exceptions_only=exceptions_only):
        first = _styled(xlsx_cell(summary, line[0]), Font(name=FONT, bold=line[2]))
        if line[0] in fills:
            first.fill, first.font = fills[str(line[0])][0], rag_fonts[str(line[0])]
        summary.append([first, _styled(xlsx_cell(summary, line[1]), Font(name=FONT, bold=line[2]))])

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def summary_lines(snapshot: Snapshot, *, exceptions_only: bool = False) -> list[tuple[str, object, bool]]:
    """The Summary sheet, (first column, second column, bold): the same three tables as the report."""
    f = summarise(snapshot.actions)
    lines: list[tuple[str, object, bool]] = [
        (snapshot.organisation, "", True),
        (snapshot.review_title, "", True),
        ("Position as at", long_date(snapshot.as_of), False),
        ("", "", False),
    ]
    if exceptions_only:  # the two sheets count different things: say so, so nobody reconciles them by hand
        note = (
            "The Action plan sheet lists only the actions rated red or amber, or overdue; "
            "the figures below are for the whole plan."
        )
        lines += [(note, "", False), ("", "", False)]
    lines += [
        ("Position (each action counted once)", "Actions", True),
    ]
    lines += [(str(h.label), count, False) for h, count in f.by_headline]
    lines += [("Total", f.total, True), ("", "", False), ("RAG rating (all actions)", "Actions", True)]
    for rating, count in f.by_rag:
        label = snapshot.rag_label(rating) if rating else None
        if rating and label is None:
            continue
        lines.append((label.label if label else "Not rated", count, False))
    lines += [("Total", f.total, True), ("", "", False), ("Status", "Actions", True)]
    lines += [(str(status.label), count, False) for status, count in f.by_status]
    lines += [("Total", f.total, True), ("", "", False), ("Key", "", True)]
    lines += [(str(h.label), h.meaning, False) for h in Headline]
    return lines


renderer_register(
    Renderer(
        "xlsx",
        "Excel workbook (XLSX)",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render_xlsx,
    )
)
