"""Reads behind the progress pages: the review dashboard, the plan with filters, My actions and search.

Every function takes the day to judge against (`at`) from its caller; each makes a fixed number of queries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from peerplan.accounts.models import Organisation
from peerplan.plans.clock import ClockEntry
from peerplan.plans.enums import ActionStatus
from peerplan.plans.figures import (
    NOT_RATED,
    Headline,
    Move,
    Standing,
    headline_of,
    headline_q,
    is_overdue,
    movement,
    overdue_q,
)
from peerplan.plans.models import (
    Action,
    ActionOwner,
    ActionQuerySet,
    DueDateRevision,
    Owner,
    Recommendation,
    RecommendationOwner,
    Review,
    RevisionState,
    Theme,
)

from .models import ProgressUpdate, ReportingPeriod

if TYPE_CHECKING:
    from peerplan.accounts.models import User

DUE_SOON_DAYS = 30


# Reporting periods ------------------------------------------------------------------------------


def current_period(periods: Sequence[ReportingPeriod], *, at: date) -> ReportingPeriod | None:
    """The period containing `at`, else the latest that ended before it (as ReportingPeriodQuerySet.current)."""
    containing = [p for p in periods if p.start <= at <= p.end]
    if containing:
        return min(containing, key=lambda p: p.start)
    ended = [p for p in periods if p.end < at]
    return max(ended, key=lambda p: p.end) if ended else None


def last_ended_period(periods: Sequence[ReportingPeriod], *, at: date) -> ReportingPeriod | None:
    """The last reporting period that ended before `at`: the baseline for "what changed"."""
    ended = [p for p in periods if p.end < at]
    return max(ended, key=lambda p: p.end) if ended else None


def updated_since(day: date) -> Exists:
    """True for an action with an update dated on or after `day`."""
    return Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"), date__gte=day))


def not_updated_in(actions: ActionQuerySet, period: ReportingPeriod | None) -> ActionQuerySet:
    """Open actions with no update dated in or after the start of `period` (none when there is no period)."""
    if period is None:
        return actions.none()
    return actions.open().filter(~updated_since(period.start))


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


# The plan, read -------------------------------------------------------------------------------


class Show:
    """The plan page's "show only" filter."""

    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    NOT_UPDATED = "not-updated"
    choices = [
        (OVERDUE, "Overdue"),
        (DUE_SOON, f"Due within {DUE_SOON_DAYS} days"),
        (NOT_UPDATED, "No update this reporting period"),
    ]


@dataclass(frozen=True)
class PlanFilters:
    status: str = ""
    rag: str = ""
    owner: int | None = None
    theme: int | None = None
    show: str = ""

    @property
    def any(self) -> bool:
        return bool(self.status or self.rag or self.owner or self.theme or self.show)


def with_owners(actions: ActionQuerySet) -> ActionQuerySet:
    """Actions with their lead officer and owners (in the plan's order) loaded: two queries for any number."""
    return actions.select_related("lead_officer").prefetch_related(
        Prefetch(
            "actionowner_set",
            queryset=ActionOwner.objects.select_related("owner").order_by("order", "pk"),
            to_attr="owner_links",
        )
    )


def filter_actions(actions: ActionQuerySet, filters: PlanFilters, *, at: date) -> ActionQuerySet:
    if filters.status:
        actions = actions.filter(status=filters.status)
    if filters.rag:
        actions = actions.filter(rag="" if filters.rag == "none" else filters.rag)
    if filters.owner:
        owned = ActionOwner.objects.filter(owner_id=filters.owner).values("action_id")
        actions = actions.filter(Q(pk__in=owned) | Q(lead_officer_id=filters.owner))
    if filters.theme:
        actions = actions.filter(recommendation__theme_id=filters.theme)
    if filters.show == Show.OVERDUE:
        actions = actions.overdue(at=at)
    elif filters.show == Show.DUE_SOON:
        actions = actions.due_within(at=at, days=DUE_SOON_DAYS)
    elif filters.show == Show.NOT_UPDATED:
        period = ReportingPeriod.objects.filter(review_id=OuterRef("review_id"), start__lte=at).order_by("-start")
        actions = (
            actions.annotate(period_start=Subquery(period.values("start")[:1]))
            .filter(
                ~Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"), date__gte=OuterRef("period_start"))),
                period_start__isnull=False,
            )
            .open()
        )
    return actions


@dataclass(frozen=True)
class RecommendationBlock:
    recommendation: Recommendation
    actions: list[Action]


