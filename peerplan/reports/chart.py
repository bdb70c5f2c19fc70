"""The progress summary's bar chart: as SVG for the HTML and PDF (ui.charts draws it, as it draws the
dashboard's), and as a PNG of the same layout for Word. Every bar carries its label and number as text."""

from __future__ import annotations

import io
from typing import Any

from django.utils.safestring import SafeString
from django.utils.text import slugify

from peerplan.ui.charts import IN_PRINT, Bar, bar_chart_svg

from .document import Chart


def chart_svg(chart: Chart) -> SafeString:
    """The chart as SVG, drawn by the one bar-chart drawing the dashboard uses, at the print layout. Its title is
    the chart in words, as Word's picture's alternative text: WeasyPrint makes the PDF's from the title alone."""
    bars = [Bar(bar.label, bar.value, bar.colour, bar.rating) for bar in chart.bars]
    return bar_chart_svg(
        bars, chart_id=f"chart-{slugify(chart.title)}", title=chart.alt_text, layout=IN_PRINT, figures_in_title=True
    )


FONT_FILES = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/msttcorefonts/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


def _font(size: int, *, bold: bool = False) -> Any:
    from PIL import ImageFont

    for path in FONT_FILES:
        candidate = path.replace("Regular", "Bold") if bold else path
        for name in (candidate, path):
            try:
                return ImageFont.truetype(name, size)
            except OSError:
                continue
    return ImageFont.load_default(size=size)


def chart_png(chart: Chart, *, scale: int = 2) -> bytes:
    """The same chart as a PNG picture, for Word (which has no SVG we can rely on in older versions)."""
    from PIL import Image, ImageDraw

    layout = IN_PRINT
    top, width, label_width = layout.top, layout.width, layout.label_width
    height = (2 * top + layout.row_height * len(chart.bars)) * scale
    image = Image.new("RGB", (width * scale, height), "white")
    draw = ImageDraw.Draw(image)
    regular, bold = _font(14 * scale), _font(14 * scale, bold=True)
    biggest = max((bar.value for bar in chart.bars), default=0) or 1
    span = width - label_width - layout.number_space
    draw.line([(label_width * scale, 0), (label_width * scale, height)], fill="#b1b4b6", width=scale)
    for index, bar in enumerate(chart.bars):
        y = (top + index * layout.row_height) * scale
        length = span * bar.value / biggest * scale
        middle = y + layout.bar_height * scale / 2
        draw.text(((label_width - 8) * scale, middle), bar.label, fill="#0b0c0c", font=regular, anchor="rm")
        if bar.value:
            box = [label_width * scale, y, label_width * scale + length, y + layout.bar_height * scale]
            draw.rectangle(box, fill=bar.colour, outline="#0b0c0c", width=1)
        draw.text(
            (label_width * scale + length + 8 * scale, middle), str(bar.value), fill="#0b0c0c", font=bold, anchor="lm"
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
