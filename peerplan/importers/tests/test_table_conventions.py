"""Every format gives a table's merged cells the same way (blocks.py): a cell merged across the whole
row is a full-width row (the text in its first cell), a cell merged down repeats its text; Excel's
hidden rows and sheets are not read; lists in a cell stay separate lines."""

from __future__ import annotations

import io

import docx
import openpyxl

from peerplan.importers.blocks import Block, Table
from peerplan.importers.parsers.docx import docx_blocks
from peerplan.importers.parsers.html import html_blocks
from peerplan.importers.parsers.sheets import xlsx_blocks

EXPECTED = [
    ["Ref", "Recommendation", "Action", "Due"],
    ["Governance", "", "", ""],
    ["1", "Strengthen scrutiny", "Train chairs", "May 2024"],
    ["1", "Strengthen scrutiny", "Publish work programme", "June 2024"],
]


def _grid(blocks: list[Block]) -> list[list[str]]:
    (table,) = [b for b in blocks if isinstance(b, Table)]
    return [[row.text(c) for c in range(len(row.cells))] for row in table.rows]


def _xlsx(hide_row: bool = False, hidden_sheet: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    sheet.append(EXPECTED[0])
    sheet.append(["Governance"])
    sheet.merge_cells("A2:D2")
    sheet.append(["1", "Strengthen scrutiny", "Train chairs", "May 2024"])
    sheet.append([None, None, "Publish work programme", "June 2024"])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    if hide_row:
        sheet.append(["9", "Old lookup row", "Hidden", "2001"])
        sheet.row_dimensions[5].hidden = True
    if hidden_sheet:
        lookups = book.create_sheet("Lookups")
        lookups.append(["Ref", "Recommendation", "Action"])
        lookups.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_merged_cells_follow_the_conventions() -> None:
    assert _grid(xlsx_blocks(_xlsx(), "plan.xlsx")) == EXPECTED


def test_excel_hidden_rows_and_sheets_are_not_read() -> None:
    blocks = xlsx_blocks(_xlsx(hide_row=True, hidden_sheet=True), "plan.xlsx")
    assert _grid(blocks) == EXPECTED


def test_word_merged_cells_follow_the_conventions_and_lists_in_a_cell_stay_lines() -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(EXPECTED):
        for c, text in enumerate(row):
            if r != 3 or c > 1:
                table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, 3))
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(2, 1).merge(table.cell(3, 1))
    table.cell(1, 0).text = "Governance"
    cell = table.cell(3, 2)
    cell.text = "Publish work programme"
    cell.add_paragraph("Send it to every member")
    out = io.BytesIO()
    document.save(out)
    blocks = docx_blocks(out.getvalue(), "plan.docx")
    grid = _grid(blocks)
    assert grid[:3] == EXPECTED[:3]
    assert grid[3] == ["1", "Strengthen scrutiny", "Publish work programme\nSend it to every member", "June 2024"]


def test_html_spans_follow_the_conventions_and_list_items_in_a_cell_stay_lines() -> None:
    html = """<table>
    <tr><th>Ref</th><th>Recommendation</th><th>Action</th><th>Due</th></tr>
    <tr><td colspan="4">Governance</td></tr>
    <tr><td rowspan="2">1</td><td rowspan="2">Strengthen scrutiny</td><td>Train chairs</td><td>May 2024</td></tr>
    <tr><td><ul><li>Publish work programme</li><li>Send it to every member</li></ul></td><td>June 2024</td></tr>
    </table>"""
    grid = _grid(html_blocks(html))
    assert grid[:3] == EXPECTED[:3]
    assert grid[3][:2] == ["1", "Strengthen scrutiny"]
    assert grid[3][2].split("\n") == ["- Publish work programme", "- Send it to every member"]
