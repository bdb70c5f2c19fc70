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
    return [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{chart_id}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>'
        ),
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


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
    width, label_w, row_h, bar_h, number_space = 480, 110, 30, 20, 50
    height = 8 + row_h * len(values)
    biggest = max((v for _, v in values), default=0) or 1
    span = width - label_w - number_space
    desc = "; ".join(f"{c.label}: {v}" for c, v in values)
    parts = _open(chart_id, title, desc, width, height)
    parts.append(
        f'<line class="app-chart__axis" x1="{label_w}" y1="0" x2="{label_w}" y2="{height}" '
        'stroke="#b1b4b6" stroke-width="1"/>'
    )
    for index, (category, value) in enumerate(values):
        y = 4 + index * row_h
        length = round(span * value / biggest, 1)
        middle = y + bar_h / 2 + 5
        parts.append(
            f'<text class="app-chart__label" x="{label_w - 8}" y="{middle}" text-anchor="end" '
            f'fill="{INK}">{escape(category.label)}</text>'
        )
        if value:
            parts.append(
                f'<rect class="app-chart__segment--{category.key or "not-rated"}" x="{label_w}" y="{y}" '
                f'width="{length}" height="{bar_h}" fill="{category.colour}" stroke="{INK}" stroke-width="0.5" '
                f'data-category="{escape(category.label)}" data-value="{value}"/>'
            )
        parts.append(
            f'<text class="app-chart__label" x="{label_w + length + 8}" y="{middle}" fill="{INK}" '
            f'font-weight="bold">{value}</text>'
        )
    parts.append("</svg>")
    rows: list[list[str | int]] = [[c.label, v] for c, v in values]
    rows.append(["Total", sum(v for _, v in values)])
    return Figure(chart_id, title, mark_safe("".join(parts)), ["RAG rating", "Actions"], rows, "1")  # noqa: S308 - every value is escaped above


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
