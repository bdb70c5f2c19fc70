"""What changed between two snapshots of the same plan: section 5 of the committee report.

Pure functions over snapshots; actions are matched by their database id, so a renumbered ref still matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peerplan.plans.enums import Rag

from .snapshot import ActionRow, Snapshot


@dataclass(frozen=True)
class RagMove:
    action: ActionRow
    before: str
    after: str


@dataclass(frozen=True)
class DateRevision:
    action: ActionRow
    before: date | None
    after: date | None


@dataclass(frozen=True)
class Changes:
    """Each list in plan order. `previous_as_of` is None when there was no earlier report."""

    previous_as_of: date | None
    improved: tuple[RagMove, ...] = ()
    worsened: tuple[RagMove, ...] = ()
    completed: tuple[ActionRow, ...] = ()
    newly_overdue: tuple[ActionRow, ...] = ()
    dates_revised: tuple[DateRevision, ...] = ()
    new_actions: tuple[ActionRow, ...] = ()
    removed_actions: tuple[ActionRow, ...] = ()

    @property
    def is_first_report(self) -> bool:
        return self.previous_as_of is None

    @property
    def any(self) -> bool:
        return any(
            (
                self.improved,
                self.worsened,
                self.completed,
                self.newly_overdue,
                self.dates_revised,
                self.new_actions,
                self.removed_actions,
            )
        )


def changes_between(previous: Snapshot | None, current: Snapshot) -> Changes:
    """RAG moved up or down, completed, newly overdue, dates revised, new and removed actions."""
    if previous is None:
        return Changes(previous_as_of=None)
    before = {a.id: a for a in previous.actions}
    now_ids = {a.id for a in current.actions}
    improved, worsened, completed, overdue, revised, new = [], [], [], [], [], []
    for action in current.actions:
        old = before.get(action.id)
        if old is None:
            new.append(action)
            if action.overdue:
                overdue.append(action)
            continue
        if action.is_closed and not old.is_closed:
            completed.append(action)
        elif action.rag and old.rag and action.rag != old.rag:
            # Severity says which way is better; an equal severity (e.g. complete vs not started) is no move.
            move = RagMove(action, old.rag, action.rag)
            if Rag(action.rag).severity < Rag(old.rag).severity:
                improved.append(move)
            elif Rag(action.rag).severity > Rag(old.rag).severity:
                worsened.append(move)
        if action.overdue and not old.overdue:
            overdue.append(action)
        if action.due != old.due:
            revised.append(DateRevision(action, old.due, action.due))
    return Changes(
        previous_as_of=previous.as_of,
        improved=tuple(improved),
        worsened=tuple(worsened),
        completed=tuple(completed),
        newly_overdue=tuple(overdue),
        dates_revised=tuple(revised),
        new_actions=tuple(new),
        removed_actions=tuple(a for a in previous.actions if a.id not in now_ids),
    )
