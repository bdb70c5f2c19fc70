"""Template helpers for the committee report partial: which kind a block is, its chart as SVG, a cell's classes."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from peerplan.reports.chart import chart_svg as _chart_svg
from peerplan.reports.document import Cell, Chart

register = template.Library()


@register.filter
def block_kind(block: object) -> str:
    """paragraph, bullets, subheading, table or chart."""
    return type(block).__name__.lower()


@register.filter
def chart_svg(chart: Chart) -> SafeString:
    """The chart as SVG (ui.charts draws it and escapes every text in it)."""
    return _chart_svg(chart)


@register.simple_tag(takes_context=True)
def cell_class(context: template.Context, cell: Cell) -> SafeString:
    """A body cell's class attribute, or nothing. GOV.UK Frontend's class only on the app's pages (nested): the
    downloads have their own stylesheet, and a PDF of 1,000 actions parses 9,000 fewer class names."""
    names = ["govuk-table__cell"] if context.get("nested") else []
    if cell.rag:
        names += ["app-report__rag", f"app-rag--{cell.rag}"]
    if cell.bold:
        names.append("app-report__bold")
    if cell.indent:
        names.append(f"app-report__indent-{cell.indent}")
    return format_html(' class="{}"', " ".join(names)) if names else SafeString("")
