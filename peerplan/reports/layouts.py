"""Appendix layouts: the column sets councils use for an action plan, in a small registry by name.

Each layout turns snapshot rows into a Table; the status, RAG and latest progress columns are common to all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from peerplan.plans.enums import ActionStatus
from peerplan.shared.dates import long_date

from .document import Cell, Column, Row, Table
from .snapshot import ActionRow, RecommendationRow, Snapshot

# Landscape A4 is 297 mm wide; with 15 mm margins each layout's columns add up to 267 mm.
# The latest progress is the longest text in a row, so it has the widest column: the row is then shorter.
PROGRESS_COLUMNS = (Column("Status", 19), Column("RAG", 20), Column("Latest progress", 80))


class UnknownLayoutError(LookupError):
    pass


@dataclass(frozen=True)
class Layout:
    name: str
    label: str
    description: str
    build: Callable[[Snapshot, Sequence[RecommendationRow]], Table]


_REGISTRY: dict[str, Layout] = {}


def layout_register(layout: Layout) -> Layout:
    _REGISTRY[layout.name] = layout
    return layout


def layout_get(name: str) -> Layout:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownLayoutError(f"Unknown layout {name!r}. Choose one of: {', '.join(_REGISTRY)}.") from None


def layouts() -> list[Layout]:
    return list(_REGISTRY.values())


# --- cells shared by every layout -----------------------------------------------------------------------------------


def owners_text(action: ActionRow) -> str:
    names = list(action.owners)
    if action.lead_officer and action.lead_officer not in names:
        names.insert(0, action.lead_officer)
    return "\n".join(names)


def status_cell(action: ActionRow) -> Cell:
    percent = f" ({action.percent}%)" if action.percent is not None and not action.is_closed else ""
    return Cell(f"{ActionStatus(action.status).label}{percent}", note="Overdue" if action.overdue else "")


def rag_cell(snapshot: Snapshot, action: ActionRow) -> Cell:
    label = snapshot.rag_label(action.rag) if action.rag else None
    return Cell(label.label if label else "Not rated", rag=action.rag, bold=bool(label))


def progress_cell(action: ActionRow) -> Cell:
    note = f"Updated {long_date(action.commentary_date)}" if action.commentary_date else ""
    if not action.commentary and action.is_closed:
        # A step ticked off in the plan: say where its status comes from, not "no update yet".
        return Cell(f"Recorded as {ActionStatus(action.status).label.lower()} in the plan, with no commentary.")
    return Cell(action.commentary or "No update yet.", note=note)


def due_cell(action: ActionRow, *, prefer_timescale: bool) -> Cell:
    """The timescale as written (or the due date), with the revised date when it moved."""
    main = action.timescale if prefer_timescale and action.timescale else long_date(action.due) or action.timescale
    if action.revised:
        if prefer_timescale:
            return Cell(main, note=f"Revised to {long_date(action.due)}")
        return Cell(main, note=f"Revised from {long_date(action.original_due)}" if action.original_due else "Revised")
    return Cell(main)


def progress_cells(snapshot: Snapshot, action: ActionRow) -> tuple[Cell, ...]:
    return (status_cell(action), rag_cell(snapshot, action), progress_cell(action))


def group_row(rec: RecommendationRow) -> Row:
    return Row((Cell(f"{rec.heading}: {rec.text}", bold=True),), group=True)


# --- the three layouts of the brief ---------------------------------------------------------------------------------


def _objectives(snapshot: Snapshot, recommendations: Sequence[RecommendationRow]) -> Table:
    rows: list[Row] = []
    for rec in recommendations:
        rows.append(group_row(rec))
        for action in rec.actions:
            text = Cell(action.text, indent=max(action.depth - 2, 0))
            what, how = (text, Cell()) if action.depth == 1 else (Cell(), text)
            rows.append(
                Row(
                    (
                        Cell(action.ref, bold=action.depth == 1),
                        what,
                        how,
                        Cell(owners_text(action)),
                        due_cell(action, prefer_timescale=True),
                        *progress_cells(snapshot, action),
                    )
                )
            )
    columns = (
        Column("Ref", 12),
        Column("What do we want to achieve?", 42),
        Column("How are we going to do it?", 46),
        Column("Responsibility", 26),
        Column("Timescale", 22),
        *PROGRESS_COLUMNS,
    )
    return Table(columns, tuple(rows))


def _current_options(snapshot: Snapshot, recommendations: Sequence[RecommendationRow]) -> Table:
    rows: list[Row] = []
    for rec in recommendations:
        if not rec.actions:
            rows.append(Row((Cell(f"{rec.ref} {rec.text}".strip()), Cell(), Cell(), Cell(), Cell(), Cell(), Cell())))
        for index, action in enumerate(rec.actions):
            # A proposed action is an option the council may take; anything else is under way or done.
            text = Cell(f"{action.ref} {action.text}".strip(), indent=max(action.depth - 1, 0))
            current, option = (Cell(), text) if action.status == ActionStatus.PROPOSED else (text, Cell())
            recommendation = Cell(f"{rec.ref} {rec.text}".strip(), bold=rec.is_key) if index == 0 else Cell()
            rows.append(
                Row((recommendation, current, option, Cell(owners_text(action)), *progress_cells(snapshot, action)))
            )
    columns = (
        Column("Peer Challenge Recommendation", 42),
        Column("Current Actions", 46),
        Column("Options for further action", 34),
        Column("Responsibility", 26),
        *PROGRESS_COLUMNS,
    )
    return Table(columns, tuple(rows))


def _ref_details(snapshot: Snapshot, recommendations: Sequence[RecommendationRow]) -> Table:
    rows: list[Row] = []
    for rec in recommendations:
        for index, action in enumerate(rec.actions):
            details = ""
            if index == 0:
                details = rec.text + (f"\n({rec.source})" if rec.source else "")
            rows.append(
                Row(
                    (
                        Cell(action.ref or rec.ref, bold=True),
                        Cell(details, bold=rec.is_key and index == 0),
                        Cell(action.text, indent=max(action.depth - 1, 0)),
                        Cell(owners_text(action)),
                        due_cell(action, prefer_timescale=False),
                        *progress_cells(snapshot, action),
                    )
                )
            )
    columns = (
        Column("Ref", 12),
        Column("Details of recommendation", 40),
        Column("Action to be taken", 42),
        Column("Responsible officer", 26),
        Column("Implementation date", 28),
        *PROGRESS_COLUMNS,
    )
    return Table(columns, tuple(rows))


layout_register(
    Layout(
        "objectives",
        "Objectives (What / How / Timescale)",
        "Per recommendation: What do we want to achieve? / How are we going to do it? / Timescale.",
        _objectives,
    )
)
layout_register(
    Layout(
        "current-options",
        "Current actions and options",
        "Peer Challenge Recommendation / Current Actions / Options for further action / Responsibility.",
        _current_options,
    )
)
layout_register(
    Layout(
        "ref-details",
        "Reference and details",
        "Ref / Details of recommendation / Action to be taken / Responsible officer / Implementation date.",
        _ref_details,
    )
)
DEFAULT_LAYOUT = "objectives"
