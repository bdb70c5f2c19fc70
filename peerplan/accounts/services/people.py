"""Writes to the people at a council: add (and invite), change role or line manager, deactivate, remove, add
many from a list. One transaction and one audit entry each; a council always keeps an administrator."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Membership, Organisation, User
from peerplan.accounts.people_file import PersonRow
from peerplan.audit.services import audit_record, diff


def _administrators(organisation: Organisation) -> int:
    return organisation.memberships.filter(role=Role.ADMINISTRATOR, user__is_active=True).count()


def _keep_an_administrator(membership: Membership, new_role: Role | None) -> None:
    losing_one = membership.role == Role.ADMINISTRATOR and new_role != Role.ADMINISTRATOR
    if losing_one and _administrators(membership.organisation) <= 1:
        raise ValidationError(
            f"{membership.user} is the council's only administrator. Make someone else an administrator first."
        )


def membership_add(
    *, organisation: Organisation, actor: User | None, email: str, full_name: str, role: Role, job_title: str = ""
) -> Membership:
    """Give a person a role; someone new gets an account without a password and an invitation to set one."""
    from peerplan.accounts.invitations import invitation_send

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


def person_deactivate(*, membership: Membership, actor: User | None) -> User:
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


def person_reactivate(*, membership: Membership, actor: User | None) -> User:
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


def membership_role_change(*, membership: Membership, actor: User | None, role: Role) -> Membership:
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


def membership_remove(*, membership: Membership, actor: User | None) -> None:
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


def person_line_manager_set(*, membership: Membership, actor: User | None, line_manager: User | None) -> User:
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


def people_add_many(*, organisation: Organisation, actor: User | None, rows: Sequence[PersonRow]) -> list[Membership]:
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
                role=Role(row.role),
                job_title=row.job_title,
            )
            for row in rows
        ]
