"""Writes to progress updates: post one (its status, RAG and percentage carried onto the action), withdraw a
mistaken one. One transaction and one audit entry each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from peerplan.accounts.models import User
from peerplan.audit.services import audit_record
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action
from peerplan.progress import evidence
from peerplan.progress.models import EvidenceFile, ProgressUpdate, ReportingPeriod, UpdateWithdrawal
from peerplan.shared.dates import long_date
from peerplan.shared.errors import EditConflictError
from peerplan.shared.rag import Rag


def action_update_post(
    *,
    action: Action,
    author: User | None,
    on: date,
    status: ActionStatus,
    commentary: str,
    public_summary: str = "",
    rag: Rag | None = None,
    rag_reason: str = "",
    percent_complete: int | None = None,
    evidence: Sequence[str] = (),
    period: ReportingPeriod | None = None,
    version: int | None = None,
    author_name: str = "",
    corrects: ProgressUpdate | None = None,
    audit: bool = True,
    files: Sequence[Any] = (),
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
        update = ProgressUpdate(
            action=action,
            period=period,
            date=on,
            author=author,
            author_name=author_name or (str(author) if author is not None else ""),
            status=status,
            rag=rag or "",
            rag_reason=rag_reason if rag_changed else "",
            percent_complete=percent_complete,
            commentary=commentary,
            public_summary=public_summary.strip(),
            evidence=[e for e in evidence if e.strip()],
            corrects=corrects,
            before=_position(action),
        )
        update.full_clean()
        update.save()
        _attach(update, files, author)
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
                    **({"status": [action.status, status]} if status != action.status else {}),
                    **({"rag": [action.rag, rag]} if rag_changed else {}),
                    **(
                        {"percent_complete": [action.percent_complete, percent_complete]}
                        if percent_complete is not None and percent_complete != action.percent_complete
                        else {}
                    ),
                },
                review_id=action.review_id,
            )
        action.refresh_from_db()
    return update


def _attach(update: ProgressUpdate, files: Sequence[Any], person: User | None) -> None:
    """Store each file as evidence, checked by content first: one bad file saves nothing at all."""
    if len(files) > evidence.MAX_FILES:
        raise ValidationError({"evidence_files": f"Attach at most {evidence.MAX_FILES} files to one update"})
    for upload in files:
        if wrong := evidence.problem(upload):
            raise ValidationError({"evidence_files": wrong})
        name = PurePath(upload.name).name[:200]
        stored = EvidenceFile(
            update=update,
            name=name,
            content_type=evidence.content_type(name),
            size=upload.size,
            uploaded_by=person,
        )
        stored.file.save(name, upload, save=False)
        stored.full_clean()
        stored.save()


POSITION = ("status", "rag", "rag_reason", "percent_complete")


def _position(action: Action) -> dict[str, Any]:
    return {name: getattr(action, name) for name in POSITION}


def progress_update_withdraw(*, update: ProgressUpdate, actor: User | None, reason: str, on: date) -> UpdateWithdrawal:
    """Withdraw a mistaken update with a reason: it stays in the history, marked, and stops counting.

    If it was the action's latest update, the action goes back to the position the update before it gave
    (or, if there was none, the position it had before this update was posted).
    """
    with transaction.atomic():
        action = Action.objects.select_for_update().select_related("review__organisation").get(pk=update.action_id)
        if UpdateWithdrawal.objects.filter(update=update).exists():
            raise ValidationError("This update was withdrawn already.")
        if not reason.strip():
            raise ValidationError({"reason": "Say why the update is being withdrawn."})
        live = list(ProgressUpdate.objects.filter(action=action).order_by("-date", "-id"))
        was_latest = bool(live) and live[0].pk == update.pk
        withdrawal = UpdateWithdrawal(update=update, reason=reason.strip(), by=actor, on=on)
        withdrawal.full_clean()
        withdrawal.save()
        before = _position(action)
        if was_latest:
            earlier = live[1] if len(live) > 1 else None
            if earlier is not None:
                restored = {
                    "status": earlier.status,
                    "rag": earlier.rag or action.rag,
                    "rag_reason": earlier.rag_reason if earlier.rag else action.rag_reason,
                    "percent_complete": earlier.percent_complete,
                }
            else:
                restored = {k: update.before.get(k, before[k]) for k in POSITION}
            Action.objects.filter(pk=action.pk).update(**restored, version=F("version") + 1)
        else:
            restored = before
        audit_record(
            actor=actor,
            organisation=action.review.organisation,
            verb="withdrew an update",
            target=action,
            changes={
                "update": [f"{long_date(update.date)} by {update.author_display or 'not recorded'}", "withdrawn"],
                "reason": [None, reason.strip()],
                **{k: [before[k], restored[k]] for k in POSITION if before[k] != restored[k]},
            },
            review_id=action.review_id,
        )
    return withdrawal
