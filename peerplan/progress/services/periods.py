"""Writes to reporting periods: create one, ask for updates, record reminders. Audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.accounts.models import User
from peerplan.audit.services import audit_record
from peerplan.plans.models import Review
from peerplan.progress.models import ReportingPeriod


def reporting_period_create(
    *, review: Review, actor: User | None, name: str, start: date, end: date, updates_due: date | None = None
) -> ReportingPeriod:
    with transaction.atomic():
        period = ReportingPeriod(review=review, name=name, start=start, end=end, updates_due=updates_due)
        period.full_clean()
        period.save()
        audit_record(actor=actor, organisation=review.organisation, verb="created", target=period, review_id=review.pk)
    return period


def reporting_period_open(
    *, period: ReportingPeriod, actor: User | None, on: date, updates_due: date
) -> ReportingPeriod:
    """Ask lead officers for their updates for this period, due by `updates_due`."""
    with transaction.atomic():
        if updates_due < on:
            raise ValidationError({"updates_due": "The date updates are due must be today or later."})
        period.opened_on = on
        period.updates_due = updates_due
        period.full_clean()
        period.save(update_fields=["opened_on", "updates_due"])
        audit_record(
            actor=actor,
            organisation=period.review.organisation,
            verb="asked for updates",
            target=period,
            changes={"updates_due": [None, updates_due.isoformat()]},
            review_id=period.review_id,
        )
    return period


def reporting_period_remind(*, period: ReportingPeriod, actor: User | None, on: date) -> None:
    """Record that lead officers who have not updated yet were reminded (the emails go in the background)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            organisation=period.review.organisation,
            verb="sent reminders",
            target=period,
            changes={"reminded on": [None, on.isoformat()]},
            review_id=period.review_id,
        )
