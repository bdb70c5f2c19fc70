"""Writes behind the organisation settings pages: RAG vocabulary and rule, committees, branding, people.

One transaction and one audit entry each; a council always keeps at least one administrator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from peerplan.audit.services import audit_record, diff
from peerplan.shared.errors import EditConflictError

from .enums import Role
from .models import Committee, Membership, Organisation, RagDefinition, User
from .people_file import PersonRow


@dataclass(frozen=True)
class RagWording:
    """How the council wants one rating shown."""

    rating: str
    label: str
    meaning: str
    colour: str
    in_use: bool


def rag_vocabulary_update(*, organisation: Organisation, actor: Any, wordings: Sequence[RagWording]) -> None:
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


def rag_rule_update(*, organisation: Organisation, actor: Any, version: int, **fields: Any) -> Organisation:
    """The rule that suggests a rating: manual, percentage thresholds or days of slippage."""
    with transaction.atomic():
        before = {k: getattr(organisation, k) for k in fields}
        for key, value in fields.items():
            setattr(organisation, key, value)
        if organisation.rag_red_max_percent > organisation.rag_amber_max_percent:
            raise ValidationError(
                {"rag_red_max_percent": "The red threshold must be the same as or lower than the amber threshold"}
            )
        organisation.full_clean()
        _save_organisation(organisation, version)
        audit_record(
            actor=actor,
            organisation=organisation,
            verb="changed RAG rule",
            target=organisation,
            changes=diff(before, fields),
        )
    return organisation


def _save_organisation(organisation: Organisation, version: int) -> None:
    from django.db.models import F

    fields = {
        f.attname: getattr(organisation, f.attname) for f in Organisation._meta.concrete_fields if not f.primary_key
    }
    fields["version"] = F("version") + 1
    if not Organisation.objects.filter(pk=organisation.pk, version=version).update(**fields):
        raise EditConflictError("The council's settings")
    organisation.version = version + 1


def committee_add(*, organisation: Organisation, actor: Any, name: str) -> Committee:
    with transaction.atomic():
        name = " ".join(name.split())
        if organisation.committees.filter(name__iexact=name).exists():
            raise ValidationError({"name": f"{name} is already in the list"})
        committee = Committee(organisation=organisation, name=name)
        committee.full_clean()
        committee.save()
        audit_record(actor=actor, organisation=organisation, verb="added committee", target=committee)
    return committee


def committee_remove(*, committee: Committee, actor: Any) -> None:
    with transaction.atomic():
        audit_record(actor=actor, organisation=committee.organisation, verb="removed committee", target=committee)
        committee.delete()


def branding_update(
    *,
    organisation: Organisation,
    actor: Any,
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
        _save_organisation(organisation, version)
        after = {"name": organisation.name, "brand_colour": organisation.brand_colour, "logo": organisation.logo.name}
        audit_record(
            actor=actor,
            organisation=organisation,
            verb="changed branding",
            target=organisation,
            changes=diff(before, after),
        )
    return organisation


def _administrators(organisation: Organisation) -> int:
    return organisation.memberships.filter(role=Role.ADMINISTRATOR, user__is_active=True).count()


def _keep_an_administrator(membership: Membership, new_role: str | None) -> None:
    losing_one = membership.role == Role.ADMINISTRATOR and new_role != Role.ADMINISTRATOR
    if losing_one and _administrators(membership.organisation) <= 1:
        raise ValidationError(
            f"{membership.user} is the council's only administrator. Make someone else an administrator first."
        )


def membership_add(
    *, organisation: Organisation, actor: Any, email: str, full_name: str, role: str, job_title: str = ""
) -> Membership:
    """Give a person a role; someone new gets an account without a password and an invitation to set one."""
    from .invitations import invitation_send

    with transaction.atomic():
        email = email.strip().lower()
        user = User.objects.filter(email=email).first()
        new = user is None
        if user is None:
            if not full_name.strip():
                raise ValidationError({"full_name": "Enter the person’s full name"})
            user = User.objects.create_user(
                email, None, full_name=" ".join(full_name.split()), job_title=" ".join(job_title.split())
            )
        elif organisation.memberships.filter(user=user).exists():
            raise ValidationError({"email": f"{user} already has a role at {organisation}"})
        membership = Membership(user=user, organisation=organisation, role=role)
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            organisation=organisation,
            verb="gave a role",
            target=membership,
            changes={"role": [None, role]},
        )
        if new or (user.accepted_at is None and not user.has_usable_password() and user.is_active):
            invitation_send(user=user, organisation=organisation, actor=actor)
    return membership


def person_deactivate(*, membership: Membership, actor: Any) -> User:
    """Switch a person's account off: they can no longer sign in or be emailed; their history stays."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        user = membership.user
        if user.pk == getattr(actor, "pk", None):
            raise ValidationError("You cannot deactivate yourself")
        elsewhere = user.memberships.exclude(organisation=membership.organisation).count()
        if elsewhere:
            raise ValidationError(
                f"{user} also has a role at another council, so their account stays on. Remove their role here instead."
            )
        _keep_an_administrator(membership, None)
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            organisation=membership.organisation,
            verb="deactivated",
            target=user,
            changes={"is_active": [True, False]},
        )
    return user


