"""Reporting periods: the next quarter offered, asking lead officers for updates by email, reminders."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.plans.clock import Quarter, quarter_containing
from peerplan.plans.models import Action, ActionOwner, Owner, Recommendation, Review
from peerplan.progress.models import ProgressUpdate, ReportingPeriod
from peerplan.progress.views.periods import OpenPeriodForm, next_quarter


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2025, 4, 1), Quarter("Q1 2025/26", date(2025, 4, 1), date(2025, 6, 30))),
        (date(2025, 11, 3), Quarter("Q3 2025/26", date(2025, 10, 1), date(2025, 12, 31))),
        (date(2026, 2, 28), Quarter("Q4 2025/26", date(2026, 1, 1), date(2026, 3, 31))),
        (date(2099, 12, 31), Quarter("Q3 2099/00", date(2099, 10, 1), date(2099, 12, 31))),
    ],
)
def test_quarters_follow_the_uk_financial_year(day: date, quarter: Quarter) -> None:
    assert quarter_containing(day) == quarter


@pytest.fixture
def lead_officers(make_user: Callable[..., User], organisation: Organisation) -> dict[str, User]:
    return {
        "priya": make_user("priya@threerivers.example", full_name="Priya Shah", organisation=organisation),
        "tom": make_user("tom@threerivers.example", full_name="Tom Okafor", organisation=organisation),
    }


@pytest.fixture
def review(organisation: Organisation, lead_officers: dict[str, User]) -> Review:
    """Four actions: two led by Priya, one by Tom, one by a body nobody can email, and one complete."""
    review = Review.objects.create(organisation=organisation, title="Corporate Peer Challenge 2025")
    rec = Recommendation.objects.create(review=review, ref="1", text="Refresh the corporate plan.")
    priya = Owner.objects.create(organisation=organisation, name="Director of Place", user=lead_officers["priya"])
    tom = Owner.objects.create(organisation=organisation, name="Head of Finance", user=lead_officers["tom"])
    board = Owner.objects.create(organisation=organisation, name="Management Board", kind="body")
    rows = [
        ("1.1", "Draft the plan", priya, ""),
        ("1.2", "Consult residents", priya, ""),
        ("1.3", "Cost the plan", tom, ""),
        ("1.4", "Agree the plan", None, ""),
        ("1.5", "Publish the old plan", tom, "complete"),
    ]
    for i, (ref, text, lead, status) in enumerate(rows, start=1):
        made = Action.objects.create(
            review=review,
            recommendation=rec,
            ref=ref,
            text=text,
            sort_key=f"{i:04d}",
            lead_officer=lead,
            status=status,
            due_date=date(2026, 3, 31),
        )
        if lead is None:
            ActionOwner.objects.create(action=made, owner=board)
    return review


@pytest.fixture
def period(review: Review) -> ReportingPeriod:
    return ReportingPeriod.objects.create(
        review=review, name="Q3 2025/26", start=date(2025, 10, 1), end=date(2025, 12, 31)
    )


@pytest.fixture
def manager(client: Client, make_user: Callable[..., User], organisation: Organisation) -> Client:
    client.force_login(make_user("pm@threerivers.example", organisation=organisation, role=Role.PLAN_MANAGER))
    return client


def test_the_next_quarter_follows_the_latest_period(review: Review, period: ReportingPeriod) -> None:
    assert next_quarter(review, today=date(2025, 11, 1)).name == "Q4 2025/26"


def test_a_review_without_periods_is_offered_the_quarter_we_are_in(review: Review) -> None:
    assert next_quarter(review, today=date(2026, 5, 5)).name == "Q1 2026/27"


def test_the_add_page_is_filled_in_with_the_next_quarter(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    page = manager.get(reverse("plans:period-new", args=[review.pk])).content.decode()
    assert 'value="Q4 2025/26"' in page
    assert 'name="end_day" type="text" inputmode="numeric" value="31"' in page


def hint_dates(page: str) -> list[date]:
    """The example dates in a page's "For example, 14 1 2027" hints."""
    return [date(int(y), int(m), int(d)) for d, m, y in re.findall(r"For example, (\d{1,2}) (\d{1,2}) (\d{4})", page)]


def test_the_add_page_hints_are_the_suggested_quarter(manager: Client, review: Review, period: ReportingPeriod) -> None:
    page = manager.get(reverse("plans:period-new", args=[review.pk])).content.decode()
    assert "for example Q4 2025/26" in page
    assert hint_dates(page) == [date(2026, 1, 1), date(2026, 3, 31)]


