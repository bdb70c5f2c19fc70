"""`peerplan chase [--date YYYY-MM-DD] [--commit]`: run the day's reminders, digests and escalations."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from peerplan.notifications.chasing import chase_run, is_working_day
from peerplan.shared.dates import weekday_date


class Command(BaseCommand):
    help = (
        "Chase lead officers for their updates, as each council's chasing settings say: reminders before and "
        "on the day updates are due, then every few days while they are late; escalation to the line manager "
        "and the plan manager; a note when an action passes its due date; the plan managers' digest of new "
        "updates and revised-date requests. One email per person per day; nothing is sent twice; quiet on "
        "weekends and bank holidays (England and Wales). A dry run (it prints who would get what) unless "
        "--commit. Run it once each morning (cron or a systemd timer, docs/deploy.md); the emails are sent "
        "by the worker (`peerplan db_worker`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="The day to run for (default: today).")
        parser.add_argument("--commit", action="store_true", help="Queue the emails (default: a dry run).")

    def handle(self, *args: Any, **options: Any) -> None:
        on = _day(options["date"]) if options["date"] else timezone.localdate()
        if not is_working_day(on):
            self.stdout.write(f"{weekday_date(on)} {on.year} is a weekend or a bank holiday: nothing is sent.")
        result = chase_run(on=on, commit=options["commit"])
        count = 0
        for organisation, digests in result.items():
            for digest in digests:
                count += 1
                self.stdout.write(f"{organisation.name}: {digest.name} <{digest.to}>, {digest.kind.label.lower()}")
                for item in digest.items:
                    self.stdout.write(f"  - {item.text}")
        verb = "Queued" if options["commit"] else "Would send (dry run; add --commit to send)"
        self.stdout.write(f"{verb}: {count} email{'' if count == 1 else 's'} for {on.isoformat()}.")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date {text!r} is not a date: write it as YYYY-MM-DD, for example 2026-01-14.") from None
