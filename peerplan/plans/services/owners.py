"""Writes to owners (the people, roles and bodies actions belong to): found or created by name, renamed, or
merged when an imported plan named one owner several ways ("Head of HR", "HR Manager"). Audited."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from peerplan.accounts.models import Organisation, User
from peerplan.audit.services import audit_record
from peerplan.plans.enums import OwnerKind
from peerplan.plans.models import Action, ActionOwner, Owner, Recommendation, RecommendationOwner
from peerplan.plans.owners import guess_kind


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


def _set_owners(
    through: type[ActionOwner] | type[RecommendationOwner], field: str, obj: models.Model, owners: Sequence[Owner]
) -> None:
    """Make `owners` the item's owners, in that order (the rows are replaced)."""
    through._default_manager.filter(**{field: obj}).delete()
    through._default_manager.bulk_create(owner_links(through, field, obj, owners))


def owners_replace(
    through: type[ActionOwner] | type[RecommendationOwner],
    field: str,
    obj: Action | Recommendation,
    owners: Sequence[Owner],
) -> list[list[str]] | None:
    """Make `owners` the item's owners; their names [before, after] for the audit entry, or None if the same."""
    before = [str(o) for o in obj.owners.all()]
    _set_owners(through, field, obj, owners)
    after = [str(o) for o in owners]
    return [before, after] if before != after else None


def owner_rename(*, owner: Owner, actor: User | None, name: str) -> Owner:
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


def owner_merge(*, owner: Owner, into: Owner, actor: User | None) -> Owner:
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
