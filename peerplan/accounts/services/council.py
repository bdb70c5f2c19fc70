"""Writes to a council's own settings: its RAG words and rule, committees and branding. One transaction and one
audit entry each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from peerplan.accounts.enums import RagRule
from peerplan.accounts.models import Committee, Organisation, RagDefinition, User
from peerplan.audit.services import audit_record, diff
from peerplan.shared.versioning import save_versioned


@dataclass(frozen=True)
class RagWording:
    """How the council wants one rating shown."""

    rating: str
    label: str
    meaning: str
    colour: str
    in_use: bool


def rag_vocabulary_update(*, organisation: Organisation, actor: User | None, wordings: Sequence[RagWording]) -> None:
    if not any(w.in_use for w in wordings):
        raise ValidationError("Keep at least one rating in use")
    with transaction.atomic():
        existing = {d.rating: d for d in organisation.rag_definitions.all()}
        changes: dict[str, Any] = {}
        for order, wording in enumerate(wordings):
            definition = existing.get(wording.rating) or RagDefinition(organisation=organisation, rating=wording.rating)
            before = {k: getattr(definition, k, None) for k in ("label", "meaning", "colour", "in_use")}
            after = {
                "label": wording.label,
                "meaning": wording.meaning,
                "colour": wording.colour.lower(),
                "in_use": wording.in_use,
            }
            for key, value in after.items():
                setattr(definition, key, value)
            definition.order = order
            definition.full_clean(validate_unique=False)
            definition.save()
            changes.update({f"{wording.rating} {k}": v for k, v in diff(before, after).items()})
        audit_record(
            actor=actor, organisation=organisation, verb="changed RAG vocabulary", target=organisation, changes=changes
        )


def rag_rule_update(
    *,
    organisation: Organisation,
    actor: User | None,
    version: int,
    rule: RagRule,
    red_max_percent: int,
    amber_max_percent: int,
    red_when_behind_and_overdue: bool,
    amber_days: int,
) -> Organisation:
    """The rule that suggests a rating: manual, percentage thresholds or days of slippage (all of it at once)."""
    fields = {
        "rag_rule": rule,
        "rag_red_max_percent": red_max_percent,
        "rag_amber_max_percent": amber_max_percent,
        "rag_red_when_behind_and_overdue": red_when_behind_and_overdue,
        "rag_amber_days": amber_days,
    }
    with transaction.atomic():
        before = {k: getattr(organisation, k) for k in fields}
        for key, value in fields.items():
            setattr(organisation, key, value)
        if organisation.rag_red_max_percent > organisation.rag_amber_max_percent:
            raise ValidationError(
                {"rag_red_max_percent": "The red threshold must be the same as or lower than the amber threshold"}
            )
        organisation.full_clean()
        save_versioned(organisation, version, "The council's settings")
        audit_record(
            actor=actor,
            organisation=organisation,
            verb="changed RAG rule",
            target=organisation,
            changes=diff(before, fields),
        )
    return organisation


def committee_add(*, organisation: Organisation, actor: User | None, name: str) -> Committee:
    with transaction.atomic():
        name = " ".join(name.split())
        if organisation.committees.filter(name__iexact=name).exists():
            raise ValidationError({"name": f"{name} is already in the list"})
        committee = Committee(organisation=organisation, name=name)
        committee.full_clean()
        committee.save()
        audit_record(actor=actor, organisation=organisation, verb="added committee", target=committee)
    return committee


def committee_remove(*, committee: Committee, actor: User | None) -> None:
    with transaction.atomic():
        audit_record(actor=actor, organisation=committee.organisation, verb="removed committee", target=committee)
        committee.delete()


def branding_update(
    *,
    organisation: Organisation,
    actor: User | None,
    version: int,
    name: str,
    brand_colour: str,
    logo: File[bytes] | None = None,
    remove_logo: bool = False,
) -> Organisation:
    """The council's name, colour and logo; the logo was read and re-encoded by the form (accounts.logos)."""
    with transaction.atomic():
        before = {"name": organisation.name, "brand_colour": organisation.brand_colour, "logo": organisation.logo.name}
        organisation.name = " ".join(name.split())
        organisation.brand_colour = brand_colour.lower()
        if logo is not None:
            organisation.logo.save(logo.name or "logo.png", logo, save=False)  # a name logos.logo_read chose
        elif remove_logo:
            organisation.logo = ""
        organisation.full_clean()
        save_versioned(organisation, version, "The council's settings")
        after = {"name": organisation.name, "brand_colour": organisation.brand_colour, "logo": organisation.logo.name}
        audit_record(
            actor=actor,
            organisation=organisation,
            verb="changed branding",
            target=organisation,
            changes=diff(before, after),
        )
    return organisation
