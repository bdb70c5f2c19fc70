"""`peerplan load FILE [--organisation NAME] [--commit]`: store a peerplan.plan/1 document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerplan.plans.loading import LoadError, plan_load
from peerplan.plans.planformat import PlanFormatError, parse_json

MAX_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Store a plan written in the open format peerplan.plan/1 (see docs/plan-format.md) as a new review. "
        "Without --commit this is a dry run: it checks the file and reports what it would create, storing "
        "nothing. With --commit the last line printed is the new review's identifier."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the JSON document, or - for standard input.")
        parser.add_argument(
            "--organisation",
            metavar="NAME",
            help="The council the plan belongs to (an existing organisation's name or slug). "
            "Defaults to the document's 'organisation'; a council not yet known is created.",
        )
        parser.add_argument("--commit", action="store_true", help="Store the plan (default: dry run).")

    def handle(self, *args: Any, **options: Any) -> None:
        data = _read(options["file"])
        try:
            document = parse_json(data)
        except PlanFormatError as exc:
            raise CommandError(
                f"{options['file']} is not a valid peerplan.plan/1 document:\n  " + "\n  ".join(exc.problems)
            ) from None
        try:
            report = plan_load(document=document, organisation_name=options["organisation"], commit=options["commit"])
        except LoadError as exc:
            raise CommandError(str(exc)) from None
        for line in report.command_lines():
            self.stdout.write(line)


def _read(path: str) -> bytes:
    if path == "-":
        import sys

        return sys.stdin.buffer.read(MAX_BYTES + 1)
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file.")
    if file.stat().st_size > MAX_BYTES:
        raise CommandError(f"{path}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    return file.read_bytes()
