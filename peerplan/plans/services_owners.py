"""Writes to owners: rename one, or merge two that are the same person, role or body. Audited.

Plans imported from several spreadsheets name one owner several ways ("Head of HR", "HR Manager"):
merging moves every action, recommendation and lead role to the one kept, then removes the other.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.audit.services import audit_record

from .models import Action, ActionOwner, Owner, RecommendationOwner


def owner_rename(*, owner: Owner, actor: Any, name: str) -> Owner:
    with transaction.atomic():
        name = " ".join(name.split())
        before = owner.name
        if not name:
            raise ValidationError({"name": "Enter the owner’s name"})
        clash = Owner.objects.filter(organisation_id=owner.organisation_id, name__iexact=name).exclude(pk=owner.pk)
        if clash.exists():
            raise ValidationError(
                {"name": f"‘{name}’ is already an owner at the council: merge this owner into it instead"}
            )
        owner.name = name
        owner.full_clean()
        owner.save(update_fields=["name"])
        audit_record(
            actor=actor, organisation=owner.organisation, verb="renamed", target=owner, changes={"name": [before, name]}
        )
    return owner


def owner_merge(*, owner: Owner, into: Owner, actor: Any) -> Owner:
    """Move everything `owner` is responsible for to `into`, then remove `owner`."""
    with transaction.atomic():
        if into.pk == owner.pk or into.organisation_id != owner.organisation_id:
            raise ValidationError({"into": "Choose another owner at the same council"})
        moved = {
            "actions": _move_links(ActionOwner, "action_id", owner, into),
            "recommendations": _move_links(RecommendationOwner, "recommendation_id", owner, into),
            "lead officer of": Action.objects.filter(lead_officer=owner).update(lead_officer=into),
            "lead member of": Action.objects.filter(lead_member=owner).update(lead_member=into),
        }
        if into.user_id is None and owner.user_id is not None:
            into.user_id = owner.user_id
            into.save(update_fields=["user"])
        audit_record(
            actor=actor,
            organisation=owner.organisation,
            verb="merged owner",
            target=into,
            changes={"merged": [owner.name, into.name], **{k: [None, v] for k, v in moved.items() if v}},
        )
        owner.delete()
    return into


def _move_links(through: Any, key: str, owner: Owner, into: Owner) -> int:
    """Point `owner`'s links at `into`, dropping those `into` already has (each owner once per item)."""
    links = through.objects.filter(owner=owner)
    already = set(through.objects.filter(owner=into).values_list(key, flat=True))
    links.filter(**{f"{key}__in": already}).delete()
    return int(links.update(owner=into))
