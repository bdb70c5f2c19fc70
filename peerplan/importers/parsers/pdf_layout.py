"""What a PDF page holds, read fast with pdfium (pdfplumber's own engine for rendering): its words
with their boxes, and the ruling lines that draw tables; pdfplumber's table geometry finds the cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peerplan.importers.errors import PlanImportError

THIN = 3.0  # points: a path thinner than this is a ruling line


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PageLayout:
    number: int
    words: list[Word]
    edges: list[dict[str, Any]]


def open_pdf(data: bytes, filename: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message or b"/Encrypt" in data:
            raise PlanImportError(
                "this PDF is password-protected or encrypted; save a copy without the password", filename
            ) from None
        raise PlanImportError(f"this PDF is damaged and cannot be opened ({exc})", filename) from None


def _words(page: Any, height: float) -> list[Word]:
    from pypdfium2 import raw

    textpage = page.get_textpage()
    words: list[Word] = []
    current: list[str] = []
    box: list[float] = []
    try:
        for i in range(textpage.count_chars()):
            char = chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32)
            if char == "\x02":
                char = "-"  # pdfium's mark for a word hyphenated at the end of a line
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            same_line = box and abs((height - top) - box[2]) < 2
            near = box and left - box[1] < max(1.5, (top - bottom) * 0.25)
            if char.isspace() or char == "\x00" or (current and not (same_line and near)):
                if current:
                    words.append(Word("".join(current), box[0], box[1], box[2], box[3]))
                current, box = [], []
                if char.isspace() or char == "\x00":
                    continue
            if not current:
                box = [left, right, height - top, height - bottom]
            current.append(char)
            box[1] = max(box[1], right)
        if current:
            words.append(Word("".join(current), box[0], box[1], box[2], box[3]))
    finally:
        textpage.close()
    return words


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict[str, Any]:
    return {
        "x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
        "orientation": orientation, "object_type": "line",
    }  # fmt: skip


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    from pypdfium2 import raw

    edges = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        y0, y1 = height - top, height - bottom
        width, tall = right - left, top - bottom
        if tall <= THIN and width > THIN:
            edges.append(_edge(left, right, (y0 + y1) / 2, (y0 + y1) / 2, "h"))
        elif width <= THIN and tall > THIN:
            edges.append(_edge((left + right) / 2, (left + right) / 2, y0, y1, "v"))
        elif width > THIN and tall > THIN and raw.FPDFPath_CountSegments(obj.raw) <= 5:  # a box: four edges
            edges += [_edge(left, right, y0, y0, "h"), _edge(left, right, y1, y1, "h")]
            edges += [_edge(left, left, y0, y1, "v"), _edge(right, right, y0, y1, "v")]
    return edges


def read_page(document: Any, index: int) -> PageLayout:
    page = document[index]
    try:
        height = page.get_height()
        return PageLayout(index + 1, _words(page, height), _edges(page, height))
    finally:
        page.close()


def find_tables(edges: list[dict[str, Any]]) -> list[list[tuple[float, float, float, float]]]:
    """Each table as its cells' boxes (x0, top, x1, bottom), found where ruling lines cross."""
    from pdfplumber import table as geometry

    if not edges:
        return []
    merged = geometry.merge_edges(edges, 3, 3, 3, 3)
    cells = geometry.intersections_to_cells(geometry.edges_to_intersections(merged, 1, 1))
    return [t for t in geometry.cells_to_tables(cells) if len(t) >= 2]
