"""A frozen picture of a plan as it stood on one day: what every committee report is rendered from.

Plain frozen dataclasses, taken from the database in a fixed number of queries and kept as JSON with
the report, so a report issued last year can be rendered again exactly as it was.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Prefetch
from pydantic import TypeAdapter

from peerplan.accounts.vocabulary import words_from
from peerplan.plans.enums import ActionStatus
from peerplan.plans.figures import is_overdue
from peerplan.shared.rag import Rag

if TYPE_CHECKING:
    from peerplan.plans.models import Review

FORMAT = "peerplan.snapshot/1"


@dataclass(frozen=True)
class RagLabel:
    """How the council names and colours one rating (its RagDefinition, else the product's default)."""

    rating: str
    label: str
    colour: str
    text_colour: str
    meaning: str


@dataclass(frozen=True)
class PeerMember:
    name: str
    role: str
    organisation: str


@dataclass(frozen=True)
class ClockLine:
    """One CPC clock milestone as it stood on the snapshot day."""

    milestone: str
    label: str
    due: date
    met_on: date | None
    state: str
    state_label: str


@dataclass(frozen=True)
class ActionRow:
    """One action as it stood: the plan's words plus its rating and latest commentary as at the day."""

    id: int
    recommendation_id: int
    parent_id: int | None
    depth: int
    ref: str
    text: str
    owners: tuple[str, ...]
    lead_officer: str
    timescale: str
    original_due: date | None
    due: date | None
    revised: bool
    status: str
    rag: str
    percent: int | None
    commentary: str
    commentary_date: date | None
    evidence: tuple[str, ...]
    overdue: bool
    # Added after the first reports were issued: older snapshots have none, so they publish no commentary.
    public_summary: str = ""
    public_summary_date: date | None = None

    @property
    def status_enum(self) -> ActionStatus:
        return ActionStatus(self.status)

    @property
    def rag_enum(self) -> Rag | None:
        return Rag(self.rag) if self.rag else None

    @property
    def is_closed(self) -> bool:
        return self.status_enum.is_closed

    @property
    def is_exception(self) -> bool:
        """Red, amber or overdue: what members are asked to look at."""
        return self.rag in (Rag.RED, Rag.AMBER) or self.overdue


@dataclass(frozen=True)
class RecommendationRow:
    id: int
    ref: str
    kind: str
    kind_label: str
    text: str
    theme: str
    source: str
    response: str
    owners: tuple[str, ...]
    actions: tuple[ActionRow, ...]

    @property
    def is_key(self) -> bool:
        return self.kind == "key"

    @property
    def heading(self) -> str:
        """ "Recommendation 3" or "Key recommendation KR1", as members would say it."""
        return f"{self.kind_label} {self.ref}".strip()


@dataclass(frozen=True)
class Snapshot:
    """The whole plan as at `as_of`, with what the report needs about the council and the review."""

    as_of: date
    organisation: str
    review_id: int
    review_title: str
    review_kind: str
    review_kind_label: str
    visit_start: date | None
    visit_end: date | None
    feedback_report_date: date | None
    plan_approved_on: date | None
    peer_team: tuple[PeerMember, ...]
    themes: tuple[str, ...]
    clock: tuple[ClockLine, ...]
    rag_labels: tuple[RagLabel, ...]
    recommendations: tuple[RecommendationRow, ...]

    @property
    def actions(self) -> list[ActionRow]:
        """Every action in plan order."""
        return [action for rec in self.recommendations for action in rec.actions]

    def rag_label(self, rating: str) -> RagLabel | None:
        for label in self.rag_labels:
            if label.rating == rating:
                return label
        return None

    def recommendation_of(self, action: ActionRow) -> RecommendationRow:
        return next(rec for rec in self.recommendations if rec.id == action.recommendation_id)


def _rag_labels(definitions: list[Any]) -> tuple[RagLabel, ...]:
    """The council's words for every rating, from the same vocabulary the screens and the API use."""
    return tuple(
        RagLabel(w.rating, w.label, w.colour, w.text_colour, w.meaning) for w in words_from(definitions).values()
    )


def _due_as_of(action: Any, revisions: list[Any], as_of: date) -> tuple[date | None, date | None]:
    """(original due, due as at the day): the latest approved revision decided by then, else the original."""
    original = action.original_due
    if original is None:
        original = revisions[0].previous_due if revisions else action.due_date
    counted = [r for r in revisions if r.state == "approved" and (r.decided_on or r.requested_on) <= as_of]
    if not counted:
        return original, original
    latest = max(counted, key=lambda r: (r.decided_on or r.requested_on, r.id))
    return original, latest.new_due


def snapshot_take(review: Review, *, as_of: date) -> Snapshot:
    """The plan as it stood at the end of `as_of`, in a constant number of queries whatever its size."""
    from peerplan.accounts.models import Organisation
    from peerplan.plans.models import Action, ActionOwner, DueDateRevision, RecommendationOwner
    from peerplan.progress.models import ProgressUpdate

    organisation = Organisation.objects.prefetch_related("rag_definitions").get(pk=review.organisation_id)
    recommendations = list(
        review.recommendations.order_by("order", "id")
        .select_related("theme")
        .prefetch_related(
            Prefetch(
                "recommendationowner_set",
                queryset=RecommendationOwner.objects.select_related("owner").order_by("order", "id"),
            )
        )
    )
    actions = list(
        Action.objects.filter(review=review)
        .annotate(has_updates=Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"))))
        .select_related("lead_officer")
        .prefetch_related(
            Prefetch("actionowner_set", queryset=ActionOwner.objects.select_related("owner").order_by("order", "id")),
            Prefetch("revisions", queryset=DueDateRevision.objects.order_by("requested_on", "id")),
        )
        .order_by("recommendation_id", "sort_key", "id")
    )
    updates: dict[int, list[ProgressUpdate]] = {}
    for update in ProgressUpdate.objects.filter(action__review=review, date__lte=as_of).order_by("date", "id"):
        updates.setdefault(update.action_id, []).append(update)
    clock = tuple(
        ClockLine(e.milestone.value, e.label, e.due, e.met_on, e.state.value, str(e.state.label))
        for e in review.clock(at=as_of)
    )

    rows_by_recommendation: dict[int, list[ActionRow]] = {}
    for action in actions:
        rows_by_recommendation.setdefault(action.recommendation_id, []).append(
            _action_row(action, updates.get(action.pk, []), as_of)
        )

    return Snapshot(
        as_of=as_of,
        organisation=organisation.name,
        review_id=review.pk,
        review_title=review.title,
        review_kind=review.kind,
        review_kind_label=str(review.review_kind.label),
        visit_start=review.visit_start,
        visit_end=review.visit_end,
        feedback_report_date=review.feedback_report_date,
        plan_approved_on=review.plan_approved_on,
        peer_team=tuple(PeerMember(m.name, m.role, m.organisation) for m in review.peer_team.order_by("order", "id")),
        themes=tuple(review.themes.order_by("order", "id").values_list("name", flat=True)),
        clock=clock,
        rag_labels=_rag_labels(list(organisation.rag_definitions.all())),
        recommendations=tuple(
            RecommendationRow(
                id=rec.pk,
                ref=rec.ref,
                kind=rec.kind,
                kind_label=str(rec.get_kind_display()),
                text=rec.text,
                theme=rec.theme.name if rec.theme else "",
                source=rec.source,
                response=rec.response,
                owners=tuple(link.owner.name for link in rec.recommendationowner_set.all()),
                actions=tuple(rows_by_recommendation.get(rec.pk, [])),
            )
            for rec in recommendations
        ),
    )


def _action_row(action: Any, updates: list[Any], as_of: date) -> ActionRow:
    latest = updates[-1] if updates else None
    spoken = next((u for u in reversed(updates) if u.commentary.strip()), None)
    public = next((u for u in reversed(updates) if u.public_summary.strip()), None)
    if latest is not None:
        status, rag, percent = latest.status, latest.rag, latest.percent_complete
    elif not action.has_updates:
        # Never reported on (a step ticked off in the plan, an imported status): the plan's record is all there is.
        status = action.status or ActionStatus.NOT_STARTED
        rag, percent = action.rag, action.percent_complete
    else:
        # Before its first update the action stands as it was written into the plan.
        status = ActionStatus.PROPOSED if action.status == ActionStatus.PROPOSED else ActionStatus.NOT_STARTED
        rag, percent = "", None
    original, due = _due_as_of(action, list(action.revisions.all()), as_of)
    evidence: list[str] = []
    for update in updates:
        for item in update.evidence or []:
            text = str(item.get("title") or item.get("url") or item) if isinstance(item, dict) else str(item)
            if text and text not in evidence:
                evidence.append(text)
    owners = [link.owner.name for link in action.actionowner_set.all()]
    return ActionRow(
        id=action.pk,
        recommendation_id=action.recommendation_id,
        parent_id=action.parent_id,
        depth=action.depth,
        ref=action.ref,
        text=action.text,
        owners=tuple(owners),
        lead_officer=action.lead_officer.name if action.lead_officer else "",
        timescale=action.timescale,
        original_due=original,
        due=due,
        revised=due != original,
        status=str(status),
        rag=str(rag or ""),
        percent=percent,
        commentary=spoken.commentary.strip() if spoken else "",
        commentary_date=spoken.date if spoken else None,
        evidence=tuple(evidence),
        overdue=is_overdue(due=due, status=str(status), at=as_of),
        public_summary=public.public_summary.strip() if public else "",
        public_summary_date=public.date if public else None,
    )


# --- JSON ---------------------------------------------------------------------------------------------------------


@functools.cache
def _adapter() -> TypeAdapter[Snapshot]:
    """Pydantic reads and writes the snapshot's dataclasses: dates as ISO text, tuples as lists; an older
    snapshot that lacks a field added since gets the field's default, and a field since removed is ignored."""
    return TypeAdapter(Snapshot)


def snapshot_to_dict(snapshot: Snapshot) -> dict[str, Any]:
    return {"format": FORMAT, **_adapter().dump_python(snapshot, mode="json")}


def snapshot_from_dict(data: dict[str, Any]) -> Snapshot:
    if data.get("format") != FORMAT:
        raise ValueError(f"Not a {FORMAT} snapshot (format is {data.get('format')!r}).")
    return _adapter().validate_python({k: v for k, v in data.items() if k != "format"})


def to_json(snapshot: Snapshot) -> str:
    return json.dumps(snapshot_to_dict(snapshot), ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Snapshot:
    return snapshot_from_dict(json.loads(text))
