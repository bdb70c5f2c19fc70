"""`peerplan import FILE [--organisation NAME] [--commit]`: read an action plan file and store it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerplan.importers.errors import PlanImportError
from peerplan.importers.sandbox import parse_file_bounded as parse_file  # bounded in memory and time
from peerplan.plans.loading import LoadError, plan_load


class Command(BaseCommand):
    help = (
        "Read an existing action plan (CSV, Excel, Word, PDF, text, Markdown or HTML) and store it as a new "
        "review. Without --commit this is a dry run: it shows what was found, every doubt to check, and what "
        "would be created, storing nothing. With --commit the last line printed is the new review's identifier. "
        "To see the parsed plan as JSON without a database, use `peerplan parse`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The plan file.")
        parser.add_argument(
            "--organisation",
            metavar="NAME",
            help="The council the plan belongs to (name or slug; created if new). Required when the file names none.",
        )
        parser.add_argument(
            "--mapping",
            action="append",
            default=[],
            metavar="HEADING=FIELD",
            help="Read the column headed HEADING as FIELD (e.g. 'Lead=owners'); repeat for several columns.",
        )
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="The date relative timescales count from.")
        parser.add_argument("--commit", action="store_true", help="Store the plan (default: dry run).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        mapping = {}
        for item in options["mapping"]:
            heading, sep, field = item.partition("=")
            if not sep or not heading.strip() or not field.strip():
                raise CommandError(f"--mapping {item!r}: write it as HEADING=FIELD, e.g. 'Lead officer=owners'.")
            mapping[heading.strip()] = field.strip()
        as_of = None
        if options["as_of"]:
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(f"--as-of {options['as_of']!r}: write the date as YYYY-MM-DD.") from None
        try:
            result = parse_file(path.read_bytes(), path.name, mapping=mapping or None, as_of=as_of)
        except PlanImportError as exc:
            raise CommandError(str(exc)) from None
        for heading, field in result.columns.items():
            self.stdout.write(f"Column {heading!r} read as {field}.")
        for doubt in result.doubts:
            self.stdout.write(f"Check {doubt}")
        try:
            report = plan_load(
                document=result.document, organisation_name=options["organisation"], commit=options["commit"]
            )
        except LoadError as exc:
            raise CommandError(str(exc)) from None
        for line in report.command_lines():
            self.stdout.write(line)
