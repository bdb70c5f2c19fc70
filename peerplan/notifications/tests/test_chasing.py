"""The chasing schedule over a simulated quarter with fixed dates: exactly which reminders, digests and
escalations go to whom, nothing twice, nothing on weekends or bank holidays."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation
from peerplan.notifications.chasing import chase_run, is_working_day, window
from peerplan.notifications.models import ChaseMark, ChaseRun, ChaseSettings, EmailKind, EmailLog
from peerplan.plans.enums import ActionStatus
from peerplan.plans.services import revision_request
from peerplan.progress.models import ReportingPeriod
from peerplan.progress.services import action_update_post, reporting_period_create, reporting_period_open
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db

LEE, SAM, DANA, PAT = (
    "lee@brackenridge.example",
    "sam@brackenridge.example",
    "dana@brackenridge.example",
    "pat@brackenridge.example",
)


@pytest.fixture
def quarter() -> tuple[Organisation, ReportingPeriod]:
    """Q3 2025/26, updates asked for on Monday 5 January 2026 and due on Friday 23 January.

    Lee (line manager Dana) leads 1a (due 31 December 2025) and 1c (due Saturday 31 January 2026); Sam leads
    1b (due March 2027). Pat is the plan manager.
    """
    org = f.council()
    pat = f.person(org, Role.PLAN_MANAGER, PAT, "Pat Manager")
    dana = f.person(org, Role.LEAD_OFFICER, DANA, "Dana Director")
    lee = f.person(org, Role.LEAD_OFFICER, LEE, "Lee Ward")
    lee.line_manager = dana
    lee.save()
    sam = f.person(org, Role.LEAD_OFFICER, SAM, "Sam Shah")
    review = f.review(org)
    rec = f.recommendation(review)
    f.action(rec, "Refresh the scheme of delegation", lead=lee, timescale="December 2025")
    f.action(rec, "Train every councillor", lead=sam, timescale="March 2027")
    f.action(rec, "Publish the forward plan", lead=lee, timescale="January 2026")
    period = reporting_period_create(
        review=review, actor=None, name="Q3 2025/26", start=date(2025, 10, 1), end=date(2025, 12, 31)
    )
    reporting_period_open(period=period, actor=pat, on=date(2026, 1, 5), updates_due=date(2026, 1, 23))
    return org, period


def run_quarter(
    first: date, last: date, events: Mapping[date, Callable[[], object]]
) -> dict[date, list[tuple[str, str, list[str]]]]:
    """Run `chase --commit` each day; returns day → [(to, kind, [item texts])] of what was queued."""
    sent: dict[date, list[tuple[str, str, list[str]]]] = {}
    day = first
    while day <= last:
        if day in events:
            events[day]()
        result = chase_run(on=day, commit=True)
        emails = [(d.to, d.kind.value, [i.text for i in d.items]) for digests in result.values() for d in digests]
        if emails:
            sent[day] = sorted(emails)
        # A second run on the same day sends nothing.
        assert all(not digests for digests in chase_run(on=day, commit=True).values()), day
        day += timedelta(days=1)
    return sent


def test_a_simulated_quarter_sends_exactly_these_emails(quarter: tuple[Organisation, ReportingPeriod]) -> None:
    _, period = quarter
    lee_a, sam_b, lee_c = period.review.actions.in_plan_order()
    assert sam_b.lead_officer is not None and lee_a.lead_officer is not None, "the quarter's actions have leads"
    sam = sam_b.lead_officer.user
    lee = lee_a.lead_officer.user
    events = {
        date(2026, 1, 12): lambda: action_update_post(
            action=sam_b,
            author=sam,
            on=date(2026, 1, 12),
            status=ActionStatus.IN_PROGRESS,
            commentary="Started",
            period=period,
        ),
        date(2026, 2, 3): lambda: revision_request(
            action=lee_a, actor=lee, new_due=date(2026, 6, 30), reason="Waiting for a decision", on=date(2026, 2, 3)
        ),
    }
    sent = run_quarter(date(2025, 12, 29), date(2026, 2, 14), events)
    a, b, c = lee_a.ref, sam_b.ref, lee_c.ref
    assert sent == {
        # 1a's due date passed on New Year's Day, a bank holiday: Lee and Pat hear the next working day.
        date(2026, 1, 2): [
            (LEE, "reminder", [f"{a} passed its due date, Wednesday 31 December, without being completed"]),
            (PAT, "manager-digest", [f"{a} passed its due date, Wednesday 31 December, without being completed"]),
        ],
        # 14 days before updates are due: one digest each, listing every action still waiting.
        date(2026, 1, 9): [
            (
                LEE,
                "reminder",
                [
                    f"{a} update for Q3 2025/26 is due in 14 days, on Friday 23 January",
                    f"{c} update for Q3 2025/26 is due in 14 days, on Friday 23 January",
                ],
            ),
            (SAM, "reminder", [f"{b} update for Q3 2025/26 is due in 14 days, on Friday 23 January"]),
        ],
        # Sam's update: Pat is told; Sam is not chased again.
        date(2026, 1, 12): [(PAT, "manager-digest", [f"Sam Shah posted an update on {b}: In progress"])],
        date(2026, 1, 20): [
            (
                LEE,
                "reminder",
                [
                    f"{a} update for Q3 2025/26 is due in 3 days, on Friday 23 January",
                    f"{c} update for Q3 2025/26 is due in 3 days, on Friday 23 January",
                ],
            ),
        ],
        date(2026, 1, 23): [
            (LEE, "reminder", [f"{a} update for Q3 2025/26 is due today", f"{c} update for Q3 2025/26 is due today"]),
        ],
        date(2026, 1, 30): [
            (
                LEE,
                "reminder",
                [
                    f"{a} update for Q3 2025/26 is 7 days late (it was due on Friday 23 January)",
                    f"{c} update for Q3 2025/26 is 7 days late (it was due on Friday 23 January)",
                ],
            ),
        ],
        # 1c was due on a Saturday: the day after is a Sunday, so Monday.
        date(2026, 2, 2): [
            (LEE, "reminder", [f"{c} passed its due date, Saturday 31 January, without being completed"]),
            (PAT, "manager-digest", [f"{c} passed its due date, Saturday 31 January, without being completed"]),
        ],
        date(2026, 2, 3): [
            (PAT, "manager-digest", [f"Lee Ward asked for a revised date for {a}: Tuesday 30 June"]),
        ],
        # 14 days late: Lee is reminded; their line manager and the plan manager are told (escalation).
        date(2026, 2, 6): [
            (
                DANA,
                "escalation",
                [
                    f"Lee Ward has not updated {a} for Q3 2025/26: 14 days late",
                    f"Lee Ward has not updated {c} for Q3 2025/26: 14 days late",
                ],
            ),
            (
                LEE,
                "reminder",
                [
                    f"{a} update for Q3 2025/26 is 14 days late (it was due on Friday 23 January)",
                    f"{c} update for Q3 2025/26 is 14 days late (it was due on Friday 23 January)",
                ],
            ),
            (
                PAT,
                "escalation",
                [
                    f"Lee Ward has not updated {a} for Q3 2025/26: 14 days late",
                    f"Lee Ward has not updated {c} for Q3 2025/26: 14 days late",
                ],
            ),
        ],
        date(2026, 2, 13): [
            (
                LEE,
                "reminder",
                [
                    f"{a} update for Q3 2025/26 is 21 days late (it was due on Friday 23 January)",
                    f"{c} update for Q3 2025/26 is 21 days late (it was due on Friday 23 January)",
                ],
            ),
        ],
    }
    # Every email is logged with the actions it was about, and went through the (locmem) mail server.
    assert EmailLog.objects.count() == len(mail.outbox) == sum(len(v) for v in sent.values())
    escalation = EmailLog.objects.get(to=DANA)
    assert escalation.kind == EmailKind.ESCALATION
    assert set(escalation.actions.all()) == {lee_a, lee_c}
    assert escalation.period == period
    lee_digest = next(m for m in mail.outbox if m.to == [LEE] and "14 days late" in str(m.body))
    assert f"/actions/{lee_a.pk}/update/" in str(lee_digest.body)
    assert ChaseRun.objects.count() == 2 * 48


def test_a_dry_run_prints_what_would_go_and_sends_nothing(
    quarter: tuple[Organisation, ReportingPeriod], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("chase", "--date", "2026-01-09")
    out = capsys.readouterr().out
    assert "Lee Ward <lee@brackenridge.example>, reminder" in out
    assert "Would send (dry run; add --commit to send): 2 emails for 2026-01-09." in out
    assert not EmailLog.objects.exists()
    assert not ChaseMark.objects.exists()
    assert not ChaseRun.objects.exists()
    call_command("chase", "--date", "2026-01-09", "--commit")
    assert "Queued: 2 emails" in capsys.readouterr().out
    assert len(mail.outbox) == 2


def test_nothing_goes_at_the_weekend_and_a_bad_date_is_refused(
    quarter: tuple[Organisation, ReportingPeriod], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("chase", "--date", "2026-01-10", "--commit")
    assert "weekend or a bank holiday" in capsys.readouterr().out
    assert mail.outbox == []
    with pytest.raises(Exception, match="is not a date: write it as YYYY-MM-DD"):
        call_command("chase", "--date", "9/1/2026")


def test_a_council_can_change_or_switch_off_its_rules(quarter: tuple[Organisation, ReportingPeriod]) -> None:
    org, _ = quarter
    rules = ChaseSettings.objects.create(organisation=org, days_before="10", on_deadline=False, overdue_actions=False)
    assert not any(chase_run(on=date(2026, 1, 9), commit=False).values())
    assert [d.to for d in chase_run(on=date(2026, 1, 13), commit=False)[org]] == [LEE, SAM]
    rules.enabled = False
    rules.save()
    assert not any(chase_run(on=date(2026, 1, 13), commit=False).values())


def test_quiet_days_are_weekends_and_bank_holidays_in_england_and_wales() -> None:
    assert not is_working_day(date(2025, 12, 25))
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday (England and Wales)
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer bank holiday, not England's
    assert window(date(2026, 1, 5)) == [date(2026, 1, 3), date(2026, 1, 4), date(2026, 1, 5)]
    assert window(date(2026, 1, 4)) == []


def test_a_deactivated_person_is_not_chased_at_any_address(quarter: tuple[Organisation, ReportingPeriod]) -> None:
    org, period = quarter
    lee_action = period.review.actions.in_plan_order().first()
    assert lee_action is not None and lee_action.lead_officer is not None
    lee_owner = lee_action.lead_officer
    lee_owner.email = "housing-team@brackenridge.example"  # a shared mailbox on the owner record
    lee_owner.save()
    assert lee_owner.user is not None
    lee_owner.user.is_active = False
    lee_owner.user.save()
    assert [d.to for d in chase_run(on=date(2026, 1, 9), commit=False)[org]] == [SAM]


def test_someone_reminded_by_hand_today_is_not_reminded_again_by_the_schedule(
    quarter: tuple[Organisation, ReportingPeriod],
) -> None:
    from django.utils import timezone

    from peerplan.progress.tasks import email_update_requests

    org, period = quarter
    today = timezone.localdate()
    email_update_requests.enqueue(period.pk, "http://127.0.0.1:8000/my-actions/", True)  # "Send reminders"
    assert sorted(m.to[0] for m in mail.outbox) == [LEE, SAM]
    period.updates_due = today + timedelta(days=14)
    period.opened_on = today - timedelta(days=1)
    period.save()
    working = today if is_working_day(today) else None
    if working is None:  # the rule is about the same day: pick the next working day and backdate the emails
        working = next(today + timedelta(days=n) for n in range(1, 10) if is_working_day(today + timedelta(days=n)))
        EmailLog.objects.update(created_at=timezone.now() + timedelta(days=(working - today).days))
        period.updates_due = working + timedelta(days=14)
        period.save()
    assert not chase_run(on=working, commit=False)[org]


def test_days_the_schedule_missed_are_caught_up_on_the_next_run(quarter: tuple[Organisation, ReportingPeriod]) -> None:
    org, _ = quarter
    chase_run(on=date(2026, 1, 8), commit=True)
    # Not run on Friday 9 January (the server was down): Monday 12 sends the 14-days-before reminders, late.
    sent = chase_run(on=date(2026, 1, 12), commit=True)[org]
    assert [(d.to, [i.text[-39:] for i in d.items]) for d in sent] == [
        (LEE, ["is due in 14 days, on Friday 23 January"] * 2),
        (SAM, ["is due in 14 days, on Friday 23 January"]),
    ]
    assert window(date(2026, 1, 12), last_run=date(2026, 1, 8)) == [date(2026, 1, d) for d in (9, 10, 11, 12)]
    assert window(date(2026, 1, 12), last_run=date(2026, 1, 9)) == [date(2026, 1, d) for d in (10, 11, 12)]


def test_a_person_who_never_set_a_password_is_told_how_to_in_the_digest(
    quarter: tuple[Organisation, ReportingPeriod],
) -> None:
    from peerplan.accounts.models import User

    sam = User.objects.get(email=SAM)
    sam.set_unusable_password()
    sam.save()
    chase_run(on=date(2026, 1, 9), commit=True)
    sam_mail = next(m for m in mail.outbox if m.to == [SAM])
    lee_mail = next(m for m in mail.outbox if m.to == [LEE])
    assert "You have not set your peerplan password yet" in str(sam_mail.body)
    assert "http://127.0.0.1:8000/account/password-reset/" in str(sam_mail.body)
    assert "You have not set your peerplan password yet" not in str(lee_mail.body)
