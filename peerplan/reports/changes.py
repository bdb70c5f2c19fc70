"""What changed between two snapshots of the same plan: section 5 of the committee report.

Pure functions over snapshots; actions are matched by their database id, so a renumbered ref still matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peerplan.plans.figures import Move, Standing, movement

from .snapshot import ActionRow, Snapshot

RagMove = Move[ActionRow]
DateRevision = Move[ActionRow]


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


def _standing(action: ActionRow) -> Standing:
    return Standing(action.status, action.rag, action.due, action.overdue)


def changes_between(previous: Snapshot | None, current: Snapshot) -> Changes:
    """RAG moved up or down, completed, newly overdue, dates revised, new and removed actions.

    The rules are `peerplan.plans.figures.movement`, the same as the dashboard's.
    """
    if previous is None:
        return Changes(previous_as_of=None)
    before = {a.id: _standing(a) for a in previous.actions}
    now_ids = {a.id for a in current.actions}
    moved = movement((a, before.get(a.id), _standing(a)) for a in current.actions)
    return Changes(
        previous_as_of=previous.as_of,
        improved=moved.improved,
        worsened=moved.worsened,
        completed=tuple(m.action for m in moved.completed),
        newly_overdue=tuple(m.action for m in moved.newly_overdue),
        dates_revised=moved.dates_revised,
        new_actions=moved.added,
        removed_actions=tuple(a for a in previous.actions if a.id not in now_ids),
    )
