"""The Email page (plan managers and administrators): the schedule's last run, the worker's queue, every
email sent with why and whether it went, "Send again" for failed ones; and the council's chasing rules."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from peerplan.accounts.models import Organisation, User
from peerplan.accounts.permissions import (
    can_manage_organisation,
    can_view_email_log,
    organisations_of,
    require,
    reviews_visible_to,
    signed_in,
)
from peerplan.plans.models import Review
from peerplan.progress.models import ReportingPeriod
from peerplan.ui.forms import add_service_errors

from .calendars import calendar_feed_reset, feed_for, feed_url, person_calendar, review_calendar
from .chasing import settings_for
from .forms import ChaseSettingsForm
from .models import CalendarFeed, EmailLog, EmailStatus
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
    email_retry(log=email, actor=signed_in(request.user))
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
            chase_settings_update(organisation=organisation, actor=signed_in(request.user), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The chasing rules have been saved.")
            return redirect("notifications:log", org=organisation.slug)
    return render(
        request, "notifications/chasing.html", {"organisation": organisation, "form": form, "nav_current": "settings"}
    )


@login_required
def calendars(request: HttpRequest) -> HttpResponse:
    """Get, copy or reset the secret addresses of your calendar feeds (yours and each review's)."""
    user = cast(User, request.user)
    reviews = list(Review.objects.filter(reviews_visible_to(user)).order_by("title"))
    new_link = ""
    if request.method == "POST":
        review = None
        if request.POST.get("review", "").isdigit():
            review = next((r for r in reviews if r.pk == int(request.POST["review"])), None)
            if review is None:
                raise PermissionDenied
        token = calendar_feed_reset(user=user, review=review, actor=user)
        new_link = feed_url(token)
        messages.success(
            request,
            f"Your new calendar link for {review or 'your deadlines'} is shown below. "
            "Any earlier link for it has stopped working.",
        )
        request.session["peerplan_new_calendar"] = {"review": review.pk if review else None, "url": new_link}
        return redirect("notifications:calendars")
    shown = request.session.pop("peerplan_new_calendar", None)
    have = {f.review_id: f for f in CalendarFeed.objects.filter(user=user)}
    feeds: list[dict[str, Any]] = [
        {
            "review": None,
            "title": "My deadlines",
            "hint": "The due dates of the actions you answer for, and when your updates are due.",
            "has": None in have,
        },
        *(
            {
                "review": r,
                "title": r.title,
                "hint": "The CPC clock, committee meetings and when updates are due.",
                "has": r.pk in have,
            }
            for r in reviews
        ),
    ]
    for feed in feeds:
        key = feed["review"].pk if feed["review"] else None
        feed["url"] = shown["url"] if shown and shown["review"] == key else ""
    return render(request, "notifications/calendars.html", {"feeds": feeds, "nav_current": ""})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself, for Outlook and other calendar programs: the secret address is the key."""
    feed = feed_for(token)
    if feed is None:
        raise Http404("There is no calendar at this address: the link was reset or has been switched off.")
    at, stamp = timezone.localdate(), timezone.now()
    if feed.review is not None:
        body = review_calendar(feed.review, at=at, stamp=stamp)
    else:
        body = person_calendar(feed.user, at=at, stamp=stamp)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
