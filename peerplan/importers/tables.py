"""From the tables a parser found to the plan's tables: find the header row, map the columns, join
a table split across pages, drop repeated headings, and join rows broken across lines or pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .blocks import Block, Paragraph, Row, Table
from .columns import field_by_words, field_for, is_header, normalise_heading
from .labels import read_label
from .result import ColumnReading, Doubt
from .understanding import Column, is_plan, is_timescale, read_columns, read_content, readings

HEADER_SEARCH_ROWS = 12
SAMPLE_ROWS = 120
_FURNITURE = re.compile(r"^(?:page\s*\d+(?:\s*of\s*\d+)?|\d{1,3}|continued|cont'?d\.?|\(continued\))$", re.I)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[a-z]?\b|(?:KR|R|K)\s?\d{1,2}\b|recommendation\s+\d)", re.I)


@dataclass
class PlanTable:
    """A table with a recognised header: its columns by field, and its data rows."""

    header: list[str]
    columns: list[tuple[int, str, str]]  # (column, heading as found, field)
    rows: list[Row]
    where: str
    wrapped: bool
    doubts: list[Doubt] = field(default_factory=list)
    readings: list[ColumnReading] = field(default_factory=list)

    def cols(self, *fields: str) -> list[int]:
        return [c for c, _, f in self.columns if f in fields]

    def col(self, name: str) -> int | None:
        found = self.cols(name)
        return found[0] if found else None

    def heading(self, col: int) -> str:
        return next((h for c, h, _ in self.columns if c == col), f"column {col + 1}")

    def fields(self) -> set[str]:
        return {f for _, _, f in self.columns}

    def id_col(self) -> int | None:
        for name in ("ref", "recommendation", "objective"):
            if (col := self.col(name)) is not None:
                return col
        return None


def _cells(row: Row) -> list[str]:
    return [row.text(c) for c in range(len(row.cells))]


def _repeats_header(row: Row, header: list[str]) -> bool:
    """The header row repeated (on each page of a long table)."""
    filled = sum(1 for cell in row.cells if any(seg.strip() for seg in cell))
    if filled != sum(1 for x in header if x.strip()):
        return False
    return _same_header(_cells(row), header)


def _same_header(a: list[str], b: list[str]) -> bool:
    if sum(1 for x in a if x.strip()) != sum(1 for x in b if x.strip()):
        return False  # quick: most rows are not a header repeated
    na = [normalise_heading(x) for x in a if x.strip()]
    nb = [normalise_heading(x) for x in b if x.strip()]
    return bool(na) and na == nb


def _find_header(table: Table, overrides: Mapping[str, str]) -> int | None:
    if table.header_row is not None:
        return table.header_row
    for n, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        cells = _cells(row)
        if is_header(cells) or sum(1 for c in cells if normalise_heading(c) in overrides) >= 2:
            return n
    return None


def _looks_like_header(cells: list[str]) -> bool:
    """Short cells, none a sentence or a number, at least two naming a field by their words."""
    filled = [" ".join(c.split()) for c in cells if c.strip()]
    if len(filled) < 2 or any(len(c.split()) > 8 or c.endswith(".") or any(ch.isdigit() for ch in c) for c in filled):
        return False
    named = [c for c in filled if field_for(c) or field_by_words(c)]
    return len({field_for(c) or field_by_words(c) for c in named}) >= 2 and len(named) * 2 >= len(filled)


def _columns_of(rows: list[Row], header: list[str], overrides: Mapping[str, str]) -> list[Column]:
    return read_columns(header, [_cells(r) for r in rows[:SAMPLE_ROWS]], overrides)  # a sample: stays linear


def _by_content(table: Table, overrides: Mapping[str, str]) -> tuple[int, list[Column], bool] | None:
    """A table whose header names nothing we know, or that has none: (the header row, or the last row
    above the body when there is no header; the columns; whether there is a header) when its cells say
    it is an action plan. Title rows above (one cell filled) are skipped."""
    if len(table.rows) < 2 or max(len(r.cells) for r in table.rows) < 2:
        return None
    skip = 0
    while skip < min(3, len(table.rows) - 2) and sum(1 for c in _cells(table.rows[skip]) if c.strip()) <= 1:
        skip += 1
    for n, row in enumerate(table.rows[skip : skip + HEADER_SEARCH_ROWS], start=skip):
        if _looks_like_header(_cells(row)):
            columns = _columns_of(table.rows[n + 1 :], _cells(row), overrides)
            if is_plan(columns):
                return n, columns, True
    first = _cells(table.rows[skip])
    if (
        sum(1 for c in first if c.strip()) >= 2
        and not any(len(c.split()) > 8 for c in first)
        and not _reads_as_data(first, table.rows[skip + 1 :], overrides)
    ):
        columns = _columns_of(table.rows[skip + 1 :], first, overrides)  # a first row of unknown headings
        if is_plan(columns):
            return skip, columns, True
    columns = _columns_of(table.rows[skip:], [], overrides)  # no header row at all
    if is_plan(columns):
        return skip - 1, columns, False
    return None


def _reads_as_data(first: list[str], rest: list[Row], overrides: Mapping[str, str]) -> bool:
    """A first row whose date or reference sits in a column of dates or references is a row of the
    plan, not its headings (headings are not 'March 2026')."""
    for c in _columns_of(rest, [], overrides):
        if (
            c.field in ("timescale", "ref")
            and c.index < len(first)
            and first[c.index].strip()
            and read_content([first[c.index]])[0] == c.field
        ):
            return True
    return False


def is_furniture(paragraph: Paragraph) -> bool:
    """Page numbers and 'continued' lines that sit between the parts of a table split across pages."""
    return not paragraph.text.strip() or bool(_FURNITURE.match(paragraph.text.strip()))


def gather(blocks: list[Block], overrides: Mapping[str, str]) -> tuple[list[Paragraph | PlanTable], list[Doubt]]:
    """Paragraphs and PlanTables in document order; tables without a header become paragraphs
    (a two-column list of recommendations reads as 'Recommendation 1 …' lines)."""
    out: list[Paragraph | PlanTable] = []
    doubts: list[Doubt] = []
    last: PlanTable | None = None
    since_last: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block)
            if not is_furniture(block):
                since_last.append(block)
            continue
        header_at = _find_header(block, overrides)
        found: list[Column] | None = None
        adjoining = last is not None and not since_last
        continues = header_at is None and adjoining and last is not None and _fits(block, last)
        has_header = True
        if header_at is None and not continues and (by_content := _by_content(block, overrides)) is not None:
            header_at, found, has_header = by_content
        if header_at is not None:
            header = _cells(block.rows[header_at]) if has_header else []
            out.extend(_lines_of(block.rows[: header_at + (0 if has_header else 1)]))
            body = block.rows[header_at + 1 :]
            if adjoining and last is not None and header and _same_header(last.header, header):
                last.rows.extend(r for r in body if not _repeats_header(r, header))
            else:
                body = [r for r in body if not _repeats_header(r, header)]
                read = found if found is not None else _columns_of(body, header, overrides)
                width = max([len(header), *(len(r.cells) for r in body[:60])], default=0)
                header = header + [""] * (width - len(header))
                columns = [(c.index, c.key, c.field) for c in read if c.field and c.field != "ignore"]
                last = PlanTable(header, columns, body, block.where, block.wrapped)
                last.readings = readings(read, block.where)
                for c in read:
                    if c.heading and not c.field:
                        doubts.append(Doubt(f"{block.where}, column '{c.heading}'", _unknown(c.reason)))
                out.append(last)
        elif adjoining and last is not None and _fits(block, last):
            last.rows.extend(block.rows)  # the rest of a table split over a page, headings not repeated
        else:
            lines = _lines_of(block.rows)
            out.extend(lines)
            if len(block.rows) > 1 and not any(read_label(p.text) for p in lines):
                doubts.append(
                    Doubt(
                        block.where,
                        "no header row found (such as 'Recommendation', 'Action', "
                        "'Lead officer', 'Timescale'); the table was read as text",
                    )
                )
            last = None
        since_last = []
    return out, doubts


def _unknown(reason: str) -> str:
    return f"{reason} (choose what it holds under “How the columns were read” to read it)"


def _fits(table: Table, last: PlanTable) -> bool:
    widths = {len(r.cells) for r in table.rows}
    return widths == {len(last.header)}


def _lines_of(rows: list[Row]) -> list[Paragraph]:
    out = []
    for row in rows:
        text = " ".join(t for t in (" ".join(row.text(c).split()) for c in range(len(row.cells))) if t)
        if text:
            out.append(Paragraph(text, row.where))
    return out


def join_broken_rows(table: PlanTable) -> None:
    """In a PDF or column-laid text a row can run over lines or pages: a row whose identifying cell
    is empty (or, in a numbered table, not numbered) continues the row before."""
    if not table.wrapped or not table.rows:
        return
    id_col = table.id_col()
    if id_col is None:
        id_col = min((c for c, _, _ in table.columns), default=0)
    ids = [r.text(id_col) for r in table.rows]
    filled = [t for t in ids if t]
    numbered = (
        bool(filled)
        and bool(_NUMBERED.match(filled[0]))
        and sum(1 for t in filled if _NUMBERED.match(t)) * 2 >= len(filled)
    )
    own = [c for c, _, f in table.columns if f not in _SPANNING]
    merged: list[Row] = []
    for row, ident in zip(table.rows, ids, strict=True):
        under_full_width = bool(merged) and _only_first_filled(merged[-1])
        if (
            merged
            and _continues(ident, numbered=numbered)
            and not ((not ident or under_full_width) and _whole(row, table, own))
        ):
            if not numbered and ident:
                table.doubts.append(Doubt(row.where, "read as the continuation of the row before"))
            merged[-1].extend(row)
        else:
            merged.append(row)
    table.rows = merged


# Columns a merged cell spans down (left empty below its first row in text): the rest belong to each row.
_SPANNING = frozenset({"ref", "recommendation", "objective", "section", "theme", "source", "key"})


def _whole(row: Row, table: PlanTable, own: list[int]) -> bool:
    """A row under a merged cell rather than the broken end of the row above: strong evidence only.
    Every column of its own is filled, none carries on a sentence (a small letter first), and its
    timescale reads as a timescale by itself."""
    if len(own) < 2:
        return False
    texts = [" ".join(row.text(c).split()) for c in own]
    if not all(texts) or any(t[:1].islower() for t in texts):
        return False
    col = table.col("timescale")
    return col is None or is_timescale(" ".join(row.text(col).split()))


def _only_first_filled(row: Row) -> bool:
    """A full-width row: a recommendation or section written across the table."""
    return len(row.cells) >= 3 and bool(row.text(0)) and not any(row.text(c) for c in range(1, len(row.cells)))


def _continues(ident: str, *, numbered: bool) -> bool:
    if not ident:
        return True
    if numbered:
        return not _NUMBERED.match(ident)
    return ident[:1].islower()


def field_of_heading(heading: str) -> str | None:
    return field_for(heading)
