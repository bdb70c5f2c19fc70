"""Reads behind My actions and home: a person's actions in groups, and the reviews they can read."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from peerplan.accounts.models import Organisation
from peerplan.plans.enums import ActionStatus
from peerplan.plans.figures import (
    Headline,
    headline_q,
)
from peerplan.plans.models import (
    Action,
    ActionOwner,
    ActionQuerySet,
    Owner,
    Review,
)
from peerplan.progress.models import ProgressUpdate, ReportingPeriod

if TYPE_CHECKING:
    from peerplan.accounts.models import User

from .periods import DUE_SOON_DAYS

# My actions -------------------------------------------------------------------------------------


class Group:
    OVERDUE = 0
    NEEDS_UPDATE = 1
    DUE_SOON = 2
    REST = 3
    labels = {
        OVERDUE: "Overdue",
        NEEDS_UPDATE: "Need an update this reporting period",
        DUE_SOON: f"Due within {DUE_SOON_DAYS} days",
        REST: "Everything else",
    }
    slugs = {OVERDUE: "overdue", NEEDS_UPDATE: "needs-update", DUE_SOON: "due-soon", REST: "rest"}


@dataclass(frozen=True)
class ActionGroup:
    key: int
    label: str
    slug: str
    count: int
    actions: list[Action]


def _period_starts(review_ids: Iterable[int], *, at: date) -> dict[int, date]:
    """Each review's current reporting period start, for the reviews that have one."""
    periods = ReportingPeriod.objects.filter(review_id__in=review_ids, start__lte=at).order_by("review_id", "start")
    starts: dict[int, date] = {}
    for review_id, start in periods.values_list("review_id", "start"):
        starts[review_id] = start  # ascending: the last seen is the latest started, i.e. the current one
    return starts


def grouped(actions: ActionQuerySet, *, at: date, review_ids: list[int] | None = None) -> ActionQuerySet:
    """Annotate `group`: overdue, needs an update this period, due soon, or the rest (first that applies).

    `review_ids`, when the caller knows them, saves a pass over the actions to find their reviews.
    """
    if review_ids is None:
        review_ids = list(actions.order_by().values_list("review_id", flat=True).distinct())
    by_start: dict[date, list[int]] = defaultdict(list)
    for review_id, start in _period_starts(review_ids, at=at).items():
        by_start[start].append(review_id)
    updated = Q()
    for start, ids in by_start.items():
        updated |= Q(review_id__in=ids) & Q(
            Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"), date__gte=start))
        )
    has_period = Q(review_id__in=[i for ids in by_start.values() for i in ids])
    is_open = ~Q(status__in=ActionStatus.closed())
    needs_update = is_open & has_period & ~updated if by_start else Q(pk__in=[])
    return actions.annotate(
        group=Case(
            When(is_open & Q(due_date__lt=at), then=Value(Group.OVERDUE)),
            When(needs_update, then=Value(Group.NEEDS_UPDATE)),
            When(
                is_open & Q(due_date__gte=at, due_date__lte=at + timedelta(days=DUE_SOON_DAYS)),
                then=Value(Group.DUE_SOON),
            ),
            default=Value(Group.REST),
            output_field=IntegerField(),
        )
    )


def _owned(user: User) -> ActionQuerySet:
    """The person's actions (as an owner or as lead officer) in the councils they belong to.

    A UNION of two indexed lookups, not an OR: the OR was estimated to match half the council's actions,
    which led PostgreSQL to read every update since the period began instead of the owned actions' own.
    """
    mine = Owner.objects.filter(user=user).values("pk")
    linked = ActionOwner.objects.filter(owner__in=mine).values("action_id").order_by()
    leading = Action.objects.filter(lead_officer__in=mine).values("pk").order_by()
    member_of = Review.objects.filter(organisation__memberships__user=user).values("pk")
    return Action.objects.filter(pk__in=linked.union(leading), review__in=member_of)


def _member_reviews(user: User) -> list[int]:
    """Every review of the person's councils: a superset of their actions' reviews, and far cheaper to find."""
    return list(Review.objects.filter(organisation__memberships__user=user).values_list("pk", flat=True))


def _classified(user: User, *, at: date) -> list[tuple[int, int]]:
    """(id, group) of every action the person owns, in the order My actions lists them: one query."""
    rows = (
        grouped(_owned(user), at=at, review_ids=_member_reviews(user))
        .order_by("due_date", "review_id", "recommendation__order", "sort_key")
        .values_list("pk", "group")  # type: ignore[misc]  # "group" is an annotation
    )
    return list(rows)


def _listed_actions(ids: list[int]) -> list[Action]:
    """The actions with these ids, in this order, with what their rows show: one query."""
    loaded = Action.objects.select_related("review__organisation", "recommendation").in_bulk(ids)
    return [loaded[pk] for pk in ids]


def my_actions(user: User, *, at: date, limit: int = 25) -> list[ActionGroup]:
    """The person's actions in the councils they belong to, grouped; each group lists up to `limit` actions.

    One query classifies every action the person owns and returns only (id, group), in order; a second
    loads the ones listed. Two queries, however many the person owns.
    """
    counts: Counter[int] = Counter()
    shown: dict[int, list[int]] = defaultdict(list)
    for pk, group in _classified(user, at=at):
        counts[group] += 1
        if len(shown[group]) < limit:
            shown[group].append(pk)
    loaded = {a.pk: a for a in _listed_actions([pk for ids in shown.values() for pk in ids])}
    return [
        ActionGroup(key, Group.labels[key], Group.slugs[key], counts[key], [loaded[pk] for pk in shown[key]])
        for key in (Group.OVERDUE, Group.NEEDS_UPDATE, Group.DUE_SOON, Group.REST)
    ]


def my_action_ids(user: User, group: int, *, at: date) -> list[int]:
    """The ids of one group of the person's actions, in order, for paging through all of it (one query).

    Classified in one pass and picked out here: filtering by the group in SQL left PostgreSQL guessing how
    many rows match, and it chose slow joins for the page.
    """
    return [pk for pk, in_group in _classified(user, at=at) if in_group == group]


def my_actions_page(ids: Iterable[int]) -> list[Action]:
    """One page of `my_action_ids`, loaded for its rows (one query)."""
    return _listed_actions(list(ids))


# Home: the reviews a person can read, one line each ------------------------------------------------


def reviews_with_position(
    organisations: Sequence[Organisation], *, at: date, within: Q | None = None
) -> QuerySet[Review]:
    """Reviews of these councils (narrowed by `within`), each with counts for a one-line position (one query)."""
    return (
        Review.objects.filter(organisation__in=organisations)
        .filter(within or Q())
        .select_related("organisation")
        .annotate(
            n_actions=Count("actions"),
            n_complete=Count("actions", filter=headline_q(Headline.COMPLETE, at=at, prefix="actions__")),
            n_closed=Count("actions", filter=headline_q(Headline.CLOSED, at=at, prefix="actions__")),
            n_overdue=Count("actions", filter=headline_q(Headline.OVERDUE, at=at, prefix="actions__")),
            n_at_risk=Count("actions", filter=headline_q(Headline.AT_RISK, at=at, prefix="actions__")),
            n_on_track=Count("actions", filter=headline_q(Headline.ON_TRACK, at=at, prefix="actions__")),
            n_not_started=Count("actions", filter=headline_q(Headline.NOT_STARTED, at=at, prefix="actions__")),
        )
        .order_by("organisation__name", "-visit_end", "title")
    )
