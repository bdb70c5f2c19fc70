"""Server-drawn SVG bar charts for the progress summary: no script, no style attributes (CSP-safe).

Colours are SVG presentation attributes, so a standalone file and the PDF need no stylesheet; the app's
stylesheet may restyle them through the classes. Every bar carries its label and number as text.
"""

from __future__ import annotations

import io
from html import escape
from typing import Any

from .document import Chart

WIDTH = 640
LABEL_WIDTH = 190
ROW_HEIGHT = 30
BAR_HEIGHT = 20
NUMBER_SPACE = 60


def chart_svg(chart: Chart) -> str:
    top = 6
    height = top + ROW_HEIGHT * len(chart.bars) + 6
    biggest = max((bar.value for bar in chart.bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - NUMBER_SPACE
    summary = "; ".join(f"{bar.label}: {bar.value}" for bar in chart.bars)
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(chart.title)}: {escape(summary)}" '
            'font-family="Arial, &quot;Liberation Sans&quot;, sans-serif" font-size="14">'
        ),
        f"<title>{escape(chart.title)}</title>",
        (
            f'<line class="app-chart__axis" x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
        ),
    ]
    for index, bar in enumerate(chart.bars):
        y = top + index * ROW_HEIGHT
        length = round(span * bar.value / biggest, 1)
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text class="app-chart__label" x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
            f'fill="#0b0c0c">{escape(bar.label)}</text>'
        )
        if bar.value:
            css = f" app-chart__segment--{escape(bar.rating)}" if bar.rating else ""
            parts.append(
                f'<rect class="app-chart__segment{css}" x="{LABEL_WIDTH}" y="{y}" width="{length}" '
                f'height="{BAR_HEIGHT}" fill="{escape(bar.colour)}" stroke="#0b0c0c" stroke-width="0.5"/>'
            )
        parts.append(
            f'<text class="app-chart__label" x="{LABEL_WIDTH + length + 8}" y="{middle}" '
            f'fill="#0b0c0c" font-weight="bold">{bar.value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


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

    top = 6
    height = (top + ROW_HEIGHT * len(chart.bars) + 6) * scale
    image = Image.new("RGB", (WIDTH * scale, height), "white")
    draw = ImageDraw.Draw(image)
    regular, bold = _font(14 * scale), _font(14 * scale, bold=True)
    biggest = max((bar.value for bar in chart.bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - NUMBER_SPACE
    draw.line([(LABEL_WIDTH * scale, 0), (LABEL_WIDTH * scale, height)], fill="#b1b4b6", width=scale)
    for index, bar in enumerate(chart.bars):
        y = (top + index * ROW_HEIGHT) * scale
        length = span * bar.value / biggest * scale
        middle = y + BAR_HEIGHT * scale / 2
        draw.text(((LABEL_WIDTH - 8) * scale, middle), bar.label, fill="#0b0c0c", font=regular, anchor="rm")
        if bar.value:
            box = [LABEL_WIDTH * scale, y, LABEL_WIDTH * scale + length, y + BAR_HEIGHT * scale]
            draw.rectangle(box, fill=bar.colour, outline="#0b0c0c", width=1)
        draw.text(
            (LABEL_WIDTH * scale + length + 8 * scale, middle), str(bar.value), fill="#0b0c0c", font=bold, anchor="lm"
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
