"""Template helpers for the committee report partial: which kind a block is, and its chart as SVG."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from peerplan.reports.chart import chart_svg as _chart_svg
from peerplan.reports.document import Chart

register = template.Library()


@register.filter
def block_kind(block: object) -> str:
    """paragraph, bullets, subheading, table or chart."""
    return type(block).__name__.lower()


@register.filter
def chart_svg(chart: Chart) -> SafeString:
    """The chart as SVG (ui.charts draws it and escapes every text in it)."""
    return _chart_svg(chart)
