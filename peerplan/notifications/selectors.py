"""Reads for the email pages: the log, the schedule's last run and the worker's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

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
    worker_failed: int | None  # background tasks (email, reports) that ended in an error


def mail_health(organisation: Organisation) -> MailHealth:
    from django.conf import settings

    emails = EmailLog.objects.filter(organisation=organisation)
    oldest = emails.filter(status=EmailStatus.QUEUED).order_by("created_at").first()
    waiting: int | None = None
    failed_tasks: int | None = None
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready().count()
        failed_tasks = DBTaskResult.objects.failed().count()
    return MailHealth(
        last_run=ChaseRun.objects.first(),
        queued=emails.filter(status=EmailStatus.QUEUED).count(),
        failed=emails.filter(status=EmailStatus.FAILED).count(),
        oldest_queued=oldest.created_at if oldest else None,
        worker_waiting=waiting,
        worker_failed=failed_tasks,
    )


@dataclass(frozen=True)
class LatePeriod:
    period: ReportingPeriod
    waiting: int


@dataclass(frozen=True)
class ManagerNews:
    """What the plan manager's home page tells them: new updates, requests for revised dates, late updates."""

    updates: list[Any]
    revisions: list[Any]
    late: list[LatePeriod]
    failed_emails: int

    def __bool__(self) -> bool:
        return bool(self.updates or self.revisions or self.late or self.failed_emails)


def manager_news(organisations: list[Organisation], *, at: date, days: int = 14) -> ManagerNews:
    from peerplan.plans.models import DueDateRevision, RevisionState
    from peerplan.progress.models import ProgressUpdate
    from peerplan.progress.tasks import actions_needing_update

    updates = (
        ProgressUpdate.objects.filter(
            action__review__organisation__in=organisations, date__gt=at - timedelta(days=days), date__lte=at
        )
        .select_related("action", "author")
        .order_by("-date", "-id")[:10]
    )
    revisions = (
        DueDateRevision.objects.filter(action__review__organisation__in=organisations, state=RevisionState.REQUESTED)
        .select_related("action", "requested_by")
        .order_by("requested_on")[:10]
    )
    periods = ReportingPeriod.objects.filter(
        review__organisation__in=organisations,
        review__closed_on__isnull=True,
        opened_on__isnull=False,
        updates_due__lt=at,
    ).select_related("review")
    late = [LatePeriod(p, n) for p in periods if (n := len(actions_needing_update(p)))]
    failed = EmailLog.objects.filter(organisation__in=organisations, status=EmailStatus.FAILED).count()
    return ManagerNews(list(updates), list(revisions), late, failed)
