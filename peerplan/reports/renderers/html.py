"""HTML: one standalone file with its stylesheet in a <style> element, for the web and for printing."""

from __future__ import annotations

from django.template.loader import render_to_string

from peerplan.reports.compose import ReportInput, compose
from peerplan.reports.document import ReportDocument

from .registry import Renderer, renderer_register


def html_string(doc: ReportDocument, *, for_browsers: bool = True) -> str:
    """The standalone page; the app's own report page includes reports/_report_body.html instead.

    for_browsers=False leaves out the CSS only browsers read (WeasyPrint would log a warning for each PDF)."""
    percents = sorted({percent for table in doc.tables() for _, percent in table.column_percents})
    context = {"doc": doc, "percents": percents, "for_browsers": for_browsers}
    return render_to_string("reports/report.html", context)


def render_html(report: ReportInput) -> bytes:
    return html_string(compose(report)).encode("utf-8")


renderer_register(Renderer("html", "Web page (HTML)", "html", "text/html; charset=utf-8", render_html))
