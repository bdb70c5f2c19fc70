"""Writing progress: a lead officer posts an update or asks for a revised due date.

Only the action's owners and plan managers may (permissions.py); the services do the writing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from peerplan.accounts.permissions import can_update_action, can_withdraw_update, require, signed_in
from peerplan.accounts.vocabulary import RagWord
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action
from peerplan.plans.services import revision_request
from peerplan.progress.forms import ProgressUpdateForm, RevisionRequestForm, WithdrawUpdateForm
from peerplan.progress.models import EvidenceFile, ProgressUpdate
from peerplan.progress.rag import RuleSettings, suggest_rag, why_no_suggestion
from peerplan.progress.services import action_update_post, progress_update_withdraw
from peerplan.shared.errors import EditConflictError
from peerplan.shared.rag import Rag

from . import details
from .common import crumbs, page, rag_words, readable_action, review_crumb

CONFLICT = (
    "Someone else updated this action after you opened this page. Your update has not been saved: "
    "read their update below, then check your answers and send yours again."
)


def _action_crumbs(action: Action, last: str) -> list[tuple[str, str]]:
    return crumbs(
        review_crumb(action.review),
        (f"Action {action.ref}".strip(), reverse("progress:action", args=[action.pk])),
        (last, ""),
    )


def _conflict(request: HttpRequest, action: Action) -> tuple[ProgressUpdate | None, ProgressUpdateForm]:
    """The other person's latest update, and the form again: their text kept, the current version taken,
    so that sending it again, having read the other update, is allowed."""
    action.refresh_from_db()
    latest = action.updates.select_related("author", "period").order_by("-date", "-id").first()
    form = ProgressUpdateForm({**request.POST.dict(), "version": action.version}, action=action)
    form.is_valid()
    form.add_error(None, CONFLICT)
    return latest, form


def _last_update(action: Action, *, words: Mapping[str, RagWord]) -> tuple[str, list[Any]] | None:
    """The latest update on the action, shown above the form as last quarter's row was in the spreadsheet."""
    latest = action.updates.select_related("author", "period").order_by("-date", "-id").first()
    return (details.update_title(latest), details.update_rows(latest, words=words)) if latest else None


@login_required
def post_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = readable_action(request, pk)
    require(can_update_action(request.user, action))
    at = timezone.localdate()
    conflict_with = None
    if request.method == "POST":
        form = ProgressUpdateForm(request.POST, request.FILES, action=action)
        if request.POST.get("version") != str(action.version):
            # Stale before we start: say so first, rather than judge their answers against the other update.
            conflict_with, form = _conflict(request, action)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                action_update_post(
                    action=action,
                    author=signed_in(request.user),
                    on=at,
                    status=ActionStatus(data["status"]),
                    commentary=data["commentary"],
                    public_summary=data["public_summary"],
                    rag=Rag(data["rag"]) if data["rag"] else None,
                    rag_reason=data["rag_reason"],
                    percent_complete=data["percent_complete"],
                    evidence=data["evidence"],
                    files=data["evidence_files"] or [],
                    version=data["version"],
                )
            except EditConflictError:  # someone saved between our check and theirs
                conflict_with, form = _conflict(request, action)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Your update on action {action.ref} has been saved.".replace("  ", " "))
                return redirect("progress:action", pk=action.pk)
    else:
        form = ProgressUpdateForm(action=action)
    rule = RuleSettings.of(action.review.organisation)
    suggested = suggest_rag(
        rule,
        status=action.status or ActionStatus.NOT_STARTED,
        percent=action.percent_complete,
        due=action.due_date,
        at=at,
    )
    context = page(
        action=action,
        form=form,
        suggested=suggested,
        no_suggestion=why_no_suggestion(rule, percent=action.percent_complete, due=action.due_date),
        last_update=_last_update(action, words=rag_words(request)),
        conflict=(details.update_title(conflict_with), details.update_rows(conflict_with, words=rag_words(request)))
        if conflict_with
        else None,
        at=at,
        crumbs=_action_crumbs(action, "Post an update"),
    )
    return render(request, "progress/update_form.html", context)


@login_required
def withdraw_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a mistaken update with a reason (append-only: the update stays in the history, marked)."""
    update = get_object_or_404(ProgressUpdate.history.select_related("action", "period", "author"), pk=pk)
    action = readable_action(request, update.action_id)
    update.action = action
    at = timezone.localdate()
    require(can_withdraw_update(request.user, update, at=at))
    if hasattr(update, "withdrawal"):
        messages.info(request, "This update was withdrawn already.")
        return redirect("progress:action", pk=action.pk)
    form = WithdrawUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            progress_update_withdraw(
                update=update, actor=signed_in(request.user), reason=form.cleaned_data["reason"], on=at
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The update has been withdrawn. It stays in the history, marked as withdrawn.")
            return redirect("progress:action", pk=action.pk)
    context = page(
        action=action,
        update=update,
        form=form,
        update_card=(details.update_title(update), details.update_rows(update, words=rag_words(request))),
        crumbs=_action_crumbs(action, "Withdraw an update"),
    )
    return render(request, "progress/withdraw_form.html", context)


@login_required
def revise_date(request: HttpRequest, pk: int) -> HttpResponse:
    action = readable_action(request, pk)
    require(can_update_action(request.user, action))
    at = timezone.localdate()
    form = RevisionRequestForm(request.POST or None, action=action, today=at)
    if request.method == "POST" and form.is_valid():
        try:
            revision_request(
                action=action,
                actor=signed_in(request.user),
                new_due=form.cleaned_data["new_due"],
                reason=form.cleaned_data["reason"],
                on=at,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your request for a revised due date has been sent to the plan manager.")
            return redirect("progress:action", pk=action.pk)
    context = page(action=action, form=form, at=at, crumbs=_action_crumbs(action, "Ask for a revised due date"))
    return render(request, "progress/revise_date_form.html", context)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only to people who may read its action, always as a download of its checked type."""
    stored = get_object_or_404(EvidenceFile.objects.select_related("update"), pk=pk)
    readable_action(request, stored.update.action_id)
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
