"""The JSON API (django-ninja, OpenAPI at /api/openapi.json, interactive docs at /api/docs): thin adapters over
the same selectors, services and permissions as the web pages.

Callers authenticate with an API token (`Authorization: Bearer pp_…`) or the web app's signed-in session; a
session's writes need the CSRF token. Every error is {"detail": …, "fields": {…}}.
"""

# No `from __future__ import annotations`: ninja reads the parameter types (Id, Query[…]) at import.

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from ninja.responses import Status

from peerplan.accounts import permissions as can
from peerplan.accounts.models import Organisation
from peerplan.accounts.vocabulary import rag_words
from peerplan.plans.exporting import plan_json
from peerplan.plans.figures import Headline
from peerplan.plans.models import Action, Review
from peerplan.plans.planformat import PlanDocument
from peerplan.progress.models import ProgressUpdate, ReportingPeriod
from peerplan.progress.selectors import review_tally
from peerplan.progress.services import action_update_post
from peerplan.reports.models import Report, ReportFile
from peerplan.reports.snapshot import snapshot_take, snapshot_to_dict
from peerplan.shared.errors import EditConflictError

from .auth import AUTH, token_of
from .docs import PeerplanSwagger
from .schemas import (
    ERRORS,
    ActionFilters,
    ActionOut,
    FiguresOut,
    Id,
    Pages,
    PeriodOut,
    Problem,
    ReportOut,
    ReviewOut,
    UpdateIn,
    UpdateOut,
)

api = NinjaAPI(
    title="peerplan API",
    version="1",
    description=(
        "Reviews, plans, actions, progress updates, reporting periods, snapshots and issued committee reports. "
        "Authenticate with an API token, `Authorization: Bearer pp_…` (make one under 'API tokens'), or a "
        "signed-in session with the CSRF token in the X-CSRFToken header for writes. Lists are paginated "
        "(?page=, ?page_size= up to 500) and answer {items, count}. Errors answer {detail, fields}."
    ),
    auth=AUTH,
    # peerplan's own page around Swagger UI, from our static files; no deep links (a link inside a button fails axe)
    docs=PeerplanSwagger(settings={"persistAuthorization": False, "deepLinking": False}),
    docs_url="/docs",
    urls_namespace="api",
)


# --- errors: one shape everywhere --------------------------------------------------------------------------------


def _problem(request: HttpRequest, status: int, detail: str, fields: dict[str, list[str]] | None = None) -> Any:
    return api.create_response(request, {"detail": detail, "fields": fields or {}}, status=status)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> Any:
    return _problem(request, 403, str(exc) or "You may not do this.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> Any:
    return _problem(request, 404, str(exc) or "Not found.")


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: Exception) -> Any:
    return _problem(
        request,
        401,
        "Send a live API token as 'Authorization: Bearer <token>', or sign in. The token may be wrong, "
        "expired or revoked.",
    )


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> Any:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query"))
        fields.setdefault(where or "(request)", []).append(str(error.get("msg", "is not valid")))
    summary = "; ".join(f"{where}: {', '.join(messages)}" for where, messages in fields.items())
    return _problem(request, 422, f"The request is not valid: {summary}", fields)


# --- reading helpers: every object is checked by the permissions module -----------------------------------------


def _readable_review(request: HttpRequest, review_id: int) -> Review:
    review = Review.objects.select_related("organisation").filter(pk=review_id).first()
    if review is None:
        raise Http404(f"There is no review {review_id}.")
    if not can.api_token_allows(token_of(request), review.organisation, write=False):
        raise PermissionDenied("This API token is for another council.")
    can.require(can.can_view_review(request.user, review))
    return review


@api.get(
    "/reviews/{review_id}/figures",
    response={200: FiguresOut, **ERRORS},
    summary="A review's figures today, as the committee reports count them",
)
def review_figures(request: HttpRequest, review_id: Id) -> dict[str, Any]:
    review = _readable_review(request, review_id)
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


def _readable_action(request: HttpRequest, action_id: int) -> Action:
    action = Action.objects.select_related("review__organisation", "lead_officer").filter(pk=action_id).first()
    if action is None:
        raise Http404(f"There is no action {action_id}.")
    _readable_review(request, action.review_id)
    return action


def _readable_report(request: HttpRequest, report_id: int) -> Report:
    report = Report.objects.select_related("review__organisation", "committee").filter(pk=report_id).first()
    if report is None:
        raise Http404(f"There is no report {report_id}.")
    review = _readable_review(request, report.review_id)
    can.require(can.can_view_reports(request.user, review))
    return report


