"""Produce committee reports: preview one without storing it, or issue it (snapshot, files, audit entry).

Views, the API and the `report` command call these; renderers stay pure and never see the database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from peerplan.accounts.models import Committee, Organisation, User
from peerplan.accounts.permissions import can_produce_reports, require
from peerplan.audit.services import audit_record
from peerplan.plans.models import Review
from peerplan.progress.models import ReportingPeriod

from .compose import ReportInput, default_subject
from .cover import Cover, cover_apply, cover_from_defaults
from .enums import ReportKind, ReportState
from .layouts import UnknownLayoutError, layout_get
from .models import Report, ReportDefaults, ReportFile
from .renderers import UnknownFormatError, renderer_get
from .snapshot import snapshot_from_dict, snapshot_take, snapshot_to_dict


@dataclass(frozen=True)
class RenderedFile:
    format: str
    filename: str
    content_type: str
    content: bytes


def report_defaults_get(organisation: Organisation) -> ReportDefaults | None:
    return ReportDefaults.objects.filter(organisation=organisation).first()


def report_cover_build(
    *, review: Review, committee: Committee | None, meeting_date: date | None, cover: dict[str, Any]
) -> Cover:
    """The council's defaults, then the committee and meeting date, then what the author wrote."""
    built = cover_from_defaults(report_defaults_get(review.organisation))
    built = replace(built, meeting=committee.name if committee else "", meeting_date=meeting_date)
    try:
        return cover_apply(built, cover)
    except ValueError as error:
        raise ValidationError({"cover": str(error)}) from error


def report_previous(*, review: Review, as_of: date) -> Report | None:
    """The last report issued on the plan before `as_of`: 'changes since the last report' compare with it."""
    return Report.objects.for_review(review).filter(as_of__lt=as_of).first()


def _check(*, review: Review, kind: str, layout: str, formats: list[str], committee: Committee | None) -> None:
    errors: dict[str, str] = {}
    if kind not in ReportKind.values:
        errors["kind"] = f"Unknown kind {kind!r}. Choose one of: {', '.join(ReportKind.values)}."
    try:
        layout_get(layout)
    except UnknownLayoutError as error:
        errors["layout"] = str(error)
    for format_ in formats:
        try:
            renderer_get(format_)
        except UnknownFormatError as error:
            errors["formats"] = str(error)
    if committee is not None and committee.organisation_id != review.organisation_id:
        errors["committee"] = "That committee belongs to another council."
    if errors:
        raise ValidationError(errors)


def report_input_build(
    *,
    review: Review,
    as_of: date,
    kind: str,
    layout: str,
    committee: Committee | None = None,
    meeting_date: date | None = None,
    cover: dict[str, Any] | None = None,
) -> ReportInput:
    """Freeze the plan as at `as_of` and gather what a renderer needs. Reads only."""
    _check(review=review, kind=kind, layout=layout, formats=[], committee=committee)
    previous = report_previous(review=review, as_of=as_of)
    return ReportInput(
        snapshot=snapshot_take(review, as_of=as_of),
        cover=report_cover_build(review=review, committee=committee, meeting_date=meeting_date, cover=cover or {}),
        kind=kind,
        layout=layout,
        previous=snapshot_from_dict(previous.snapshot) if previous else None,
    )


def report_filename(report: ReportInput, format_: str) -> str:
    snapshot = report.snapshot
    stem = "-".join(
        part for part in (slugify(snapshot.organisation)[:40], slugify(snapshot.review_title)[:50], report.kind) if part
    )
    return f"{stem}-{snapshot.as_of.isoformat()}.{renderer_get(format_).extension}"


def report_render(report: ReportInput, format_: str) -> RenderedFile:
    renderer = renderer_get(format_)
    return RenderedFile(format_, report_filename(report, format_), renderer.content_type, renderer.render(report))


