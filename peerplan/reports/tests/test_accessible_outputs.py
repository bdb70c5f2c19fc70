"""The files meet the Public Sector Bodies Accessibility Regulations' basics, read back from the files."""

from __future__ import annotations

import io
import logging
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from peerplan.reports.compose import ReportInput, compose
from peerplan.reports.document import Chart
from peerplan.reports.renderers import render
from peerplan.reports.renderers.html import html_string
from peerplan.reports.renderers.pdf import pdf_html, pdf_of_html
from peerplan.reports.snapshot import Snapshot

from .test_renderers import make_input


@pytest.fixture
def progress(snapshot_q1: Snapshot, snapshot_q2: Snapshot) -> ReportInput:
    return make_input(snapshot_q1, snapshot_q2)


def test_the_pdf_is_tagged_in_british_english_with_a_title(progress: ReportInput) -> None:
    pdf = PDFDocument(PDFParser(io.BytesIO(render(progress, "pdf"))))
    catalog = pdf.catalog
    assert resolve1(catalog["Lang"]) == b"en-GB"
    assert resolve1(resolve1(catalog["MarkInfo"])["Marked"]) is True
    assert resolve1(catalog["StructTreeRoot"])
    title = resolve1(pdf.info[0]["Title"])
    assert "Corporate Peer Challenge 2025" in (
        title.decode("utf-16") if title.startswith(b"\xfe\xff") else title.decode()
    )


def test_the_pdf_names_the_council_as_its_author_as_the_workbook_and_word_file_do(progress: ReportInput) -> None:
    pdf = PDFDocument(PDFParser(io.BytesIO(render(progress, "pdf"))))
    author = resolve1(pdf.info[0].get("Author", b""))
    assert (author.decode("utf-16") if author.startswith(b"\xfe\xff") else author.decode()) == (
        progress.snapshot.organisation
    )


def test_every_chart_picture_in_word_has_alt_text(progress: ReportInput) -> None:
    document = Document(io.BytesIO(render(progress, "docx")))
    pictures = document.inline_shapes
    assert len(pictures) >= 1
    for picture in pictures:
        description = picture._inline.docPr.get("descr")
        assert description and description.startswith("Bar chart of ")
        assert any(char.isdigit() for char in description)


def test_word_says_the_document_is_in_british_english(progress: ReportInput) -> None:
    data = render(progress, "docx")
    document = Document(io.BytesIO(data))
    langs = list(document.styles.element.iter(qn("w:lang")))
    assert langs and all(lang.get(qn("w:val")) == "en-GB" for lang in langs)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"en-US" not in archive.read("word/styles.xml")
        assert b'w:themeFontLang w:val="en-GB"' in archive.read("word/settings.xml")


def test_the_workbook_has_a_title_an_author_and_a_language(progress: ReportInput) -> None:
    book = load_workbook(io.BytesIO(render(progress, "xlsx")))
    assert "Corporate Peer Challenge 2025" in (book.properties.title or "")
    assert "Eastmoor" in (book.properties.creator or "")
    assert book.properties.language == "en-GB"


def test_the_exceptions_table_is_on_landscape_pages_in_pdf_and_word(progress: ReportInput) -> None:
    import pdfplumber
    from docx.enum.section import WD_ORIENT

    with pdfplumber.open(io.BytesIO(render(progress, "pdf"))) as pdf:
        pages = [(p.width, p.height, p.extract_text() or "") for p in pdf.pages]
    width, height, _ = next(p for p in pages if "Actions rated red or amber, or overdue" in p[2])
    assert width > height
    # The page after the exceptions table is portrait again: next steps is ordinary text.
    width, height, _ = next(p for p in pages if "Next steps" in p[2])
    assert width < height
    sections = Document(io.BytesIO(render(progress, "docx"))).sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,  # the exceptions table
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,  # the appendix
    ]


def test_weasyprint_makes_the_pdf_without_a_warning(progress: ReportInput, caplog: pytest.LogCaptureFixture) -> None:
    """A warning in the worker's log for every report would teach people to ignore the log."""
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf_of_html(pdf_html(progress), in_child=False)  # in this process, where logs are heard
    assert [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")] == []
    # The HTML download still asks browsers to print the RAG colours.
    assert "print-color-adjust" in html_string(compose(progress))


def _figure_alts(element: object, found: list[str], depth: int = 0) -> list[str]:
    """The Alt of every Figure in a PDF's structure tree."""
    element = resolve1(element)
    if depth > 60:
        return found
    if isinstance(element, list):
        for child in element:
            _figure_alts(child, found, depth + 1)
    elif isinstance(element, dict):
        kind = resolve1(element.get("S"))
        if kind is not None and getattr(kind, "name", "") == "Figure" and "Alt" in element:
            alt = resolve1(element["Alt"])
            found.append(alt.decode("utf-16") if alt.startswith(b"\xfe\xff") else alt.decode("latin-1"))
        if "K" in element:
            _figure_alts(element["K"], found, depth + 1)
    return found


def test_the_pdf_chart_s_alternative_text_gives_the_figures_as_word_s_does(progress: ReportInput) -> None:
    pdf = PDFDocument(PDFParser(io.BytesIO(render(progress, "pdf"))))
    alts = _figure_alts(resolve1(pdf.catalog["StructTreeRoot"]), [])
    chart = next(
        block for section in compose(progress).sections for block in section.blocks if isinstance(block, Chart)
    )
    assert alts == [chart.alt_text]
    assert alts[0].startswith("Bar chart of actions by position: Complete ")
