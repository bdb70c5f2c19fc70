"""Tables written as plain text without tabs, rebuilt from their shape (not from their words):

- **one cell a line, each ending in " |"** (an HTML table flattened): a cell may wrap over several
  lines and ends at the line ending in "|"; a lone "|" is an empty cell. The number of cells a row has
  is found as the width that makes the columns most alike from row to row (refs under refs, dates
  under dates, long text under long text).
- **a row a line, cells split by " / "** under a header line of " / "-separated headings. A line with
  no " / " between rows is a full-width row (a recommendation or a section) when rows follow it, and
  otherwise the continuation of the row before; a row broken over two lines is joined when the line
  ends mid-phrase, the next starts in lower case, or the two together make one row's cells; a literal
  "/" inside a cell ("data / tracking") is kept when the row has too many cells; a row with an empty
  cell dropped has its cells placed where they best match the other rows' columns.
- **space-aligned columns** (two or more spaces between cells, as `pdftotext -layout` writes): the
  header's cells give the columns; a line whose first column is empty continues the row above.

Each returns a `Table` (rows of cells of line segments) following the conventions in `blocks.py`:
a full-width row is a row whose first cell holds the text and every other cell is empty.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from peerplan.importers.blocks import Row, Table
from peerplan.importers.text import clean_line

MAX_COLUMNS = 20
_SLASH = re.compile(r"(?:^|\s+)/(?:\s+|$)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{2,4}}|{_MONTH}\s+\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    r"|q[1-4]\b|(?:19|20)\d\d(?:/\d\d)?\b|immediate(?:ly)?|ongoing|on-going)",
    re.IGNORECASE,
)
_REF = re.compile(r"^\(?[A-Z]{0,4}\s?\d{1,3}(?:\.\d{1,3})*[a-z]?[.)]?$|^\(?[a-z]{1,2}[.)]$|^\(?[ivx]{1,4}\)$")
_MARKER = re.compile(
    r"^(?:\(\d{1,2}[a-z]?\)|\(?[a-z]\)|\d{1,2}(?:\.\d{1,2})*[a-z]?[.)])\s+\S|^[A-Z]{1,3}\d{1,3}[a-z]?[.):]?\s"
)
_CONTINUES = re.compile(r"(?:\b(?:and|or|of|the|to|for|with|in|on|by|a|an|from|between|including|at)|[,;:(&–-])$", re.I)


# --- what a cell looks like ----------------------------------------------------------------------------
@dataclass
class _Shape:
    empty: float
    date: float
    ref: float
    marker: float
    size: float  # log(1 + words)


def _shape(text: str) -> _Shape:
    t = " ".join(text.split())
    if not t:
        return _Shape(1, 0, 0, 0, 0)
    words = len(t.split())
    return _Shape(
        0,
        1.0 if words <= 6 and _DATE.search(t) else 0.0,
        1.0 if _REF.match(t) else 0.0,
        1.0 if _MARKER.match(t) else 0.0,
        math.log1p(words),
    )


def _mean(shapes: list[_Shape]) -> _Shape:
    n = len(shapes) or 1
    return _Shape(
        sum(s.empty for s in shapes) / n,
        sum(s.date for s in shapes) / n,
        sum(s.ref for s in shapes) / n,
        sum(s.marker for s in shapes) / n,
        sum(s.size for s in shapes) / max(1, sum(1 for s in shapes if not s.empty)),
    )


def _cost(cell: _Shape, column: _Shape) -> float:
    """How unlike a column a cell is (0 when it is what the column usually holds)."""
    if cell.empty:
        return 1.5 * (1 - column.empty)
    return (
        3.0 * column.empty
        + 2.0 * abs(cell.date - column.date)
        + 2.0 * abs(cell.ref - column.ref)
        + 1.0 * abs(cell.marker - column.marker)
        + 0.5 * abs(cell.size - column.size)
    )


def _kind(text: str) -> str:
    """A coarse class of a cell, to see whether a column holds the same kind of thing in every row."""
    s = _shape(text)
    if s.empty:
        return "empty"
    if s.ref:
        return "ref"
    if s.date:
        return "date"
    return "text" if len(text.split()) <= 12 else "long"


_ITEM = re.compile(r"^\s*(?:[-–•●▪◦*·]\s|\(?[a-z0-9]{1,3}[.)]\s|\(\d{1,2}[a-z]?\)\s)")


def unwrap(lines: list[str]) -> list[str]:
    """A cell's lines as its paragraphs: a line broken only to fit the width is joined to the one
    before; a bullet or numbered item, a date on a line of its own, or a capital after a finished
    sentence starts a new one. (Rows rebuilt here are whole, so tables are not `wrapped`.)"""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if (
            out
            and not _ITEM.match(line)
            and not (_shape(line).date or _shape(out[-1]).date)
            and not (out[-1].endswith((".", "!", "?", ";", ":")) and line[:1].isupper())
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out or [""]


def _as_row(cells: list[list[str]], width: int, where: str) -> Row:
    cells = [unwrap(c) for c in cells] + [[""] for _ in range(width - len(cells))]
    return Row(cells, where)


def _full_width(segments: list[str], width: int, where: str) -> Row:
    return Row([unwrap(segments)] + [[""] for _ in range(width - 1)], where)


# --- one cell a line, each ending in " |" ----------------------------------------------------------
def pipe_cells(lines: list[str], start: int) -> tuple[list[tuple[int, list[str]]], int] | None:
    """The cells from `start` (each a list of lines, with the line number it starts on) and the line
    after the last one, when at least six lines there end in '|'."""
    cells: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = start
    n = start
    end = start
    open_lines = 0
    while n < len(lines):
        raw = lines[n].rstrip()
        if raw.lstrip().startswith("|") and raw.count("|") > 1:
            break  # a Markdown row
        if raw.endswith("|"):
            text = clean_line(raw[:-1])
            if not current:
                first = n
            if text or not current:
                current.append(text)
            cells.append((first, current))
            current, open_lines = [], 0
            end = n + 1
        elif raw.strip():
            if not current:
                first = n
            current.append(clean_line(raw))
            open_lines += 1
            if open_lines > 12:
                break
        elif current and open_lines > 3:
            break
        n += 1
    if len(cells) < 6:
        return None
    return cells, end


def width_of(texts: list[str], widest: int = MAX_COLUMNS) -> int:
    """The number of columns that makes a flat list of cells the most regular table: each column
    holding the same kind of cell in every row after the first (the header)."""
    best, best_score = 0, -1.0
    for width in range(2, min(widest, len(texts) // 2) + 1):
        rows = [texts[i : i + width] for i in range(0, len(texts), width)]
        # the header repeated (at the top of a page) is strong evidence of the width; it and rows
        # written across the table (only the first cell filled) say nothing about the columns' kinds
        repeated = width >= 2 and any(r == rows[0] for r in rows[1:])
        whole = [r for r in rows[1:] if len(r) == width]
        body = [r for r in whole if r != rows[0] and not (width >= 3 and r[0] and not any(r[1:]))] or whole
        if len(body) < 1:
            continue
        spare = len(texts) % width
        agree = 0.0
        for col in range(width):
            kinds = Counter(_kind(r[col]) for r in body)
            agree += kinds.most_common(1)[0][1] / len(body)
        heading = _heading_like(rows[0]) and all(not _shape(h).date for h in rows[0])
        score = agree / width + (0.3 if heading else -0.3) - (0.5 if spare else 0.0) - (0.15 if len(body) < 2 else 0.0)
        score += 0.3 if repeated else 0.0
        if score > best_score + 1e-9:
            best, best_score = width, score
    return best


def pipe_table(cells: list[tuple[int, list[str]]], where: Callable[[int], str]) -> Table:
    texts = [" ".join(c[1]) for c in cells]
    width = width_of(texts) or len(cells)
    rows = []
    for i in range(0, len(cells), width):
        group = cells[i : i + width]
        rows.append(_as_row([c[1] for c in group], width, where(group[0][0])))
    return Table(rows, rows[0].where)


# --- a row a line, cells split by " / " -------------------------------------------------------------
def slash_pieces(line: str) -> list[str]:
    text = clean_line(line)
    pieces = [p.strip() for p in _SLASH.split(text)]
    if len(pieces) > 1 and not pieces[-1]:
        pieces.pop()  # a separator at the end of the line
    return pieces


def _merge_lowercase(pieces: list[str]) -> list[str]:
    """'Template for data / tracking completed': a piece starting in lower case is the end of the
    one before (a literal slash), unless it is the first piece of the line."""
    out: list[str] = []
    for piece in pieces:
        if out and out[-1] and piece[:1].islower():
            out[-1] = f"{out[-1]} / {piece}"
        else:
            out.append(piece)
    return out


def _heading_like(pieces: list[str]) -> bool:
    """Cells that read as column headings: short, none a sentence."""
    filled = [p for p in pieces if p]
    return (
        len(filled) >= 2
        and all(len(p.split()) <= 8 and not (p.endswith(".") and len(p.split()) > 2) for p in filled)
        and sum(len(p.split()) for p in filled) <= 6 * len(filled)
    )


def slash_header_at(lines: list[str], n: int) -> bool:
    pieces = slash_pieces(lines[n])
    if len(pieces) < 3 or not _heading_like(pieces):
        return False
    following = [line for line in lines[n + 1 : n + 15] if len(slash_pieces(line)) >= 2]
    return len(following) >= 2


def _header(lines: list[str], start: int) -> tuple[list[str], int]:
    pieces = slash_pieces(lines[start])
    n = start + 1
    ends_open = not clean_line(lines[start]).endswith("/")
    while n < len(lines) and ends_open and lines[n].strip():
        more = slash_pieces(lines[n])
        after = next((slash_pieces(line) for line in lines[n + 1 : n + 4] if line.strip()), [])
        if len(more) < 2 or not _heading_like(more) or len(after) <= len(pieces):
            break  # the headings go on only while they are fewer than the first row's cells
        pieces = [*pieces[:-1], f"{pieces[-1]} {more[0]}".strip(), *more[1:]]
        ends_open = not clean_line(lines[n]).endswith("/")
        n += 1
    return pieces, n


def _table_end(lines: list[str], start: int) -> int:
    """The table runs to the last line of its last block of lines (between blank lines) that holds
    a ' / ' row; the blocks after it are paragraphs (notes below the table)."""
    end = start
    n = start
    while n < len(lines):
        if not lines[n].strip():
            n += 1
            continue
        block_end = n
        while block_end < len(lines) and lines[block_end].strip():
            block_end += 1
        if any(len(slash_pieces(line)) >= 2 for line in lines[n:block_end]):
            end = block_end
            n = block_end
        else:
            break
    return end


def slash_table(lines: list[str], start: int, where: Callable[[int], str]) -> tuple[Table, int]:
    """The table whose header line is at `start`, and the line after it."""
    header, n = _header(lines, start)
    end = _table_end(lines, n)
    body = [(i, lines[i]) for i in range(n, end) if lines[i].strip()]
    per_line = [_merge_lowercase(slash_pieces(t)) for _, t in body]
    counts = [len(p) for p in per_line if len(p) >= 2]
    target = min(max(counts, default=len(header)), len(header))
    header = _fit_header(header, target)
    width = max(len(header), target)
    rows = _slash_rows(body, per_line, target)
    table_rows = [_as_row([[h] for h in header], width, where(start))]
    complete = [cells for _, cells in rows if len(cells) == target]
    profile = [
        _mean([_shape("\n".join(c[col])) if col < len(c) else _shape("") for c in complete]) for col in range(width)
    ]
    for line_no, found in rows:
        if len(found) == 1:
            table_rows.append(_full_width(found[0], width, where(line_no)))
            continue
        cells = found
        while len(cells) > width:
            cells = _merge_closest(cells)
        placed = _place(cells, profile, width) if len(cells) < target else cells
        table_rows.append(_as_row(placed, width, where(line_no)))
    return Table(table_rows, where(start)), end


def _slash_rows(
    body: list[tuple[int, str]], per_line: list[list[str]], target: int
) -> list[tuple[int, list[list[str]]]]:
    """The physical lines as rows (line number, cells of segments): full-width rows have one cell."""
    rows: list[tuple[int, list[list[str]]]] = []
    started_by_marker: set[int] = set()
    for k, ((line_no, text), pieces) in enumerate(zip(body, per_line, strict=True)):
        current = rows[-1][1] if rows else None
        last_seg = current[-1][-1] if current else ""
        broken = text.strip()[:1].islower() or bool(_CONTINUES.search(last_seg))
        if len(pieces) >= 2:
            fits = (
                current is not None
                and (len(current) > 1 or (len(rows) - 1 in started_by_marker and len(pieces) < target))
                and len(current) < target
                and len(current) + len(pieces) - 1 <= target
            )
            complete = current is not None and len(current) >= target
            if current is not None and len(current) == 1 and len(pieces) >= target and not text.strip()[:1].islower():
                broken = False  # a whole row under a full-width row ending in 'in' or 'and': a row of its own
            if current is not None and (fits or (broken and not (complete and not text.strip()[:1].islower()))):
                current[-1].append(pieces[0])  # the first piece ends the cell the last line broke off
                current.extend([p] for p in pieces[1:])
            else:
                rows.append((line_no, [[p] for p in pieces]))
            continue
        line = clean_line(text)
        following = per_line[k + 1] if k + 1 < len(per_line) else []
        if current is None:
            rows.append((line_no, [[line]]))
        elif broken or len(current) == 1:
            current[-1].append(line)  # a cell (or a full-width row) over more than one line
        elif _MARKER.match(line):
            started_by_marker.add(len(rows))
            rows.append((line_no, [[line]]))  # a numbered item: the start of a row its next lines go on
        elif len(following) >= 2 and following[0][:1].isupper():
            rows.append((line_no, [[line]]))  # a full-width row heading the rows after it
        else:
            current[-1].append(line)  # the row's last cell goes on
    return rows


def _fit_header(header: list[str], target: int) -> list[str]:
    """A heading holding ' / ' ('Lead Officer / Agency') when the header has more cells than any row:
    join a pair whose halves read as one heading naming alternatives (the second short, naming the
    same thing as the first or nothing the importer knows)."""
    from peerplan.importers.columns import field_for

    while len(header) > target:
        for i in range(len(header) - 1):
            first, second = header[i], header[i + 1]
            role = field_for(first)
            if (
                role
                and len(second.split()) <= 2
                and field_for(f"{first} / {second}") == role
                and field_for(second) in (None, role)
            ):
                header = [*header[:i], f"{first} / {second}", *header[i + 2 :]]
                break
        else:
            return header
    return header


def _merge_closest(cells: list[list[str]]) -> list[list[str]]:
    """Too many cells: the shortest neighbouring pair is one cell with a literal ' / ' in it."""
    sizes = [len(" ".join(a + b).split()) for a, b in itertools.pairwise(cells)]
    i = sizes.index(min(sizes))
    joined = [*cells[i][:-1], f"{cells[i][-1]} / {cells[i + 1][0]}", *cells[i + 1][1:]]
    return [*cells[:i], joined, *cells[i + 2 :]]


def _place(cells: list[list[str]], profile: list[_Shape], width: int) -> list[list[str]]:
    """A row with cells missing: put its cells, in order, in the columns they best match."""
    if len(cells) >= width or math.comb(width, len(cells)) > 300:
        return cells  # bounded: a very wide row keeps its cells from the left
    shapes = [_shape("\n".join(c)) for c in cells]
    last_filled = max((c for c, p in enumerate(profile) if p.empty < 0.5), default=width - 1)
    best: tuple[float, tuple[int, ...]] | None = None
    for columns in itertools.combinations(range(width), len(cells)):
        cost = sum(_cost(s, profile[c]) for s, c in zip(shapes, columns, strict=True))
        cost += sum(0.3 * (1 - profile[c].empty) for c in range(width) if c not in columns)
        cost += 0.0 if columns[-1] == last_filled else 0.4
        if best is None or cost < best[0] - 1e-9:
            best = (cost, columns)
    assert best is not None
    out: list[list[str]] = [[""] for _ in range(width)]
    for cell, col in zip(cells, best[1], strict=True):
        out[col] = cell
    return out


# --- space-aligned columns (pdftotext -layout) ----------------------------------------------------------
_CHUNK = re.compile(r"\S+(?: \S+)*")


def chunks(line: str) -> list[tuple[int, str]]:
    """The pieces of a line set apart by two or more spaces, with the column each starts at."""
    expanded = line.expandtabs(8).rstrip()
    out: list[tuple[int, str]] = []
    for match in _CHUNK.finditer(expanded):
        out.append((match.start(), match.group()))
    return out


def spaced_header_at(lines: list[str], n: int) -> bool:
    """A line of three or more headings set apart by runs of spaces, with rows laid out under it."""
    head = chunks(lines[n])
    if len(head) < 3 or not _heading_like([t for _, t in head]) or "\t" in lines[n].strip():
        return False
    starts = [s for s, _ in head]
    below = [chunks(line) for line in lines[n + 1 : n + 12] if line.strip()]
    # a first column with no heading (refs) ends before the first heading starts
    below = [c[1:] if c and c[0][0] + len(c[0][1]) < starts[0] - 1 else c for c in below]
    aligned = [c for c in below if len(c) >= 2 and all(any(abs(s - h) <= 2 for h in starts) for s, _ in c)]
    return len(aligned) >= 2


def spaced_table(lines: list[str], start: int, where: Callable[[int], str]) -> tuple[Table, int]:
    """Rows under a header of columns set apart by spaces. A line carries on the row above only when
    it clearly wraps: each of its texts starts in lower case or goes on from a text that filled its
    column and stopped mid-sentence (so a line with an empty first cell under a merged cell starts a
    row of its own); a blank line ends a row; a single long line from the first column is a
    full-width row."""
    header = chunks(lines[start])
    # a first column with no heading (the refs, often): texts that end before the first heading starts
    lefts = [
        found[0][0]
        for found in (chunks(line) for line in lines[start + 1 : start + 200])
        if found and found[0][0] + len(found[0][1]) < header[0][0] - 1
    ]
    if len(lefts) >= 2:
        header = [(min(lefts), ""), *header]
    starts = [s for s, _ in header]
    width = len(starts)

    def column(at: int) -> int:
        return max((i for i, s in enumerate(starts) if s <= at + 2), default=0)

    body = [chunks(line) for line in lines[start + 1 : start + 200]]
    widest = max((len(t) for found in body for at, t in found if column(at) == width - 1), default=40)
    widths = [b - a - 2 for a, b in itertools.pairwise(starts)] + [widest]
    rows: list[tuple[int, list[list[str]], bool]] = []  # (line, cells, full width)
    after_blank: list[bool] = []
    n = start + 1
    open_row = False
    end = n
    blanks = 0
    while n < len(lines):
        line = lines[n]
        if not line.strip():
            blanks += 1
            open_row = False
            if blanks >= 2:
                break
            n += 1
            continue
        blanks = 0
        found = chunks(line)
        if len(found) == 1 and found[0][0] > starts[0] + 2 and not open_row and column(found[0][0]) == 0:
            break
        cells: list[list[str]] = [[] for _ in range(width)]
        for at, text in found:
            cells[column(at)].append(text)
        full = len(found) == 1 and found[0][0] <= starts[0] + 2 and len(found[0][1]) > starts[1] - starts[0]
        repeated_header = [t for _, t in found] == [t for _, t in header if t]
        # a line longer than its column is wide cannot be the wrapped end of a cell: a full-width row
        if (
            open_row
            and rows
            and not rows[-1][2]
            and not full
            and not repeated_header
            and _wraps(rows[-1][1], cells, widths)
        ):
            for c, texts in enumerate(cells):
                rows[-1][1][c].extend(texts)
        elif open_row and rows and rows[-1][2] and len(found) == 1 and found[0][0] <= starts[0] + 2:
            rows[-1][1][0].extend(cells[0])  # a full-width row over two lines
        else:
            rows.append((n, cells, full))
            after_blank.append(not open_row and bool(rows[:-1]))
        open_row = True
        end = n + 1
        n += 1
    while len(rows) > 1 and rows[-1][2] and after_blank[-1]:
        end = rows[-1][0]  # a line alone below the table, after a blank line: a note, not a row
        rows.pop()
        after_blank.pop()
    table_rows = [_as_row([[t] for _, t in header], width, where(start))]
    table_rows += [
        _full_width(cells[0], width, where(line_no)) if full else _as_row(cells, width, where(line_no))
        for line_no, cells, full in rows
    ]
    return Table(table_rows, where(start)), end


_WHOLE_DATE = re.compile(
    rf"^(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+\d{{4}}$|^\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}$", re.I
)


def _whole_date(text: str) -> bool:
    return bool(_WHOLE_DATE.match(text.strip()))


def _wraps(above: list[list[str]], cells: list[list[str]], widths: list[int]) -> bool:
    """A line carries on the row above when each of its texts starts in lower case or goes on from a
    text above that filled its column (so its next word could not fit) and stopped mid-sentence."""
    filled = [c for c, texts in enumerate(cells) if texts]

    def goes_on(c: int) -> bool:
        if cells[c][0][:1].islower():
            return True
        if not above[c] or above[c][-1][-1:] in ".!?:" or (_whole_date(above[c][-1]) and _whole_date(cells[c][0])):
            return False
        return len(above[c][-1]) + 1 + len(cells[c][0].split()[0]) > widths[c]

    return bool(filled) and all(goes_on(c) for c in filled)
