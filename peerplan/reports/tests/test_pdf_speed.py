"""The PDF renderer's speed-ups change how fast WeasyPrint works, never what it prints."""

from __future__ import annotations

import gc
import io
import types
import zlib
from pathlib import Path

import pdfplumber
import pydyf
import pytest
import weasyprint

from peerplan.reports.renderers.pdf import (
    DefaultLevelZlib,
    _cache_page_references,
    _compress_at_zlib_default_level,
    _report_html_class,
    lean_user_agent_css,
    without_cyclic_gc,
)

UA_CSS = Path(weasyprint.__file__).with_name("css").joinpath("html5_ua.css").read_text(encoding="utf-8")


def test_the_lean_user_agent_stylesheet_drops_only_the_universal_note_rules() -> None:
    lean = lean_user_agent_css(UA_CSS)
    assert "::footnote-call" in UA_CSS and "::note-marker" in UA_CSS  # what WeasyPrint 70 ships
    assert "footnote-" not in lean and "::note-" not in lean
    assert "\nli::marker {" in lean and "\n::marker {" not in lean
    removed = set(UA_CSS.splitlines()) - set(lean.splitlines())
    assert all(line.startswith(("::footnote-", "::note-", "::marker")) for line in removed)


def test_lists_keep_their_bullets_and_tables_their_text_with_the_lean_stylesheet() -> None:
    html = _report_html_class()(
        string='<html lang="en-GB"><title>T</title><ul><li>First point</li></ul>'
        "<table><tr><td>Cell text</td></tr></table>"
    )
    with pdfplumber.open(io.BytesIO(html.write_pdf(pdf_tags=True))) as pdf:
        text = pdf.pages[0].extract_text()
    assert "• First point" in text
    assert "Cell text" in text


def test_page_references_are_cached_until_a_page_is_added() -> None:
    _report_html_class()  # installs the cache
    _cache_page_references(pydyf.PDF)  # a second call leaves it as it is
    document = pydyf.PDF()
    document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = document.page_references
    assert document.page_references is first
    document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    references = document.page_references
    assert references is not first
    assert references == tuple(f"{number} 0 R".encode("ascii") for number in document.pages["Kids"][::3])
    assert len(references) == 2


def test_garbage_collection_is_off_only_while_weasyprint_works() -> None:
    assert gc.isenabled()
    with without_cyclic_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="a failed render"), without_cyclic_gc():
        raise ValueError("a failed render")
    assert gc.isenabled()


def test_garbage_collection_stays_off_when_the_caller_had_turned_it_off() -> None:
    gc.disable()
    try:
        with without_cyclic_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_weasyprint_s_own_stylesheets_are_used_when_an_upgrade_moved_them(monkeypatch: pytest.MonkeyPatch) -> None:
    html_class = _report_html_class()
    page = html_class(string="<p>Text</p>")
    lean, forms = page._ua_stylesheets(), page._ua_stylesheets(forms=True)
    assert len(lean) == 1 and len(forms) == 2 and forms[0] is lean[0]
    assert forms[1] is weasyprint.HTML(string="<p>Text</p>")._ua_stylesheets(forms=True)[1]
    monkeypatch.setattr("peerplan.reports.renderers.pdf._lean_user_agent_sheet", lambda: None)
    assert page._ua_stylesheets() == weasyprint.HTML(string="<p>Text</p>")._ua_stylesheets()


def test_a_pydyf_without_the_rebuilt_list_is_left_alone() -> None:
    class NewerPdf:
        page_references = ("1 0 R",)

    _cache_page_references(NewerPdf)
    assert NewerPdf.page_references == ("1 0 R",)


def test_pydyf_compresses_at_zlib_s_default_level_and_the_streams_read_back() -> None:
    _report_html_class()  # installs the facade
    assert isinstance(pydyf.zlib, DefaultLevelZlib)
    stream = pydyf.Stream([b"BT /F1 12 Tf (Cell text) Tj ET"] * 500, compress=True)
    raw = b"\n".join([b"BT /F1 12 Tf (Cell text) Tj ET"] * 500)
    flate = stream.data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert zlib.decompress(flate) == raw
    level6 = zlib.compressobj(6)
    assert flate == level6.compress(raw) + level6.flush()


def test_the_zlib_facade_lowers_only_level_9_and_passes_the_rest_through() -> None:
    facade = DefaultLevelZlib()
    text = b"The council agreed the plan. " * 2000
    for asked, used in ((9, 6), (6, 6), (1, 1), (zlib.Z_DEFAULT_COMPRESSION, zlib.Z_DEFAULT_COMPRESSION)):
        ours, theirs = facade.compressobj(level=asked), zlib.compressobj(used)
        assert ours.compress(text) + ours.flush() == theirs.compress(text) + theirs.flush()
    assert facade.compress is zlib.compress and facade.decompress is zlib.decompress


def test_a_pydyf_that_no_longer_calls_zlib_is_left_alone() -> None:
    newer = types.SimpleNamespace(compress=lambda data: data)
    _compress_at_zlib_default_level(newer)
    assert not hasattr(newer, "zlib")
    already = types.SimpleNamespace(zlib=DefaultLevelZlib())
    _compress_at_zlib_default_level(already)
    assert isinstance(already.zlib, DefaultLevelZlib)
