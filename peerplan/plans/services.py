"""Writes to the plan: each service is one transaction, validates, saves and records an audit entry.

Named <entity>_<verb>; keyword-only arguments; the acting person and the date are passed in.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.db.models.deletion import ProtectedError

from peerplan.accounts.models import Organisation, RagDefinition, User
from peerplan.audit.services import audit_record, diff
from peerplan.shared.dates import long_date

from .enums import CPC_THEMES_CURRENT, ActionStatus, OwnerKind, Rag, RecommendationKind, ReviewKind, ThemeSet
from .errors import EditConflictError
from .models import (
    MAX_ACTION_DEPTH,
    Action,
    ActionOwner,
    DueDateRevision,
    Owner,
    PeerTeamMember,
    Recommendation,
    RecommendationOwner,
    Review,
    RevisionState,
    Theme,
    WordingCorrection,
)
from .owners import guess_kind
from .timescales import understand


def organisation_create(*, name: str, slug: str, actor: User | None = None) -> Organisation:
    """A council with the default RAG vocabulary (Red, Amber, Green, Complete, Not started)."""
    with transaction.atomic():
        organisation = Organisation(name=name, slug=slug)
        organisation.full_clean()
        organisation.save()
        RagDefinition.objects.bulk_create(
            RagDefinition(
                organisation=organisation,
                rating=rag.value,
                label=str(rag.label),
                meaning=rag.meaning,
                colour=rag.colour,
                order=i,
            )
            for i, rag in enumerate(Rag)
        )
        audit_record(actor=actor, organisation=organisation, verb="created", target=organisation)
    return organisation


def owner_get_or_create(
    *,
    organisation: Organisation,
    name: str,
    actor: User | None = None,
    kind: OwnerKind | None = None,
    job_title: str = "",
    email: str = "",
    audit: bool = True,
) -> Owner:
    """The council's owner of that name, or a new one (audited; a bulk load counts its owners in its own entry)."""
    name = " ".join(name.split())[:200]
    owner = Owner.objects.filter(organisation=organisation, name=name).first()
    if owner is None:
        owner = Owner(
            organisation=organisation, name=name, kind=kind or guess_kind(name), job_title=job_title, email=email
        )
        owner.full_clean()
        owner.save()
        if audit:
            audit_record(actor=actor, organisation=organisation, verb="created", target=owner)
    return owner


def owners_resolve(
    *, organisation: Organisation, actor: User | None, chosen: Sequence[Owner], new_names: Sequence[str]
) -> list[Owner]:
    """The owners picked from the list, then those typed as names (found, or created with a guessed kind)."""
    typed = [
        owner_get_or_create(organisation=organisation, actor=actor, name=name) for name in new_names if name.strip()
    ]
    return list(dict.fromkeys([*chosen, *typed]))


def _one_owner(organisation: Organisation, actor: User | None, chosen: Owner | None, name: str) -> Owner | None:
    """A lead officer or member: the one typed as a name (found or created), else the one picked."""
    if name.strip():
        return owner_get_or_create(organisation=organisation, actor=actor, name=name)
    return chosen


def owner_links(through: type[models.Model], field: str, obj: models.Model, owners: Iterable[Owner]) -> list[Any]:
    """The owner rows of one recommendation or action: each owner once, in the order first named."""
    return [through(**{field: obj, "owner": owner, "order": i}) for i, owner in enumerate(dict.fromkeys(owners))]


def _set_owners(through: type[models.Model], field: str, obj: models.Model, owners: Sequence[Owner]) -> None:
    through.objects.filter(**{field: obj}).delete()  # type: ignore[attr-defined]
    through.objects.bulk_create(owner_links(through, field, obj, owners))  # type: ignore[attr-defined]


