"""The peers' recommendations and the plan's words are quoted exactly, never cut with "…"."""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document

from peerplan.reports.compose import ReportInput, compose
from peerplan.reports.cover import Cover
from peerplan.reports.document import Bullets, Subheading
from peerplan.reports.layouts import progress_cell
from peerplan.reports.renderers import render
from peerplan.reports.snapshot import Snapshot

LONG_RECOMMENDATION = (
    "Develop a clear, long-term vision for the district with partners and residents, setting out the council's "
    "ambitions for growth, regeneration and the environment, and use it to shape a refreshed Corporate Plan, the "
    "medium-term financial strategy and the council's workforce plan so that all three pull in the same direction."
)
LONG_ACTION = (
    "Hold a series of partner workshops with the town and parish councils, the voluntary sector, businesses and "
    "the health partners to agree the shared vision, the priorities that follow from it and how progress will be "
    "measured."
)


def _long(snapshot: Snapshot) -> Snapshot:
    first = snapshot.recommendations[0]
    actions = tuple(replace(a, text=LONG_ACTION) if a.ref == "1.1a" else a for a in first.actions)
    return replace(
        snapshot,
        recommendations=(replace(first, text=LONG_RECOMMENDATION, actions=actions), *snapshot.recommendations[1:]),
    )


def test_the_position_statement_quotes_each_recommendation_in_full(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    report = ReportInput(snapshot=_long(snapshot_q2), cover=Cover(), kind="position-statement", previous=snapshot_q1)
    doc = compose(report)
    headings = [b.text for s in doc.sections for b in s.blocks if isinstance(b, Subheading)]
    assert any(h.endswith(f" 1: {LONG_RECOMMENDATION}") for h in headings)
    text = "\n".join(p.text for p in Document(io.BytesIO(render(report, "docx"))).paragraphs)
    assert LONG_RECOMMENDATION in text
    assert "…" not in text


def test_the_change_lists_quote_each_action_in_full(snapshot_q1: Snapshot, snapshot_q2: Snapshot) -> None:
    report = ReportInput(snapshot=_long(snapshot_q2), cover=Cover(), previous=snapshot_q1)
    items = [item for s in compose(report).sections for b in s.blocks if isinstance(b, Bullets) for item in b.items]
    assert f"1.1a {LONG_ACTION}" in items  # 1.1a was completed since the last report
    assert not [item for item in items if "…" in item]


def test_a_step_closed_in_the_plan_with_no_update_says_so(snapshot_q2: Snapshot) -> None:
    step = replace(snapshot_q2.actions[0], status="complete", rag="complete", commentary="", commentary_date=None)
    assert progress_cell(step).text == "Recorded as complete in the plan, with no commentary."
    assert progress_cell(replace(step, status="in-progress")).text == "No update yet."
