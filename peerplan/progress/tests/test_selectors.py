"""The reads behind the progress pages, judged from fixed dates."""

from __future__ import annotations

from datetime import date

import pytest

from peerplan.accounts.models import Organisation, User
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import DueDateRevision, Owner, Review, RevisionState, Theme
from peerplan.progress import selectors
from peerplan.progress.models import ReportingPeriod
from peerplan.shared.rag import Rag
from peerplan.testing.factories import AT, Q1, Q4, make_action, make_recommendation, make_update, owner

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db


def test_positions_as_at_takes_the_latest_update_on_or_before_each_day() -> None:
    updates = [
        (1, date(2026, 1, 10), "in-progress", "green"),
        (2, date(2026, 2, 1), "in-progress", "amber"),
        (1, date(2026, 3, 31), "in-progress", "red"),
        (1, date(2026, 4, 2), "complete", "complete"),
    ]
    before, after = selectors.positions_as_at(iter(updates), [date(2026, 3, 31), date(2026, 6, 30)])
    assert before == {1: selectors.Position("in-progress", "red"), 2: selectors.Position("in-progress", "amber")}
    assert after[1] == selectors.Position("complete", "complete")


def test_current_period_is_the_one_containing_the_day_else_the_last_ended(review: Review) -> None:
    periods = list(ReportingPeriod.objects.filter(review=review))

    def name(period: ReportingPeriod | None) -> str | None:
        return period.name if period else None

    assert name(selectors.current_period(periods, at=AT)) == "Q1 2026/27"
    assert name(selectors.current_period(periods, at=date(2026, 8, 1))) == "Q1 2026/27"
    assert name(selectors.current_period(periods, at=date(2025, 12, 1))) is None
    assert name(selectors.last_ended_period(periods, at=AT)) == "Q4 2025/26"


def test_overdue_excludes_completed_actions(review: Review) -> None:
    rec = make_recommendation(review, "1")
    late = make_action(rec, "1.1", due=date(2026, 4, 30))
    make_action(rec, "1.2", due=date(2026, 4, 30), status=ActionStatus.COMPLETE)
    make_action(rec, "1.3", due=date(2026, 4, 30), status=ActionStatus.ONGOING)
    make_action(rec, "1.4", due=AT)  # due today is not overdue yet
    dashboard = selectors.review_dashboard(review, at=AT)
    assert dashboard.overdue.actions == [late] and dashboard.overdue.count == 1
    assert dashboard.overall.overdue == 1


def test_due_soon_lists_open_actions_due_within_30_days(review: Review) -> None:
    rec = make_recommendation(review, "1")
    today = make_action(rec, "1.1", due=AT)
    edge = make_action(rec, "1.2", due=date(2026, 6, 14))
    make_action(rec, "1.3", due=date(2026, 6, 15))
    make_action(rec, "1.4", due=date(2026, 5, 20), status=ActionStatus.COMPLETE)
    assert selectors.review_dashboard(review, at=AT).due_soon.actions == [today, edge]


def test_no_update_this_period_lists_open_actions_without_an_update_since_it_began(review: Review) -> None:
    rec = make_recommendation(review, "1")
    updated = make_action(rec, "1.1", due=date(2026, 9, 30))
    stale = make_action(rec, "1.2", due=date(2026, 9, 30))
    never = make_action(rec, "1.3", due=date(2026, 9, 30))
    done = make_action(rec, "1.4", due=date(2026, 9, 30), status=ActionStatus.COMPLETE)
    make_update(updated, Q1[0])
    make_update(stale, Q4[1])
    make_update(done, Q4[1], status=ActionStatus.COMPLETE, rag=Rag.COMPLETE)
    assert selectors.review_dashboard(review, at=AT).not_updated.actions == [stale, never]


def test_no_update_this_period_is_empty_without_reporting_periods(organisation: Organisation) -> None:
    review = Review.objects.create(organisation=organisation, title="Audit")
    make_action(make_recommendation(review, "1"), "1.1")
    assert selectors.review_dashboard(review, at=AT).not_updated.count == 0


