"""Spreadsheets: CSV (any common delimiter and encoding) and Excel .xlsx (openpyxl, read-only).

Each sheet is one table; the header row is found among the first rows by its column names.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

from defusedxml import ElementTree
from openpyxl.utils.cell import range_boundaries

from peerplan.importers.blocks import Block, Paragraph, Row, Table, row_of
from peerplan.importers.builder import build
from peerplan.importers.columns import check_mapping
from peerplan.importers.errors import PlanImportError
from peerplan.importers.limits import ZIP_MAGIC, decode_text, open_zip
from peerplan.importers.result import ParseResult
from peerplan.importers.tables import gather
from peerplan.importers.text import html_to_text

MAX_ROWS = 20_000  # a plan has tens or hundreds of rows; more is a data dump
MAX_COLUMNS = 60
_GENERIC_SHEET = re.compile(r"^(sheet|tab|page)\s*\d*$", re.IGNORECASE)
CSV_EXTENSIONS = (".csv", ".tsv")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.day} {value:%B %Y}"  # an Excel date, written the way a plan writes one
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return html_to_text(str(value))


def _rows(values: Iterable[Iterable[Any]], where: str) -> list[Row]:
    rows = []
    for n, raw in enumerate(values, start=1):
        if n > MAX_ROWS:
            raise PlanImportError(f"more than {MAX_ROWS} rows; is this an action plan?", where)
        cells = [_cell(v) for v in list(raw)[:MAX_COLUMNS]]
        if any(c.strip() for c in cells):
            rows.append(row_of(cells, f"{where}row {n}"))
    return rows


def _table_and_notes(rows: list[Row], where: str) -> list[Block]:
    """A sheet's rows as its table, and the lines written below the table in the first column only
    ('Source: …', 'Progress is reported quarterly') as the paragraphs they are."""
    full = [n for n, r in enumerate(rows) if sum(1 for c in range(len(r.cells)) if r.text(c)) >= 2]
    if len(full) < 2:
        return [Table(rows, where)]  # only the header has two cells: the rows below are the plan's rows
    last_full = full[-1]
    notes = [Paragraph(r.text(0), r.where) for r in rows[last_full + 1 :] if r.text(0)]
    return [Table(rows[: last_full + 1], where), *notes]


def _require_header(blocks: list[Block], filename: str, mapping: Mapping[str, str] | None) -> None:
    found, _ = gather(blocks, check_mapping(mapping))
    if not any(not isinstance(b, Paragraph) for b in found):
        raise PlanImportError(
            "no header row found: the first rows should name columns such as 'Recommendation', "
            "'Action', 'Lead officer', 'Timescale' (or give a mapping)",
            filename,
        )


# --- CSV ---------------------------------------------------------------------------------------------
def sniff_csv(data: bytes, filename: str) -> bool:
    return PurePath(filename).suffix.lower() in CSV_EXTENSIONS


def csv_blocks(text: str, filename: str) -> list[Block]:
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if filename.lower().endswith(".tsv") else csv.excel
    try:
        values = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise PlanImportError(f"the CSV could not be read: {exc}", filename) from None
    return _table_and_notes(_rows(values, ""), filename)


def parse_csv(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    blocks = csv_blocks(decode_text(data, filename), filename)
    _require_header(blocks, filename, mapping)
    return build(blocks, filename, mapping=mapping, as_of=as_of)


# --- Excel -------------------------------------------------------------------------------------------
def sniff_xlsx(data: bytes, filename: str) -> bool:
    if PurePath(filename).suffix.lower() in XLSX_EXTENSIONS:
        return True
    return data.startswith(ZIP_MAGIC) and b"xl/workbook.xml" in data


def xlsx_blocks(data: bytes, filename: str) -> list[Block]:
    import openpyxl

    archive = open_zip(data, filename, "Excel workbook")
    try:
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise PlanImportError(f"this Excel workbook is damaged and cannot be opened ({exc})", filename) from None
        sheets: list[tuple[str, list[Row]]] = []
        try:
            for sheet in book.worksheets:
                if getattr(sheet, "sheet_state", "visible") != "visible":
                    continue  # hidden sheets hold lookups, not the plan
                hidden, merges = _sheet_layout(archive, getattr(sheet, "_worksheet_path", ""))
                values = _bounded(sheet.iter_rows(min_row=1, min_col=1, values_only=True), sheet.title)
                _repeat_merged_down(values, merges)
                shown = [v if n not in hidden else [] for n, v in enumerate(values, start=1)]
                rows = _rows(shown, f"sheet '{sheet.title}', ")
                if rows:
                    sheets.append((sheet.title, rows))
        finally:
            book.close()
    finally:
        archive.close()
    blocks: list[Block] = []
    for title, rows in sheets:
        if len(sheets) > 1 and not _GENERIC_SHEET.match(title):
            blocks.append(Paragraph(title, f"sheet '{title}'"))  # a sheet per section: 'Governance', 'Finance'
        blocks.extend(_table_and_notes(rows, f"sheet '{title}'"))
    return blocks


def _bounded(values: Iterable[Iterable[Any]], title: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for n, raw in enumerate(values, start=1):
        if n > MAX_ROWS:
            raise PlanImportError(f"more than {MAX_ROWS} rows; is this an action plan?", f"sheet '{title}'")
        rows.append(list(raw)[:MAX_COLUMNS])
    return rows


def _sheet_layout(archive: zipfile.ZipFile, path: str) -> tuple[set[int], list[tuple[int, int, int, int]]]:
    """The rows a sheet hides and its merged ranges (first row, first column, last row, last column),
    read by streaming the sheet's XML (openpyxl's read-only mode does not give them)."""
    hidden: set[int] = set()
    merges: list[tuple[int, int, int, int]] = []
    try:
        member = archive.open(path.lstrip("/"))
    except KeyError:
        return hidden, merges
    with member:
        for _, node in ElementTree.iterparse(member, events=("end",)):
            tag = node.tag.rsplit("}", 1)[-1]
            if tag == "row":
                if node.get("hidden") in ("1", "true") and (node.get("r") or "").isdigit():
                    hidden.add(int(node.get("r") or 0))
                node.clear()
            elif tag == "mergeCell" and (ref := node.get("ref")) and ":" in ref:
                try:
                    first_col, first_row, last_col, last_row = range_boundaries(ref)
                except ValueError:
                    continue
                merges.append((first_row, first_col, last_row, last_col))
    return hidden, merges


def _repeat_merged_down(values: list[list[Any]], merges: list[tuple[int, int, int, int]]) -> None:
    """A cell merged down repeats its value in each row it spans (the convention of blocks.py); a cell
    merged across keeps its value in its first column only, as Excel stores it."""
    for first_row, first_col, last_row, _ in merges:
        if last_row <= first_row or first_row > len(values):
            continue
        top = values[first_row - 1]
        value = top[first_col - 1] if first_col - 1 < len(top) else None
        for r in range(first_row + 1, min(last_row, len(values)) + 1):
            row = values[r - 1]
            if first_col - 1 < MAX_COLUMNS:
                row.extend([None] * (first_col - len(row)))
                row[first_col - 1] = value


def parse_xlsx(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    blocks = xlsx_blocks(data, filename)
    _require_header(blocks, filename, mapping)
    return build(blocks, filename, mapping=mapping, as_of=as_of)
