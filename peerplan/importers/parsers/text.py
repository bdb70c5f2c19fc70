"""Plain text and Markdown plans: tables laid out with tabs (one row a line, as a PDF comes out, or
one cell a line, as Word saves text), Markdown tables, and the paragraphs around them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import PurePath

from peerplan.importers.blocks import Block, Paragraph, Row, Table
from peerplan.importers.builder import build
from peerplan.importers.columns import field_for, is_exact, is_header, normalise_heading
from peerplan.importers.limits import decode_text, looks_binary
from peerplan.importers.parsers.text_layouts import (
    pipe_cells,
    pipe_table,
    slash_header_at,
    slash_pieces,
    slash_table,
    spaced_header_at,
    spaced_table,
)
from peerplan.importers.result import ParseResult
from peerplan.importers.text import clean_line, html_to_text

TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MIN_SHAPE_COLUMNS = 3


def _md_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner)]


class _Reader:
    def __init__(self, text: str):
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.blocks: list[Block] = []
        self.n = 0

    def where(self, n: int) -> str:
        return f"line {n + 1}"

    def read(self) -> list[Block]:
        while self.n < len(self.lines):
            line = self.lines[self.n]
            if line.lstrip().startswith("|") and self._markdown_table():
                continue
            if "\t" in line.strip() and is_header(line.split("\t")):
                self._row_table()
                continue
            if line.startswith("\t") and self._cell_header_at(self.n):
                self._cell_table()
                continue
            if "\t" in line.strip() and (end := self._tab_run_at(self.n)):
                self._structural_table(end)
                continue
            if self._pipe_start(self.n) and (found := pipe_cells(self.lines, self.n)):
                self.blocks.append(pipe_table(found[0], self.where))
                self.n = found[1]
                continue
            if "  " in line.strip() and spaced_header_at(self.lines, self.n):
                table, self.n = spaced_table(self.lines, self.n, self.where)
                self.blocks.append(table)
                continue
            if " / " in line and slash_header_at(self.lines, self.n):
                table, self.n = slash_table(self.lines, self.n, self.where)
                self.blocks.append(table)
                continue
            if " / " in line and (end := self._slash_run_at(self.n)):
                self._slash_rows_table(end)
                continue
            self._paragraph(self.n)
            self.n += 1
        return self.blocks

    def _pipe_start(self, n: int) -> bool:
        """A cell ending in '|' starts here (or on the next line, after a heading wrapped onto two)."""
        if self.lines[n].rstrip().endswith("|"):
            return True
        return (
            n + 1 < len(self.lines)
            and 0 < len(self.lines[n].split()) <= 6
            and self.lines[n + 1].rstrip().endswith("|")
            and not self.lines[n + 1].lstrip().startswith("|")
        )

    def _paragraph(self, n: int) -> None:
        raw = self.lines[n]
        heading = bool(_MD_HEADING.match(raw))
        text = clean_line(_MD_HEADING.sub("", raw).replace("\t", " "))
        if text:
            self.blocks.append(Paragraph(text, self.where(n), heading=heading))

    # --- Markdown: | a | b | ---------------------------------------------------------------------
    def _markdown_table(self) -> bool:
        start = self.n
        rows: list[Row] = []
        n = start
        while n < len(self.lines) and self.lines[n].lstrip().startswith("|"):
            if not _MD_RULE.match(self.lines[n]):
                cells = [html_to_text(c).split("\n") for c in _md_cells(self.lines[n])]
                rows.append(Row(cells, self.where(n)))
            n += 1
        if len(rows) < 2:
            return False
        self.blocks.append(Table(rows, self.where(start)))
        self.n = n
        return True

    # --- one row a line, cells separated by tabs (text taken from a PDF) ----------------------------
    def _row_table(self) -> None:
        start = self.n
        header = [c.strip() for c in self.lines[start].split("\t")]
        if not header[0]:
            header = header[1:]
        width = len(header)
        rows: list[Row] = [Row([[h] for h in header], self.where(start))]
        n = start + 1
        while n < len(self.lines):
            line = self.lines[n]
            if not line.strip():
                n += 1
                continue
            cells = line.split("\t")
            if len(rows) == 1 and self._completes_heading(rows[0], cells):
                n += 1  # "What do we want to" / "achieve?": a heading wrapped onto a second line
                continue
            if "\t" not in line:
                if not self._full_width_row_at(n):
                    break
                # a line alone between rows, with rows under it: a full-width row (a recommendation
                # or section written above its actions)
                rows.append(Row([[clean_line(line)]] + [[""] for _ in range(width - 1)], self.where(n)))
                n += 1
                continue
            if is_header(cells) and [normalise_heading(c) for c in cells if c.strip()] == [
                normalise_heading(h) for h in header if h
            ]:
                n += 1  # headings repeated at the top of a page
                continue
            if len(cells) > width:
                cells = [*cells[: width - 1], " ".join(cells[width - 1 :])]
            cells += [""] * (width - len(cells))
            rows.append(Row([[c.strip()] for c in cells], self.where(n)))
            n += 1
        self.blocks.append(Table(rows, self.where(start), wrapped=True, header_row=0))
        self.n = n

    # --- a row a line split by tabs under headings we do not know, or none: found by its shape --------
    def _tab_run_at(self, n: int) -> int | None:
        """The end of a table starting here, found by its shape alone: consecutive lines split by tabs
        into cells, the widest row (three or more cells) at least twice; shorter rows have lost their
        trailing empty cells. Two-column 'Meeting:\tCabinet' front matter is not a table here; the column
        roles then decide from the cells whether it is a plan."""
        widths: list[int] = []
        m = n
        while m < len(self.lines):
            line = self.lines[m]
            if "\t" in line.strip():
                widths.append(len(line.rstrip().split("\t")))
            elif not (line.strip() and widths and self._full_width_row_at(m)):
                break
            m += 1
        if len(widths) < 2:
            return None
        width = max(widths)
        # rows with their last cells empty come out shorter (trailing tabs are often cut off)
        return m if width >= _MIN_SHAPE_COLUMNS and widths.count(width) >= 2 else None

    def _structural_table(self, end: int) -> None:
        start = self.n
        width = max(len(self.lines[m].rstrip().split("\t")) for m in range(start, end) if "\t" in self.lines[m])
        rows: list[Row] = []
        for m in range(start, end):
            line = self.lines[m]
            # a line without tabs is a full-width row: a recommendation or section above its actions
            cells = [c.strip() for c in line.rstrip().split("\t")] if "\t" in line.strip() else [clean_line(line)]
            cells += [""] * (width - len(cells))
            rows.append(Row([[c] for c in cells], self.where(m)))
        self.blocks.append(Table(rows, self.where(start), wrapped=True))
        self.n = end

    # --- a row a line split by ' / ' with no header row: found by its shape ---------------------------
    def _slash_run_at(self, n: int) -> int | None:
        """Consecutive lines that split by ' / ' into the same number (three or more) of cells, a line
        alone between them being a full-width row: the end of the table, or None."""
        widths: list[int] = []
        m = n
        while m < len(self.lines):
            pieces = slash_pieces(self.lines[m]) if " / " in self.lines[m] else []
            if len(pieces) >= _MIN_SHAPE_COLUMNS:
                widths.append(len(pieces))
            elif not (
                widths
                and self.lines[m].strip()
                and m + 1 < len(self.lines)
                and len(slash_pieces(self.lines[m + 1])) >= _MIN_SHAPE_COLUMNS
            ):
                break
            m += 1
        if len(widths) < 2 or len(set(widths)) != 1:
            return None
        return m

    def _slash_rows_table(self, end: int) -> None:
        start = self.n
        width = max(len(slash_pieces(self.lines[m])) for m in range(start, end))
        rows: list[Row] = []
        for m in range(start, end):
            pieces = slash_pieces(self.lines[m]) if " / " in self.lines[m] else [clean_line(self.lines[m])]
            pieces += [""] * (width - len(pieces))
            rows.append(Row([[c] for c in pieces], self.where(m)))
        self.blocks.append(Table(rows, self.where(start)))
        self.n = end

    def _full_width_row_at(self, n: int) -> bool:
        """A line without tabs inside a table is a full-width row when the next line is a row of the
        table (tabs, and not the header of a new table)."""
        after = next((m for m in range(n + 1, min(n + 3, len(self.lines))) if self.lines[m].strip()), None)
        if after is None or not clean_line(self.lines[n]) or "\t" not in self.lines[after].strip():
            return False
        return not is_header(self.lines[after].split("\t"))

    @staticmethod
    def _completes_heading(header: Row, cells: list[str]) -> bool:
        if len(cells) > len(header.cells):
            return False
        filled = [(n, c.strip()) for n, c in enumerate(cells) if c.strip()]
        joined = [f"{header.cells[n][0]} {c}" for n, c in filled]
        if not filled or not all(
            is_exact(j) and not is_exact(header.cells[n][0]) for (n, _), j in zip(filled, joined, strict=True)
        ):
            return False
        for (n, _), text in zip(filled, joined, strict=True):
            header.cells[n][0] = text
        return True

    # --- one cell a line, each cell starting with a tab (text saved from Word) -----------------------
    def _cell_header_at(self, n: int) -> list[str] | None:
        header: list[str] = []
        while n < len(self.lines) and self.lines[n].startswith("\t") and field_for(self.lines[n].strip()):
            header.append(self.lines[n].strip())
            n += 1
        return header if len(header) >= 2 and is_header(header) else None

    def _cell_table(self) -> None:
        start = self.n
        header = self._cell_header_at(start) or []
        n = start + len(header)
        cells: list[tuple[int, list[str]]] = []
        while n < len(self.lines):
            line = self.lines[n]
            if line.startswith("\t"):
                if self._cell_header_at(n):
                    break
                cells.append((n, [line.strip()]))
            elif cells:
                cells[-1][1].append(line.strip())
            elif line.strip():
                break
            n += 1
        trailing = self._trailing_paragraphs(cells, at_end=n >= len(self.lines))
        rows = [Row([[h] for h in header], self.where(start))]
        for i in range(0, len(cells), len(header)):
            group = cells[i : i + len(header)]
            texts = [c[1] for c in group] + [[""]] * (len(header) - len(group))
            rows.append(Row(texts, self.where(group[0][0])))
        self.blocks.append(Table(rows, self.where(start), header_row=0))
        for line_no, text in trailing:
            self.blocks.append(Paragraph(text, self.where(line_no)))
        self.n = n

    def _trailing_paragraphs(self, cells: list[tuple[int, list[str]]], *, at_end: bool) -> list[tuple[int, str]]:
        """The heading of the next table sits after the last cell, set off by a blank line."""
        if not cells or at_end:
            return []
        first, lines = cells[-1]
        while lines and not lines[-1]:
            lines.pop()
        blanks = len(lines) - 1 - max((i for i, t in enumerate(lines[:-1]) if t), default=-1) - 1
        looks = bool(re.match(r"^\(?\d{1,2}[.)]\s", lines[-1])) or "recommendation" in lines[-1].lower()
        if len(lines) >= 3 and len(lines[-1].split()) <= 12 and (blanks >= 2 or (blanks == 1 and looks)):
            text = lines.pop()
            while lines and not lines[-1]:
                lines.pop()
            return [(first + len(lines) + 1, text)]
        return []


def text_blocks(text: str) -> list[Block]:
    return _Reader(text).read()


def sniff_text(data: bytes, filename: str) -> bool:
    ext = PurePath(filename).suffix.lower()
    return (ext in TEXT_EXTENSIONS or not ext) and not looks_binary(data)


def parse_text(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    return build(text_blocks(decode_text(data, filename)), filename, mapping=mapping, as_of=as_of)