def review_create(
    *,
    organisation: Organisation,
    actor: User | None,
    title: str,
    kind: str,
    visit_start: date | None = None,
    visit_end: date | None = None,
    feedback_report_date: date | None = None,
    themes: Sequence[tuple[str, str]] | None = None,
    peer_team: Sequence[dict[str, str]] = (),
) -> Review:
    """A new review; its themes as (name, ThemeSet value) pairs; peer challenges get the five current CPC
    themes unless others are given."""
    with transaction.atomic():
        review = Review(
            organisation=organisation,
            title=title,
            kind=kind,
            visit_start=visit_start,
            visit_end=visit_end,
            feedback_report_date=feedback_report_date,
        )
        review.full_clean()
        review.save()
        if themes is None:
            current = CPC_THEMES_CURRENT if review.review_kind.is_peer_challenge else []
            themes = [(name, ThemeSet.CPC_2023.value) for name in current]
        _themes_apply(review, themes)
        PeerTeamMember.objects.bulk_create(
            PeerTeamMember(review=review, order=i, **{k: v or "" for k, v in member.items()})
            for i, member in enumerate(peer_team)
        )
        audit_record(actor=actor, organisation=organisation, verb="created", target=review, review_id=review.pk)
    return review


def _themes_apply(review: Review, themes: Sequence[tuple[str, str]]) -> list[str]:
    """Make the review's themes exactly `themes` (name, source) in that order; refuse to drop one in use."""
    wanted = list(dict.fromkeys((" ".join(name.split()), source) for name, source in themes if name.strip()))
    names = [name for name, _ in wanted]
    existing = {t.name: t for t in review.themes.all()}
    dropped = [t for name, t in existing.items() if name not in names]
    in_use = Recommendation.objects.filter(theme__in=dropped).select_related("theme").order_by("order")
    if in_use:
        theme_names = sorted({str(r.theme) for r in in_use})
        refs = ", ".join(r.ref or str(r.order) for r in in_use)
        raise ValidationError(
            {
                "themes": f"{', '.join(theme_names)} cannot be removed: recommendations {refs} use it. "
                "Give them another theme first."
            }
        )
    Theme.objects.filter(pk__in=[t.pk for t in dropped]).delete()
    for order, (name, source) in enumerate(wanted):
        theme = existing.get(name) or Theme(review=review, name=name, source=source)
        theme.order = order
        theme.full_clean(validate_unique=False)
        theme.save()
    return names


def review_themes_set(*, review: Review, actor: User | None, themes: Sequence[tuple[str, str]]) -> None:
    """Replace the review's themes; a theme a recommendation uses cannot be removed."""
    with transaction.atomic():
        before = [t.name for t in review.themes.all()]
        after = _themes_apply(review, themes)
        if before != after:
            audit_record(
                actor=actor,
                organisation=review.organisation,
                verb="changed themes",
                target=review,
                changes={"themes": [before, after]},
                review_id=review.pk,
            )


class Keep(enum.Enum):
    """An argument left out of an update: the field keeps its value (None is a value: "no date")."""

    KEEP = "keep"


KEEP = Keep.KEEP


def review_update(
    *,
    review: Review,
    actor: User | None,
    version: int,
    title: str | Keep = KEEP,
    kind: ReviewKind | Keep = KEEP,
    visit_start: date | Keep | None = KEEP,
    visit_end: date | Keep | None = KEEP,
    feedback_report_date: date | Keep | None = KEEP,
) -> Review:
    """Change a review's facts; `version` is the one the editor saw (optimistic locking)."""
    given = {
        "title": title,
        "kind": kind,
        "visit_start": visit_start,
        "visit_end": visit_end,
        "feedback_report_date": feedback_report_date,
    }
    fields = {name: value for name, value in given.items() if value is not KEEP}
    with transaction.atomic():
        before = {k: getattr(review, k) for k in fields}
        for key, value in fields.items():
            setattr(review, key, value)
        review.full_clean()
        _save_versioned(review, version, "This review")
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="updated",
            target=review,
            changes=diff(before, fields),
            review_id=review.pk,
        )
    return review


def _save_versioned(obj: Any, version: int, what: str) -> None:
    """Save only if nobody saved since `version` was read; raise EditConflictError otherwise."""
    model = type(obj)
    values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
    values["version"] = F("version") + 1
    if not model.objects.filter(pk=obj.pk, version=version).update(**values):
        raise EditConflictError(what)
    obj.version = version + 1


