"""`peerplan parse FILE`: read an existing action plan file and print it as a peerplan.plan/1 document."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerplan.importers import MAX_FILE_BYTES, PlanImportError
from peerplan.importers.columns import FIELDS
from peerplan.importers.sandbox import parse_file_bounded as parse_file  # bounded in memory and time


def _mapping(values: list[str]) -> dict[str, str]:
    out = {}
    for value in values:
        heading, sep, field = value.rpartition("=")
        if not sep or not heading.strip() or not field.strip():
            raise CommandError(f"--mapping {value!r}: write it as 'Heading as in the file=field'.")
        out[heading.strip()] = field.strip()
    return out


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of {value!r}: write the date as YYYY-MM-DD, e.g. 2024-02-01.") from None


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # reads a file and prints; needs no database or URLs
    help = (
        "Read an existing action plan (CSV, Excel .xlsx, Word .docx, PDF, HTML, plain text or Markdown) "
        "and print it as a peerplan.plan/1 JSON document on standard output. Nothing is stored: check the "
        "output, then store it with `peerplan load`. Doubts (columns not recognised, timescales not "
        "understood, rows that may continue the one before) go to standard error. See docs/importing.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The plan file; its format is recognised from its content and name.")
        parser.add_argument(
            "--mapping",
            action="append",
            default=[],
            metavar="HEADING=FIELD",
            help="Read the column headed HEADING as FIELD, overriding the synonyms; repeat for more columns. "
            f"Fields: {', '.join(FIELDS)} ('ignore' drops the column).",
        )
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The date relative timescales ('the end of next year') count from, and the date given to "
            "progress commentary; default: the date the document gives near its top.",
        )
        parser.add_argument("--doubts", action="store_true", help="List each doubt (where, and what) on stderr.")
        parser.add_argument(
            "--columns",
            action="store_true",
            help="Print how each column was read (heading → field, and why) on stderr.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        mapping = _mapping(options["mapping"])
        as_of = _day(options["as_of"]) if options["as_of"] else None
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"{path.name}: the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB.")
        try:
            result = parse_file(path.read_bytes(), path.name, mapping=mapping or None, as_of=as_of)
        except PlanImportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(result.document.to_json(), ending="")
        if options["columns"]:
            for reading in result.readings:
                self.stderr.write(f"{reading.table}: column {reading.key!r} → {reading.field} ({reading.reason})")
        if options["doubts"]:
            for doubt in result.doubts:
                self.stderr.write(str(doubt))
        elif result.doubts:
            self.stderr.write(f"{len(result.doubts)} doubt(s); add --doubts to list them.")
