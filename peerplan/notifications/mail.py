"""Queue an email: log it, then hand it to the background worker, which sends it and retries on failure.

Every email peerplan sends goes through email_queue(), so each one is in the log with why it was sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from peerplan.plans.models import Action

from .models import EmailKind, EmailLog, EmailStatus

MAX_ATTEMPTS = 3
RETRY_AFTER = [timedelta(minutes=1), timedelta(minutes=10)]  # after the first and second failures


def email_queue(
    *,
    to: str,
    kind: EmailKind,
    reason: str,
    template: str,
    context: dict[str, Any],
    organisation: Any = None,
    recipient: Any = None,
    period: Any = None,
    actions: Iterable[Action] = (),
) -> EmailLog:
    """Render `template`_subject.txt and `template`.txt, log the email and queue it; returns the log entry.

    Called inside the caller's transaction: the queued task is a row in the same database, so both or neither.
    """
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    log = EmailLog(
        organisation=organisation,
        to=to,
        recipient=recipient,
        kind=kind,
        reason=reason[:500],
        subject=subject[:300],
        body=body,
        period=period,
    )
    log.full_clean()
    log.save()
    if actions:
        log.actions.set(actions)
    email_deliver.enqueue(log.pk)
    return log


def email_send_again(*, log: EmailLog) -> EmailLog:
    """Queue a failed email once more (the plan manager's "Send again")."""
    EmailLog.objects.filter(pk=log.pk).update(status=EmailStatus.QUEUED, attempts=0, error="")
    email_deliver.enqueue(log.pk)
    log.refresh_from_db()
    return log


@task()
def email_deliver(log_id: int) -> str:
    """Send one logged email; on failure try again later (up to MAX_ATTEMPTS), then mark it failed."""
    log = EmailLog.objects.get(pk=log_id)
    while log.status == EmailStatus.QUEUED:
        log.attempts += 1
        try:
            EmailMessage(log.subject, log.body, None, [log.to]).send()
        except Exception as error:  # any failure of the mail server is logged, never lost
            log.error = f"Attempt {log.attempts}: {type(error).__name__}: {error}"[:2000]
            if log.attempts >= MAX_ATTEMPTS:
                log.status = EmailStatus.FAILED
            elif email_deliver.get_backend().supports_defer:
                log.save(update_fields=["attempts", "error"])
                email_deliver.using(run_after=timezone.now() + RETRY_AFTER[log.attempts - 1]).enqueue(log.pk)
                return "retry"
            # A backend that cannot defer (the immediate one, in tests and development) tries again at once.
        else:
            log.status = EmailStatus.SENT
            log.sent_at = timezone.now()
        log.save(update_fields=["attempts", "error", "status", "sent_at"])
    return str(log.status)
