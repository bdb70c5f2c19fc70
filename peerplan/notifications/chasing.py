"""The chasing schedule: who gets which reminder, digest or escalation on a given day, then sending it.

Pure planning (chase_plan) is separate from sending (chase_send), so a dry run shows exactly what would go.
Each thing chased has a key; a key that has gone once (ChaseMark) never goes again, so two runs on the same
day send nothing twice. Weekends and bank holidays (England and Wales) are quiet; what fell due on a quiet
day goes on the next working day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

import holidays
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, DueDateRevision, RevisionState
from peerplan.progress.models import ProgressUpdate, ReportingPeriod
from peerplan.progress.tasks import action_contacts, recipients_for
from peerplan.shared.dates import weekday_date

from .mail import email_queue
from .models import ChaseMark, ChaseRun, ChaseSettings, EmailKind, EmailLog


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


CATCH_UP_DAYS = 14  # after the schedule missed days (a server down), what fell due is sent late, this far back


def window(on: date, *, last_run: date | None = None) -> list[date]:
    """The days whose reminders go on `on`: `on` and the quiet days just before it; none if `on` is quiet.

    `last_run`, the last working day the schedule ran before `on`: working days missed since are caught up.
    """
    if not is_working_day(on):
        return []
    days = [on]
    day = on - timedelta(days=1)
    while not is_working_day(day) and len(days) < 10:
        days.insert(0, day)
        day -= timedelta(days=1)
    if last_run is not None and last_run < days[0] - timedelta(days=1):
        first = max(last_run + timedelta(days=1), on - timedelta(days=CATCH_UP_DAYS))
        days = [first + timedelta(days=n) for n in range((on - first).days + 1)]
    return days


def last_working_run(before: date) -> date | None:
    """The last working day before `before` on which `peerplan chase --commit` ran."""
    for day in (
        ChaseRun.objects.filter(on__lt=before, on__gte=before - timedelta(days=CATCH_UP_DAYS))
        .order_by("-on")
        .values_list("on", flat=True)
    ):
        if is_working_day(day):
            return day
    return None


class Section:
    """Which part of a digest an item belongs to."""

    MINE = "Your actions"
    MANAGED = "Updates from people you manage that are long overdue"
    PLAN = "News about the plan"


@dataclass(frozen=True)
class Item:
    """One thing to tell one person: the key stops it going twice."""

    key: str
    section: str
    text: str
    action: Action | None = None
    period: ReportingPeriod | None = None
    escalation: bool = False


@dataclass
class Digest:
    """Everything one person is told on one day, in one email."""

    to: str
    name: str
    organisation: Organisation
    items: list[Item] = field(default_factory=list)

    @property
    def kind(self) -> EmailKind:
        if any(i.section == Section.MINE for i in self.items):
            return EmailKind.REMINDER
        if any(i.escalation for i in self.items):
            return EmailKind.ESCALATION
        return EmailKind.MANAGER_DIGEST

    def sections(self) -> list[tuple[str, list[Item]]]:
        order = [Section.MINE, Section.MANAGED, Section.PLAN]
        return [
            (s, [i for i in self.items if i.section == s]) for s in order if any(i.section == s for i in self.items)
        ]

    @property
    def reason(self) -> str:
        return "; ".join(dict.fromkeys(i.text for i in self.items))


def settings_for(organisation: Organisation) -> ChaseSettings:
    """The council's rules, or the defaults if it never changed them (nothing is written)."""
    return ChaseSettings.objects.filter(organisation=organisation).first() or ChaseSettings(organisation=organisation)


def _managers(organisation: Organisation) -> list[User]:
    """Plan managers are told; a council with none tells its administrators."""
    for role in (Role.PLAN_MANAGER, Role.ADMINISTRATOR):
        people = list(
            User.objects.filter(memberships__organisation=organisation, memberships__role=role, is_active=True)
        )
        if people:
            return people
    return []


