"""`peerplan report REVIEW_ID --format docx -o FILE`: render a committee report from the command line.

A dry run by default: the file is written, nothing is stored. With --commit the report is issued
(snapshot, files and an audit entry stored) exactly as the web app would issue it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from peerplan.shared.dates import long_date


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-09-30.") from None


COVER_MAX_BYTES = 1_000_000


def _cover(name: str) -> dict[str, Any]:
    """The cover texts in a JSON file: an object, at most 1 MB; anything else is refused with the reason."""
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"{name}: there is no such file.")
    if path.stat().st_size > COVER_MAX_BYTES:
        raise CommandError(f"{name}: the cover file is larger than 1 MB.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{name}: not a UTF-8 JSON file ({error}).") from None
    if not isinstance(data, dict):
        raise CommandError(f"{name}: the cover must be a JSON object of field names and texts.")
    return data


class Command(BaseCommand):
    help = (
        "Render a committee report for a review: a progress report, a progress review position statement or an "
        "exception report, as DOCX, PDF, HTML, XLSX or CSV. Writes the file only; add --commit to issue and "
        "store the report (it then downloads exactly as issued)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        from peerplan.reports.enums import ReportKind
        from peerplan.reports.layouts import DEFAULT_LAYOUT, layouts
        from peerplan.reports.renderers import renderers

        parser.add_argument("review_id", type=int, help="The review's id.")
        parser.add_argument("--format", required=True, help=f"One of: {', '.join(r.format for r in renderers())}.")
        parser.add_argument(
            "--kind", default=ReportKind.PROGRESS.value, help=f"One of: {', '.join(ReportKind.values)}."
        )
        parser.add_argument(
            "--layout",
            default=DEFAULT_LAYOUT,
            help=f"The appendix layout, one of: {', '.join(layout.name for layout in layouts())}.",
        )
        parser.add_argument("--as-of", help="Show the plan as it stood at the end of this day (default: today).")
        parser.add_argument("--committee", help="The committee's name, e.g. Cabinet (must exist for the council).")
        parser.add_argument("--meeting-date", help="The meeting's date, YYYY-MM-DD.")
        parser.add_argument(
            "--cover",
            metavar="FILE",
            help="A JSON file of cover texts over the council's defaults, e.g. "
            '{"purpose": "…", "impact": {"1": "…"}, "sections": ["purpose", "recommendations", …], '
            '"section_titles": {"recommendations": "Recommendation(s) to Cabinet"}, '
            '"implications": [{"title": "Financial implications", "text": "None."}, …]} '
            "(every field: docs/reports.md).",
        )
        parser.add_argument("-o", "--output", help="The file to write (default: a name made from the report).")
        parser.add_argument("--commit", action="store_true", help="Issue the report and store it (default: dry run).")

    def handle(self, *args: Any, **options: Any) -> None:
        from peerplan.accounts.models import Committee
        from peerplan.plans.models import Review
        from peerplan.reports.services import report_input_build, report_issue, report_render

        review = Review.objects.select_related("organisation").filter(pk=options["review_id"]).first()
        if review is None:
            raise CommandError(f"There is no review with id {options['review_id']}.")
        as_of = _date(options["as_of"]) if options["as_of"] else timezone.localdate()
        meeting_date = _date(options["meeting_date"]) if options["meeting_date"] else None
        committee = None
        if options["committee"]:
            committee = Committee.objects.filter(organisation=review.organisation, name=options["committee"]).first()
            if committee is None:
                raise CommandError(f"{review.organisation} has no committee called {options['committee']!r}.")
        format_, kind, layout = options["format"], options["kind"], options["layout"]
        cover = _cover(options["cover"]) if options["cover"] else {}

        try:
            if options["commit"]:
                report = report_issue(
                    review=review,
                    actor=None,
                    as_of=as_of,
                    kind=kind,
                    layout=layout,
                    committee=committee,
                    meeting_date=meeting_date,
                    cover=cover,
                    formats=[format_],
                    background=False,  # a command is already outside any web request
                )
                if report.state != "issued":
                    raise CommandError(report.error or "The report's file could not be made.")
                stored = report.files.get(format=format_)
                filename, content = stored.filename, bytes(stored.content)
            else:
                built = report_input_build(
                    review=review,
                    as_of=as_of,
                    kind=kind,
                    layout=layout,
                    committee=committee,
                    meeting_date=meeting_date,
                    cover=cover,
                )
                rendered = report_render(built, format_)
                filename, content = rendered.filename, rendered.content
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except LookupError as error:  # an unknown format or layout
            raise CommandError(str(error)) from None

        path = Path(options["output"] or filename)
        path.write_bytes(content)
        self.stdout.write(f"Wrote {path} ({len(content):,} bytes): {review} as at {long_date(as_of)}.")
        if options["commit"]:
            self.stdout.write(f"Issued and stored as report {report.pk}.")
        else:
            self.stdout.write("Dry run: nothing stored. Add --commit to issue the report.")