def _action_out(action: Action, organisation: Organisation) -> dict[str, Any]:
    word = rag_words(organisation)[action.rag] if action.rag else None
    return {
        "id": action.pk,
        "review_id": action.review_id,
        "recommendation_id": action.recommendation_id,
        "parent_id": action.parent_id,
        "ref": action.ref,
        "text": action.text,
        "timescale": action.timescale,
        "due_date": action.due_date,
        "status": action.status,
        "rag": action.rag,
        "rag_label": word.label if word else "",
        "rag_colour": word.colour if word else "",
        "percent_complete": action.percent_complete,
        "lead_officer": action.lead_officer.name if action.lead_officer else None,
        "version": action.version,
    }


def _review_out(review: Review) -> dict[str, Any]:
    return {
        "id": review.pk,
        "title": review.title,
        "kind": review.kind,
        "organisation": review.organisation.name,
        "visit_end": review.visit_end,
        "plan_approved_on": review.plan_approved_on,
    }


def _report_out(report: Report) -> dict[str, Any]:
    return {
        "id": report.pk,
        "review_id": report.review_id,
        "title": report.title,
        "kind": report.kind,
        "as_of": report.as_of,
        "committee": report.committee.name if report.committee else None,
        "meeting_date": report.meeting_date,
        "created_at": report.created_at,
        "files": [
            {
                "format": f.format,
                "filename": f.filename,
                "content_type": f.content_type,
                "size": f.size,
                "sha256": f.sha256,
                "url": reverse("api:report_file", args=[report.pk, f.format]),
            }
            for f in report.files.all()
        ],
    }


# --- reviews -----------------------------------------------------------------------------------------------------


@api.get("/reviews", response={200: list[ReviewOut], **ERRORS}, summary="Reviews you may see")
@paginate(Pages)
def reviews(request: HttpRequest) -> list[dict[str, Any]]:
    qs = Review.objects.filter(can.reviews_visible_to(request.user)).select_related("organisation")
    token = token_of(request)
    if token is not None:
        qs = qs.filter(organisation_id=token.organisation_id)
    return [_review_out(r) for r in qs.order_by("-visit_end", "pk")]


@api.get("/reviews/{review_id}", response={200: ReviewOut, **ERRORS}, summary="One review")
def review_detail(request: HttpRequest, review_id: Id) -> dict[str, Any]:
    return _review_out(_readable_review(request, review_id))


@api.get(
    "/reviews/{review_id}/plan", response={200: PlanDocument, **ERRORS}, summary="A review's plan as peerplan.plan/1"
)
def review_plan(request: HttpRequest, review_id: Id) -> HttpResponse:
    # Built straight from rows as JSON bytes (plans.exporting.plan_json): ninja does not validate a 1,000-action
    # plan again; the response schema still documents it, and a test holds the bytes to that schema.
    body = plan_json(_readable_review(request, review_id))
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@api.get(
    "/reviews/{review_id}/actions",
    response={200: list[ActionOut], **ERRORS},
    summary="A review's actions, in plan order, filtered",
    description="Filters combine: ?overdue=true&rag=red&owner=Head%20of%20Finance&due_before=2026-03-31. "
    "Overdue is judged as at today.",
)
@paginate(Pages)
def review_actions(request: HttpRequest, review_id: Id, filters: Query[ActionFilters]) -> list[dict[str, Any]]:
    review = _readable_review(request, review_id)
    qs: QuerySet[Action] = Action.objects.filter(review=review).select_related("lead_officer")
    if filters.overdue is True:
        qs = qs.overdue(at=timezone.localdate())  # type: ignore[attr-defined]  # ActionQuerySet verb
    elif filters.overdue is False:
        qs = qs.exclude(pk__in=Action.objects.filter(review=review).overdue(at=timezone.localdate()))
    if filters.status:
        qs = qs.filter(status=filters.status.value)
    if filters.rag:
        qs = qs.filter(rag=filters.rag.value)
    if filters.owner:
        qs = qs.filter(Q(lead_officer__name__iexact=filters.owner) | Q(owners__name__iexact=filters.owner)).distinct()
    if filters.due_before:
        qs = qs.filter(due_date__lte=filters.due_before)
    return [_action_out(a, review.organisation) for a in qs.order_by("sort_key", "pk")]


@api.get("/reviews/{review_id}/periods", response={200: list[PeriodOut], **ERRORS}, summary="Reporting periods")
def review_periods(request: HttpRequest, review_id: Id) -> QuerySet[ReportingPeriod]:
    review = _readable_review(request, review_id)
    return ReportingPeriod.objects.filter(review=review).order_by("start", "pk")


@api.get(
    "/reviews/{review_id}/snapshot",
    response={200: dict[str, Any], **ERRORS},
    summary="The plan as it stood at the end of a day (peerplan.snapshot/1)",
    description="Taken now from the history, not issued: ?as_of=2026-03-31, today if left out.",
)
def review_snapshot(request: HttpRequest, review_id: Id, as_of: date | None = None) -> dict[str, Any]:
    review = _readable_review(request, review_id)
    return snapshot_to_dict(snapshot_take(review, as_of=as_of or timezone.localdate()))