def report_input_of(report: Report) -> ReportInput:
    """What an issued report was rendered from, read back from its stored snapshot and cover."""
    previous = report.previous.snapshot if report.previous else None
    return ReportInput(
        snapshot=snapshot_from_dict(report.snapshot),
        cover=Cover.from_dict(report.cover),
        kind=report.kind,
        layout=report.layout,
        previous=snapshot_from_dict(previous) if previous else None,
    )


def report_issue(
    *,
    review: Review,
    actor: User | None,
    as_of: date,
    kind: str,
    layout: str,
    committee: Committee | None,
    meeting_date: date | None,
    cover: dict[str, Any],
    formats: list[str],
    period: ReportingPeriod | None = None,
    background: bool = True,
) -> Report:
    """Freeze the plan and store the report; its files are then made once each, so it downloads as issued.

    The files are rendered by the background worker (`background`, as the web app does: never in a request),
    or here and now (the command line, which is itself a background job). `actor` None means the system;
    anyone else must be allowed to produce reports.
    """
    if actor is not None:
        require(can_produce_reports(actor, review))
    if not formats:
        raise ValidationError({"formats": "Choose at least one format."})
    _check(review=review, kind=kind, layout=layout, formats=formats, committee=committee)
    if period is not None and period.review_id != review.pk:
        raise ValidationError({"period": "That reporting period belongs to another review."})
    if period is None:
        period = review.reporting_periods.filter(end=as_of).first()

    with transaction.atomic():
        previous = report_previous(review=review, as_of=as_of)
        built = report_input_build(
            review=review,
            as_of=as_of,
            kind=kind,
            layout=layout,
            committee=committee,
            meeting_date=meeting_date,
            cover=cover,
        )
        report = Report(
            review=review,
            kind=kind,
            as_of=as_of,
            period=period,
            committee=committee,
            meeting_date=meeting_date,
            layout=layout,
            title=(built.cover.subject or default_subject(built))[:300],
            cover=built.cover.to_dict(),
            snapshot=snapshot_to_dict(built.snapshot),
            previous=previous,
            created_by=actor,
            state=ReportState.RENDERING,
            formats=list(dict.fromkeys(formats)),
        )
        report.full_clean()
        report.save()
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="issued",
            target=report,
            changes={
                "kind": kind,
                "as_of": as_of,
                "layout": layout,
                "formats": list(dict.fromkeys(formats)),
                "committee": committee.name if committee else None,
            },
            review_id=review.pk,
        )
        if background:
            from .tasks import report_files_task

            # Enqueued in the same transaction: the worker sees the task only once the report is stored.
            report_files_task.enqueue(report.pk)
    if not background:
        report = report_files_render(report_id=report.pk)
    return report


def report_files_render(*, report_id: int) -> Report:
    """Make each format the report asked for, from its stored snapshot and cover, and store them.

    All or nothing: if one format fails, the files made so far are removed and the report says why.
    Safe to run twice (a retried task): a report whose files are made is left alone.
    """
    report = Report.objects.select_related("review__organisation", "committee", "previous").get(pk=report_id)
    if report.state != ReportState.RENDERING:
        return report
    try:
        built = report_input_of(report)
        for format_ in report.formats:
            if report.files.filter(format=format_).exists():
                continue
            rendered = report_render(built, format_)
            ReportFile.objects.create(
                report=report,
                format=format_,
                filename=rendered.filename,
                content_type=rendered.content_type,
                content=rendered.content,
                size=len(rendered.content),
                sha256=hashlib.sha256(rendered.content).hexdigest(),
            )
    except Exception as error:
        report.files.all().delete()
        report.state, report.error = ReportState.FAILED, f"The files could not be made: {error}"
        report.save(update_fields=["state", "error"])
        return report
    report.state = ReportState.ISSUED
    report.save(update_fields=["state"])
    return report


def report_files_ready(report: Report) -> tuple[int, int]:
    """(files made, files asked for): the progress shown while the worker makes them."""
    return report.files.count(), len(report.formats)
