"""Writes to progress: post an update, open a reporting period. One transaction each, audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from peerplan.audit.services import audit_record
from peerplan.plans.errors import EditConflictError
from peerplan.plans.models import Action, Review

from .models import ProgressUpdate, ReportingPeriod


def action_update_post(
    *,
    action: Action,
    author: Any,
    on: date,
    status: str,
    commentary: str,
    public_summary: str = "",
    rag: str = "",
    rag_reason: str = "",
    percent_complete: int | None = None,
    evidence: Sequence[str] = (),
    period: ReportingPeriod | None = None,
    version: int | None = None,
    author_name: str = "",
    corrects: ProgressUpdate | None = None,
    audit: bool = True,
) -> ProgressUpdate:
    """Add an update to the action's history and carry its status, RAG and percentage onto the action.

    A change of RAG needs a reason. `version` is the action version the author saw: if someone
    changed the action since, nothing is saved and EditConflictError says so.
    """
    with transaction.atomic():
        rag_changed = bool(rag) and rag != action.rag
        if rag_changed and not rag_reason.strip():
            raise ValidationError({"rag_reason": "Say why the RAG rating changed."})
        if period is None:
            period = ReportingPeriod.objects.filter(review_id=action.review_id).current(at=on)
        is_person = getattr(author, "is_authenticated", False)
        update = ProgressUpdate(
            action=action,
            period=period,
            date=on,
            author=author if is_person else None,
            author_name=author_name or (str(author) if is_person else ""),
            status=status,
            rag=rag,
            rag_reason=rag_reason if rag_changed else "",
            percent_complete=percent_complete,
            commentary=commentary,
            public_summary=public_summary.strip(),
            evidence=[e for e in evidence if e.strip()],
            corrects=corrects,
        )
        update.full_clean()
        update.save()
        values: dict[str, Any] = {"status": status, "version": F("version") + 1}
        if percent_complete is not None:
            values["percent_complete"] = percent_complete
        if rag_changed:
            values.update(rag=rag, rag_reason=rag_reason, rag_set_by=update.author, rag_set_on=on)
        rows = Action.objects.filter(pk=action.pk)
        if version is not None:
            rows = rows.filter(version=version)
        if not rows.update(**values):
            raise EditConflictError("This action")
        if audit:
            audit_record(
                actor=author,
                organisation=action.review.organisation,
                verb="posted an update",
                target=action,
                changes={
                    "status": [action.status, status],
                    **({"rag": [action.rag, rag]} if rag_changed else {}),
                    **({"percent_complete": [action.percent_complete, percent_complete]} if percent_complete else {}),
                },
                review_id=action.review_id,
            )
        action.refresh_from_db()
    return update


def reporting_period_create(
    *, review: Review, actor: Any, name: str, start: date, end: date, updates_due: date | None = None
) -> ReportingPeriod:
    with transaction.atomic():
        period = ReportingPeriod(review=review, name=name, start=start, end=end, updates_due=updates_due)
        period.full_clean()
        period.save()
        audit_record(actor=actor, organisation=review.organisation, verb="created", target=period, review_id=review.pk)
    return period


def reporting_period_open(*, period: ReportingPeriod, actor: Any, on: date, updates_due: date) -> ReportingPeriod:
    """Ask lead officers for their updates for this period, due by `updates_due`."""
    with transaction.atomic():
        if updates_due < on:
            raise ValidationError({"updates_due": "The date updates are due must be today or later."})
        period.opened_on = on
        period.updates_due = updates_due
        period.full_clean()
        period.save(update_fields=["opened_on", "updates_due"])
        audit_record(
            actor=actor,
            organisation=period.review.organisation,
            verb="asked for updates",
            target=period,
            changes={"updates_due": [None, updates_due.isoformat()]},
            review_id=period.review_id,
        )
    return period


def reporting_period_remind(*, period: ReportingPeriod, actor: Any, on: date) -> None:
    """Record that lead officers who have not updated yet were reminded (the emails go in the background)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            organisation=period.review.organisation,
            verb="sent reminders",
            target=period,
            changes={"reminded on": [None, on.isoformat()]},
            review_id=period.review_id,
        )
