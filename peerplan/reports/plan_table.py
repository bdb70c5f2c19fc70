"""A snapshot of the plan as one table (one row per action), written as CSV or XLSX.

Used by the open data (public columns only) and by the signed-in exports from the plan page (with the
internal commentary). Every cell a person wrote goes through peerplan.plans.safe_cells.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from peerplan.plans.enums import ActionStatus
from peerplan.reports.renderers.safe_cells import safe_csv_row, xlsx_cell

from .snapshot import Snapshot

PUBLIC_COLUMNS = [
    "Position as at",
    "Recommendation",
    "Recommendation kind",
    "Recommendation text",
    "Theme",
    "Action",
    "Action text",
    "Part of action",
    "Owners",
    "Lead officer",
    "Timescale as written",
    "Original due date",
    "Due date",
    "Status",
    "RAG rating",
    "Percent complete",
    "Overdue",
    "Public summary",
    "Public summary date",
]
INTERNAL_COLUMNS = ["Latest commentary", "Commentary date", "Evidence"]


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def plan_table(snapshot: Snapshot, *, internal: bool) -> tuple[list[str], list[list[str]]]:
    """(header, rows) in plan order; `internal` adds the commentary and evidence, never for the public."""
    refs = {a.id: a.ref for a in snapshot.actions}
    rows = []
    for rec in snapshot.recommendations:
        for action in rec.actions:
            label = snapshot.rag_label(action.rag)
            row = [
                snapshot.as_of.isoformat(),
                rec.ref,
                rec.kind_label,
                rec.text,
                rec.theme,
                action.ref,
                action.text,
                refs.get(action.parent_id, "") if action.parent_id else "",
                "; ".join(action.owners),
                action.lead_officer,
                action.timescale,
                _iso(action.original_due),
                _iso(action.due),
                str(ActionStatus(action.status).label),
                label.label if label and action.rag else "",
                "" if action.percent is None else str(action.percent),
                "Yes" if action.overdue else "No",
                action.public_summary,
                _iso(action.public_summary_date),
            ]
            if internal:
                row += [action.commentary, _iso(action.commentary_date), "; ".join(action.evidence)]
            rows.append(row)
    return PUBLIC_COLUMNS + (INTERNAL_COLUMNS if internal else []), rows


def table_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads the accents and dashes right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(safe_csv_row(row) for row in rows)
    return out.getvalue().encode("utf-8-sig")


def table_xlsx(header: list[str], rows: list[list[str]], *, title: str) -> bytes:
    """One sheet, written row by row (linear in the rows), every text a text cell (never a formula)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    sheet.freeze_panes = "A2"
    heading = []
    for text in header:
        cell = xlsx_cell(sheet, text)
        cell.font = Font(bold=True)
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    workbook.properties.title = title[:255]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
