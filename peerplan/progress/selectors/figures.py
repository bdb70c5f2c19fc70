"""The dashboard's reads: counts by status and RAG, what changed since the last period, the review dashboard.

Used by the dashboard page, its cache and the API; the figures themselves are defined once in plans.figures."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Value,
    When,
)

from peerplan.plans.clock import ClockEntry
from peerplan.plans.enums import ActionStatus
from peerplan.plans.figures import (
    NOT_RATED,
    Headline,
    Move,
    Standing,
    headline_of,
    is_overdue,
    movement,
    overdue_q,
)
from peerplan.plans.models import (
    Action,
    ActionQuerySet,
    DueDateRevision,
    Review,
    RevisionState,
)
from peerplan.progress.models import ProgressUpdate, ReportingPeriod

if TYPE_CHECKING:
    pass

from .periods import DUE_SOON_DAYS, current_period, last_ended_period, not_updated_in

# Counting ---------------------------------------------------------------------------------------


@dataclass
class Tally:
    """How many actions have each status, each RAG rating and each headline position, and how many are overdue.

    The rules are `peerplan.plans.figures`, the same as the committee reports'.
    """

    by_status: Counter[str] = field(default_factory=Counter)
    by_rag: Counter[str] = field(default_factory=Counter)
    by_headline: Counter[str] = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def closed(self) -> int:
        return sum(self.by_status[s.value] for s in ActionStatus.closed())

    @property
    def headlines(self) -> list[tuple[Headline, int]]:
        """Each headline position with its count, in the key's order; they add up to `total`."""
        return [(h, self.by_headline[h.value]) for h in Headline]

    def add(self, *, status: str, rag: str, overdue: bool, n: int = 1) -> None:
        self.by_status[status or ActionStatus.NOT_STARTED.value] += n
        self.by_rag[rag or NOT_RATED] += n
        self.by_headline[headline_of(status=status, rag=rag, overdue=overdue).value] += n
        self.overdue += n if overdue else 0


@dataclass(frozen=True)
class GroupTally:
    label: str
    href_id: int | None
    tally: Tally


def tallies(review: Review, *, at: date) -> tuple[Tally, list[GroupTally], list[GroupTally]]:
    """Counts by status and RAG: overall, by recommendation and by theme (two queries)."""
    recommendations = list(review.recommendations.select_related("theme").order_by("order", "pk"))
    rows = (
        Action.objects.filter(review=review)
        .annotate(late=Case(When(overdue_q(at=at), then=Value(1)), default=Value(0), output_field=IntegerField()))
        .values("recommendation_id", "status", "rag", "late")
        .annotate(n=Count("id"))
        .order_by()
    )
    overall = Tally()
    per_rec: dict[int, Tally] = defaultdict(Tally)
    for row in rows:
        status = row["status"] or ActionStatus.NOT_STARTED.value
        overdue = bool(row["late"])
        for tally in (overall, per_rec[row["recommendation_id"]]):
            tally.add(status=status, rag=row["rag"], overdue=overdue, n=row["n"])
    by_rec = [GroupTally(f"{r.ref} {r.text[:80]}".strip(), r.pk, per_rec[r.pk]) for r in recommendations]
    themes: dict[str, Tally] = {}
    for rec in recommendations:
        name = rec.theme.name if rec.theme else "No theme"
        theme_tally = themes.setdefault(name, Tally())
        part = per_rec[rec.pk]
        theme_tally.by_status.update(part.by_status)
        theme_tally.by_rag.update(part.by_rag)
        theme_tally.by_headline.update(part.by_headline)
        theme_tally.overdue += part.overdue
    by_theme = [GroupTally(name, None, t) for name, t in themes.items()]
    return overall, by_rec, by_theme


def review_tally(review: Review, *, at: date) -> Tally:
    """The review's counts as at `at`: by status, RAG rating and headline position (one query)."""
    rows = (
        Action.objects.filter(review=review)
        .annotate(late=Case(When(overdue_q(at=at), then=Value(1)), default=Value(0), output_field=IntegerField()))
        .values("status", "rag", "late")
        .annotate(n=Count("id"))
        .order_by()
    )
    overall = Tally()
    for row in rows:
        overall.add(
            status=row["status"] or ActionStatus.NOT_STARTED.value,
            rag=row["rag"],
            overdue=bool(row["late"]),
            n=row["n"],
        )
    return overall


# What changed since the last reporting period ---------------------------------------------------


Change = Move[Action]


@dataclass(frozen=True)
class Changes:
    """Each list in plan order; `since` is the end of the last reporting period, None if there was none."""

    since: date | None
    improved: tuple[Change, ...] = ()
    worsened: tuple[Change, ...] = ()
    completed: tuple[Change, ...] = ()
    newly_overdue: tuple[Change, ...] = ()
    dates_revised: tuple[Change, ...] = ()

    @property
    def any(self) -> bool:
        return any((self.improved, self.worsened, self.completed, self.newly_overdue, self.dates_revised))


@dataclass(frozen=True)
class Position:
    """What an action's latest update said as at a day."""

    status: str
    rag: str


