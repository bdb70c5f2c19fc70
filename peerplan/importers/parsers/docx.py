"""Word .docx plans (python-docx): paragraphs, headings and tables in document order, with merged
cells read once and Word's automatic list numbers ('1.', 'a.') written back into the text.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from pathlib import PurePath
from typing import Any

from peerplan.importers.blocks import Block, Paragraph, Row, Table
from peerplan.importers.builder import build
from peerplan.importers.errors import PlanImportError
from peerplan.importers.limits import ZIP_MAGIC, open_zip
from peerplan.importers.result import ParseResult

DOCX_EXTENSIONS = (".docx", ".docm")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FORMATS = {"decimal": "{n}.", "lowerLetter": "{a}.", "upperLetter": "{A}.", "lowerRoman": "{i}.", "bullet": "-"}


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


class _Numbering:
    """Word keeps list numbers out of the text; count them as Word does, per list and level."""

    def __init__(self, document: Any):
        self.formats: dict[tuple[str, int], str] = {}
        self.counters: dict[str, list[int]] = {}
        self.by_style: dict[str, Any] = {}  # list styles ('List Number') carry their numbering
        for style in document.styles.element.findall(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self.by_style[style.get(f"{_W}styleId")] = num_pr
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in numbering.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = fmt.get(f"{_W}val") if fmt is not None else "decimal"
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in numbering.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = abstract.get(ref.get(f"{_W}val") if ref is not None else None, {})
            for ilvl, fmt in levels.items():
                self.formats[(num.get(f"{_W}numId"), ilvl)] = fmt

    def marker(self, p: Any) -> str:
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            num_pr = self.by_style.get(style.get(f"{_W}val")) if style is not None else None
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
        num_id = num_id_el.get(f"{_W}val") if num_id_el is not None else None
        ilvl = int(ilvl_el.get(f"{_W}val", "0")) if ilvl_el is not None else 0
        fmt = self.formats.get((num_id or "", ilvl))
        if not num_id or num_id == "0" or fmt is None or fmt not in _FORMATS:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        counts[ilvl + 1 :] = [0] * (8 - ilvl)
        n = counts[ilvl]
        letter = chr(ord("a") + (n - 1) % 26)
        return _FORMATS[fmt].format(n=n, a=letter, A=letter.upper(), i=_roman(n)) + " "


def _text(p: Any) -> str:
    parts = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        parts.append(node.text or "" if node.tag == f"{_W}t" else ("\t" if node.tag == f"{_W}tab" else "\n"))
    return "".join(parts)


def _is_heading(p: Any, styles: dict[str, str]) -> bool:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    name = styles.get(style.get(f"{_W}val"), "") if style is not None else ""
    return name.lower().startswith(("heading", "title")) or p.find(f"{_W}pPr/{_W}outlineLvl") is not None


class _Reader:
    def __init__(self, document: Any):
        self.numbering = _Numbering(document)
        self.styles = {s.style_id: s.name or "" for s in document.styles}
        self.blocks: list[Block] = []
        self.tables = 0

    def read(self, body: Any) -> list[Block]:
        for n, child in enumerate(body.iterchildren(), start=1):
            if child.tag == f"{_W}p":
                text = self.numbering.marker(child) + _text(child)
                if text.strip():
                    self.blocks.append(Paragraph(text.strip(), f"paragraph {n}", _is_heading(child, self.styles)))
            elif child.tag == f"{_W}tbl":
                self.tables += 1
                self.blocks.append(self._table(child, f"table {self.tables}"))
            elif child.tag == f"{_W}sdt":  # content controls wrap paragraphs and tables
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self.read(content)
        return self.blocks

    def _cell_text(self, tc: Any) -> str:
        lines = []
        for child in tc.iterchildren():
            if child.tag == f"{_W}p":
                lines.append(self.numbering.marker(child) + _text(child))
            elif child.tag == f"{_W}tbl":  # a table inside a cell: its cells as lines
                lines.extend(_text(p) for p in child.iter(f"{_W}p"))
        return "\n".join(lines)

    def _table(self, tbl: Any, where: str) -> Table:
        rows: list[Row] = []
        above: dict[int, str] = {}
        for r, tr in enumerate(tbl.findall(f"{_W}tr"), start=1):
            cells: list[str] = []
            for tc in tr.findall(f"{_W}tc"):
                span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
                span = int(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
                vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
                col = len(cells)
                if vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue":
                    text = above.get(col, "")  # a cell merged with the one above repeats its text
                else:
                    text = self._cell_text(tc)
                cells.append(text)
                cells.extend([""] * (span - 1))  # a cell merged across columns is read once
                above[col] = text
            rows.append(Row([c.split("\n") for c in cells], f"{where}, row {r}"))
        return Table(rows, where)


def sniff_docx(data: bytes, filename: str) -> bool:
    if PurePath(filename).suffix.lower() in DOCX_EXTENSIONS:
        return True
    return data.startswith(ZIP_MAGIC) and b"word/document.xml" in data


def docx_blocks(data: bytes, filename: str) -> list[Block]:
    import docx

    open_zip(data, filename, "Word document").close()
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise PlanImportError(f"this Word document is damaged and cannot be opened ({exc})", filename) from None
    return _Reader(document).read(document.element.body)


def parse_docx(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    return build(docx_blocks(data, filename), filename, mapping=mapping, as_of=as_of)
