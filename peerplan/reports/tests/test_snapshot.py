from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pytest_django import DjangoAssertNumQueries

from peerplan.plans.models import Action, Review
from peerplan.progress.models import ProgressUpdate
from peerplan.reports.snapshot import ActionRow, Snapshot, from_json, snapshot_take, to_json

from .conftest import LATE_UPDATE, Q2_END

SNAPSHOT_QUERIES = 11


def by_ref(snapshot: Snapshot) -> dict[str, ActionRow]:
    return {a.ref: a for a in snapshot.actions}


@pytest.mark.parametrize("size", [5, 50])
def test_snapshot_takes_the_same_number_of_queries_whatever_the_plan_size(
    plan_of: Callable[[int], Review], django_assert_num_queries: DjangoAssertNumQueries, size: int
) -> None:
    review = Review.objects.get(pk=plan_of(size).pk)
    with django_assert_num_queries(SNAPSHOT_QUERIES):
        snapshot = snapshot_take(review, as_of=Q2_END)
    assert len(snapshot.actions) == size
    assert all(a.owners for a in snapshot.actions)


def test_every_action_is_in_plan_order_under_its_recommendation(snapshot_q2: Snapshot) -> None:
    assert [r.ref for r in snapshot_q2.recommendations] == ["1", "2", "3"]
    assert [a.ref for a in snapshot_q2.actions] == [
        "1.1",
        "1.1a",
        "1.1b",
        "1.2",
        "2.1",
        "2.1a",
        "2.2",
        "3.1",
        "3.1a",
        "3.2",
    ]
    assert by_ref(snapshot_q2)["1.1a"].depth == 2
    assert by_ref(snapshot_q2)["1.2"].owners == ("Chief Executive", "Management Board")


def test_an_update_dated_after_as_of_is_not_shown(snapshot_q2: Snapshot) -> None:
    action = by_ref(snapshot_q2)["3.1"]
    assert action.status == "in-progress"
    assert action.rag == "green"
    assert action.commentary == "Strategy out to staff consultation."
    assert action.commentary_date == Q2_END


def test_the_rating_is_the_latest_update_on_or_before_as_of(snapshot_q1: Snapshot, snapshot_q2: Snapshot) -> None:
    assert (by_ref(snapshot_q1)["2.1"].rag, by_ref(snapshot_q1)["2.1"].percent) == ("amber", 20)
    assert (by_ref(snapshot_q2)["2.1"].rag, by_ref(snapshot_q2)["2.1"].percent) == ("red", 25)


def test_an_action_with_no_update_stands_as_written_in_the_plan_with_no_rating(snapshot_q2: Snapshot) -> None:
    assert (by_ref(snapshot_q2)["1.1b"].status, by_ref(snapshot_q2)["1.1b"].rag) == ("not-started", "")
    assert (by_ref(snapshot_q2)["3.2"].status, by_ref(snapshot_q2)["3.2"].rag) == ("proposed", "")


def test_an_update_with_no_commentary_leaves_no_commentary(snapshot_q2: Snapshot) -> None:
    assert by_ref(snapshot_q2)["1.2"].commentary == ""
    assert by_ref(snapshot_q2)["1.2"].commentary_date is None


def test_the_due_date_moves_only_once_a_revision_is_approved_by_as_of(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot
) -> None:
    assert (by_ref(snapshot_q1)["1.1"].due, by_ref(snapshot_q1)["1.1"].revised) == (date(2025, 9, 30), False)
    q2 = by_ref(snapshot_q2)["1.1"]
    assert (q2.original_due, q2.due, q2.revised) == (date(2025, 9, 30), date(2025, 11, 30), True)
    # 2.1a's later date was only requested: it still counts from its original date.
    assert by_ref(snapshot_q2)["2.1a"].due == date(2025, 7, 31)


def test_overdue_means_open_and_past_its_due_date_as_at_the_day(snapshot_q1: Snapshot, snapshot_q2: Snapshot) -> None:
    assert {a.ref for a in snapshot_q2.actions if a.overdue} == {"2.1a", "3.1"}
    # due on 30 June is not overdue on 30 June; complete actions are never overdue
    assert {a.ref for a in snapshot_q1.actions if a.overdue} == set()


def test_the_councils_own_rag_labels_are_kept(snapshot_q2: Snapshot) -> None:
    label = snapshot_q2.rag_label("complete")
    assert label is not None
    assert label.label == "Blue (complete)"
    red = snapshot_q2.rag_label("red")
    assert red is not None
    assert red.label == "Red"


def test_the_snapshot_carries_the_review_facts_peer_team_themes_and_clock(snapshot_q2: Snapshot) -> None:
    assert snapshot_q2.organisation == "Eastmoor District Council"
    assert snapshot_q2.visit_end == date(2025, 1, 17)
    assert snapshot_q2.peer_team[0].name == "Sam Okafor"
    assert snapshot_q2.themes == ("Local priorities and outcomes", "Financial planning and management")
    assert [c.milestone for c in snapshot_q2.clock][2] == "progress-review"
    assert snapshot_q2.clock[2].due == date(2025, 11, 17)


def test_a_snapshot_survives_a_round_trip_through_json_unchanged(snapshot_q2: Snapshot) -> None:
    text = to_json(snapshot_q2)
    assert from_json(text) == snapshot_q2
    assert to_json(from_json(text)) == text


def test_json_of_another_format_is_refused() -> None:
    with pytest.raises(ValueError, match="snapshot"):
        from_json('{"format": "something-else"}')


def test_an_action_never_reported_on_shows_what_the_plan_records(review: Review) -> None:
    Action.objects.filter(review=review, ref="1.1b").update(status="complete", rag="complete", percent_complete=100)
    row = by_ref(snapshot_take(review, as_of=Q2_END))["1.1b"]
    assert (row.status, row.rag, row.percent) == ("complete", "complete", 100)
    assert not row.overdue


def test_an_action_first_reported_on_after_the_day_stands_as_written_before_it(review: Review) -> None:
    late = Action.objects.get(review=review, ref="3.2")
    ProgressUpdate.objects.create(action=late, date=LATE_UPDATE, status="complete", rag="complete", commentary="Done")
    Action.objects.filter(pk=late.pk).update(status="complete", rag="complete")
    row = by_ref(snapshot_take(review, as_of=Q2_END))["3.2"]
    assert (row.status, row.rag) == ("not-started", "")


def test_the_snapshot_carries_the_latest_public_summary_apart_from_the_commentary(review: Review) -> None:
    action = Action.objects.get(review=review, ref="3.1")
    first = ProgressUpdate.objects.filter(action=action).order_by("date", "id").first()
    assert first is not None
    ProgressUpdate.objects.filter(pk=first.pk).update(public_summary="Consultation planned.")
    row = by_ref(snapshot_take(review, as_of=Q2_END))["3.1"]
    assert row.public_summary == "Consultation planned."
    assert row.commentary == "Strategy out to staff consultation."


def test_a_snapshot_stored_before_public_summaries_existed_loads_with_none(snapshot_q2: Snapshot) -> None:
    import json

    data = json.loads(to_json(snapshot_q2))
    for rec in data["recommendations"]:
        for row in rec["actions"]:
            del row["public_summary"], row["public_summary_date"]
    loaded = from_json(json.dumps(data))
    assert all(a.public_summary == "" and a.public_summary_date is None for a in loaded.actions)
    assert [a.commentary for a in loaded.actions] == [a.commentary for a in snapshot_q2.actions]
