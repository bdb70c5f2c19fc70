"""Reads for the public pages: published reviews and their position as at the last issued committee report.

Nothing here reads the live plan's progress: every figure comes from an issued report's stored snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from peerplan.accounts.models import Organisation
from peerplan.plans.models import Review
from peerplan.reports.changes import Changes, changes_between
from peerplan.reports.models import Report, ReportFile
from peerplan.reports.snapshot import Snapshot, snapshot_from_dict

from .models import Publication


def published_reviews() -> QuerySet[Review]:
    """Every published review, grouped by council then newest visit first."""
    return (
        Review.objects.filter(publication__isnull=False)
        .select_related("organisation", "publication")
        .order_by("organisation__name", "-visit_end", "pk")
    )


def published_review(*, council: str, review_id: int) -> Review | None:
    """The review if it is published under that council's address, else None (the page is then a 404)."""
    return (
        Review.objects.filter(pk=review_id, organisation__slug=council, publication__isnull=False)
        .select_related("organisation", "publication")
        .first()
    )


def issued_reports(review: Review) -> list[Report]:
    """The review's issued committee reports, newest first, with their files' names and sizes (not their bytes)."""
    files = ReportFile.objects.only("id", "report_id", "format", "filename", "size", "content_type")
    return list(
        Report.objects.for_review(review)
        .select_related("committee")
        .prefetch_related(Prefetch("files", queryset=files.order_by("format")))
        .defer("snapshot", "cover")
    )


def issued_report(review: Review, report_id: int) -> Report | None:
    return Report.objects.filter(review=review, pk=report_id).select_related("previous", "committee").first()


def latest_report(review: Review) -> Report | None:
    return Report.objects.for_review(review).select_related("previous", "committee").first()


def last_changed(review: Review) -> datetime:
    """When the public page last changed: published, what it offers changed, or a report issued since."""
    publication: Publication = review.publication
    newest = Report.objects.filter(review=review).order_by("-created_at").values_list("created_at", flat=True).first()
    moments = [publication.published_at, publication.changed_at, newest]
    return max(moment for moment in moments if moment is not None)


@dataclass(frozen=True)
class Position:
    """The plan as the public sees it: the last issued report's snapshot and what changed since the one before."""

    report: Report
    snapshot: Snapshot
    changes: Changes


def position_of(report: Report) -> Position:
    snapshot = snapshot_from_dict(report.snapshot)
    previous = snapshot_from_dict(report.previous.snapshot) if report.previous else None
    return Position(report=report, snapshot=snapshot, changes=changes_between(previous, snapshot))


def councils_with_published_reviews() -> list[tuple[Organisation, list[Review]]]:
    grouped: dict[int, tuple[Organisation, list[Review]]] = {}
    for review in published_reviews():
        grouped.setdefault(review.organisation_id, (review.organisation, []))[1].append(review)
    return list(grouped.values())


def position_figures(snapshot: Snapshot) -> list[tuple[str, int]]:
    """The headline figures members see first: how many actions, done, by rating, overdue."""
    actions = snapshot.actions
    figures = [("Actions in the plan", len(actions)), ("Complete or closed", sum(a.is_closed for a in actions))]
    for label in snapshot.rag_labels:
        if label.rating not in ("complete", "not-started"):
            figures.append((f"Rated {label.label.lower()}", sum(a.rag == label.rating for a in actions)))
    figures.append(("Overdue", sum(a.overdue for a in actions)))
    return figures