def plan_approve(
    *, review: Review, actor: User | None, on: date, meeting: str = "", today: date | None = None
) -> Review:
    """Approve the plan on the day the meeting agreed it: from then on a recommendation's wording changes only
    with a recorded reason, and a due date only through a revised due date. `today` refuses a day to come."""
    with transaction.atomic():
        if review.plan_approved_on is not None:
            raise ValidationError("This plan was approved already.")
        if not review.recommendations.exists():
            raise ValidationError("A plan needs at least one recommendation before it can be approved.")
        if today is not None and on > today:
            raise ValidationError({"plan_approved_on": "The date the plan was approved must be today or in the past"})
        review.plan_approved_on = on
        review.plan_approved_by = meeting.strip()
        review.full_clean()
        review.save(update_fields=["plan_approved_on", "plan_approved_by"])
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="approved plan",
            target=review,
            changes={"plan_approved_on": [None, on], **({"meeting": [None, meeting.strip()]} if meeting else {})},
            review_id=review.pk,
        )
    return review


def recommendation_create(
    *,
    review: Review,
    actor: User | None,
    text: str,
    ref: str = "",
    kind: str = RecommendationKind.RECOMMENDATION,
    theme: Theme | None = None,
    source: str = "",
    section: str = "",
    response: str = "",
    response_reason: str = "",
    owners: Sequence[Owner] = (),
    new_owner_names: Sequence[str] = (),
    order: int | None = None,
    audit: bool = True,
) -> Recommendation:
    """Add a recommendation; owners typed as names are found or created at the council."""
    with transaction.atomic():
        owners = owners_resolve(organisation=review.organisation, actor=actor, chosen=owners, new_names=new_owner_names)
        if order is None:
            order = (review.recommendations.aggregate(m=models.Max("order"))["m"] or 0) + 1
        rec = Recommendation(
            review=review,
            ref=ref,
            kind=kind,
            text=text,
            theme=theme,
            source=source,
            section=section,
            response=response,
            response_reason=response_reason,
            order=order,
        )
        rec.full_clean()
        rec.save()
        _set_owners(RecommendationOwner, "recommendation", rec, owners)
        if audit:
            audit_record(actor=actor, organisation=review.organisation, verb="created", target=rec, review_id=review.pk)
    return rec


def recommendation_update(
    *,
    recommendation: Recommendation,
    actor: User | None,
    version: int,
    owners: Sequence[Owner] | None = None,
    new_owner_names: Sequence[str] = (),
    correction_reason: str = "",
    **fields: Any,
) -> Recommendation:
    """Edit a recommendation. Once the plan is approved, changing the wording needs a reason.
    `owners` None keeps them; owners typed as names are found or created and added."""
    rec = recommendation
    with transaction.atomic():
        if owners is not None or new_owner_names:
            organisation = rec.review.organisation
            owners = owners_resolve(
                organisation=organisation, actor=actor, chosen=owners or (), new_names=new_owner_names
            )
        before = {k: getattr(rec, k) for k in fields}
        wording_changed = "text" in fields and fields["text"] != rec.text
        if wording_changed and rec.review.is_approved:
            if not correction_reason.strip():
                raise ValidationError(
                    {"correction_reason": "The plan is approved: say why the recommendation's wording is corrected."}
                )
            WordingCorrection.objects.create(
                recommendation=rec,
                old_text=rec.text,
                new_text=fields["text"],
                reason=correction_reason,
                by=_person(actor),
            )
        for key, value in fields.items():
            setattr(rec, key, value)
        rec.full_clean()
        _save_versioned(rec, version, "This recommendation")
        changes = diff(before, fields)
        if owners is not None:
            old = [str(o) for o in rec.owners.all()]
            _set_owners(RecommendationOwner, "recommendation", rec, owners)
            if old != [str(o) for o in owners]:
                changes["owners"] = [old, [str(o) for o in owners]]
        if correction_reason and wording_changed:
            changes["correction_reason"] = [None, correction_reason]
        audit_record(
            actor=actor,
            organisation=rec.review.organisation,
            verb="updated",
            target=rec,
            changes=changes,
            review_id=rec.review_id,
        )
    return rec


def _person(actor: User | None) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


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
    status: str = "",
    rag: str = "",
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
            status=status,
            rag=rag,
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


_RAG_FIELDS = ("rag", "rag_reason")