def _period_items(period: ReportingPeriod, rules: ChaseSettings, days: list[date]) -> Iterator[tuple[str, str, Item]]:
    """(email, name, item) for each lead officer's missing update, and each escalation, due on `days`."""
    due = period.updates_due
    if due is None or period.opened_on is None:
        return
    # Asked or reminded by hand today ("Ask for updates", "Send reminders"): the schedule leaves them be today.
    asked_today = set(
        EmailLog.objects.filter(
            period=period, kind__in=[EmailKind.UPDATE_REQUEST, EmailKind.REMINDER], created_at__date=days[-1]
        ).values_list("to", flat=True)
    )
    for recipient in recipients_for(period):
        if recipient.email in asked_today:
            continue
        for action in recipient.actions:
            base = f"period:{period.pk}:action:{action.pk}"
            for day in days:
                if day < period.opened_on:
                    continue
                until = (due - day).days
                about = f"{action.ref} update for {period.name}"
                if until in rules.days_before_list:
                    text = f"{about} is due in {until} days, on {weekday_date(due)}"
                    yield (
                        recipient.email,
                        recipient.name,
                        Item(f"{base}:before:{until}", Section.MINE, text, action, period),
                    )
                elif until == 0 and rules.on_deadline:
                    text = f"{about} is due today"
                    yield recipient.email, recipient.name, Item(f"{base}:due", Section.MINE, text, action, period)
                elif until < 0 and -until % rules.every_days == 0:
                    text = f"{about} is {-until} days late (it was due on {weekday_date(due)})"
                    yield (
                        recipient.email,
                        recipient.name,
                        Item(f"{base}:late:{-until}", Section.MINE, text, action, period),
                    )
                if until < 0 and -until == rules.escalate_after_days:
                    yield from _escalation(period, action, recipient.email, recipient.name, -until)


def _escalation(
    period: ReportingPeriod, action: Action, email: str, name: str, late: int
) -> Iterator[tuple[str, str, Item]]:
    text = f"{name} has not updated {action.ref} for {period.name}: {late} days late"
    key = f"period:{period.pk}:action:{action.pk}:escalate:{email}"
    user = User.objects.filter(email=email, is_active=True).select_related("line_manager").first()
    told = []
    if user and user.line_manager and user.line_manager.is_active:
        told.append(user.line_manager)
    told += [m for m in _managers(period.review.organisation) if m not in told]
    for person in told:
        if person.email != email:
            yield person.email, person.full_name, Item(key, Section.MANAGED, text, action, period, escalation=True)


def _action_items(
    organisation: Organisation, rules: ChaseSettings, days: list[date]
) -> Iterator[tuple[str, str, Item]]:
    """An action whose due date passed without completion: its lead officer and the plan managers hear once."""
    if not rules.overdue_actions:
        return
    passed = (
        Action.objects.filter(review__organisation=organisation, review__closed_on__isnull=True)
        .exclude(status__in=ActionStatus.closed())
        .filter(due_date__gte=days[0] - timedelta(days=1), due_date__lt=days[-1])
        .select_related("lead_officer__user")
        .prefetch_related("owners__user")
    )
    managers = _managers(organisation)
    for action in passed:
        assert action.due_date is not None
        key = f"action:{action.pk}:overdue:{action.due_date}"
        text = f"{action.ref} passed its due date, {weekday_date(action.due_date)}, without being completed"
        for email, name in action_contacts(action):
            yield email, name, Item(key, Section.MINE, text, action)
        for manager in managers:
            yield manager.email, manager.full_name, Item(key, Section.PLAN, text, action)


