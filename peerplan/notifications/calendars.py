"""Calendar feeds (iCalendar): a person's deadlines, or a review's CPC clock and committee dates.

Each feed lives at a secret address; only a SHA-256 digest of its token is stored, and resetting the link
makes the old address stop working. Who may read what is asked again each time the feed is fetched.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from icalendar import Calendar, Event

from peerplan.accounts.models import User
from peerplan.accounts.permissions import can_view_review, reviews_visible_to
from peerplan.audit.services import audit_record
from peerplan.plans.models import Action, Review
from peerplan.progress.models import ReportingPeriod
from peerplan.shared.dates import long_date

from .models import CalendarFeed


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_reset(*, user: User, review: Review | None, actor: User | None) -> str:
    """Give the person a new secret address for the feed (the old one stops working); returns the token."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user, review=review).delete()
        feed = CalendarFeed.objects.create(user=user, review=review, token_digest=_digest(token))
        organisation = review.organisation if review else None
        if organisation is None:
            membership = user.memberships.select_related("organisation").first()
            organisation = membership.organisation if membership else None
        audit_record(actor=actor, organisation=organisation, verb="made a new calendar link", target=feed)
    return token


def feed_url(token: str) -> str:
    return settings.SITE_URL + reverse("notifications:calendar-feed", args=[token])


def feed_for(token: str) -> CalendarFeed | None:
    """The feed a token opens, if its person may still read it (active, still with a role in the council)."""
    feed = CalendarFeed.objects.select_related("user", "review__organisation").filter(token_digest=_digest(token))
    found = feed.first()
    if found is None or not found.user.is_active:
        return None
    if found.review is not None and not can_view_review(found.user, found.review):
        return None
    return found


def _event(calendar: Calendar, *, uid: str, day: date, summary: str, description: str, stamp: datetime) -> None:
    event = Event()
    event.add("uid", f"{uid}@peerplan")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not make anyone busy
    calendar.add_component(event)


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//peerplan//calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-published-ttl", "PT6H")
    return calendar


def person_calendar(user: User, *, at: date, stamp: datetime) -> bytes:
    """The open actions the person answers for (due dates) and the dates their updates are due."""
    calendar = _calendar(f"peerplan: {user.full_name}")
    actions = (
        Action.objects.owned_by(user)
        .open()
        .filter(due_date__isnull=False, review__in=Review.objects.filter(reviews_visible_to(user)))
        .select_related("review")
    )
    reviews = set()
    for action in actions:
        assert action.due_date is not None
        reviews.add(action.review_id)
        link = settings.SITE_URL + reverse("progress:action", args=[action.pk])
        summary = f"Due: {action.ref} {action.text[:80]}"
        _event(
            calendar, uid=f"action-{action.pk}-due", day=action.due_date, summary=summary, description=link, stamp=stamp
        )
    periods = ReportingPeriod.objects.filter(
        review_id__in=reviews, updates_due__isnull=False, end__gte=at - timedelta(days=365)
    )
    for period in periods.select_related("review"):
        assert period.updates_due is not None
        link = settings.SITE_URL + reverse("progress:my-actions")
        summary = f"Updates due for {period.name} ({period.review.title})"
        _event(
            calendar,
            uid=f"period-{period.pk}-updates-due",
            day=period.updates_due,
            summary=summary,
            description=link,
            stamp=stamp,
        )
    ical: bytes = calendar.to_ical()
    return ical


def review_calendar(review: Review, *, at: date, stamp: datetime) -> bytes:
    """The review's CPC clock milestones and the committee meetings its reports go to."""
    from peerplan.reports.models import Report

    calendar = _calendar(f"peerplan: {review.title}")
    link = settings.SITE_URL + reverse("progress:review", args=[review.pk])
    for entry in review.clock(at=at):
        met = f" (met on {long_date(entry.met_on)})" if entry.met_on else ""
        _event(
            calendar,
            uid=f"review-{review.pk}-{entry.milestone}",
            day=entry.due,
            summary=f"{entry.label}{met}",
            description=link,
            stamp=stamp,
        )
    meetings = Report.objects.filter(review=review, meeting_date__isnull=False).select_related("committee")
    for report in meetings:
        assert report.meeting_date is not None
        body = report.committee.name if report.committee else "Committee"
        _event(
            calendar,
            uid=f"report-{report.pk}-meeting",
            day=report.meeting_date,
            summary=f"{body}: {review.title}",
            description=link,
            stamp=stamp,
        )
    for period in review.reporting_periods.filter(updates_due__isnull=False):
        assert period.updates_due is not None
        summary = f"Updates due for {period.name}"
        _event(
            calendar,
            uid=f"period-{period.pk}-updates-due",
            day=period.updates_due,
            summary=summary,
            description=link,
            stamp=stamp,
        )
    ical: bytes = calendar.to_ical()
    return ical