def test_the_ask_for_updates_hint_is_a_real_date_after_today(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    page = manager.get(reverse("plans:period-open", args=[review.pk, period.pk])).content.decode()
    (example,) = hint_dates(page)
    assert example > timezone.localdate()


def test_the_open_form_takes_its_example_from_the_clock_passed_in() -> None:
    form = OpenPeriodForm(example=date(2031, 2, 14))
    assert form.fields["updates_due"].help_text == "For example, 14 2 2031"


def test_adding_a_period_saves_it(manager: Client, review: Review) -> None:
    response = manager.post(
        reverse("plans:period-new", args=[review.pk]),
        {
            "name": "H1 2026/27",
            "start_day": "1",
            "start_month": "4",
            "start_year": "2026",
            "end_day": "30",
            "end_month": "9",
            "end_year": "2026",
        },
    )
    assert response.status_code == 302
    assert ReportingPeriod.objects.get(review=review).name == "H1 2026/27"
    assert AuditEntry.objects.filter(verb="created", target_type="reportingperiod").exists()


def test_a_period_that_ends_before_it_starts_or_repeats_a_name_is_not_saved(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    response = manager.post(
        reverse("plans:period-new", args=[review.pk]),
        {
            "name": "q3 2025/26",
            "start_day": "1",
            "start_month": "4",
            "start_year": "2026",
            "end_day": "1",
            "end_month": "3",
            "end_year": "2026",
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The last day must be the same as or after the first day" in page
    assert "There is already a period called q3 2025/26" in page
    assert ReportingPeriod.objects.count() == 1


def open_period(client: Client, review: Review, period: ReportingPeriod, due: date) -> HttpResponse:
    response: HttpResponse = client.post(  # type: ignore[assignment]  # the test client's response is one
        reverse("plans:period-open", args=[review.pk, period.pk]),
        {"updates_due_day": str(due.day), "updates_due_month": str(due.month), "updates_due_year": str(due.year)},
    )
    return response


def test_the_open_page_says_who_will_be_asked_and_who_cannot_be_emailed(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    page = manager.get(reverse("plans:period-open", args=[review.pk, period.pk])).content.decode()
    assert "Priya Shah: 2 actions" in page
    assert "Tom Okafor: 1 action" in page
    assert "1 action has no lead officer who can be emailed" in page


def test_asking_for_updates_emails_each_lead_officer_once_with_their_open_actions(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    due = timezone.localdate() + timedelta(days=14)
    response = open_period(manager, review, period, due)
    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.opened_on, period.updates_due) == (timezone.localdate(), due)
    assert sorted(m.to[0] for m in mail.outbox) == ["priya@threerivers.example", "tom@threerivers.example"]
    priya = next(m for m in mail.outbox if m.to == ["priya@threerivers.example"])
    assert priya.subject == f"Corporate Peer Challenge 2025: your update for Q3 2025/26 is due by {due:%-d %B %Y}"
    assert "Dear Priya Shah," in priya.body
    assert "- 1.1 Draft the plan (due 31 March 2026)" in priya.body
    assert "- 1.2 Consult residents" in priya.body
    assert "Cost the plan" not in priya.body
    assert "http://testserver/" in priya.body
    first = review.actions.get(ref="1.1")
    assert f"Post the update: http://127.0.0.1:8000/actions/{first.pk}/update/" in priya.body  # straight to the form
    tom = next(m for m in mail.outbox if m.to == ["tom@threerivers.example"])
    assert "Publish the old plan" not in tom.body  # complete: nothing to update
    assert AuditEntry.objects.filter(verb="asked for updates").exists()


def test_updates_cannot_be_due_before_today(manager: Client, review: Review, period: ReportingPeriod) -> None:
    response = open_period(manager, review, period, timezone.localdate() - timedelta(days=1))
    assert "The date updates are due must be today or later" in response.content.decode()
    period.refresh_from_db()
    assert period.opened_on is None
    assert not mail.outbox


def test_reminders_go_only_to_lead_officers_who_have_not_updated(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    open_period(manager, review, period, timezone.localdate() + timedelta(days=14))
    for ref in ("1.1", "1.2"):
        ProgressUpdate.objects.create(
            action=Action.objects.get(ref=ref), period=period, date=timezone.localdate(), status="in-progress"
        )
    mail.outbox.clear()
    response = manager.post(reverse("plans:period-remind", args=[review.pk, period.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["tom@threerivers.example"]]
    reminder = mail.outbox[0]
    assert reminder.subject.startswith("Reminder: Corporate Peer Challenge 2025")
    assert "This is a reminder: we have not yet had your update on the progress of your action" in reminder.body
    assert "- 1.3 Cost the plan" in reminder.body
    assert AuditEntry.objects.filter(verb="sent reminders").exists()


def test_reminders_wait_until_updates_have_been_asked_for(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    response = manager.post(reverse("plans:period-remind", args=[review.pk, period.pk]), follow=True)
    assert "have not been asked for yet" in response.content.decode()
    assert not mail.outbox


def test_the_list_shows_how_many_actions_still_wait_for_an_update(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    open_period(manager, review, period, timezone.localdate() + timedelta(days=14))
    page = manager.get(reverse("plans:periods", args=[review.pk])).content.decode()
    assert "Actions still waiting for an update" in page
    assert "Send reminders" in page


@pytest.mark.parametrize("role", [Role.LEAD_OFFICER, Role.COUNCILLOR, Role.GUEST])
def test_only_plan_managers_open_periods(
    client: Client, make_user: Callable[..., User], period: ReportingPeriod, role: Role
) -> None:
    review = period.review
    client.force_login(make_user("someone@threerivers.example", organisation=review.organisation, role=role))
    assert client.get(reverse("plans:periods", args=[review.pk])).status_code == 403
    assert open_period(client, review, period, timezone.localdate()).status_code == 403
    assert client.post(reverse("plans:period-remind", args=[review.pk, period.pk])).status_code == 403
    assert not mail.outbox


def test_the_periods_page_counts_the_emails_and_links_to_them(
    manager: Client, review: Review, period: ReportingPeriod
) -> None:
    open_period(manager, review, period, timezone.localdate() + timedelta(days=14))
    page = manager.get(reverse("plans:periods", args=[review.pk])).content.decode()
    assert "2 emails" in page
    log_url = reverse("notifications:log", args=[review.organisation.slug]) + f"?period={period.pk}"
    assert log_url in page
    log = manager.get(log_url).content.decode()
    assert log.count("Request for updates to") == 2
