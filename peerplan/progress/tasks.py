"""Background tasks for reporting periods: email each lead officer the actions that need their update.

Run by the task worker (django-tasks); the test settings run them at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django_tasks import task

from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action

from .models import ProgressUpdate, ReportingPeriod


@dataclass
class Recipient:
    """One lead officer and the actions they are asked about."""

    email: str
    name: str
    actions: list[Action] = field(default_factory=list)


def actions_needing_update(period: ReportingPeriod) -> list[Action]:
    """Open actions of the period's review with no update for this period yet (nor since it was opened)."""
    this_period = Q(period=period)
    if period.opened_on:
        this_period |= Q(date__gte=period.opened_on)
    updated = ProgressUpdate.objects.filter(this_period, action__review_id=period.review_id)
    return list(
        Action.objects.filter(review_id=period.review_id)
        .exclude(status__in=ActionStatus.closed())
        .exclude(pk__in=updated.values("action_id"))
        .select_related("lead_officer__user", "recommendation")
        .prefetch_related("owners__user")
        .in_plan_order()
    )


def recipients_for(period: ReportingPeriod) -> list[Recipient]:
    """Who to ask: each action's lead officer, or its owners if it names none, when they can be emailed.

    An owner can be emailed when they are linked to a person who signs in, or have an email address.
    """
    by_email: dict[str, Recipient] = {}
    for action in actions_needing_update(period):
        for email, name in action_contacts(action):
            recipient = by_email.setdefault(email, Recipient(email=email, name=name))
            if action not in recipient.actions:
                recipient.actions.append(action)
    return sorted(by_email.values(), key=lambda r: r.name)


def action_contacts(action: Action) -> list[tuple[str, str]]:
    """(email, name) of whoever answers for the action: its lead officer, or its owners if it names none."""
    contacts = []
    for owner in [action.lead_officer] if action.lead_officer else list(action.owners.all()):
        if owner.user and not owner.user.is_active:
            continue  # a deactivated person is not emailed, at any address: chase their actions by hand
        email = (owner.user.email if owner.user else owner.email).strip().lower()
        if email:
            contacts.append((email, owner.user.full_name if owner.user else owner.name))
    return contacts


def unreachable_actions(period: ReportingPeriod) -> list[Action]:
    """Actions needing an update whose lead officer (or owners) cannot be emailed: chase them by hand."""
    reachable = {a.pk for r in recipients_for(period) for a in r.actions}
    return [a for a in actions_needing_update(period) if a.pk not in reachable]


@task()
def email_update_requests(period_id: int, link: str, reminder: bool = False) -> int:
    """Queue one email to each lead officer listing their actions that need an update; returns how many.

    Each goes through the email log (peerplan.notifications), so it is retried if the mail server fails.
    """
    from peerplan.accounts.models import User
    from peerplan.notifications.mail import email_queue
    from peerplan.notifications.models import EmailKind

    period = ReportingPeriod.objects.select_related("review__organisation").get(pk=period_id)
    review = period.review
    sent = 0
    with transaction.atomic():
        for recipient in recipients_for(period):
            context = {
                "recipient": recipient,
                "period": period,
                "review": review,
                "organisation": review.organisation,
                "link": link,
                "reminder": reminder,
            }
            email_queue(
                to=recipient.email,
                kind=EmailKind.REMINDER if reminder else EmailKind.UPDATE_REQUEST,
                reason=f"{'Reminded' if reminder else 'Asked'} for updates for {period.name} by the plan manager",
                template="progress/periods/email/update_request",
                context=context,
                organisation=review.organisation,
                recipient=User.objects.filter(email=recipient.email, is_active=True).first(),
                period=period,
                actions=recipient.actions,
            )
            sent += 1
    return sent
