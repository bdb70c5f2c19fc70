"""The Email page (plan managers and administrators): the schedule's last run, the worker's queue, every
email sent with why and whether it went, "Send again" for failed ones; and the council's chasing rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from peerplan.accounts.models import Organisation
from peerplan.accounts.permissions import can_manage_organisation, can_view_email_log, organisations_of, require
from peerplan.plans.forms import add_service_errors
from peerplan.progress.models import ReportingPeriod

from .chasing import settings_for
from .forms import ChaseSettingsForm
from .models import EmailLog, EmailStatus
from .selectors import email_log, mail_health
from .services import chase_settings_update, email_retry

PAGE_SIZE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """/email/: the email page of the (first) council where the person runs the plan."""
    for organisation in organisations_of(request.user):
        if can_view_email_log(request.user, organisation):
            return redirect("notifications:log", org=organisation.slug)
    raise PermissionDenied


@login_required
def log(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(can_view_email_log(request.user, organisation))
    period = None
    if request.GET.get("period", "").isdigit():
        period = get_object_or_404(ReportingPeriod, pk=int(request.GET["period"]), review__organisation=organisation)
    status = request.GET.get("status", "")
    status = status if status in EmailStatus.values else ""
    page = Paginator(email_log(organisation, period=period, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/log.html",
        {
            "organisation": organisation,
            "health": mail_health(organisation),
            "rules": settings_for(organisation),
            "page": page,
            "period": period,
            "status": status,
            "statuses": EmailStatus,
            "can_change_rules": can_manage_organisation(request.user, organisation),
            "nav_current": "email",
        },
    )


@login_required
@require_POST
def send_again(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(can_view_email_log(request.user, organisation))
    email = get_object_or_404(EmailLog, pk=pk, organisation=organisation)
    email_retry(log=email, actor=request.user)
    messages.success(request, f"The email to {email.to} is being sent again.")
    return redirect("notifications:log", org=organisation.slug)


@login_required
def chasing(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    require(can_manage_organisation(request.user, organisation))
    form = ChaseSettingsForm(
        data=request.POST if request.method == "POST" else None,
        initial=ChaseSettingsForm.initial_for(settings_for(organisation)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            chase_settings_update(organisation=organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The chasing rules have been saved.")
            return redirect("notifications:log", org=organisation.slug)
    return render(
        request, "notifications/chasing.html", {"organisation": organisation, "form": form, "nav_current": "settings"}
    )
