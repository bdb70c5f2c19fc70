"""HTML plans, as a council's website or CMS publishes them: headings, paragraphs, lists and tables
(with row and column spans), read with the standard library's tolerant parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from html.parser import HTMLParser
from pathlib import PurePath

from peerplan.importers.blocks import Block, Paragraph, Row, Table
from peerplan.importers.builder import build
from peerplan.importers.limits import decode_text, looks_binary
from peerplan.importers.result import ParseResult

HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "dt", "dd"}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}
_LOOKS_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


class _Grid:
    """One table being read: its rows of cells, with rowspans carried down."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.carry: dict[int, tuple[int, str]] = {}  # column → (rows still to fill, text)
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def start_row(self) -> None:
        self.rows.append([])
        self._fill_carried()

    def _fill_carried(self) -> None:
        row = self.rows[-1]
        while len(row) in self.carry:
            left, text = self.carry[len(row)]
            row.append(text)
            if left <= 1:
                del self.carry[len(row) - 1]
            else:
                self.carry[len(row) - 1] = (left - 1, text)

    def end_cell(self) -> None:
        if self.cell is None:
            return
        if not self.rows:
            self.rows.append([])
        # each line tidied; blank lines left by markup (between list items, paragraphs) dropped
        text = "\n".join(line.strip() for line in "".join(self.cell).split("\n") if line.strip())
        rowspan, colspan = self.span
        row = self.rows[-1]
        for n in range(colspan):
            if rowspan > 1:
                self.carry[len(row)] = (rowspan - 1, text if n == 0 else "")
            row.append(text if n == 0 else "")
        self._fill_carried()
        self.cell = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.heading = False
        self.grids: list[_Grid] = []
        self.skip = 0
        self.tables = 0

    def _span(self, attrs: list[tuple[str, str | None]], name: str) -> int:
        value = dict(attrs).get(name) or "1"
        return max(1, min(int(value), 50)) if value.isdigit() else 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "table":
            self._flush()
            self.grids.append(_Grid())
            return
        grid = self.grids[-1] if self.grids else None
        if grid is not None:
            if tag == "tr":
                grid.end_cell()
                grid.start_row()
            elif tag in ("td", "th"):
                grid.end_cell()
                grid.cell, grid.span = [], (self._span(attrs, "rowspan"), self._span(attrs, "colspan"))
            else:
                self._inside_cell(tag)
            return
        if tag in _BLOCK or tag == "br":
            self._flush()
            self.heading = tag in ("h1", "h2", "h3", "h4", "h5", "h6")
            if tag == "li":
                self.text.append("- ")

    def _inside_cell(self, tag: str) -> None:
        cell = self.grids[-1].cell
        if cell is None:
            return
        if tag == "li":
            cell.append("\n- ")
        elif tag in ("br", "p", "div", "tr") or tag in _BLOCK:
            cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.grids:
            grid = self.grids.pop()
            grid.end_cell()
            if self.grids and self.grids[-1].cell is not None:
                self.grids[-1].cell.append("\n".join(" | ".join(c for c in r if c) for r in grid.rows) + "\n")
            elif grid.rows:
                self.tables += 1
                where = f"table {self.tables}"
                rows = [Row([c.split("\n") for c in r], f"{where}, row {n}") for n, r in enumerate(grid.rows, 1)]
                self.blocks.append(Table(rows, where))
        elif self.grids and tag in ("td", "th"):
            self.grids[-1].end_cell()
        elif self.grids and self.grids[-1].cell is not None and tag in ("p", "div", "li"):
            self.grids[-1].cell.append("\n")
        elif not self.grids and (tag in _BLOCK):
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.grids and self.grids[-1].cell is not None:
            self.grids[-1].cell.append(re.sub(r"\s+", " ", data))
        elif not self.grids:
            self.text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text and text != "-":
            self.blocks.append(Paragraph(text, f"block {len(self.blocks) + 1}", heading=self.heading))
        self.text, self.heading = [], False

    def close(self) -> None:
        super().close()
        while self.grids:
            self.handle_endtag("table")
        self._flush()


def html_blocks(text: str) -> list[Block]:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.blocks


def sniff_html(data: bytes, filename: str) -> bool:
    if PurePath(filename).suffix.lower() in HTML_EXTENSIONS:
        return True
    return not looks_binary(data) and bool(_LOOKS_HTML.match(data[:2048]))


def parse_html(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    return build(html_blocks(decode_text(data, filename)), filename, mapping=mapping, as_of=as_of)