def test_changes_since_the_last_period_compare_its_end_with_now(review: Review) -> None:
    rec = make_recommendation(review, "1")
    better = make_action(rec, "1.1", due=date(2026, 9, 30), rag=Rag.GREEN)
    worse = make_action(rec, "1.2", due=date(2026, 9, 30), rag=Rag.RED)
    finished = make_action(rec, "1.3", due=date(2026, 9, 30), status=ActionStatus.COMPLETE, rag=Rag.COMPLETE)
    slipped = make_action(rec, "1.4", due=date(2026, 4, 30), rag=Rag.AMBER)
    already_late = make_action(rec, "1.5", due=date(2026, 2, 28), rag=Rag.RED)
    moved = make_action(rec, "1.6", due=date(2026, 12, 31), rag=Rag.GREEN)
    for a, rag in (
        (better, Rag.AMBER),
        (worse, Rag.GREEN),
        (finished, Rag.GREEN),
        (slipped, Rag.AMBER),
        (already_late, Rag.RED),
        (moved, Rag.GREEN),
    ):
        make_update(a, date(2026, 3, 20), rag=rag)
    make_update(better, date(2026, 4, 20), rag=Rag.GREEN)
    make_update(worse, date(2026, 4, 20), rag=Rag.RED)
    make_update(finished, date(2026, 4, 20), status=ActionStatus.COMPLETE, rag=Rag.COMPLETE)
    DueDateRevision.objects.create(
        action=moved,
        previous_due=date(2026, 6, 30),
        new_due=date(2026, 12, 31),
        reason="Supplier delay",
        state=RevisionState.APPROVED,
        requested_on=date(2026, 4, 1),
        decided_on=date(2026, 4, 8),
    )

    changes = selectors.review_dashboard(review, at=AT).changes

    assert changes.since == Q4[1]
    assert [(c.action, c.before, c.after) for c in changes.improved] == [(better, "amber", "green")]
    assert [(c.action, c.before, c.after) for c in changes.worsened] == [(worse, "green", "red")]
    assert [c.action for c in changes.completed] == [finished]
    assert [c.action for c in changes.newly_overdue] == [slipped]
    assert [(c.action, c.before, c.after) for c in changes.dates_revised] == [
        (moved, date(2026, 6, 30), date(2026, 12, 31))
    ]


def test_an_action_closed_in_the_plan_but_never_reported_on_is_not_newly_completed(review: Review) -> None:
    rec = make_recommendation(review, "1")
    make_action(rec, "1.1", status=ActionStatus.COMPLETE, rag=Rag.COMPLETE)
    assert selectors.review_dashboard(review, at=AT).changes.completed == ()


def test_rag_history_counts_each_actions_latest_rating_at_each_period_end(review: Review) -> None:
    rec = make_recommendation(review, "1")
    a, b = make_action(rec, "1.1"), make_action(rec, "1.2")
    make_update(a, date(2026, 2, 1), rag=Rag.AMBER)
    make_update(a, date(2026, 4, 10), rag=Rag.GREEN)
    make_update(b, date(2026, 4, 10), rag=Rag.RED)
    history = {h.period.name: dict(h.by_rag) for h in selectors.review_dashboard(review, at=AT).rag_history}
    assert history == {"Q4 2025/26": {"amber": 1, "": 1}, "Q1 2026/27": {"green": 1, "red": 1}}


def test_tallies_count_by_status_and_rag_overall_by_recommendation_and_theme(review: Review) -> None:
    theme = Theme.objects.create(review=review, name="Governance and culture")
    one, two = make_recommendation(review, "1", theme=theme), make_recommendation(review, "2")
    make_action(one, "1.1", rag=Rag.RED, due=date(2026, 1, 1))
    make_action(one, "1.2", status=ActionStatus.COMPLETE, rag=Rag.COMPLETE)
    make_action(two, "2.1", status="", rag="")
    overall, by_rec, by_theme = selectors.tallies(review, at=AT)
    assert overall.total == 3 and overall.closed == 1 and overall.overdue == 1
    assert overall.by_rag == {"red": 1, "complete": 1, "": 1}
    assert overall.by_status["not-started"] == 1
    assert [(g.label.split()[0], g.tally.total) for g in by_rec] == [("1", 2), ("2", 1)]
    assert [(g.label, g.tally.total) for g in by_theme] == [("Governance and culture", 2), ("No theme", 1)]


