"""PDF plans: ruled tables page by page with the text around them; a PDF without ruled tables is read
as text laid out in columns (a wide gap between words becomes a tab, as the text parser expects).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from peerplan.importers.blocks import Block, Paragraph, Row, Table
from peerplan.importers.builder import build
from peerplan.importers.columns import is_header
from peerplan.importers.errors import PlanImportError
from peerplan.importers.limits import PDF_MAGIC
from peerplan.importers.parsers.pdf_layout import PageLayout, Word, find_tables, open_pdf, read_page
from peerplan.importers.parsers.text import text_blocks
from peerplan.importers.result import ParseResult
from peerplan.importers.tables import is_furniture
from peerplan.importers.text import clean_cell

MAX_PAGES = 300
COLUMN_GAP = 12.0  # points between two words that sit in different columns
_DIGITS = re.compile(r"\d+")
_ITEM = re.compile(r"^\s*(?:[-–•●▪◦*·\uf0b7\uf0a7]\s|\(?[a-z0-9]{1,3}[.)]\s|\(\d{1,2}[a-z]?\)\s)")
Box = tuple[float, float, float, float]


def sniff_pdf(data: bytes, filename: str) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC) or PurePath(filename).suffix.lower() == ".pdf"


def _lines(words: list[Word]) -> list[tuple[float, str]]:
    """Words as text lines (top, text), words far apart joined by a tab."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if rows and abs(rows[-1][0].top - word.top) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        text = row[0].text
        for before, word in itertools.pairwise(row):
            text += ("\t" if word.x0 - before.x1 > COLUMN_GAP else " ") + word.text
        out.append((row[0].top, text))
    return out


def _furniture(pages: list[list[tuple[float, str]]]) -> set[str]:
    """Running headers and footers: lines (numbers aside) that recur on most pages; column headings
    repeated on each page are kept, since the first of them is the table's header."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_DIGITS.sub("#", t) for _, t in lines})
    return {t for t, n in seen.items() if n >= len(pages) * 0.6 and not is_header(t.split("\t"))}


def _inside(word: Word, box: Box) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


@dataclass
class _Grid:
    """A ruled table read from one page, with, for each row, the columns whose cell is merged with the
    one above (column → the row the merged cell starts in)."""

    table: Table
    merged_from: list[dict[int, int]]


def _table(cells: list[Box], words: list[Word], where: str) -> _Grid:
    """A grid from the cells' boxes: rows by their top, columns by their left edge; each word goes to
    the cell it sits in (found by bisection, a merged cell by stepping back to where it starts). A
    cell merged across columns is read once, in its first column; a cell merged down repeats its text
    in each row it spans."""
    tops = sorted({round(c[1]) for c in cells})
    lefts = sorted({round(c[0]) for c in cells})
    by_start = {(tops.index(round(c[1])), lefts.index(round(c[0]))): c for c in cells}
    grid: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        r, c = bisect.bisect_right(tops, y) - 1, bisect.bisect_right(lefts, x) - 1
        key = (
            next(
                (
                    k
                    for k in ((r - i, c - j) for i in range(len(tops)) for j in range(len(lefts)))
                    if k in by_start and _inside(word, by_start[k])
                ),
                None,
            )
            if r >= 0 and c >= 0
            else None
        )
        if key is not None:
            grid.setdefault(key, []).append(word)
    covered: dict[tuple[int, int], int] = {}  # (row, column) → the row its merged cell starts in
    for (r0, c0), box in by_start.items():
        for r in range(r0 + 1, len(tops)):
            if tops[r] < box[3] - 2:
                covered[(r, c0)] = r0
    right_of = _usable_right(cells, lefts, grid)
    rows: list[Row] = []
    merged_from: list[dict[int, int]] = []
    kept: dict[int, int] = {}  # grid row → index in rows
    for r in range(len(tops)):
        texts = []
        for c in range(len(lefts)):
            origin = covered.get((r, c), r)
            texts.append(clean_cell("\n".join(_paragraphs(grid.get((origin, c), []), right_of[c]))))
        if any(texts):
            kept[r] = len(rows)
            rows.append(Row([t.split("\n") for t in texts], f"{where}, row {r + 1}"))
            merged_from.append({c: kept.get(o, -1) for (rr, c), o in covered.items() if rr == r})
    return _Grid(Table(rows, where), merged_from)  # ruled rows are whole, lines joined into paragraphs


def _usable_right(cells: list[Box], lefts: Sequence[float], grid: dict[tuple[int, int], list[Word]]) -> list[float]:
    """How far text can reach in each column: its right rule less the padding its text keeps from
    the left rule."""
    out = []
    for col, left in enumerate(lefts):
        edge = lefts[col + 1] if col + 1 < len(lefts) else max(c[2] for c in cells)
        starts = [w.x0 for (_, c), ws in grid.items() if c == col for w in ws]
        padding = max(0.0, min(starts) - left) if starts else 0.0
        out.append(edge - min(padding, 10.0))
    return out


def _paragraphs(words: list[Word], right: float) -> list[str]:
    """A cell's words as its paragraphs: a line is joined to the one before when the one before was
    full (its next word would not have fitted, so the break is only wrapping); a bullet or numbered
    item starts a new paragraph. `right` is the furthest any line in the column reaches."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][0].top - word.top) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    out: list[str] = []
    previous: list[Word] | None = None
    for line in lines:
        line.sort(key=lambda w: w.x0)
        text = " ".join(w.text for w in line)
        if previous is not None and out:
            room = right - previous[-1].x1
            first = line[0].x1 - line[0].x0
            space = max(2.0, (line[0].bottom - line[0].top) * 0.3)
            if first + space >= room - 1 and not _ITEM.match(text):
                out[-1] = out[-1] + text if out[-1].endswith("-") else f"{out[-1]} {text}"
                previous = line
                continue
        out.append(text)
        previous = line
    return out


