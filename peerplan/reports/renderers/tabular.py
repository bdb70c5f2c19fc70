"""The action plan as flat rows, one per action, for the spreadsheet formats (XLSX and CSV)."""

from __future__ import annotations

from datetime import date

from peerplan.plans.enums import ActionStatus
from peerplan.reports.compose import ReportInput

COLUMNS: tuple[tuple[str, float], ...] = (
    # (heading, width in Excel characters)
    ("Recommendation", 10),
    ("Recommendation wording", 45),
    ("Ref", 8),
    ("Level", 6),
    ("Action", 50),
    ("Responsibility", 25),
    ("Timescale (as written)", 18),
    ("Original due", 12),
    ("Current due", 12),
    ("Revised", 8),
    ("Status", 16),
    ("% complete", 10),
    ("RAG", 12),
    ("Overdue", 8),
    ("Latest commentary", 60),
    ("Commentary date", 12),
    ("Evidence", 30),
)
RAG_COLUMN = 12  # zero-based index of "RAG" in COLUMNS

Value = str | int | date | None


def flat_rows(report: ReportInput) -> list[tuple[Value, ...]]:
    snapshot = report.snapshot
    wanted = {a.id for a in report.actions()}
    rows: list[tuple[Value, ...]] = []
    for rec in snapshot.recommendations:
        for action in rec.actions:
            if action.id not in wanted:
                continue
            label = snapshot.rag_label(action.rag) if action.rag else None
            owners = list(action.owners)
            if action.lead_officer and action.lead_officer not in owners:
                owners.insert(0, action.lead_officer)
            rows.append(
                (
                    rec.ref,
                    rec.text,
                    action.ref,
                    action.depth,
                    action.text,
                    "; ".join(owners),
                    action.timescale,
                    action.original_due,
                    action.due,
                    "Yes" if action.revised else "No",
                    str(ActionStatus(action.status).label),
                    action.percent,
                    label.label if label else "Not rated",
                    "Yes" if action.overdue else "No",
                    action.commentary,
                    action.commentary_date,
                    "; ".join(action.evidence),
                )
            )
    return rows
