"""Reporting periods pages: list a review's periods, add one, ask lead officers for updates, remind them.

Asking emails each lead officer once, in the background (tasks.email_update_requests).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from peerplan.accounts.permissions import can_edit_plan, signed_in
from peerplan.plans.clock import Quarter, quarter_containing
from peerplan.plans.models import Review
from peerplan.plans.views._shared import review_for
from peerplan.progress.models import ReportingPeriod
from peerplan.progress.services import reporting_period_create, reporting_period_open, reporting_period_remind
from peerplan.progress.tasks import actions_needing_update, email_update_requests, recipients_for, unreachable_actions
from peerplan.shared.dates import long_date
from peerplan.ui.forms import GovukDateField, GovukForm, add_service_errors, example_date_hint
from peerplan.ui.html import with_hidden


def period_email_summary(period: ReportingPeriod) -> str:
    """How many emails were sent about the period, and how many failed (the rows link to the email log)."""
    from peerplan.notifications.models import EmailLog, EmailStatus

    emails = EmailLog.objects.filter(period=period)
    total, failed = emails.count(), emails.filter(status=EmailStatus.FAILED).count()
    return f"{total} email{'' if total == 1 else 's'}" + (f", {failed} failed" if failed else "")


UPDATES_DUE_AFTER_DAYS = 14  # a fortnight to write an update is what councils usually give


def next_quarter(review: Review, *, today: date) -> Quarter:
    """The quarter after the review's latest period, or the quarter we are in if it has none."""
    latest = review.reporting_periods.order_by("-end").first()
    return quarter_containing(latest.end + timedelta(days=1) if latest else today)


class PeriodForm(GovukForm):
    """A reporting period; the hints' examples are the quarter peerplan suggests (`example`)."""

    name = forms.CharField(label="Name", max_length=100)
    start = GovukDateField(label="First day")
    end = GovukDateField(label="Last day")

    def __init__(self, *args: Any, review: Review, example: Quarter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        self.fields["name"].help_text = f"As committee reports call it, for example {example.name}"
        self.fields["start"].help_text = example_date_hint(example.start)
        self.fields["end"].help_text = example_date_hint(example.end)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, end, name = data.get("start"), data.get("end"), data.get("name", "")
        if start and end and start > end:
            self.add_error("end", "The last day must be the same as or after the first day")
        if name and self.review.reporting_periods.filter(name__iexact=name.strip()).exists():
            self.add_error("name", f"There is already a period called {name.strip()}")
        return data


class OpenPeriodForm(GovukForm):
    """When lead officers' updates are due; the hint's example is `example`, a date that may be chosen."""

    updates_due = GovukDateField(label="Date updates are due")

    def __init__(self, *args: Any, example: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["updates_due"].help_text = example_date_hint(example)


def _my_actions_link(request: HttpRequest) -> str:
    """Where the email sends lead officers: their list of actions."""
    return request.build_absolute_uri(reverse("progress:my-actions"))


@login_required
def period_list(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    items = []
    for period in review.reporting_periods.order_by("-start"):
        waiting = len(actions_needing_update(period)) if period.opened_on else None
        rows = [
            ("Dates", f"{long_date(period.start) or 'Not set'} to {long_date(period.end) or 'Not set'}"),
            ("Updates asked for", long_date(period.opened_on) if period.opened_on else "Not yet"),
            ("Updates due", long_date(period.updates_due) or "Not set"),
        ]
        if waiting is not None:
            rows.append(("Actions still waiting for an update", str(waiting)))
            rows.append(("Emails", period_email_summary(period)))
        items.append(
            {
                "period": period,
                "rows": rows,
                "waiting": waiting,
                "ask_label": with_hidden("Ask for updates", f" for {period.name}"),
                "remind_label": with_hidden("Send reminders", f" for {period.name}"),
            }
        )
    return render(
        request,
        "progress/periods/list.html",
        {"review": review, "periods": items, "nav_current": "plans"},
    )


@login_required
def period_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    suggested = next_quarter(review, today=timezone.localdate())
    form = PeriodForm(
        data=request.POST if request.method == "POST" else None,
        review=review,
        example=suggested,
        initial={"name": suggested.name, "start": suggested.start, "end": suggested.end},
    )
    if request.method == "POST" and form.is_valid():
        try:
            period = reporting_period_create(review=review, actor=signed_in(request.user), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{period.name} has been added.")
            return redirect("plans:periods", pk=review.pk)
    return render(
        request,
        "progress/periods/form.html",
        {"form": form, "review": review, "suggested": suggested, "nav_current": "plans"},
    )


@login_required
def period_open(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    period = get_object_or_404(ReportingPeriod, pk=period_pk, review=review)
    today = timezone.localdate()
    default_due = max(period.end, today) + timedelta(days=UPDATES_DUE_AFTER_DAYS)
    form = OpenPeriodForm(
        data=request.POST if request.method == "POST" else None,
        example=default_due,
        initial={"updates_due": period.updates_due or default_due},
    )
    if request.method == "POST" and form.is_valid():
        try:
            reporting_period_open(
                period=period, actor=signed_in(request.user), on=today, updates_due=form.cleaned_data["updates_due"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(recipients_for(period))
            email_update_requests.enqueue(period.pk, _my_actions_link(request))
            messages.success(
                request,
                f"Updates for {period.name} have been asked for: {count} lead officer"
                f"{'' if count == 1 else 's'} will get an email.",
            )
            return redirect("plans:periods", pk=review.pk)
    return render(
        request,
        "progress/periods/open.html",
        {
            "form": form,
            "review": review,
            "period": period,
            "recipients": recipients_for(period),
            "unreachable": unreachable_actions(period),
            "nav_current": "plans",
        },
    )


@login_required
@require_POST
def period_remind(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    period = get_object_or_404(ReportingPeriod, pk=period_pk, review=review)
    if not period.opened_on:
        messages.error(request, f"Updates for {period.name} have not been asked for yet: ask for them first.")
        return redirect("plans:periods", pk=review.pk)
    count = len(recipients_for(period))
    if not count:
        messages.success(request, f"Everyone who can be emailed has updated their actions for {period.name}.")
        return redirect("plans:periods", pk=review.pk)
    reporting_period_remind(period=period, actor=signed_in(request.user), on=timezone.localdate())
    email_update_requests.enqueue(period.pk, _my_actions_link(request), True)
    messages.success(
        request,
        f"Reminders are being sent to {count} lead officer{'' if count == 1 else 's'} who have not updated yet.",
    )
    return redirect("plans:periods", pk=review.pk)
