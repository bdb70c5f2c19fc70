"""Reads for the email pages: the log, the schedule's last run and the worker's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from peerplan.accounts.models import Organisation
from peerplan.plans.models import Action
from peerplan.progress.models import ReportingPeriod

from .models import ChaseRun, EmailLog, EmailStatus


def email_log(
    organisation: Organisation, *, period: ReportingPeriod | None = None, status: str = ""
) -> QuerySet[EmailLog]:
    emails = EmailLog.objects.filter(organisation=organisation).select_related("period", "recipient")
    if period is not None:
        emails = emails.filter(period=period)
    if status:
        emails = emails.filter(status=status)
    return emails.prefetch_related("actions")


def emails_about(action: Action) -> QuerySet[EmailLog]:
    """The emails that named this action, newest first (for its history)."""
    return action.emails.all().order_by("-created_at", "-id")


@dataclass(frozen=True)
class MailHealth:
    """Whether email is flowing: the schedule's last run and what waits or failed."""

    last_run: ChaseRun | None
    queued: int
    failed: int
    oldest_queued: datetime | None
    worker_waiting: int | None  # tasks the worker has not started; None when tasks run at once


def mail_health(organisation: Organisation) -> MailHealth:
    from django.conf import settings

    emails = EmailLog.objects.filter(organisation=organisation)
    oldest = emails.filter(status=EmailStatus.QUEUED).order_by("created_at").first()
    waiting: int | None = None
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready().count()
    return MailHealth(
        last_run=ChaseRun.objects.first(),
        queued=emails.filter(status=EmailStatus.QUEUED).count(),
        failed=emails.filter(status=EmailStatus.FAILED).count(),
        oldest_queued=oldest.created_at if oldest else None,
        worker_waiting=waiting,
    )
