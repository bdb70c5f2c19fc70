"""Plan files waiting for a person to check and confirm them (`ImportDraft`), and the work done on them.

The file is parsed once, in the background worker, and the result kept with the draft; a correction
(a column or a row read as something else) reads it again, also in the background. Nothing of the plan
is stored until the person confirms; the plan is then saved in the background too. Drafts nobody
confirmed are deleted after a day.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from peerplan.accounts.models import User
from peerplan.audit.services import audit_record
from peerplan.plans.loading import LoadError, plan_load

from .checking import document_check
from .errors import PlanImportError
from .models import DraftState, ImportDraft
from .result import Doubt, ParseResult
from .sandbox import parse_file_bounded as parse_file  # in a child process with memory and time caps

log = logging.getLogger(__name__)
MAX_AGE = timedelta(days=1)


def draft_create(*, organisation: Any, filename: str, data: bytes, actor: User | None) -> ImportDraft:
    """Keep an uploaded plan file and start reading it in the background."""
    drafts_sweep()
    with transaction.atomic():
        draft = ImportDraft(organisation=organisation, created_by=actor, filename=filename[:255], data=data)
        draft.full_clean()
        draft.save()
        audit_record(actor=actor, organisation=organisation, verb="uploaded a plan to import", target=draft)
    _start_reading(draft)
    return draft


def draft_correct(*, draft: ImportDraft, mapping: dict[str, str], marks: dict[str, str], actor: User | None) -> None:
    """Read the file again with the columns and rows as the person set them."""
    with transaction.atomic():
        changes = {"mapping": [draft.mapping, mapping], "rows": [draft.marks, marks]}
        draft.mapping, draft.marks = mapping, marks
        draft.state, draft.progress, draft.error = DraftState.READING, "", ""
        draft.full_clean()
        draft.save()
        audit_record(
            actor=actor, organisation=draft.organisation, verb="corrected an import", target=draft, changes=changes
        )
    _start_reading(draft)


def draft_confirm(*, draft: ImportDraft, title: str, kind: str, actor: User) -> None:
    """Save the plan as read, under the name given, in the background."""
    with transaction.atomic():
        locked = ImportDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.state not in (DraftState.READY, DraftState.SAVE_FAILED):
            return  # confirmed twice (a double click): the first one saves it
        locked.state, locked.progress, locked.error = DraftState.SAVING, "Waiting for the worker", ""
        locked.save(update_fields=["state", "progress", "error"])
    from .tasks import save_draft

    save_draft.enqueue(draft.pk, actor.pk, title, kind)


def draft_cancel(*, draft: ImportDraft, actor: User | None) -> None:
    with transaction.atomic():
        audit_record(actor=actor, organisation=draft.organisation, verb="cancelled an import", target=draft)
        draft.delete()


def drafts_sweep(now: Any = None) -> int:
    """Delete drafts nobody confirmed within a day; returns how many."""
    limit = (now or timezone.now()) - MAX_AGE
    deleted, _ = ImportDraft.objects.filter(created_at__lt=limit).exclude(state=DraftState.SAVING).delete()
    return deleted


def _start_reading(draft: ImportDraft) -> None:
    from .tasks import read_draft

    read_draft.enqueue(draft.pk)


# --- the work the background worker does ---------------------------------------------------------------
def draft_read(draft_id: int) -> None:
    """Parse the draft's file with its corrections, check what would be created, and keep the result."""
    draft = ImportDraft.objects.filter(pk=draft_id, state=DraftState.READING).first()
    if draft is None:
        return  # cancelled meanwhile, or already read
    _progress(draft, "Reading the file")
    try:
        result = parse_file(bytes(draft.data), draft.filename, mapping=draft.mapping or None, marks=draft.marks)
    except PlanImportError as exc:
        if draft.mapping or draft.marks:
            # A correction that makes the file unreadable is dropped rather than leaving the person stuck.
            draft.mapping, draft.marks = {}, {}
            draft.save(update_fields=["mapping", "marks"])
            draft_read(draft_id)
            return
        ImportDraft.objects.filter(pk=draft_id).update(state=DraftState.FAILED, error=str(exc), progress="")
        return
    _progress(draft, f"Checking {len(result.document.recommendations)} recommendations")
    would_create, doubts = document_check(result.document, draft.organisation)
    result.doubts.extend(doubts)
    ImportDraft.objects.filter(pk=draft_id).update(
        state=DraftState.READY, result=result.to_json(), would_create=would_create, progress="", error=""
    )


def draft_save(draft_id: int, actor: User | None, title: str, kind: str) -> None:
    """Store the plan the draft holds; the draft then points at the review."""
    draft = ImportDraft.objects.filter(pk=draft_id, state=DraftState.SAVING).first()
    if draft is None or draft.result is None:
        return
    _progress(draft, "Saving the plan")
    document = ParseResult.from_json(draft.result).document
    document.review.title, document.review.kind = title, kind
    try:
        report = plan_load(document=document, organisation=draft.organisation, actor=actor, commit=True)
    except LoadError as exc:
        _save_failed(draft_id, str(exc))
        return
    except Exception as exc:
        log.exception("saving import draft %s failed", draft_id)
        _save_failed(draft_id, f"the plan could not be saved ({type(exc).__name__}); nothing was stored")
        return
    ImportDraft.objects.filter(pk=draft_id).update(
        state=DraftState.SAVED, review_id=report.review_id, progress=" ".join(report.lines()), data=b"", result=None
    )


def _save_failed(draft_id: int, message: str) -> None:
    ImportDraft.objects.filter(pk=draft_id).update(state=DraftState.SAVE_FAILED, error=message, progress="")


def _progress(draft: ImportDraft, text: str) -> None:
    ImportDraft.objects.filter(pk=draft.pk).update(progress=text)


def result_of(draft: ImportDraft) -> ParseResult | None:
    return ParseResult.from_json(draft.result) if draft.result else None


__all__ = ["Doubt", "draft_cancel", "draft_confirm", "draft_correct", "draft_create", "drafts_sweep"]