def person_reactivate(*, membership: Membership, actor: Any) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=membership.user_id)
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            organisation=membership.organisation,
            verb="reactivated",
            target=user,
            changes={"is_active": [False, True]},
        )
    return user


def membership_role_change(*, membership: Membership, actor: Any, role: str) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _keep_an_administrator(membership, role)
        before = membership.role
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor,
            organisation=membership.organisation,
            verb="changed role",
            target=membership,
            changes={"role": [before, role]},
        )
    return membership


def membership_remove(*, membership: Membership, actor: Any) -> None:
    """Take away a person's role at the council; their account and their history stay."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _keep_an_administrator(membership, None)
        audit_record(
            actor=actor,
            organisation=membership.organisation,
            verb="removed role",
            target=membership,
            changes={"role": [membership.role, None]},
        )
        membership.delete()


def person_line_manager_set(*, membership: Membership, actor: Any, line_manager: User | None) -> User:
    """Name who is told when the person's updates are long overdue; someone at the same council, not themselves."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=membership.user_id)
        if line_manager is not None and (
            line_manager.pk == user.pk or not membership.organisation.memberships.filter(user=line_manager).exists()
        ):
            raise ValidationError({"line_manager": "Choose someone else at the council as line manager"})
        before = user.line_manager
        user.line_manager = line_manager
        user.full_clean(exclude=["password"])
        user.save(update_fields=["line_manager"])
        audit_record(
            actor=actor,
            organisation=membership.organisation,
            verb="changed line manager",
            target=user,
            changes=diff({"line_manager": before}, {"line_manager": line_manager}),
        )
    return user


def people_already_here(*, organisation: Organisation, rows: Sequence[PersonRow]) -> list[str]:
    """Problems with rows naming people who already have a role at the council (for the preview)."""
    emails = {r.email for r in rows}
    here = set(organisation.memberships.filter(user__email__in=emails).values_list("user__email", flat=True))
    return [f"Row {r.row}: {r.email} already has a role at {organisation}" for r in rows if r.email in here]


def people_add_many(*, organisation: Organisation, actor: Any, rows: Sequence[PersonRow]) -> list[Membership]:
    """Add everyone in the list, each invited as membership_add does; all or nothing."""
    with transaction.atomic():
        problems = people_already_here(organisation=organisation, rows=rows)
        if problems:
            raise ValidationError(problems)
        return [
            membership_add(
                organisation=organisation,
                actor=actor,
                email=row.email,
                full_name=row.name,
                role=row.role,
                job_title=row.job_title,
            )
            for row in rows
        ]
