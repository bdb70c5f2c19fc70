"""Reads behind the plan pages: the plan with filters, its rows, one recommendation and one action."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import (
    DateField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
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
    Theme,
)
from peerplan.progress.models import ProgressUpdate, ReportingPeriod

if TYPE_CHECKING:
    pass

from .periods import DUE_SOON_DAYS

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