def _news_items(organisation: Organisation, days: list[date]) -> Iterator[tuple[str, str, Item]]:
    """New updates and requests for a revised date, for the plan managers' digest."""
    managers = _managers(organisation)
    updates = ProgressUpdate.objects.filter(
        action__review__organisation=organisation, date__gte=days[0], date__lte=days[-1], corrects__isnull=True
    ).select_related("action", "author")
    revisions = DueDateRevision.objects.filter(
        action__review__organisation=organisation,
        state=RevisionState.REQUESTED,
        requested_on__gte=days[0],
        requested_on__lte=days[-1],
    ).select_related("action", "requested_by")
    for update in updates:
        who = update.author_display or "Someone"
        text = f"{who} posted an update on {update.action.ref}: {update.get_status_display()}"
        for manager in managers:
            yield manager.email, manager.full_name, Item(f"update:{update.pk}", Section.PLAN, text, update.action)
    for revision in revisions:
        asker = str(revision.requested_by or "Someone")
        text = f"{asker} asked for a revised date for {revision.action.ref}: {weekday_date(revision.new_due)}"
        for manager in managers:
            yield manager.email, manager.full_name, Item(f"revision:{revision.pk}", Section.PLAN, text, revision.action)


def chase_plan(*, organisation: Organisation, on: date, last_run: date | None = None) -> list[Digest]:
    """The digests `peerplan chase` would send for this council on `on`, leaving out what has gone before."""
    rules = settings_for(organisation)
    days = window(on, last_run=last_run)
    if not rules.enabled or not days:
        return []
    periods = ReportingPeriod.objects.filter(
        review__organisation=organisation,
        review__closed_on__isnull=True,
        opened_on__isnull=False,
        updates_due__isnull=False,
    ).select_related("review__organisation")
    found: list[tuple[str, str, Item]] = []
    for period in periods:
        found += _period_items(period, rules, days)
    found += _action_items(organisation, rules, days)
    found += _news_items(organisation, days)
    gone = set(ChaseMark.objects.filter(organisation=organisation).values_list("key", flat=True))
    digests: dict[str, Digest] = {}
    for email, name, item in found:
        # An escalation's key names the late officer, so each manager is told once about each of them.
        mark = _mark_key(email, item)
        if mark in gone:
            continue
        digest = digests.setdefault(email, Digest(to=email, name=name, organisation=organisation))
        if all(_mark_key(email, i) != mark for i in digest.items):
            digest.items.append(item)
    return sorted(digests.values(), key=lambda d: (d.name, d.to))


def _mark_key(email: str, item: Item) -> str:
    return f"{email}|{item.key}"[:200]


def chase_send(*, organisation: Organisation, on: date, digests: list[Digest]) -> list[EmailLog]:
    """Queue the digests (one email each) and mark every item as gone, in one transaction."""
    sent = []
    with transaction.atomic():
        for digest in digests:
            actions = list(dict.fromkeys(i.action for i in digest.items if i.action is not None))
            periods = {i.period for i in digest.items if i.period is not None}
            person = User.objects.filter(email=digest.to, is_active=True).first()
            context = {
                "digest": digest,
                "on": on,
                "my_actions": reverse("progress:my-actions"),
                "set_password": reverse("accounts:password-reset"),
                "no_password": person is not None and not person.has_usable_password(),
            }
            log = email_queue(
                to=digest.to,
                kind=digest.kind,
                reason=digest.reason,
                template="notifications/email/digest",
                context=context,
                organisation=organisation,
                recipient=person,
                period=periods.pop() if len(periods) == 1 else None,
                actions=actions,
            )
            ChaseMark.objects.bulk_create(
                [
                    ChaseMark(organisation=organisation, key=_mark_key(digest.to, i), on=on, email=log)
                    for i in digest.items
                ]
            )
            sent.append(log)
    return sent


def chase_run(*, on: date, commit: bool, organisations: Any = None) -> dict[Organisation, list[Digest]]:
    """Plan (and with commit, send) every council's chasing for `on`; a committed run is recorded."""
    result: dict[Organisation, list[Digest]] = {}
    total = 0
    last_run = last_working_run(on)
    for organisation in organisations if organisations is not None else Organisation.objects.all():
        digests = chase_plan(organisation=organisation, on=on, last_run=last_run)
        result[organisation] = digests
        if commit and digests:
            total += len(chase_send(organisation=organisation, on=on, digests=digests))
    if commit:
        ChaseRun.objects.create(on=on, ran_at=timezone.now(), emails=total)
    return result
