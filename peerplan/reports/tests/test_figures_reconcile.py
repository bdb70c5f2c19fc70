"""The figures reconcile: the sentence, the chart, the tables and the summary sheet say the same, adding up.

A generated plan covers every status, every rating and overdue or not; each file is read back.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from docx import Document
from openpyxl import load_workbook

from peerplan.plans.enums import ActionStatus
from peerplan.plans.figures import Headline, headline_of
from peerplan.reports.compose import ReportInput, compose, summarise
from peerplan.reports.cover import Cover
from peerplan.reports.renderers import render
from peerplan.reports.snapshot import Snapshot
from peerplan.shared.rag import Rag

HEADLINES = [str(h.label) for h in Headline]
SENTENCE = re.compile(r"(\d+) (" + "|".join(re.escape(h.lower()) for h in HEADLINES) + r")\b")
RATINGS = [*(r.value for r in Rag), ""]


def generated(snapshot: Snapshot, n: int = 97) -> Snapshot:
    """`n` actions cycling through every status, rating and overdue-or-not, in three recommendations."""
    template = snapshot.actions[0]
    statuses = list(ActionStatus)
    actions = []
    for i in range(n):
        status = statuses[i % len(statuses)]
        late = i % 4 == 0
        due = snapshot.as_of - timedelta(days=10) if late else snapshot.as_of + timedelta(days=40)
        actions.append(
            replace(
                template,
                id=10_000 + i,
                ref=f"G{i}",
                status=status.value,
                rag=RATINGS[(i // 3) % len(RATINGS)],
                due=due,
                original_due=due,
                revised=False,
                overdue=late and not status.is_closed,
            )
        )
    recs = tuple(
        replace(rec, actions=tuple(a for j, a in enumerate(actions) if j % 3 == k))
        for k, rec in enumerate(snapshot.recommendations[:3])
    )
    recs = tuple(replace(rec, actions=tuple(replace(a, recommendation_id=rec.id) for a in rec.actions)) for rec in recs)
    return replace(snapshot, recommendations=recs)


@pytest.fixture
def report(snapshot_q2: Snapshot) -> ReportInput:
    return ReportInput(snapshot=generated(snapshot_q2), cover=Cover(meeting="Cabinet"))


def expected(report: ReportInput) -> dict[str, int]:
    counts = dict.fromkeys(HEADLINES, 0)
    for a in report.snapshot.actions:
        counts[str(headline_of(status=a.status, rag=a.rag, overdue=a.overdue).label)] += 1
    return counts


def match_of(pattern: str, text: str, group: int = 1) -> str:
    """The group of the first match of `pattern`, which must be in the text."""
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} is not in the text"
    return match.group(group)


def from_sentence(text: str) -> dict[str, int]:
    found = {label.lower(): int(count) for count, label in SENTENCE.findall(text)}
    return {h: found[h.lower()] for h in HEADLINES}


def test_every_action_is_in_exactly_one_position_and_every_position_is_used(report: ReportInput) -> None:
    counts = expected(report)
    assert sum(counts.values()) == len(report.snapshot.actions) == 97
    assert all(counts.values()), counts
    f = summarise(report.snapshot.actions)
    assert {str(h.label): n for h, n in f.by_headline} == counts
    assert sum(n for _, n in f.by_rag) == sum(n for _, n in f.by_status) == f.total == 97


def test_word_sentence_chart_and_tables_agree(report: ReportInput) -> None:
    counts = expected(report)
    document = Document(io.BytesIO(render(report, "docx")))
    sentence = next(p.text for p in document.paragraphs if "the plan has 97 actions" in p.text)
    assert from_sentence(sentence) == counts
    alt = document.inline_shapes[0]._inline.docPr.get("descr")
    assert {h: int(match_of(re.escape(h) + r" (\d+)", alt)) for h in HEADLINES} == counts
    tables = {t.rows[0].cells[0].text: t for t in document.tables if t.rows}
    position = {r.cells[0].text: r.cells[2].text for r in tables["Position"].rows[1:]}
    assert position == {**{h: str(n) for h, n in counts.items()}, "Total": "97"}
    rag_total = sum(int(r.cells[2].text) for r in tables["RAG rating"].rows[1:-1])
    assert rag_total == 97 and tables["RAG rating"].rows[-1].cells[2].text == "97"
    status_total = sum(int(r.cells[1].text) for r in tables["Status"].rows[1:-1])
    assert status_total == 97 and tables["Status"].rows[-1].cells[1].text == "97"


def test_the_summary_sheet_has_the_same_figures(report: ReportInput) -> None:
    counts = expected(report)
    sheet = load_workbook(io.BytesIO(render(report, "xlsx")))["Summary"]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("Position (each"))
    block = dict(rows[start + 1 : start + 2 + len(HEADLINES)])  # the positions and their total
    assert block == {**counts, "Total": 97}
    rag_start = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("RAG rating"))
    rag = rows[rag_start + 1 : rag_start + 1 + len(RATINGS)]
    assert sum(int(n) for _, n in rag) == 97


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.labels: list[str] = []  # each chart's title: the chart in words, as a screen reader and the PDF say it
        self._cell: list[str] | None = None
        self._desc: list[str] | None = None
        self._in_svg = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "svg":
            self._in_svg = True
        elif tag == "title" and self._in_svg:
            self._desc = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "title" and self._desc is not None:
            self.labels.append("".join(self._desc))
            self._desc = None
        elif tag == "svg":
            self._in_svg = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._desc is not None:
            self._desc.append(data)


def test_the_web_page_says_the_same(report: ReportInput) -> None:
    counts = expected(report)
    html = render(report, "html").decode()
    assert from_sentence(match_of(r"the plan has 97 actions:[^<]*", html, 0)) == counts
    parsed = _Tables()
    parsed.feed(html)
    chart = parsed.labels[0]
    assert chart.startswith("Bar chart of actions by position: ")
    assert {h: int(match_of(re.escape(h) + r" (\d+)", chart)) for h in HEADLINES} == counts
    position = next(t for t in parsed.tables if t and t[0] and t[0][0] == "Position")
    assert {r[0]: int(r[2]) for r in position[1:]} == {**counts, "Total": 97}


def test_the_status_table_lists_every_status_as_the_rag_table_and_the_workbook_do(snapshot_q2: Snapshot) -> None:
    """A status no action has is a row of 0, not a missing row: members compare the report with the last one."""
    report = ReportInput(snapshot=generated(snapshot_q2, n=3), cover=Cover(meeting="Cabinet"))  # three statuses
    tables = compose(report).tables()
    statuses = next(t for t in tables if t.caption == "Actions by status")
    assert [row.cells[0].text for row in statuses.rows] == [str(s.label) for s in ActionStatus] + ["Total"]
    assert [row.cells[1].text for row in statuses.rows][3:] == ["0"] * (len(ActionStatus) - 3) + ["3"]
