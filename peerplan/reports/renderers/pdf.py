"""PDF: WeasyPrint prints the same standalone HTML on A4, with the appendix on landscape pages.

Measured speed-ups for a 1,000-action report (bench/bench_reports.py; README, Speed): no cyclic garbage
collection while WeasyPrint works, a leaner user-agent stylesheet and a cache for a list pydyf rebuilds on
every use while the PDF is tagged (none changes a byte of the PDF); page streams compressed at zlib's
default level instead of its slowest (the same pages, a file 4% larger); and each PDF made in a child
process that ends without freeing WeasyPrint's objects (in_a_child_process: bytes or the child's error
come back through a pipe; the child never touches the database).
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import re
import signal
import sys
import traceback
import zlib
from collections.abc import Callable, Iterator
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

    class ReportHTML(HTML):  # type: ignore[misc]  # WeasyPrint has no type hints: HTML is Any
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
        cached: tuple[int, tuple[bytes, ...]] | None = pdf.__dict__.get("_peerplan_page_references")
        if cached is None or cached[0] != pages:
            cached = (pages, rebuild(pdf))
            pdf.__dict__["_peerplan_page_references"] = cached
        return cached[1]

    page_references.cached = True  # type: ignore[attr-defined]  # a mark on the function, read above: install once
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


# Each PDF is made in a child process that ends without freeing anything: WeasyPrint's 640,000 objects in
# cycles (and the Pango layouts behind them) go with the process instead of being walked and freed one by one
# by the cyclic garbage collector (1.1-1.5 s of CPU at 1,000 actions). The child pays some of it back in page
# faults on fresh memory; measured in turn with the same HTML, parent and child together use 0.7 s less CPU
# (median of four each, 10.4 against 11.1 s). Linux only (fork); elsewhere the PDF is made in this process.
PDF_IN_CHILD_PROCESS = sys.platform.startswith("linux") and hasattr(os, "fork")
_MADE, _FAILED = b"M", b"F"


class PdfProcessError(RuntimeError):
    """The child process making a PDF stopped without an answer (killed, out of memory, crashed)."""


def in_a_child_process(work: Callable[[], bytes]) -> bytes:
    """Run work() in a forked child and return its bytes; the child ends with os._exit, freeing nothing.

    The child only computes: it must not touch the database, files or anything else the parent holds (it
    inherits the parent's open connections; os._exit closes its copies without a word to the server). An
    exception in the child is raised here again, with the child's traceback as a note.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_end)
            try:
                answer, status = _MADE + work(), 0
            except BaseException as error:  # everything goes back to the parent
                answer = _FAILED + _pickled_error(error)
            _write_all(write_end, answer)
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            answer = pipe.read()
    except BaseException:  # interrupted: stop the child too, and leave no zombie
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, wait_status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(wait_status)
    if answer.startswith(_MADE) and code == 0:
        return answer[len(_MADE) :]
    if answer.startswith(_FAILED):
        raise _unpickled_error(answer[len(_FAILED) :])
    how = f"was stopped by signal {-code}" if code < 0 else f"ended with exit code {code}"
    raise PdfProcessError(f"The process making the PDF {how} before it finished.")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.close(fd)


def _pickled_error(error: BaseException) -> bytes:
    """The error, its one-line summary and its traceback; the error itself only if it survives pickling."""
    try:
        pickle.loads(itself := pickle.dumps(error))  # noqa: S301 - the error we have just pickled
    except Exception:  # an error that cannot go through a pipe goes back as its text
        itself = b""
    return pickle.dumps((itself, f"{type(error).__name__}: {error}", "".join(traceback.format_exception(error))))


def _unpickled_error(data: bytes) -> BaseException:
    itself, summary, trace = pickle.loads(data)  # noqa: S301 - our own child's answer, through our own pipe
    error = pickle.loads(itself) if itself else PdfProcessError(summary)  # noqa: S301 - as above
    error.add_note(f"Raised in the process making the PDF:\n{trace}")
    return error


@functools.cache
def _warm_weasyprint() -> None:
    """Load the fonts and the stylesheet once in this process, so each child starts with them (0.05 s each)."""
    pdf_of_html('<html lang="en-GB"><title>Warm</title><p>Warm</p></html>', in_child=False)


def _weasyprint_pdf(html: str) -> bytes:
    # Tagged (PDF/UA structure) so screen readers follow it; the language and title come from the HTML.
    pdf = _report_html_class()(string=html).write_pdf(pdf_tags=True)
    assert pdf is not None  # write_pdf() returns the bytes when no target is given
    return bytes(pdf)


def _weasyprint_pdf_in_child(html: str) -> bytes:
    """In the child the collector stays off to the end: what WeasyPrint built goes with the process."""
    gc.disable()
    return _weasyprint_pdf(html)


def pdf_of_html(html: str, *, in_child: bool = PDF_IN_CHILD_PROCESS) -> bytes:
    """The tagged PDF of a report's standalone HTML, made in a child process unless in_child is False."""
    if not in_child:
        with without_cyclic_gc():
            return _weasyprint_pdf(html)
    _warm_weasyprint()  # WeasyPrint is slow to import: only when a PDF is asked for, and in this process
    return in_a_child_process(functools.partial(_weasyprint_pdf_in_child, html))


def pdf_html(report: ReportInput) -> str:
    """The report's standalone HTML as WeasyPrint is given it: without the CSS only browsers read."""
    return html_string(compose(report), for_browsers=False)


def render_pdf(report: ReportInput) -> bytes:
    return pdf_of_html(pdf_html(report))


renderer_register(Renderer("pdf", "PDF", "pdf", "application/pdf", render_pdf))
