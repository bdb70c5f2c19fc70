"""Approving the plan, and deciding lead officers' requests for revised due dates."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from peerplan.accounts.permissions import can_decide_revision, can_edit_plan, require, signed_in
from peerplan.plans.clock import add_months
from peerplan.plans.forms import ApproveForm, RevisionDecisionForm
from peerplan.plans.models import Action, DueDateRevision, RevisionState
from peerplan.plans.services import plan_approve, revision_decide
from peerplan.shared.dates import long_date
from peerplan.ui.forms import add_service_errors
from peerplan.ui.html import link, visually_hidden
from peerplan.ui.templatetags.govuk import govuk_tag

from ._shared import review_for


@login_required
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    problem = ""
    today = timezone.localdate()
    form = ApproveForm(request.POST if request.method == "POST" else None, initial={"approved_on": today})
    if not review.is_approved and not review.recommendations.exists():
        problem = "A plan needs at least one recommendation before it can be approved."
    elif request.method == "POST" and form.is_valid():
        try:
            plan_approve(
                review=review,
                actor=signed_in(request.user),
                on=form.cleaned_data["approved_on"],
                meeting=form.cleaned_data["meeting"],
                today=today,
            )
        except ValidationError as error:
            review.refresh_from_db()
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error("approved_on" if field == "plan_approved_on" else None, errors)
            else:
                problem = " ".join(error.messages)
        else:
            messages.success(request, "The plan has been approved. Recommendation wording is now locked.")
            return redirect("plans:manage", pk=review.pk)
    return render(
        request,
        "plans/approve.html",
        {
            "review": review,
            "problem": problem,
            "form": form,
            "recommendation_count": review.recommendations.count(),
            "action_count": review.actions.count(),
            "nav_current": "plans",
        },
    )


def _who_when(person: object, day: date | None) -> str:
    """ "Priya Shah, 1 May 2026", or only the day when the person was not recorded (imported history)."""
    return ", ".join(part for part in (str(person) if person else "", long_date(day) or "None") if part)


def _action_name(action: Action) -> str:
    return f"{action.ref} {Truncator(action.text).words(12)}".strip()


@login_required
def revision_list(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    revisions = (
        DueDateRevision.objects.filter(action__review=review)
        .select_related("action", "requested_by", "decided_by")
        .order_by("-requested_on", "-pk")
    )
    pending = [r for r in revisions if r.state == RevisionState.REQUESTED]
    decided = [r for r in revisions if r.state != RevisionState.REQUESTED][:20]
    pending_rows = [
        [
            _action_name(r.action),
            long_date(r.previous_due) or "None",
            long_date(r.new_due) or "None",
            r.reason,
            _who_when(r.requested_by, r.requested_on),
            link(
                reverse("plans:revision-decide", args=[review.pk, r.pk]),
                "Decide",
                hidden=f" on {r.action.ref or 'this request'}",
            ),
        ]
        for r in pending
    ]
    decided_rows = [
        [
            _action_name(r.action),
            f"{long_date(r.previous_due) or 'None'} to {long_date(r.new_due) or 'None'}",
            govuk_tag(r.get_state_display(), "green" if r.state == RevisionState.APPROVED else "red"),
            _who_when(r.decided_by, r.decided_on),
        ]
        for r in decided
    ]
    return render(
        request,
        "plans/revision_list.html",
        {
            "review": review,
            # Every column has a header, if only for screen readers (axe: empty-table-header).
            "head": [
                "Action",
                "Due now",
                "Asked for",
                "Reason",
                "Asked by",
                visually_hidden("Decision"),
            ],
            "pending_rows": pending_rows,
            "decided_head": ["Action", "Due date", "Decision", "Decided by"],
            "decided_rows": decided_rows,
            "nav_current": "plans",
        },
    )


@login_required
def revision_decide_page(request: HttpRequest, pk: int, revision_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    revision = get_object_or_404(
        DueDateRevision.objects.select_related("action", "action__review__organisation", "requested_by"),
        pk=revision_pk,
        action__review=review,
    )
    require(can_decide_revision(request.user, revision.action))
    today = timezone.localdate()
    # The hint's example: a month after the current due date (or today), a date the plan manager might approve.
    example = add_months(max(revision.previous_due or today, today), 1)
    form = RevisionDecisionForm(data=request.POST if request.method == "POST" else None, example=example)
    if request.method == "POST" and form.is_valid():
        try:
            revision_decide(
                revision=revision,
                actor=signed_in(request.user),
                approve=form.approve,
                on=today,
                note=form.cleaned_data["note"],
                approved_due=form.due_to_approve,
            )
        except ValidationError as error:
            revision.refresh_from_db()
            add_service_errors(form, error)
        else:
            ref = revision.action.ref or "the action"
            if form.approve:
                messages.success(request, f"{ref} is now due on {long_date(revision.new_due)}.")  # the approved date
            else:
                messages.success(request, f"The request for {ref} has been refused.")
            return redirect("plans:revisions", pk=review.pk)
    summary = [
        ("Action", _action_name(revision.action)),
        ("Due now", long_date(revision.previous_due) or "None"),
        ("Asked for", long_date(revision.new_due) or "None"),
        ("Reason", revision.reason),
        ("Asked", _who_when(revision.requested_by, revision.requested_on)),
    ]
    return render(
        request,
        "plans/revision_decide.html",
        {"form": form, "review": review, "revision": revision, "summary": summary, "nav_current": "plans"},
    )
