"""One small made-up plan laid out in the general shapes real plans take — headings known, unusual or
missing, columns in another order, a meeting date beside the target date, a title row above,
recommendations written across the table, continuation rows — in Word and Excel: each reads back as
the same three recommendations with their actions, owners and timescales."""

from __future__ import annotations

from typing import Any

import pytest

from peerplan.importers import parse_file
from peerplan.importers.tests.makers import docx_bytes, xlsx_bytes

PLAN = [
    (
        "1",
        "Develop a medium term financial strategy that closes the budget gap.",
        [
            ("Agree budget principles with cabinet", "Chief Finance Officer", "March 2026"),
            ("Publish the strategy for consultation", "Chief Finance Officer", "June 2026"),
        ],
    ),
    (
        "2",
        "Strengthen performance management across services.",
        [("Introduce a quarterly performance report", "Head of Policy", "September 2026")],
    ),
    (
        "3",
        "Invest in the skills of members through a development programme.",
        [
            ("Run induction for all new councillors", "Democratic Services Manager", "May 2026"),
            ("Offer scrutiny chair training", "Democratic Services Manager", "October 2026"),
        ],
    ),
]


def one_row_per_action(header: list[str] | None, *, blank_repeats: bool = False) -> list[list[str]]:
    rows = [header] if header else []
    for ref, text, actions in PLAN:
        for n, (action, owner, when) in enumerate(actions):
            first = n == 0 or not blank_repeats
            rows.append([ref if first else "", text if first else "", action, owner, when])
    return rows


def across_the_table() -> list[list[str]]:
    rows = [["Key tasks", "Lead", "Timescale"]]
    for ref, text, actions in PLAN:
        rows.append([f"{ref}. {text}", "", ""])
        rows.extend([list(a) for a in actions])
    return rows


def reordered(header: list[str], *, title: bool) -> list[list[str]]:
    rows = [["Peer challenge action plan 2025", "", "", "", "", "", ""]] if title else []
    rows.append(header)
    for ref, text, actions in PLAN:
        rows.extend(["12 May 2025", when, owner, ref, text, action, "Amber"] for action, owner, when in actions)
    return rows


SHAPES: dict[str, list[list[str]]] = {
    "known headings": one_row_per_action(["Ref", "Recommendation", "Action", "Lead officer", "Target date"]),
    "unusual headings": one_row_per_action(["#", "What the peers said", "Key tasks", "Lead(s)", "By when?"]),
    "unknown headings": one_row_per_action(["Col A", "Col B", "Col C", "Col D", "Col E"]),
    "no header row": one_row_per_action(None),
    "continuation rows": one_row_per_action(["No.", "Finding", "Steps", "Responsible", "Deadline"], blank_repeats=True),
    "across the table": across_the_table(),
    "reordered with a meeting date": reordered(
        ["Meeting date", "Timescale", "Owner", "Ref", "Recommendation", "Action", "RAG"], title=False
    ),
    "reordered, other words": reordered(
        [
            "Date of meeting",
            "Complete by",
            "Who is leading",
            "Item",
            "Area for development",
            "What we will do",
            "Rating",
        ],
        title=True,
    ),
    "reordered, no headings, a title": reordered([""] * 7, title=True),
}


def read(rows: list[list[str]], fmt: str) -> Any:
    data = docx_bytes(rows) if fmt == "docx" else xlsx_bytes(rows)
    return parse_file(data, f"plan.{fmt}").document


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_shape_reads_back_as_the_plan(shape: str, fmt: str) -> None:
    document = read(SHAPES[shape], fmt)
    assert [r.text.split(". ", 1)[-1][:30] for r in document.recommendations] == [t[:30] for _, t, _ in PLAN]
    for rec, (_, _, actions) in zip(document.recommendations, PLAN, strict=True):
        assert [(a.text, a.owners, a.timescale) for a in rec.actions] == [(a, [o], w) for a, o, w in actions]