def action_update(
    *,
    action: Action,
    actor: User | None,
    version: int,
    on: date,
    owners: Sequence[Owner] | None = None,
    new_owner_names: Sequence[str] = (),
    lead_officer_name: str = "",
    lead_member_name: str = "",
    **fields: Any,
) -> Action:
    """Edit an action's plan fields; a change of RAG needs a reason. `version` guards against lost edits.
    `owners` None keeps them; owners and leads typed as names are found or created."""
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
        if "timescale" in fields and fields["timescale"] != action.timescale:
            understood = understand(fields["timescale"] or None, as_of=on)
            fields.setdefault("timescale_kind", str(understood.kind))
            fields.setdefault("start_date", understood.start)
            if "original_due" not in fields and not action.revisions.filter(state=RevisionState.APPROVED).exists():
                fields["original_due"] = understood.due
                fields["due_date"] = understood.due
            if action.review.is_approved and "due_date" not in fields:
                fields["due_date"] = understood.due
        _refuse_silent_due_date_change(action, fields)
        if "rag" in fields and fields["rag"] != action.rag:
            if not (fields.get("rag_reason") or "").strip():
                raise ValidationError({"rag_reason": "Say why the RAG rating changed."})
            fields["rag_set_by"] = _person(actor)
            fields["rag_set_on"] = on
        for key, value in fields.items():
            setattr(action, key, value)
        action.full_clean()
        _save_versioned(action, version, "This action")
        changes = diff(before, {k: v for k, v in fields.items() if k in before})
        if owners is not None:
            old = [str(o) for o in action.owners.all()]
            _set_owners(ActionOwner, "action", action, owners)
            if old != [str(o) for o in owners]:
                changes["owners"] = [old, [str(o) for o in owners]]
        audit_record(
            actor=actor,
            organisation=action.review.organisation,
            verb="updated",
            target=action,
            changes=changes,
            review_id=action.review_id,
        )
    return action


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


def recommendation_move(*, recommendation: Recommendation, actor: User | None, direction: int) -> None:
    """Swap a recommendation with the one before (-1) or after (+1) it; its actions go with it. Audited."""
    with transaction.atomic():
        order = list(
            Recommendation.objects.select_for_update()
            .filter(review_id=recommendation.review_id)
            .order_by("order", "pk")
        )
        index = next(i for i, r in enumerate(order) if r.pk == recommendation.pk)
        other = index + direction
        if not 0 <= other < len(order):
            return
        order[index], order[other] = order[other], order[index]
        for position, rec in enumerate(order, start=1):
            if rec.order != position:
                Recommendation.objects.filter(pk=rec.pk).update(order=position, version=F("version") + 1)
        audit_record(
            actor=actor,
            organisation=recommendation.review.organisation,
            verb="moved up" if direction < 0 else "moved down",
            target=recommendation,
            changes={"position": [index + 1, other + 1]},
            review_id=recommendation.review_id,
        )


def renumber_with_steps(action: Action, key: str) -> None:
    """Give an action a new position, carrying its steps' keys with it (no audit: the caller records the move)."""
    old = action.sort_key
    if old == key:
        return
    Action.objects.filter(pk=action.pk).update(sort_key=key)
    for child in Action.objects.filter(recommendation_id=action.recommendation_id, sort_key__startswith=old + "."):
        Action.objects.filter(pk=child.pk).update(sort_key=key + child.sort_key[len(old) :])


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
            requested_by=_person(actor),
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
        revision.decided_by = _person(actor)
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


def action_close_statuses() -> list[str]:
    return [s.value for s in ActionStatus.closed()]


def review_archive(*, review: Review, actor: User | None, on: date | None) -> Review:
    """Archive a review (on a day) so it leaves every list but the plan managers', or bring it back (None)."""
    with transaction.atomic():
        before = review.archived_on
        review.archived_on = on
        review.full_clean()
        review.save(update_fields=["archived_on"])
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="archived" if on else "brought back from the archive",
            target=review,
            changes={"archived_on": [before, on]},
            review_id=review.pk,
        )
    return review


def review_delete(*, review: Review, actor: User | None) -> None:
    """Delete a draft that was never approved, with everything in it; the audit trail keeps the record."""
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.plan_approved_on is not None:
            raise ValidationError(
                "This plan has been approved, so it cannot be deleted: archive it instead. "
                "Its history is part of the council's record."
            )
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="deleted",
            target=review,
            changes={"title": [review.title, None]},
        )
        from peerplan.progress.models import UpdateWithdrawal  # progress builds on plans, not the other way

        UpdateWithdrawal.objects.filter(update__action__review=review).delete()
        try:
            review.delete()
        except ProtectedError as error:
            raise ValidationError(
                "This review cannot be deleted because other records point at it (such as issued reports): "
                "archive it instead."
            ) from error
