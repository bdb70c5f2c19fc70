"""`peerplan timescale "Q3 2024/25" [--as-of 2024-06-30]`: show how a written timescale is understood."""

from __future__ import annotations

import contextlib
import json
import re
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerplan.plans.timescales import understand

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Command(BaseCommand):
    help = (
        "Show how peerplan understands a timescale written in an action plan: prints its kind "
        "(date, range, milestones, ongoing, complete, to-be-confirmed, relative, not-understood, empty), "
        "the start and due dates and any milestones, as JSON. A date without a day is due at the end of "
        "its month, a season or range at the end of its last month, a financial year such as 2024/25 on "
        "31 March. Nothing is stored. Rules and examples: docs/timescales.md. "
        'Example: peerplan timescale "Working Group – March 2024 Final strategy – October 2024"'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help='The timescale exactly as written, in quotes, e.g. "Spring 2024".')
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            help=(
                "The date the plan or report was written, which phrases such as 'the end of next year', "
                "'within 6 months' or a month without a year ('March') count from. Without it they have no dates."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = _as_of(options["as_of"])
        understood = understand(options["text"], as_of=as_of)
        self.stdout.write(json.dumps(understood.as_json(), indent=2))


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    with contextlib.suppress(ValueError):  # 2024-02-30 has the shape of a date but is not one
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    raise CommandError(f"--as-of {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31.")
