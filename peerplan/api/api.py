"""The JSON API (django-ninja, OpenAPI at /api/openapi.json): thin adapters over the same selectors,
services and permissions as the web pages. Signed-in sessions only; writes need the CSRF token.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import Field

from peerplan.accounts import permissions as can
from peerplan.plans.enums import ActionStatus, Rag
from peerplan.plans.errors import EditConflictError
from peerplan.plans.exporting import export_review
from peerplan.plans.figures import Headline
from peerplan.plans.models import Action, Review
from peerplan.plans.planformat import PlanDocument, dump
from peerplan.progress.selectors import review_tally
from peerplan.progress.services import action_update_post

api = NinjaAPI(
    title="peerplan API",
    version="1",
    description="Reviews, plans and progress updates. Authenticate with a signed-in session; send the CSRF "
    "token in the X-CSRFToken header for writes.",
    auth=django_auth,
    docs_url=None,  # the interactive docs load scripts from a CDN, which the Content-Security-Policy forbids
    urls_namespace="api",
)


class ReviewOut(Schema):
    id: int
    title: str
    kind: str
    organisation: str
    visit_end: date | None
    plan_approved_on: date | None


class ActionOut(Schema):
    id: int
    review_id: int
    ref: str
    text: str
    timescale: str
    due_date: date | None
    status: str
    rag: str
    percent_complete: int | None
    version: int


class UpdateIn(Schema):
    status: ActionStatus
    commentary: str = Field(min_length=1, max_length=10_000)
    rag: Rag | None = None
    rag_reason: str = ""
    percent_complete: int | None = Field(default=None, ge=0, le=100)
    evidence: list[str] = Field(default_factory=list, max_length=20)
    version: int = Field(description="The action's version you read: a newer one means someone else updated it.")


class Problem(Schema):
    detail: str
    fields: dict[str, list[str]] = Field(default_factory=dict)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> Any:
    return api.create_response(request, {"detail": "You may not do this."}, status=403)


@api.get("/reviews", response=list[ReviewOut], summary="Reviews you may see")
def reviews(request: HttpRequest) -> list[dict[str, Any]]:
    orgs = can.organisations_of(request.user)
    qs = (
        Review.objects.filter(organisation__in=orgs)
        .filter(can.reviews_visible_to(request.user))
        .select_related("organisation")
        .order_by("-visit_end", "pk")
    )
    return [
        {
            "id": r.pk,
            "title": r.title,
            "kind": r.kind,
            "organisation": r.organisation.name,
            "visit_end": r.visit_end,
            "plan_approved_on": r.plan_approved_on,
        }
        for r in qs
    ]


@api.get("/reviews/{review_id}/plan", response=PlanDocument, summary="A review's plan as peerplan.plan/1")
def review_plan(request: HttpRequest, review_id: int) -> dict[str, Any]:
    review = get_object_or_404(Review.objects.select_related("organisation"), pk=review_id)
    can.require(can.can_view_review(request.user, review))
    return dump(export_review(review))


class FiguresOut(Schema):
    """The headline figures by the committee reports' definitions (`peerplan.plans.figures`)."""

    as_at: date
    total: int
    by_position: dict[str, int] = Field(description="Each action in exactly one position; adds up to total.")
    by_rag: dict[str, int] = Field(description="RAG ratings over all actions; 'not-rated' when none given.")
    by_status: dict[str, int]
    definitions: dict[str, str] = Field(description="What each position means.")


@api.get("/reviews/{review_id}/figures", response=FiguresOut, summary="A review's figures today, as reports count")
def review_figures(request: HttpRequest, review_id: int) -> dict[str, Any]:
    review = get_object_or_404(Review.objects.select_related("organisation"), pk=review_id)
    can.require(can.can_view_review(request.user, review))
    at = timezone.localdate()
    overall = review_tally(review, at=at)
    return {
        "as_at": at,
        "total": overall.total,
        "by_position": {h.value: n for h, n in overall.headlines},
        "by_rag": {(r or "not-rated"): n for r, n in overall.by_rag.items() if n},
        "by_status": {s: n for s, n in overall.by_status.items() if n},
        "definitions": {h.value: h.meaning for h in Headline},
    }


def _action(request: HttpRequest, action_id: int) -> Action:
    action = get_object_or_404(Action.objects.select_related("review__organisation", "lead_officer"), pk=action_id)
    can.require(can.can_view_review(request.user, action.review))
    return action


@api.get("/actions/{action_id}", response=ActionOut, summary="One action's current position")
def action_detail(request: HttpRequest, action_id: int) -> Action:
    return _action(request, action_id)


@api.post(
    "/actions/{action_id}/updates",
    response={201: ActionOut, 409: Problem, 422: Problem},
    summary="Post a progress update",
)
def action_update(request: HttpRequest, action_id: int, payload: UpdateIn) -> Status[Any]:
    action = _action(request, action_id)
    can.require(can.can_update_action(request.user, action))
    try:
        action_update_post(
            action=action,
            author=request.user,
            on=timezone.localdate(),
            status=payload.status.value,
            commentary=payload.commentary,
            rag=payload.rag.value if payload.rag else "",
            rag_reason=payload.rag_reason,
            percent_complete=payload.percent_complete,
            evidence=payload.evidence,
            version=payload.version,
        )
    except EditConflictError as exc:
        return Status(409, {"detail": " ".join(exc.messages)})
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        return Status(422, {"detail": "The update was not saved: " + " ".join(exc.messages), "fields": fields})
    action.refresh_from_db()
    return Status(201, action)
