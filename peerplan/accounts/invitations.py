"""Invitations: a one-time, expiring link to set a password, sent when an administrator adds a person.

The token is signed (SECRET_KEY) and bound to the person's password and invitation time, so it stops working
once a password is set or a newer invitation is sent.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from peerplan.audit.services import audit_record

from .models import Organisation, User

INVITATION_VALID_FOR = timedelta(days=14)
_SALT = "peerplan.accounts.invitation"


def _state(user: User) -> str:
    invited = user.invited_at.isoformat() if user.invited_at else ""
    return hashlib.sha256(f"{user.password}|{invited}|{user.is_active}".encode()).hexdigest()[:32]


def invitation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "s": _state(user)}, salt=_SALT, compress=True)


def invitation_user(token: str) -> User | None:
    """The person the token invites, or None if it is forged, expired, used or replaced by a newer one."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=INVITATION_VALID_FOR)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or user.accepted_at is not None or data.get("s") != _state(user):
        return None
    return user


def invitation_send(*, user: User, organisation: Organisation, actor: User | None) -> None:
    """Email the person a link to set their password (a new link replaces any earlier one)."""
    from peerplan.notifications.mail import email_queue
    from peerplan.notifications.models import EmailKind

    with transaction.atomic():
        if not user.is_active:
            raise ValidationError(f"{user} has been deactivated: reactivate them before inviting them")
        if user.accepted_at is not None:
            raise ValidationError(f"{user} has already set a password: they can sign in")
        user.invited_at = timezone.now()
        user.save(update_fields=["invited_at"])
        link = settings.SITE_URL + reverse("accounts:invitation", args=[invitation_token(user)])
        email_queue(
            to=user.email,
            kind=EmailKind.INVITATION,
            reason=f"Invited to {organisation} by {actor or 'the system'}",
            template="accounts/email/invitation",
            context={
                "user": user,
                "organisation": organisation,
                "inviter": actor,
                "link": link,
                "valid_days": INVITATION_VALID_FOR.days,
            },
            organisation=organisation,
            recipient=user,
        )
        audit_record(actor=actor, organisation=organisation, verb="sent an invitation", target=user)


def invitation_accept(*, user: User, password: str) -> User:
    """Set the invited person's first password; from now on they sign in like everyone else."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.accepted_at = timezone.now()
        user.save(update_fields=["password", "accepted_at"])
        for membership in user.memberships.select_related("organisation"):
            audit_record(actor=user, organisation=membership.organisation, verb="accepted the invitation", target=user)
    return user


def user_mark_accepted(*, user: User) -> None:
    """A person who set a password through "forgotten password" has, in effect, accepted their invitation."""
    User.objects.filter(pk=user.pk, accepted_at__isnull=True).update(accepted_at=timezone.now())
