from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from peerplan.reports.changes import changes_between
from peerplan.reports.snapshot import Snapshot


def refs(rows: Iterable[Any]) -> list[str]:
    return [getattr(row, "action", row).ref for row in rows]


def test_the_first_report_has_nothing_to_compare_with(snapshot_q2: Snapshot) -> None:
    changes = changes_between(None, snapshot_q2)
    assert changes.is_first_report
    assert not changes.any


def test_a_snapshot_compared_with_itself_has_no_changes(snapshot_q2: Snapshot) -> None:
    changes = changes_between(snapshot_q2, snapshot_q2)
    assert changes.previous_as_of == snapshot_q2.as_of
    assert not changes.any


def test_completed_actions_are_listed_once_and_not_as_rating_moves(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    changes = changes_between(snapshot_q1, snapshot_q2)
    assert refs(changes.completed) == ["1.1a", "2.2"]
    assert "2.2" not in refs(changes.improved)


def test_ratings_that_got_worse_are_listed_with_before_and_after(snapshot_q1: Snapshot, snapshot_q2: Snapshot) -> None:
    changes = changes_between(snapshot_q1, snapshot_q2)
    assert [(m.action.ref, m.before, m.after) for m in changes.worsened] == [
        ("1.1", "green", "amber"),
        ("2.1", "amber", "red"),
    ]
    assert changes.improved == ()


def test_ratings_that_got_better_are_listed_as_improved(snapshot_q1: Snapshot, snapshot_q2: Snapshot) -> None:
    changes = changes_between(snapshot_q2, snapshot_q1)  # read backwards: red → amber is better
    assert ("2.1", "red", "amber") in [(m.action.ref, m.before, m.after) for m in changes.improved]


def test_actions_that_became_overdue_since_the_last_report_are_newly_overdue(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    assert refs(changes_between(snapshot_q1, snapshot_q2).newly_overdue) == ["2.1a", "3.1"]
    assert changes_between(snapshot_q2, snapshot_q2).newly_overdue == ()


def test_a_revised_due_date_is_listed_with_the_old_and_new_dates(snapshot_q1: Snapshot, snapshot_q2: Snapshot) -> None:
    revised = changes_between(snapshot_q1, snapshot_q2).dates_revised
    assert [(r.action.ref, r.before, r.after) for r in revised] == [("1.1", date(2025, 9, 30), date(2025, 11, 30))]


def test_actions_added_or_removed_since_the_last_report_are_listed(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    first = snapshot_q1.recommendations[0]
    shorter = replace(
        snapshot_q1, recommendations=(replace(first, actions=first.actions[:-1]), *snapshot_q1.recommendations[1:])
    )
    changes = changes_between(shorter, snapshot_q2)
    assert refs(changes.new_actions) == ["1.2"]
    assert refs(changes_between(snapshot_q2, shorter).removed_actions) == ["1.2"]
