"""XLSX: the action plan sheet (frozen header, filters, RAG cells filled and worded) and a summary sheet."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from peerplan.plans.enums import ActionStatus
from peerplan.reports.compose import ReportInput, summarise
from peerplan.reports.document import long_date

from .registry import Renderer, renderer_register
from .tabular import COLUMNS, RAG_COLUMN, flat_rows

FONT = "Arial"
HEADER_FILL = PatternFill("solid", fgColor="DEE0E2")
THIN = Side(style="thin", color="B1B4B6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_COLUMNS = {7, 8, 15}


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour.lstrip("#").upper())


def render_xlsx(report: ReportInput) -> bytes:
    snapshot = report.snapshot
    fills = {label.label: (_fill(label.colour), label.text_colour.lstrip("#").upper()) for label in snapshot.rag_labels}
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "Action plan"
    sheet.append([heading for heading, _ in COLUMNS])
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = BORDER
    body_font, wrap = Font(name=FONT), Alignment(wrap_text=True, vertical="top")
    for row in flat_rows(report):
        sheet.append(list(row))
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.font, cell.alignment, cell.border = body_font, wrap, BORDER
            if index in DATE_COLUMNS:
                cell.number_format = "dd/mm/yyyy"
            if index == RAG_COLUMN and cell.value in fills:
                fill, text_colour = fills[str(cell.value)]
                cell.fill = fill
                cell.font = Font(name=FONT, bold=True, color=text_colour)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 2)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    summary = book.create_sheet("Summary")
    s = summarise(snapshot.actions)
    lines: list[tuple[str, object]] = [
        (snapshot.organisation, ""),
        (snapshot.review_title, ""),
        ("Position as at", long_date(snapshot.as_of)),
        ("", ""),
        ("Actions", s.total),
        ("Complete", s.complete),
        ("On track", s.on_track),
        ("At risk", s.at_risk),
        ("Overdue", s.overdue),
        ("Not yet rated or started", s.not_rated),
        ("", ""),
        ("RAG rating", "Actions"),
    ]
    for rating, count in s.by_rag:
        label = snapshot.rag_label(rating) if rating else None
        if rating and label is None:
            continue
        lines.append((label.label if label else "Not rated", count))
    lines += [("", ""), ("Status", "Actions")]
    lines += [(str(ActionStatus(status).label), count) for status, count in s.by_status]
    for line in lines:
        summary.append(list(line))
        first = summary.cell(row=summary.max_row, column=1)
        first.font = Font(name=FONT, bold=line[0] in ("RAG rating", "Status") or summary.max_row <= 2)
        summary.cell(row=summary.max_row, column=2).font = Font(name=FONT)
        if first.value in fills:
            fill, text_colour = fills[str(first.value)]
            first.fill, first.font = fill, Font(name=FONT, bold=True, color=text_colour)
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 22

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


renderer_register(
    Renderer(
        "xlsx",
        "Excel workbook (XLSX)",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render_xlsx,
    )
)
