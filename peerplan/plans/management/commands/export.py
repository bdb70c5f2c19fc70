"""`peerplan export REVIEW --format json`: print a stored review as a peerplan.plan/1 document."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerplan.plans.exporting import export_review
from peerplan.plans.models import Review


class Command(BaseCommand):
    help = (
        "Print a stored review and its whole plan (recommendations, actions, owners, revised dates, "
        "RAG and progress updates) as a peerplan.plan/1 JSON document (docs/plan-format.md). "
        "The document carries no database identity, so export → load → export gives the same JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("review", help="The review's identifier, as printed by `peerplan load --commit`.")
        parser.add_argument("--format", default="json", choices=["json"], help="Output format (json).")
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        review = _review(options["review"])
        text = export_review(review).to_json()
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text)
            self.stdout.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(text, ending="")


def _review(ident: str) -> Review:
    if not ident.isdigit():
        raise CommandError(f"{ident!r} is not a review identifier: give the number `peerplan load` printed.")
    review = Review.objects.filter(pk=int(ident)).first()
    if review is None:
        raise CommandError(f"There is no review {ident}.")
    return review