@api.get(
    "/reviews/{review_id}/reports",
    response={200: list[ReportOut], **ERRORS},
    summary="Issued committee reports, newest first",
)
@paginate(Pages)
def review_reports(request: HttpRequest, review_id: Id) -> list[dict[str, Any]]:
    review = _readable_review(request, review_id)
    can.require(can.can_view_reports(request.user, review))
    reports = Report.objects.for_review(review).select_related("committee").defer("snapshot", "cover")
    return [_report_out(r) for r in reports.prefetch_related("files")]


# --- actions and updates -----------------------------------------------------------------------------------------


@api.get("/actions/{action_id}", response={200: ActionOut, **ERRORS}, summary="One action's current position")
def action_detail(request: HttpRequest, action_id: Id) -> dict[str, Any]:
    action = _readable_action(request, action_id)
    return _action_out(action, action.review.organisation)


@api.get(
    "/actions/{action_id}/updates",
    response={200: list[UpdateOut], **ERRORS},
    summary="An action's updates, newest first",
)
@paginate(Pages)
def action_updates(request: HttpRequest, action_id: Id) -> list[dict[str, Any]]:
    action = _readable_action(request, action_id)
    updates = ProgressUpdate.objects.filter(action=action).select_related("author", "period").order_by("-date", "-id")
    return [
        {
            "id": u.pk,
            "action_id": u.action_id,
            "date": u.date,
            "author": u.author_display,
            "period": u.period.name if u.period else None,
            "status": u.status,
            "rag": u.rag,
            "rag_reason": u.rag_reason,
            "percent_complete": u.percent_complete,
            "commentary": u.commentary,
            "public_summary": u.public_summary,
            "evidence": list(u.evidence or []),
            "created_at": u.created_at,
        }
        for u in updates
    ]


@api.post(
    "/actions/{action_id}/updates",
    response={201: ActionOut, 409: Problem, **ERRORS},
    summary="Post a progress update",
    description="Needs a read-write token (or a session with the CSRF token). 409 when `version` is stale.",
)
def action_update(request: HttpRequest, action_id: Id, payload: UpdateIn) -> Status[Any]:
    action = _readable_action(request, action_id)
    if not can.api_token_allows(token_of(request), action.review.organisation, write=True):
        raise PermissionDenied("This API token is read-only: make a read-and-write token to post updates.")
    if not can.can_update_action(request.user, action):
        raise PermissionDenied("You may update only the actions you own, unless you are a plan manager.")
    try:
        action_update_post(
            action=action,
            author=can.signed_in(request.user),
            on=timezone.localdate(),
            status=payload.status,
            commentary=payload.commentary,
            public_summary=payload.public_summary,
            rag=payload.rag,
            rag_reason=payload.rag_reason,
            percent_complete=payload.percent_complete,
            evidence=payload.evidence,
            version=payload.version,
        )
    except EditConflictError as exc:
        return Status(409, {"detail": " ".join(exc.messages), "fields": {}})
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        return Status(422, {"detail": "The update was not saved: " + " ".join(exc.messages), "fields": fields})
    action.refresh_from_db()
    return Status(201, _action_out(action, action.review.organisation))


# --- issued reports ----------------------------------------------------------------------------------------------


@api.get("/reports/{report_id}", response={200: ReportOut, **ERRORS}, summary="One issued committee report")
def report_detail(request: HttpRequest, report_id: Id) -> dict[str, Any]:
    return _report_out(_readable_report(request, report_id))


@api.get(
    "/reports/{report_id}/snapshot",
    response={200: dict[str, Any], **ERRORS},
    summary="The snapshot a report was issued from (peerplan.snapshot/1), exactly as stored",
)
def report_snapshot(request: HttpRequest, report_id: Id) -> dict[str, Any]:
    snapshot: dict[str, Any] = _readable_report(request, report_id).snapshot
    return snapshot


@api.get(
    "/reports/{report_id}/files/{file_format}",
    response={200: None, **ERRORS},
    summary="A report's file exactly as issued (docx, pdf, xlsx, csv, html)",
    url_name="report_file",
)
def report_file(request: HttpRequest, report_id: Id, file_format: str) -> HttpResponse:
    report = _readable_report(request, report_id)
    stored = ReportFile.objects.filter(report=report, format=file_format[:10]).first()
    if stored is None:
        raise Http404(f"Report {report_id} was not issued as {file_format[:10]!r}.")
    content = bytes(stored.content)
    response = HttpResponse(content, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=stored.filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response