def test_plan_filters_by_status_rag_owner_and_overdue(review: Review, lead_owner: Owner) -> None:
    rec = make_recommendation(review, "1")
    other = owner(review.organisation, "Head of Finance")
    mine = make_action(rec, "1.1", lead=lead_owner, rag=Rag.RED, due=date(2026, 4, 1))
    theirs = make_action(rec, "1.2", owners=[other], status=ActionStatus.COMPLETE, rag=Rag.COMPLETE)

    def refs(**filters: object) -> list[str]:
        blocks = selectors.plan(review, selectors.PlanFilters(**filters), at=AT)  # type: ignore[arg-type]  # each test passes a field its type
        return [a.ref for b in blocks for a in b.actions]

    assert refs() == ["1.1", "1.2"]
    assert refs(status=ActionStatus.COMPLETE) == [theirs.ref]
    assert refs(rag=Rag.RED) == [mine.ref]
    assert refs(owner=other.pk) == [theirs.ref]
    assert refs(owner=lead_owner.pk) == [mine.ref]
    assert refs(show=selectors.Show.OVERDUE) == [mine.ref]
    assert refs(show=selectors.Show.NOT_UPDATED) == [mine.ref]


def test_my_actions_puts_each_action_in_the_first_group_that_applies(
    review: Review, lead_owner: Owner, lead_officer: User
) -> None:
    rec = make_recommendation(review, "1")
    late = make_action(rec, "1.1", due=date(2026, 5, 1), lead=lead_owner)
    stale = make_action(rec, "1.2", due=date(2026, 5, 20), owners=[lead_owner])
    soon = make_action(rec, "1.3", due=date(2026, 5, 20), lead=lead_owner)
    later = make_action(rec, "1.4", due=date(2026, 12, 1), lead=lead_owner)
    make_action(rec, "1.5", due=date(2026, 5, 1))  # someone else's
    make_update(late, Q1[0])
    make_update(soon, Q1[0])
    make_update(later, Q1[0])
    groups = {g.slug: (g.count, g.actions) for g in selectors.my_actions(lead_officer, at=AT)}
    assert groups == {
        "overdue": (1, [late]),
        "needs-update": (1, [stale]),
        "due-soon": (1, [soon]),
        "rest": (1, [later]),
    }


def test_my_actions_lists_an_action_the_person_both_leads_and_owns_once(
    review: Review, lead_owner: Owner, lead_officer: User
) -> None:
    rec = make_recommendation(review, "1")
    both = make_action(rec, "1.1", due=date(2026, 5, 1), lead=lead_owner, owners=[lead_owner])
    owned = make_action(rec, "1.2", due=date(2026, 5, 2), owners=[lead_owner])
    led = make_action(rec, "1.3", due=date(2026, 5, 3), lead=lead_owner)
    groups = {g.slug: (g.count, g.actions) for g in selectors.my_actions(lead_officer, at=AT)}
    assert groups["overdue"] == (3, [both, owned, led])
    ids = selectors.my_action_ids(lead_officer, selectors.Group.OVERDUE, at=AT)
    assert selectors.my_actions_page(ids) == [both, owned, led]
    assert selectors.my_action_ids(lead_officer, selectors.Group.REST, at=AT) == []


def test_my_actions_leaves_out_councils_the_person_no_longer_belongs_to(
    review: Review, lead_owner: Owner, lead_officer: User
) -> None:
    make_action(make_recommendation(review, "1"), "1.1", lead=lead_owner)
    lead_officer.memberships.all().delete()
    assert sum(g.count for g in selectors.my_actions(lead_officer, at=AT)) == 0
