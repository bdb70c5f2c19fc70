"""PDF plans (pdfplumber): ruled tables page by page with the text around them; a PDF without ruled
tables is read as text laid out in columns (a wide gap between words becomes a tab).
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import PurePath
from typing import Any

from peerplan.importers.blocks import Block, Paragraph, Row, Table
from peerplan.importers.builder import build
from peerplan.importers.columns import is_header
from peerplan.importers.errors import PlanImportError
from peerplan.importers.limits import PDF_MAGIC
from peerplan.importers.parsers.text import text_blocks
from peerplan.importers.result import ParseResult
from peerplan.importers.text import clean_cell

MAX_PAGES = 300
COLUMN_GAP = 12.0  # points between two words that sit in different columns
_DIGITS = re.compile(r"\d+")


def sniff_pdf(data: bytes, filename: str) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC) or PurePath(filename).suffix.lower() == ".pdf"


def _open(data: bytes, filename: str) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if not data[:1024].lstrip().startswith(PDF_MAGIC):
        raise PlanImportError("this is not a PDF: it does not start with %PDF", filename)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PlanImportError("this PDF is password-protected; save a copy without the password", filename) from None
    except Exception as exc:
        if b"/Encrypt" in data:
            raise PlanImportError(
                "this PDF is encrypted and cannot be read; save a copy without the password", filename
            ) from None
        raise PlanImportError(f"this PDF is damaged and cannot be opened ({type(exc).__name__})", filename) from None
    if len(pages) > MAX_PAGES:
        pdf.close()
        raise PlanImportError(f"the PDF has {len(pages)} pages; the limit is {MAX_PAGES}", filename)
    return pdf


def _lines(page: Any) -> list[tuple[float, str]]:
    """The page's text lines as (top, text), words far apart joined by a tab."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        text = row[0]["text"]
        for before, word in itertools.pairwise(row):
            text += ("\t" if word["x0"] - before["x1"] > COLUMN_GAP else " ") + word["text"]
        out.append((row[0]["top"], text))
    return out


def _furniture(pages_lines: list[list[tuple[float, str]]]) -> set[str]:
    """Running headers and footers: lines (numbers aside) that recur on most pages."""
    if len(pages_lines) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages_lines:
        seen.update({_DIGITS.sub("#", t) for _, t in lines})
    # column headings repeated on each page are not furniture: the first one is the table's header
    return {t for t, n in seen.items() if n >= len(pages_lines) * 0.6 and not is_header(t.split("\t"))}


def _table_rows(table: Any, where: str) -> list[Row]:
    rows = []
    for n, cells in enumerate(table.extract(), start=1):
        texts = [clean_cell(c or "") for c in cells]
        if any(texts):
            rows.append(Row([t.split("\n") for t in texts], f"{where}, row {n}"))
    return rows


def pdf_blocks(data: bytes, filename: str) -> list[Block]:
    pdf = _open(data, filename)
    try:
        found = [(page, page.find_tables()) for page in pdf.pages]
        if not any(tables for _, tables in found):
            pages = [_lines(page) for page in pdf.pages]
            skip = _furniture(pages)
            text = "\n".join(t for lines in pages for _, t in lines if _DIGITS.sub("#", t) not in skip)
            return text_blocks(text)
        return _blocks_with_tables(found)
    finally:
        pdf.close()


def _blocks_with_tables(found: list[tuple[Any, list[Any]]]) -> list[Block]:
    pages = []
    for page, tables in found:
        boxes = [t.bbox for t in tables]

        def outside(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
            mid_x, mid_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes)

        pages.append((page, tables, _lines(page.filter(outside))))
    skip = _furniture([lines for _, _, lines in pages])
    blocks: list[Block] = []
    for page, tables, lines in pages:
        items: list[tuple[float, Block]] = []
        for top, text in lines:
            if _DIGITS.sub("#", text) not in skip:
                items.append((top, Paragraph(" ".join(text.split()), f"page {page.page_number}")))
        for n, table in enumerate(tables, start=1):
            where = f"page {page.page_number}, table {n}"
            items.append((table.bbox[1], Table(_table_rows(table, where), where, wrapped=True)))
        blocks.extend(block for _, block in sorted(items, key=lambda i: i[0]))
    return blocks


def parse_pdf(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    return build(pdf_blocks(data, filename), filename, mapping=mapping, as_of=as_of)
