"""Revised due dates: a lead officer asks, a plan manager decides. The original date is always kept."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from peerplan.accounts.models import User
from peerplan.audit.services import audit_record
from peerplan.plans.models import Action, DueDateRevision, RevisionState
from peerplan.shared.dates import long_date


def revision_request(*, action: Action, actor: User | None, new_due: date, reason: str, on: date) -> DueDateRevision:
    """A lead officer asks for a later due date; a plan manager decides."""
    with transaction.atomic():
        if not reason.strip():
            raise ValidationError({"reason": "Say why the due date needs to change."})
        revision = DueDateRevision(
            action=action,
            previous_due=action.due_date,
            new_due=new_due,
            reason=reason,
            requested_by=actor,
            requested_on=on,
        )
        revision.full_clean()
        revision.save()
        audit_record(
            actor=actor,
            organisation=action.review.organisation,
            verb="asked for a revised due date",
            target=action,
            changes={"due_date": [action.due_date, new_due], "reason": [None, reason]},
            review_id=action.review_id,
        )
    return revision


def revision_decide(
    *,
    revision: DueDateRevision,
    actor: User | None,
    approve: bool,
    on: date,
    note: str = "",
    approved_due: date | None = None,
) -> DueDateRevision:
    """Approve (the date asked for, or `approved_due`) or refuse a request, with an optional note.

    An approved different date becomes the revision's new due date; what was asked for is kept beside it.
    """
    with transaction.atomic():
        if revision.state != RevisionState.REQUESTED:
            raise ValidationError("This request was decided already.")
        if approve and approved_due is not None and approved_due != revision.new_due:
            if revision.previous_due is not None and approved_due <= revision.previous_due:
                raise ValidationError(
                    {"approved_due": f"The date you approve must be after {long_date(revision.previous_due)}"}
                )
            revision.requested_due, revision.new_due = revision.new_due, approved_due
        revision.state = RevisionState.APPROVED if approve else RevisionState.REJECTED
        revision.decided_by = actor
        revision.decided_on = on
        revision.decision_note = note.strip()
        revision.full_clean()
        revision.save(update_fields=["state", "decided_by", "decided_on", "decision_note", "requested_due", "new_due"])
        action = revision.action
        if approve:
            Action.objects.filter(pk=action.pk).update(due_date=revision.new_due, version=F("version") + 1)
        audit_record(
            actor=actor,
            organisation=action.review.organisation,
            verb="approved revised due date" if approve else "refused revised due date",
            target=action,
            changes={
                **({"due_date": [revision.previous_due, revision.new_due]} if approve else {}),
                **({"asked for": [None, revision.requested_due]} if revision.requested_due else {}),
                **({"note": [None, revision.decision_note]} if revision.decision_note else {}),
            },
            review_id=action.review_id,
        )
    return revision
