"""PDF: WeasyPrint prints the same standalone HTML on A4, with the appendix on landscape pages.

Four measured speed-ups for a 1,000-action report (bench/bench_reports.py; README, Speed): no cyclic
garbage collection while WeasyPrint works, a leaner user-agent stylesheet and a cache for a list pydyf
rebuilds on every use while the PDF is tagged (none changes a byte of the PDF), and page streams compressed
at zlib's default level instead of its slowest (the same pages, a file 4% larger).
"""

from __future__ import annotations

import functools
import gc
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from peerplan.reports.compose import ReportInput, compose

from .html import html_string
from .registry import Renderer, renderer_register

# WeasyPrint's user-agent stylesheet gives every element six pseudo-elements (footnote and note calls and
# markers, ::marker), each one a computed style: a third of the time spent applying CSS. A report has no
# footnotes or notes, and only list items have markers.
_UNIVERSAL_NOTE_RULE = re.compile(r"^::(?:footnote|note)-[a-z]+ \{[^}]*\}\n", re.MULTILINE)


def lean_user_agent_css(css: str) -> str:
    """WeasyPrint's HTML5 user-agent stylesheet without the universal note rules, ::marker only on li."""
    lean = _UNIVERSAL_NOTE_RULE.sub("", css)
    return lean.replace("\n::marker {", "\nli::marker {")


@functools.cache
def _lean_user_agent_sheet() -> Any:
    """None when a WeasyPrint upgrade moved its stylesheet: then its own is used, slower but the same."""
    import weasyprint
    from weasyprint import CSS

    path = Path(weasyprint.__file__).with_name("css").joinpath("html5_ua.css")
    if not path.is_file():
        return None
    return CSS(string=lean_user_agent_css(path.read_text(encoding="utf-8")))


@functools.cache
def _report_html_class() -> Any:
    import pydyf
    from weasyprint import HTML

    _cache_page_references(pydyf.PDF)
    _compress_at_zlib_default_level(pydyf)

    class ReportHTML(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            sheets: list[Any] = super()._ua_stylesheets(forms)  # the HTML5 sheet, then the forms one if asked
            lean = _lean_user_agent_sheet()
            return sheets if lean is None else [lean, *sheets[1:]]

    return ReportHTML


def _cache_page_references(pdf_class: Any) -> None:
    """pydyf rebuilds every page's reference each time one is asked for, and a tagged PDF asks once per
    marked run of text: 15 million tuples for 300 pages. Keep the answer until a page is added."""
    current = getattr(pdf_class, "page_references", None)
    rebuild = current.fget if isinstance(current, property) else None
    if rebuild is None or getattr(rebuild, "cached", False):
        return  # a pydyf that no longer rebuilds it, or the cache is already in place

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        pages = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_peerplan_page_references")
        if cached is None or cached[0] != pages:
            cached = (pages, rebuild(pdf))
            pdf.__dict__["_peerplan_page_references"] = cached
        return cached[1]

    page_references.cached = True  # type: ignore[attr-defined]
    pdf_class.page_references = property(page_references)


class DefaultLevelZlib:
    """zlib, except that a stream asked for at level 9 is compressed at zlib's default level (6) instead."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(min(level, 6), *args, **kwargs)


def _compress_at_zlib_default_level(pydyf_module: Any) -> None:
    """pydyf compresses every page's content at zlib's slowest level (9): 0.8 s of CPU for the 1,000-action
    report's 15 MB of streams, against 0.17 s at the default level 6 for a file 4% larger (1.66 → 1.73 MB).
    The page's drawing is the same; only the Flate bytes differ. Left alone when pydyf no longer calls zlib."""
    if getattr(pydyf_module, "zlib", None) is zlib:
        pydyf_module.zlib = DefaultLevelZlib()


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """WeasyPrint builds millions of objects that live until the PDF is written, and Python's full collections
    walk them all again and again: a fifth of the CPU at 1,000 actions. Without them the peak memory grew by
    2% (10 MB); reference counting still frees the rest, and the next collection finds any cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(report: ReportInput) -> bytes:
    doc = compose(report)
    html_class = _report_html_class()  # WeasyPrint is slow to import: only when a PDF is asked for
    with without_cyclic_gc():
        # Tagged (PDF/UA structure) so screen readers follow it; the language and title come from the HTML.
        pdf = html_class(string=html_string(doc)).write_pdf(pdf_tags=True)
    assert pdf is not None  # write_pdf() returns the bytes when no target is given
    return bytes(pdf)


renderer_register(Renderer("pdf", "PDF", "pdf", "application/pdf", render_pdf))