def _with_rec_owners(recommendations: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return recommendations.select_related("theme").prefetch_related(
        Prefetch(
            "recommendationowner_set",
            queryset=RecommendationOwner.objects.select_related("owner").order_by("order", "pk"),
            to_attr="owner_links",
        )
    )


# What a plan page's rows show of each action (rows.action_rows): a plan of 500 actions loads only these.
PLAN_ROW_FIELDS = (
    "id",
    "review_id",
    "recommendation_id",
    "ref",
    "text",
    "depth",
    "due_date",
    "timescale",
    "status",
    "rag",
)
OWNERS_IN_ORDER = "owners_in_order"  # the attribute plan() sets: names, lead officer first (rows.owner_names)


def _name_owners(review: Review, actions: Sequence[Action]) -> None:
    """Set each action's owners' names, lead officer first, each once, from one query of plain rows.

    A plan page names about a thousand owners: read as (action, owner, name) tuples, not model instances.
    """
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = ActionOwner.objects.filter(action__review=review).order_by("order", "pk")
    for action_id, owner_id, name in rows.values_list("action_id", "owner_id", "owner__name"):
        links[action_id].append((owner_id, name))
    for action in actions:
        lead: int | None = action.lead_officer_id
        seen = {lead} if lead else set()
        names = [action.lead_name] if lead else []  # type: ignore[attr-defined]  # an annotation
        for owner_id, name in links.get(action.pk, ()):
            if owner_id not in seen:
                seen.add(owner_id)
                names.append(name)
        setattr(action, OWNERS_IN_ORDER, names)


def plan(review: Review, filters: PlanFilters, *, at: date) -> list[RecommendationBlock]:
    """The recommendations with their action trees; when filtered, only matching actions and their recommendations."""
    matching = filter_actions(Action.objects.filter(review=review), filters, at=at)
    actions = list(
        matching.only(*PLAN_ROW_FIELDS, "lead_officer_id").annotate(lead_name=F("lead_officer__name")).in_plan_order()
    )
    _name_owners(review, actions)
    by_rec: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        by_rec[action.recommendation_id].append(action)
    recommendations = _with_rec_owners(review.recommendations.order_by("order", "pk"))
    if filters.any:
        recommendations = recommendations.filter(pk__in=list(by_rec))
    return [RecommendationBlock(r, by_rec.get(r.pk, [])) for r in recommendations]


def plan_owners(review: Review) -> QuerySet[Owner]:
    """Owners named on the review's actions, for the owner filter."""
    # Two indexed subqueries: an OR across a join would scan every owner link in the council.
    owners = ActionOwner.objects.filter(action__review=review).values("owner_id")
    leads = Action.objects.filter(review=review, lead_officer__isnull=False).values("lead_officer_id")
    return Owner.objects.filter(Q(pk__in=owners) | Q(pk__in=leads)).order_by("name")


def plan_themes(review: Review) -> QuerySet[Theme]:
    return review.themes.order_by("order", "pk")


def latest_update_fields(actions: ActionQuerySet) -> ActionQuerySet:
    """Annotate each action with its latest update's date and commentary (latest_date, latest_commentary)."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-id")
    return actions.annotate(
        latest_date=Subquery(latest.values("date")[:1], output_field=DateField()),
        latest_commentary=Subquery(latest.values("commentary")[:1]),
    )


def recommendation_detail(recommendation: Recommendation) -> tuple[Recommendation, list[Action]]:
    """A recommendation with its owners and its action tree, each action with its latest update."""
    rec = _with_rec_owners(Recommendation.objects.filter(pk=recommendation.pk)).get()
    actions = list(latest_update_fields(with_owners(rec.actions.all())).order_by("sort_key"))
    return rec, actions


@dataclass(frozen=True)
class ActionDetail:
    action: Action
    owners: list[Owner]
    updates: list[ProgressUpdate]
    revisions: list[DueDateRevision]


def action_detail(action: Action) -> ActionDetail:
    """One action with its owners, its whole update history (newest first, withdrawn ones included and
    marked) and its due-date revisions."""
    links = ActionOwner.objects.filter(action=action).select_related("owner").order_by("order", "pk")
    updates = (
        ProgressUpdate.history.filter(action=action)
        .select_related("author", "period", "withdrawal__by")
        .prefetch_related("files")
        .order_by("-date", "-id")
    )
    revisions = action.revisions.select_related("requested_by", "decided_by").order_by("-requested_on", "-id")
    return ActionDetail(action, [link.owner for link in links], list(updates), list(revisions))


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


# Search -----------------------------------------------------------------------------------------

REC, ACTION = 0, 1


@dataclass(frozen=True)
class Hit:
    kind: int
    id: int
    review_id: int


@dataclass(frozen=True)
class ReviewResults:
    review: Review
    recommendations: list[Recommendation]
    actions: list[Action]


def search_results(rows: Iterable[Sequence[Any]]) -> list[ReviewResults]:
    """Load one page of search rows, grouped by review, in four queries whatever the page holds."""
    hits = [Hit(kind=row[1], id=row[0], review_id=row[2]) for row in rows]
    reviews = Review.objects.in_bulk({h.review_id for h in hits})
    recs = Recommendation.objects.in_bulk([h.id for h in hits if h.kind == REC])
    action_ids = [h.id for h in hits if h.kind == ACTION]
    actions = with_owners(Action.objects.filter(pk__in=action_ids).select_related("recommendation")).in_bulk()
    grouped_results: dict[int, ReviewResults] = {}
    for hit in hits:
        review = reviews[hit.review_id]
        group = grouped_results.setdefault(review.pk, ReviewResults(review, [], []))
        if hit.kind == REC:
            group.recommendations.append(recs[hit.id])
        else:
            group.actions.append(actions[hit.id])
    return list(grouped_results.values())
