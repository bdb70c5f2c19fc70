"""Text a person wrote, made safe for a spreadsheet cell (XLSX or CSV): it never becomes a live formula.

OWASP's CSV injection advice: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as
a formula by Excel and LibreOffice. CSV has no types, so such text gets a leading `'`, which the spreadsheet
reads as "the rest is text". XLSX has types, so the words are kept exactly and written as a text cell with
Excel's quote prefix (a formula needs a formula cell). Every XLSX and CSV writer uses these helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_TYPES = (bool, int, float, Decimal, date, datetime)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def safe_text(text: str) -> str:
    """For CSV: `text`, with a leading `'` when it would otherwise start a formula."""
    return "'" + text if is_formula_like(text) else text


def safe_csv_row(values: Iterable[object]) -> list[object]:
    """A CSV row: text neutralised, dates as ISO dates, None as empty, numbers unchanged."""
    row: list[object] = []
    for value in values:
        if value is None:
            row.append("")
        elif isinstance(value, date | datetime):
            row.append(value.isoformat())
        elif isinstance(value, PLAIN_TYPES):
            row.append(value)
        else:
            row.append(safe_text(str(value)))
    return row


def xlsx_cell(sheet: Any, value: object) -> WriteOnlyCell:
    """An XLSX cell for `sheet` (append it with `sheet.append`): text is always a text cell, never a formula."""
    if value is None or isinstance(value, PLAIN_TYPES):
        return WriteOnlyCell(sheet, value=value)
    text = str(value)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    if is_formula_like(text):
        cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell
    return cell