def _texts(row: Row) -> list[str]:
    return [" ".join(row.text(c).split()) for c in range(len(row.cells))]


def _split_row_at(before: _Grid, after: _Grid) -> int | None:
    """Where, on the next page, the rest of the last row on the page before is: the first row, or
    the one after the header repeated at the top of the page. Only on strong evidence: the same
    columns, its first cell empty, and each of its texts either starting in lower case or going on
    from a text that stopped mid-sentence."""
    if not before.table.rows or not after.table.rows:
        return None
    last, header = before.table.rows[-1], before.table.rows[0]
    at = 1 if _texts(after.table.rows[0]) == _texts(header) and len(before.table.rows) > 1 else 0
    if at >= len(after.table.rows):
        return None
    first = after.table.rows[at]
    if len(last.cells) != len(first.cells) or first.text(0) or _texts(first) == _texts(header):
        return None
    filled = [c for c in range(len(first.cells)) if first.text(c)]
    if filled and all(
        first.text(c)[:1].islower() or (last.text(c) and last.text(c)[-1:] not in ".!?:") for c in filled
    ):
        return at
    return None


def _join_across_pages(before: _Grid, after: _Grid, at: int) -> None:
    """Move the rest of a row split over a page onto the row it belongs to; cells of the next rows
    merged down from it repeat the joined text. A header repeated above it stays where it is."""
    last = before.table.rows[-1]
    first = after.table.rows.pop(at)
    after.merged_from.pop(at)
    for col, lines in enumerate(first.cells):
        text = [line for line in lines if line]
        if text:
            before_lines = [line for line in last.cells[col] if line]
            if before_lines and (text[0][:1].islower() or before_lines[-1][-1:] not in ".!?:"):
                before_lines[-1] = f"{before_lines[-1]} {text.pop(0)}"  # a paragraph carried over the page
            last.cells[col] = [*before_lines, *text]
    for row, merged in zip(after.table.rows[at:], after.merged_from[at:], strict=True):
        for col, origin in merged.items():
            if origin == at:
                row.cells[col] = list(last.cells[col])
    after.merged_from = [{c: o - 1 if o > at else o for c, o in m.items()} for m in after.merged_from]


def pdf_blocks(data: bytes, filename: str) -> list[Block]:
    if not data[:1024].lstrip().startswith(PDF_MAGIC):
        raise PlanImportError("this is not a PDF: it does not start with %PDF", filename)
    document = open_pdf(data, filename)
    try:
        if len(document) > MAX_PAGES:
            raise PlanImportError(f"the PDF has {len(document)} pages; the limit is {MAX_PAGES}", filename)
        pages: list[PageLayout] = [read_page(document, i) for i in range(len(document))]
    finally:
        document.close()
    found = [(page, find_tables(page.edges)) for page in pages]
    if not any(tables for _, tables in found):
        lines = [_lines(page.words) for page in pages]
        skip = _furniture(lines)
        return text_blocks("\n".join(t for page in lines for _, t in page if _DIGITS.sub("#", t) not in skip))
    return _with_tables(found)


def _with_tables(found: list[tuple[PageLayout, list[list[Box]]]]) -> list[Block]:
    outside: list[tuple[PageLayout, list[list[Box]], list[tuple[float, str]]]] = []
    for page, tables in found:
        boxes = [
            (min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t)) for t in tables
        ]
        free = [w for w in page.words if not any(_inside(w, b) for b in boxes)]
        outside.append((page, tables, _lines(free)))
    skip = _furniture([lines for _, _, lines in outside])
    blocks: list[Block] = []
    previous: _Grid | None = None  # the last table, while nothing but page furniture follows it
    for page, tables, lines in outside:
        items: list[tuple[float, Paragraph | _Grid]] = [
            (top, Paragraph(" ".join(text.split()), f"page {page.number}"))
            for top, text in lines
            if _DIGITS.sub("#", text) not in skip
        ]
        for n, cells in enumerate(sorted(tables, key=lambda t: min(c[1] for c in t)), start=1):
            box = (
                min(c[0] for c in cells),
                min(c[1] for c in cells),
                max(c[2] for c in cells),
                max(c[3] for c in cells),
            )
            inside = [w for w in page.words if _inside(w, box)]
            items.append((box[1], _table(cells, inside, f"page {page.number}, table {n}")))
        ordered = [item for _, item in sorted(items, key=lambda i: i[0])]
        first = next((b for b in ordered if not (isinstance(b, Paragraph) and is_furniture(b))), None)
        if isinstance(first, _Grid) and isinstance(previous, _Grid):
            at = _split_row_at(previous, first)
            if at is not None:
                _join_across_pages(previous, first, at)
        for item in ordered:
            if isinstance(item, _Grid):
                if item.table.rows:
                    blocks.append(item.table)
                previous = item
            else:
                blocks.append(item)
                if not is_furniture(item):
                    previous = None
    return blocks


def parse_pdf(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    return build(pdf_blocks(data, filename), filename, mapping=mapping, as_of=as_of)
