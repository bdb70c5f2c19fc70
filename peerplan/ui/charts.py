"""Charts for the review dashboard, drawn on the server as SVG, each with the same figures as a table.

No script and no style attributes (CSP): colours are SVG presentation attributes. Each SVG is role="img"
with a <title> and <desc>; the page shows the table beside it, so the figures never rely on colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from peerplan.accounts.vocabulary import DEFAULT_WORDS, RagWord
from peerplan.plans.figures import NOT_RATED
from peerplan.shared.rag import Rag

FONT = 'font-family="Arial, &quot;Liberation Sans&quot;, sans-serif" font-size="14"'
INK = "#0b0c0c"
NOT_RATED_COLOUR = "#ffffff"


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    colour: str


def categories(not_rated: str = "Not rated", words: Mapping[str, RagWord] = DEFAULT_WORDS) -> list[Category]:
    """Every RAG rating in the enum's order, in the council's words and colours, then the actions without one."""
    rated = [Category(r.value, words[r.value].label, words[r.value].colour) for r in Rag]
    return [*rated, Category(NOT_RATED, not_rated, NOT_RATED_COLOUR)]


@dataclass(frozen=True)
class Figure:
    """A chart and the table that carries the same figures."""

    id: str
    title: str
    svg: SafeString
    head: list[str]
    rows: list[list[str | int]]
    numeric: str  # the table's numeric columns, for govuk_table


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    """The <svg> with its <title>, and its <desc> when there is one (a title that gives the figures needs none)."""
    labelled_by = f"{chart_id}-title {chart_id}-desc" if desc else f"{chart_id}-title"
    return [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{chart_id}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-labelledby="{labelled_by}" {FONT}>'
        ),
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        *([f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'] if desc else []),
    ]


@dataclass(frozen=True)
class Bar:
    """One bar: its words, its number, its fill, and the rating it stands for (the on-screen class), if any."""

    label: str
    value: int
    colour: str
    key: str = ""


@dataclass(frozen=True)
class BarLayout:
    """The sizes of a horizontal bar chart, in SVG units."""

    width: int
    label_width: int
    number_space: int
    top: int
    row_height: int = 30
    bar_height: int = 20


ON_SCREEN = BarLayout(width=480, label_width=110, number_space=50, top=4)  # the dashboard, beside its table
IN_PRINT = BarLayout(width=640, label_width=190, number_space=60, top=6)  # committee reports (PDF, HTML, Word)


def bar_chart_svg(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    layout: BarLayout = ON_SCREEN,
    figures_in_title: bool = False,
) -> SafeString:
    """Horizontal bars, each with its label and number as text: the one drawing behind the dashboard's chart and
    every committee report's (Word has the same picture as a PNG, drawn to the same layout by reports.chart).

    figures_in_title: the title already gives every bar's figure (a PDF's alternative text is the title alone,
    so the report's says "Bar chart of …: Complete 4, …"), and the <desc> that would repeat them is left out."""
    height = 2 * layout.top + layout.row_height * len(bars)
    biggest = max((bar.value for bar in bars), default=0) or 1
    span = layout.width - layout.label_width - layout.number_space
    desc = "" if figures_in_title else "; ".join(f"{bar.label}: {bar.value}" for bar in bars)
    x0 = layout.label_width
    parts = _open(chart_id, title, desc, layout.width, height)
    parts.append(
        f'<line class="app-chart__axis" x1="{x0}" y1="0" x2="{x0}" y2="{height}" stroke="#b1b4b6" stroke-width="1"/>'
    )
    for index, bar in enumerate(bars):
        y = layout.top + index * layout.row_height
        length = round(span * bar.value / biggest, 1)
        middle = y + layout.bar_height / 2 + 5
        parts.append(
            f'<text class="app-chart__label" x="{x0 - 8}" y="{middle}" text-anchor="end" '
            f'fill="{INK}">{escape(bar.label)}</text>'
        )
        if bar.value:
            modifier = f" app-chart__segment--{escape(bar.key)}" if bar.key else ""
            parts.append(
                f'<rect class="app-chart__segment{modifier}" x="{x0}" y="{y}" width="{length}" '
                f'height="{layout.bar_height}" fill="{escape(bar.colour)}" stroke="{INK}" stroke-width="0.5" '
                f'data-category="{escape(bar.label)}" data-value="{bar.value}"/>'
            )
        parts.append(
            f'<text class="app-chart__label" x="{x0 + length + 8}" y="{middle}" fill="{INK}" '
            f'font-weight="bold">{bar.value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text and attribute value is escaped above


def rag_breakdown(
    counts: Mapping[str, int],
    *,
    chart_id: str,
    title: str = "Actions by RAG rating",
    words: Mapping[str, RagWord] = DEFAULT_WORDS,
) -> Figure:
    """One horizontal bar per rating; "Not rated" only when some actions have no rating."""
    shown = [c for c in categories(words=words) if c.key != NOT_RATED or counts.get(NOT_RATED, 0)]
    values = [(c, int(counts.get(c.key, 0))) for c in shown]
    bars = [Bar(c.label, v, c.colour, c.key or "not-rated") for c, v in values]
    rows: list[list[str | int]] = [[c.label, v] for c, v in values]
    rows.append(["Total", sum(v for _, v in values)])
    return Figure(
        chart_id, title, bar_chart_svg(bars, chart_id=chart_id, title=title), ["RAG rating", "Actions"], rows, "1"
    )


def rag_over_periods(
    history: Sequence[tuple[str, Mapping[str, int]]],
    *,
    chart_id: str,
    title: str = "RAG ratings at the end of each reporting period",
    not_rated: str = "No rating yet",
    words: Mapping[str, RagWord] = DEFAULT_WORDS,
) -> Figure:
    """One stacked column per reporting period, Red at the bottom; the ratings never used are left out."""
    used = [c for c in categories(not_rated, words) if any(counts.get(c.key, 0) for _, counts in history)]
    width, left, top, plot_h, key_h = 640, 40, 24, 220, 28
    label_h = 40
    height = top + plot_h + label_h + key_h * ((len(used) + 2) // 3)
    totals = [sum(int(counts.get(c.key, 0)) for c in used) for _, counts in history]
    biggest = max(totals, default=0) or 1
    column_space = (width - left) / max(len(history), 1)
    column_w = min(60.0, column_space * 0.6)
    desc = " ".join(
        f"{label}: " + ", ".join(f"{c.label} {int(counts.get(c.key, 0))}" for c in used) + "."
        for label, counts in history
    )
    parts = _open(chart_id, title, desc or "No reporting periods yet.", width, height)
    base = top + plot_h
    parts.append(
        f'<line class="app-chart__axis" x1="{left}" y1="{base}" x2="{width}" y2="{base}" stroke="#b1b4b6" '
        'stroke-width="1"/>'
    )
    for index, ((label, counts), total) in enumerate(zip(history, totals, strict=True)):
        x = left + index * column_space + (column_space - column_w) / 2
        y = float(base)
        for category in used:
            value = int(counts.get(category.key, 0))
            if not value:
                continue
            h = plot_h * value / biggest
            y -= h
            parts.append(
                f'<rect class="app-chart__segment--{category.key or "not-rated"}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{column_w:.1f}" height="{h:.1f}" fill="{category.colour}" stroke="{INK}" '
                f'stroke-width="0.5" data-series="{escape(label)}" data-category="{escape(category.label)}" '
                f'data-value="{value}"/>'
            )
        middle = x + column_w / 2
        parts.append(
            f'<text class="app-chart__label" x="{middle:.1f}" y="{y - 4:.1f}" text-anchor="middle" fill="{INK}" '
            f'font-weight="bold">{total}</text>'
        )
        parts.append(
            f'<text class="app-chart__label" x="{middle:.1f}" y="{base + 20}" text-anchor="middle" '
            f'fill="{INK}">{escape(label)}</text>'
        )
    key_top = base + label_h
    for index, category in enumerate(used):
        kx = left + (index % 3) * 200
        ky = key_top + (index // 3) * key_h
        parts.append(
            f'<rect x="{kx}" y="{ky}" width="14" height="14" fill="{category.colour}" stroke="{INK}" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="app-chart__label" x="{kx + 20}" y="{ky + 12}" fill="{INK}">{escape(category.label)}</text>'
        )
    parts.append("</svg>")
    head = ["Reporting period", *(c.label for c in used), "Total"]
    rows: list[list[str | int]] = [
        [label, *(int(counts.get(c.key, 0)) for c in used), total]
        for (label, counts), total in zip(history, totals, strict=True)
    ]
    numeric = ",".join(str(i) for i in range(1, len(head)))
    return Figure(chart_id, title, mark_safe("".join(parts)), head, rows, numeric)  # noqa: S308 - escaped above
