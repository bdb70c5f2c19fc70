"""PDF: WeasyPrint prints the same standalone HTML on A4, with the appendix on landscape pages."""

from __future__ import annotations

from peerplan.reports.compose import ReportInput, compose

from .html import html_string
from .registry import Renderer, renderer_register


def render_pdf(report: ReportInput) -> bytes:
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    doc = compose(report)
    # Tagged (PDF/UA structure) so screen readers follow it; the language and title come from the HTML.
    pdf = HTML(string=html_string(doc)).write_pdf(pdf_tags=True)
    assert pdf is not None  # write_pdf() returns the bytes when no target is given
    return bytes(pdf)


renderer_register(Renderer("pdf", "PDF", "pdf", "application/pdf", render_pdf))
