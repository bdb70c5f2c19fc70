"""Writes to actions and their steps: add, edit (a reason for a new RAG rating; due dates locked once the plan
is approved), move, delete before approval."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.accounts.models import User
from peerplan.audit.services import audit_record, diff
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import MAX_ACTION_DEPTH, Action, ActionOwner, Owner, Recommendation, RevisionState
from peerplan.plans.timescales import understand
from peerplan.shared.dates import long_date
from peerplan.shared.rag import Rag
from peerplan.shared.versioning import save_versioned

from ._common import KEEP, Keep, given
from .owners import _one_owner, _set_owners, owners_replace, owners_resolve


def sort_key_for(parent: Action | None, position: int) -> str:
    segment = f"{position:04d}"
    return f"{parent.sort_key}.{segment}" if parent is not None else segment


def action_create(
    *,
    recommendation: Recommendation,
    actor: User | None,
    text: str,
    parent: Action | None = None,
    ref: str = "",
    owners: Sequence[Owner] = (),
    new_owner_names: Sequence[str] = (),
    lead_officer: Owner | None = None,
    lead_officer_name: str = "",
    lead_member: Owner | None = None,
    lead_member_name: str = "",
    timescale: str = "",
    due: date | None = None,
    status: ActionStatus | None = None,
    rag: Rag | None = None,
    rag_reason: str = "",
    percent_complete: int | None = None,
    understood_as_of: date | None = None,
    position: int | None = None,
    audit: bool = True,
) -> Action:
    """Add an action (or a step under `parent`). The due date comes from the timescale unless given, placed
    from `understood_as_of` ("next year"); owners and leads typed as names are found or created."""
    with transaction.atomic():
        organisation = recommendation.review.organisation
        owners = owners_resolve(organisation=organisation, actor=actor, chosen=owners, new_names=new_owner_names)
        lead_officer = _one_owner(organisation, actor, lead_officer, lead_officer_name)
        lead_member = _one_owner(organisation, actor, lead_member, lead_member_name)
        if parent is not None and parent.depth >= MAX_ACTION_DEPTH:
            raise ValidationError({"parent": f"Actions can be nested at most {MAX_ACTION_DEPTH} levels deep."})
        siblings = Action.objects.filter(recommendation=recommendation, parent=parent)
        if position is None:
            position = siblings.count() + 1
        understood = understand(timescale or None, as_of=understood_as_of)
        action = Action(
            review_id=recommendation.review_id,
            recommendation=recommendation,
            parent=parent,
            depth=(parent.depth + 1) if parent else 1,
            sort_key=sort_key_for(parent, position),
            ref=ref,
            text=text,
            lead_officer=lead_officer,
            lead_member=lead_member,
            timescale=timescale,
            timescale_kind=str(understood.kind),
            start_date=understood.start,
            original_due=due if due is not None else understood.due,
            status=status or "",
            rag=rag or "",
            rag_reason=rag_reason,
            percent_complete=percent_complete,
        )
        action.due_date = action.original_due
        action.full_clean()
        action.save()
        _set_owners(ActionOwner, "action", action, owners)
        if audit:
            audit_record(
                actor=actor,
                organisation=recommendation.review.organisation,
                verb="created",
                target=action,
                review_id=recommendation.review_id,
            )
    return action


def action_update(
    *,
    action: Action,
    actor: User | None,
    version: int,
    on: date,
    ref: str | Keep = KEEP,
    text: str | Keep = KEEP,
    timescale: str | Keep = KEEP,
    original_due: date | Keep | None = KEEP,
    due_date: date | Keep | None = KEEP,
    status: ActionStatus | Keep | None = KEEP,
    rag: Rag | Keep | None = KEEP,
    rag_reason: str | Keep = KEEP,
    percent_complete: int | Keep | None = KEEP,
    lead_officer: Owner | Keep | None = KEEP,
    lead_member: Owner | Keep | None = KEEP,
    owners: Sequence[Owner] | None = None,
    new_owner_names: Sequence[str] = (),
    lead_officer_name: str = "",
    lead_member_name: str = "",
) -> Action:
    """Edit an action's plan fields; a change of RAG needs a reason. `version` guards against lost edits.
    A field left as KEEP keeps its value; None for a status or rating means "not given" (blank).
    `owners` None keeps them; owners and leads typed as names are found or created."""
    fields = given(
        ref=ref,
        text=text,
        timescale=timescale,
        original_due=original_due,
        due_date=due_date,
        status="" if status is None else status,
        rag="" if rag is None else rag,
        rag_reason=rag_reason,
        percent_complete=percent_complete,
        lead_officer=lead_officer,
        lead_member=lead_member,
    )
    with transaction.atomic():
        organisation = action.review.organisation
        if owners is not None or new_owner_names:
            owners = owners_resolve(
                organisation=organisation, actor=actor, chosen=owners or (), new_names=new_owner_names
            )
        for role, name in (("lead_officer", lead_officer_name), ("lead_member", lead_member_name)):
            if name.strip():
                fields[role] = _one_owner(organisation, actor, None, name)
        before = {k: getattr(action, k) for k in fields}
        _follow_the_timescale(action, fields, on)
        _refuse_silent_due_date_change(action, fields)
        if "rag" in fields and fields["rag"] != action.rag:
            if not (fields.get("rag_reason") or "").strip():
                raise ValidationError({"rag_reason": "Say why the RAG rating changed."})
            fields["rag_set_by"] = actor
            fields["rag_set_on"] = on
        for key, value in fields.items():
            setattr(action, key, value)
        action.full_clean()
        save_versioned(action, version, "This action")
        changes = diff(before, {k: v for k, v in fields.items() if k in before})
        if owners is not None and (moved := owners_replace(ActionOwner, "action", action, owners)):
            changes["owners"] = moved
        audit_record(
            actor=actor,
            organisation=action.review.organisation,
            verb="updated",
            target=action,
            changes=changes,
            review_id=action.review_id,
        )
    return action


def _follow_the_timescale(action: Action, fields: dict[str, Any], on: date) -> None:
    """A new timescale is understood (from `on`): its kind, start and due date follow, unless given."""
    if "timescale" not in fields or fields["timescale"] == action.timescale:
        return
    understood = understand(fields["timescale"] or None, as_of=on)
    fields.setdefault("timescale_kind", str(understood.kind))
    fields.setdefault("start_date", understood.start)
    if "original_due" not in fields and not action.revisions.filter(state=RevisionState.APPROVED).exists():
        fields["original_due"] = understood.due
        fields["due_date"] = understood.due
    if action.review.is_approved and "due_date" not in fields:
        fields["due_date"] = understood.due


DUE_DATE_LOCKED = (
    "The plan has been approved, so this change would move the due date from {old} to {new}. "
    "Ask for a revised due date instead: it keeps the original date and records the reason."
)


def _refuse_silent_due_date_change(action: Action, fields: dict[str, Any]) -> None:
    """After approval a due date moves only through a revised due date with a reason, whatever field asks."""
    if not action.review.is_approved:
        return
    for name in ("original_due", "due_date"):
        if name in fields and fields[name] != getattr(action, name):
            field = "timescale" if "timescale" in fields and fields["timescale"] != action.timescale else name
            old, new = getattr(action, name), fields[name]
            raise ValidationError(
                {
                    field: DUE_DATE_LOCKED.format(
                        old=f"{long_date(old)}" if old else "no date", new=f"{long_date(new)}" if new else "no date"
                    )
                }
            )


def action_move(*, action: Action, actor: User | None, direction: int) -> None:
    """Swap an action with its previous (-1) or next (+1) sibling; its steps move with it."""
    with transaction.atomic():
        siblings = list(
            Action.objects.filter(recommendation_id=action.recommendation_id, parent_id=action.parent_id).order_by(
                "sort_key"
            )
        )
        index = next(i for i, a in enumerate(siblings) if a.pk == action.pk)
        other = index + direction
        if not 0 <= other < len(siblings):
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        parent = action.parent
        for position, sibling in enumerate(siblings, start=1):
            renumber_with_steps(sibling, sort_key_for(parent, position))
        audit_record(
            actor=actor,
            organisation=action.review.organisation,
            verb="moved up" if direction < 0 else "moved down",
            target=action,
            review_id=action.review_id,
        )


def renumber_with_steps(action: Action, key: str) -> None:
    """Give an action a new position, carrying its steps' keys with it (no audit: the caller records the move)."""
    old = action.sort_key
    if old == key:
        return
    Action.objects.filter(pk=action.pk).update(sort_key=key)
    for child in Action.objects.filter(recommendation_id=action.recommendation_id, sort_key__startswith=old + "."):
        Action.objects.filter(pk=child.pk).update(sort_key=key + child.sort_key[len(old) :])


def action_close_statuses() -> list[str]:
    return [s.value for s in ActionStatus.closed()]


def action_delete(*, action: Action, actor: User | None) -> None:
    """Delete an action and its steps, only before the plan is approved; later siblings move up."""
    with transaction.atomic():
        review = action.review
        if review.is_approved:
            raise ValidationError(
                f"The plan was approved on {long_date(review.plan_approved_on)}, so its actions are kept for the "
                "record. Set the action's status to 'No further action' instead."
            )
        steps = Action.objects.filter(
            recommendation_id=action.recommendation_id, sort_key__startswith=action.sort_key + "."
        )
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="deleted",
            target=action,
            changes={"text": [action.text, None], "steps deleted": [None, steps.count()]},
            review_id=review.pk,
        )
        parent = action.parent
        action.delete()  # its steps go with it (parent cascades)
        siblings = Action.objects.filter(recommendation_id=action.recommendation_id, parent=parent).order_by("sort_key")
        for position, sibling in enumerate(siblings, start=1):
            renumber_with_steps(sibling, sort_key_for(parent, position))