def positions_as_at(updates: Iterable[tuple[int, date, str, str]], days: Sequence[date]) -> list[dict[int, Position]]:
    """For each day (ascending), the latest update per action dated on or before it.

    `updates` are (action id, date, status, rag) in date order; one pass, so one query serves every period.
    """
    latest: dict[int, Position] = {}
    result: list[dict[int, Position]] = []
    pending = iter(updates)
    row = next(pending, None)
    for day in days:
        while row is not None and row[1] <= day:
            latest[row[0]] = Position(status=row[2], rag=row[3])
            row = next(pending, None)
        result.append(dict(latest))
    return result


def changes_since(
    actions: Sequence[Action],
    before: dict[int, Position],
    revisions: Sequence[DueDateRevision],
    *,
    since: date,
    at: date,
    updated: set[int],
) -> Changes:
    """Compare each action now with how it stood at `since`, by the reports' rule (`figures.movement`).

    `before` holds each action's latest update as at `since`; `revisions` are the due-date revisions approved
    after `since`; `updated` holds the actions with any update by now. An action with no update by `since`
    stood then as written into the plan (not started) if it has been reported on since, else as the plan
    records it now (so an action closed in the plan itself but never reported on is not newly completed).
    """
    first_revision: dict[int, DueDateRevision] = {}  # the earliest revision since, per action
    for earlier in sorted(revisions, key=lambda r: (r.decided_on or r.requested_on, r.pk)):
        first_revision.setdefault(earlier.action_id, earlier)

    def then(action: Action) -> Standing:
        revision = first_revision.get(action.pk)
        due = revision.previous_due if revision else action.due_date
        position = before.get(action.pk)
        if position is not None:
            status, rag = position.status, position.rag
        elif action.pk in updated:
            proposed = action.status == ActionStatus.PROPOSED
            status, rag = (ActionStatus.PROPOSED if proposed else ActionStatus.NOT_STARTED).value, ""
        else:
            status, rag = action.status, action.rag
        return Standing(status, rag, due, is_overdue(due=due, status=status, at=since))

    moved = movement((a, then(a), Standing(a.status, a.rag, a.due_date, a.is_overdue(at=at))) for a in actions)
    return Changes(since, moved.improved, moved.worsened, moved.completed, moved.newly_overdue, moved.dates_revised)


# The review dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRag:
    period: ReportingPeriod
    by_rag: Counter[str]


@dataclass(frozen=True)
class ActionList:
    """How many actions a list holds, and the first of them in plan order."""

    count: int
    actions: list[Action]


@dataclass(frozen=True)
class Dashboard:
    review: Review
    at: date
    clock: list[ClockEntry]
    period: ReportingPeriod | None
    baseline: ReportingPeriod | None
    overall: Tally
    by_recommendation: list[GroupTally]
    by_theme: list[GroupTally]
    overdue: ActionList
    due_soon: ActionList
    not_updated: ActionList
    changes: Changes
    rag_history: list[PeriodRag]


def _listed(actions: ActionQuerySet, limit: int) -> ActionList:
    first = actions.select_related("recommendation", "lead_officer").in_plan_order()[:limit]
    return ActionList(actions.count(), list(first))


def review_dashboard(review: Review, *, at: date, limit: int = 20) -> Dashboard:
    """Everything the review's dashboard shows, as at `at`, in a fixed number of queries.

    The lists of overdue, due-soon and not-updated actions hold their count and their first `limit` actions.
    """
    actions = Action.objects.filter(review=review)
    periods = list(ReportingPeriod.objects.filter(review=review).order_by("start"))
    period = current_period(periods, at=at)
    baseline = last_ended_period(periods, at=at)
    overall, by_rec, by_theme = tallies(review, at=at)

    shown_periods = [p for p in periods if p.start <= at]
    updates = (
        ProgressUpdate.objects.filter(action__review=review, date__lte=at)
        .order_by("date", "id")
        .values_list("action_id", "date", "status", "rag")
    )
    days = sorted({p.end for p in shown_periods} | ({baseline.end} if baseline else set()) | {at})
    snapshots = dict(zip(days, positions_as_at(updates.iterator(), days), strict=True))
    all_ids = list(actions.values_list("pk", flat=True))
    history = []
    for p in shown_periods:
        counts: Counter[str] = Counter()
        known = snapshots[p.end]
        for pk in all_ids:
            position = known.get(pk)
            counts[position.rag if position else NOT_RATED] += 1
        history.append(PeriodRag(p, counts))

    if baseline is not None:
        revisions = list(
            DueDateRevision.objects.filter(
                action__review=review, state=RevisionState.APPROVED, decided_on__gt=baseline.end, decided_on__lte=at
            )
        )
        # Every action is compared, so load only what the comparison and the list need.
        compared = actions.only("ref", "text", "status", "rag", "due_date", "recommendation_id").in_plan_order()
        changes = changes_since(
            list(compared), snapshots[baseline.end], revisions, since=baseline.end, at=at, updated=set(snapshots[at])
        )
    else:
        changes = Changes(since=None)

    return Dashboard(
        review=review,
        at=at,
        clock=review.clock(at=at),
        period=period,
        baseline=baseline,
        overall=overall,
        by_recommendation=by_rec,
        by_theme=by_theme,
        overdue=_listed(actions.overdue(at=at), limit),
        due_soon=_listed(actions.due_within(at=at, days=DUE_SOON_DAYS), limit),
        not_updated=_listed(not_updated_in(actions, period), limit),
        changes=changes,
        rag_history=history,
    )
