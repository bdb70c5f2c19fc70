"""The dashboard's charts: server-drawn SVG whose figures are exactly those of the table beside it; the
committee reports draw theirs the same way."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from peerplan.accounts.models import User
from peerplan.plans.models import Review
from peerplan.reports.chart import chart_svg
from peerplan.reports.document import Bar as ReportBar
from peerplan.reports.document import Chart
from peerplan.shared.rag import Rag
from peerplan.testing.factories import make_action, make_recommendation, make_update
from peerplan.ui import charts

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures

SVG = "{http://www.w3.org/2000/svg}"


def svg_figures(svg: str) -> dict[tuple[str, str], int]:
    root = ET.fromstring(svg)  # noqa: S314 - our own markup
    return {
        (rect.get("data-series", ""), rect.get("data-category", "")): int(rect.get("data-value", "0"))
        for rect in root.iter(f"{SVG}rect")
        if rect.get("data-value")
    }


def test_the_breakdown_svg_shows_the_tables_figures() -> None:
    figure = charts.rag_breakdown({"red": 2, "amber": 5, "green": 9, "complete": 4, "": 1}, chart_id="c")
    table = {row[0]: row[1] for row in figure.rows if row[0] != "Total"}
    assert svg_figures(figure.svg) == {("", label): n for label, n in table.items() if n}
    assert table == {"Red": 2, "Amber": 5, "Green": 9, "Complete": 4, "Not started": 0, "Not rated": 1}
    assert figure.rows[-1] == ["Total", 21]


def test_the_breakdown_svg_is_an_image_with_a_title_and_description() -> None:
    figure = charts.rag_breakdown({"red": 1}, chart_id="rag-breakdown")
    root = ET.fromstring(figure.svg)  # noqa: S314 - our own markup
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "rag-breakdown-title rag-breakdown-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None and desc.text is not None
    assert title.text == "Actions by RAG rating"
    assert "Red: 1" in desc.text
    assert "style=" not in figure.svg


def test_the_history_svg_shows_the_tables_figures_per_period() -> None:
    history = [("Q1", Counter({"green": 3, "amber": 1})), ("Q2", Counter({"green": 2, "red": 1, "": 1}))]
    figure = charts.rag_over_periods(history, chart_id="h")
    head = figure.head
    from_table = {(row[0], head[i]): row[i] for row in figure.rows for i in range(1, len(head) - 1) if row[i]}
    assert svg_figures(figure.svg) == from_table
    assert head == ["Reporting period", "Red", "Amber", "Green", "No rating yet", "Total"]
    assert [row[-1] for row in figure.rows] == [4, 4]


@pytest.mark.django_db
def test_the_dashboard_shows_each_chart_with_its_table(client: Client, user: User, review: Review) -> None:
    rec = make_recommendation(review, "1")
    for ref, rag in (("1.1", Rag.RED), ("1.2", Rag.GREEN), ("1.3", Rag.GREEN)):
        make_update(make_action(rec, ref, rag=rag), date(2026, 3, 1), rag=rag)
    client.force_login(user)
    page = client.get(reverse("progress:review", args=[review.pk])).content.decode()
    svgs = re.findall(r"<svg[^>]*role=\"img\".*?</svg>", page, flags=re.S)
    assert len(svgs) == 2
    breakdown = svg_figures(svgs[0])
    assert breakdown == {("", "Red"): 1, ("", "Green"): 2}
    table = page[page.index("Actions by RAG rating (the chart’s figures)") :]
    assert re.search(r">Red</th>\s*<td[^>]*>1</td>", table)
    assert re.search(r">Green</th>\s*<td[^>]*>2</td>", table)


def test_the_one_bar_chart_draws_every_bar_with_its_words_and_number_escaped() -> None:
    bars = [charts.Bar("<Late> & slipping", 3, "#d4351c", "red"), charts.Bar("Done", 0, "#1d70b8")]
    svg = str(charts.bar_chart_svg(bars, chart_id="c", title="A & B", layout=charts.IN_PRINT))
    root = ET.fromstring(svg)  # noqa: S314 - our own markup
    assert root.get("width") == "640" and root.get("aria-labelledby") == "c-title c-desc"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["<Late> & slipping", "3", "Done", "0"]
    (rect,) = root.iter(f"{SVG}rect")  # a bar of 0 draws no rectangle, only its number
    assert rect.get("class") == "app-chart__segment app-chart__segment--red"


def test_the_committee_reports_chart_is_the_dashboards_drawing_at_the_print_size() -> None:
    """The same drawing; its title is the chart in words (a PDF's alternative text is the title alone)."""
    chart = Chart("Actions by position", (ReportBar("Complete", 4, "#1d70b8", "complete"),))
    drawn = str(chart_svg(chart))
    same = charts.bar_chart_svg(
        [charts.Bar("Complete", 4, "#1d70b8", "complete")],
        chart_id="chart-actions-by-position",
        title="Bar chart of actions by position: Complete 4",
        layout=charts.IN_PRINT,
        figures_in_title=True,
    )
    assert drawn == str(same)
    assert "<desc" not in drawn and 'aria-labelledby="chart-actions-by-position-title"' in drawn
    dashboard = str(charts.bar_chart_svg([charts.Bar("Complete", 4, "#1d70b8")], chart_id="c", title="Actions"))
    assert '<desc id="c-desc">Complete: 4</desc>' in dashboard and 'aria-labelledby="c-title c-desc"' in dashboard
