"""The Email page and the reminder rules: who may see them, what they show, bad input."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.notifications.models import ChaseRun, ChaseSettings, EmailKind, EmailLog, EmailStatus
from peerplan.notifications.testing import SmtpServer
from peerplan.plans.enums import ActionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(organisation: Organisation) -> EmailLog:
    return EmailLog.objects.create(
        organisation=organisation,
        to="lee@wendlebury.example",
        kind="reminder",
        reason="Q3 update is due today",
        subject="Updates you owe",
        body="Hello, set your password at /account/invitation/secret-token/",
        status=EmailStatus.FAILED,
        attempts=3,
        error="Attempt 3: SMTPDataError: (554, b'5.7.1 Message refused by policy')",
    )


def test_plan_managers_see_failed_emails_and_when_the_schedule_ran(
    signed_in_client: Client, organisation: Organisation, failed: EmailLog
) -> None:
    ChaseRun.objects.create(on="2026-01-09", emails=4)
    page = signed_in_client.get(reverse("notifications:log", args=[organisation.slug])).content.decode()
    assert "1 email could not be sent" in page
    assert "Message refused by policy" in page
    assert "Send again" in page
    assert "Friday 9 January: 4 emails" in page
    assert "secret-token" not in page  # the body (it may hold a link) is never shown
    assert signed_in_client.get(reverse("notifications:index"))["Location"].endswith(f"/email/{organisation.slug}/")


def test_send_again_delivers_through_the_mail_server(
    signed_in_client: Client, organisation: Organisation, failed: EmailLog, smtp_server: SmtpServer
) -> None:
    response = signed_in_client.post(reverse("notifications:send-again", args=[organisation.slug, failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT
    assert [m["To"] for m in smtp_server.messages] == ["lee@wendlebury.example"]
    assert AuditEntry.objects.filter(verb="sent an email again").exists()


def test_lead_officers_and_other_councils_cannot_see_the_email_page(
    client: Client, make_user: Callable[..., User], organisation: Organisation, failed: EmailLog
) -> None:
    client.force_login(make_user("lee@wendlebury.example", organisation=organisation, role=Role.LEAD_OFFICER))
    assert client.get(reverse("notifications:log", args=[organisation.slug])).status_code == 403
    assert client.post(reverse("notifications:send-again", args=[organisation.slug, failed.pk])).status_code == 403
    assert client.get(reverse("notifications:index")).status_code == 403
    assert mail.outbox == []


def test_only_administrators_change_the_rules_and_bad_input_is_named(
    client: Client, signed_in_client: Client, make_user: Callable[..., User], organisation: Organisation
) -> None:
    url = reverse("notifications:chasing", args=[organisation.slug])
    assert signed_in_client.get(url).status_code == 403  # a plan manager
    client.force_login(make_user("admin@wendlebury.example", organisation=organisation, role=Role.ADMINISTRATOR))
    data = {"enabled": "on", "days_before": "14, three", "every_days": "0", "escalate_after_days": "10"}
    page = client.post(url, data).content.decode()
    assert "Enter whole numbers of days separated by commas, for example 14, 3" in page
    assert "Remind every 1 to 60 days while an update is late" in page
    assert "Ensure this value" not in page
    assert not ChaseSettings.objects.exists()
    empty = client.post(url, {"enabled": "on"}).content.decode()
    assert "Enter how many days before updates are due to remind, for example 14, 3" in empty
    assert "Enter how often to remind while an update is late, in days" in empty
    assert "Enter how many days late an update is before the line manager is told" in empty
    assert "Enter remind this" not in empty and "Enter tell the" not in empty
    response = client.post(url, {**data, "days_before": "10, 5, 1", "every_days": "5"})
    assert response.status_code == 302
    rules = ChaseSettings.objects.get()
    assert (rules.days_before_list, rules.every_days, rules.on_deadline) == ([10, 5, 1], 5, False)
    assert AuditEntry.objects.filter(verb="changed chasing rules").exists()


def test_the_plan_managers_home_page_shows_news_late_updates_and_failed_email(
    client: Client, make_user: Callable[..., User], organisation: Organisation, failed: EmailLog
) -> None:
    from datetime import date, timedelta

    from django.utils import timezone

    from peerplan.plans.services import revision_request
    from peerplan.progress.services import action_update_post, reporting_period_create, reporting_period_open
    from peerplan.testing import factories as f

    today = timezone.localdate()
    pat = make_user("pat@wendlebury.example", organisation=organisation, role=Role.PLAN_MANAGER)
    lee = make_user("lee@wendlebury.example", full_name="Lee Ward", organisation=organisation)
    review = f.review(organisation)
    rec = f.recommendation(review)
    first = f.action(rec, "Refresh the scheme of delegation", lead=lee)
    second = f.action(rec, "Train councillors", lead=lee)
    period = reporting_period_create(
        review=review,
        actor=None,
        name="Last quarter",
        start=today - timedelta(days=120),
        end=today - timedelta(days=30),
    )
    reporting_period_open(
        period=period, actor=pat, on=today - timedelta(days=25), updates_due=today - timedelta(days=10)
    )
    period.refresh_from_db()
    action_update_post(
        action=first, author=lee, on=today, status=ActionStatus.IN_PROGRESS, commentary="Moving", period=period
    )
    revision_request(action=second, actor=lee, new_due=date(today.year + 1, 6, 30), reason="Capacity", on=today)
    client.force_login(pat)
    page = client.get(reverse("progress:home")).content.decode()
    assert "For your attention" in page
    assert "1 email could not be sent" in page
    assert "Last quarter: 1 action without an update" in page
    assert f"{second.ref}</a>: Lee Ward asks for 30 June {today.year + 1}" in page
    assert f"{first.ref}</a>: Lee Ward" in page


def test_with_a_real_worker_the_page_counts_what_is_waiting(
    signed_in_client: Client, organisation: Organisation, settings: Settings
) -> None:
    from peerplan.notifications.mail import email_queue

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    email_queue(
        to="lee@wendlebury.example",
        kind=EmailKind.REMINDER,
        reason="Test",
        template="notifications/email/test",
        context={"name": "Lee"},
        organisation=organisation,
    )
    page = signed_in_client.get(reverse("notifications:log", args=[organisation.slug])).content.decode()
    assert "Tasks waiting for the background worker: 1" in page
    assert "Waiting to be sent" in page
    assert mail.outbox == []  # nothing is sent in the request: the worker sends it
