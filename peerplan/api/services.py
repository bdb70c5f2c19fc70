"""Making, revoking and using API tokens. One transaction each, audited; the secret is never stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.accounts.models import Organisation, User
from peerplan.audit.services import audit_record

from .models import ApiToken, TokenAccess

TOKEN_START = "pp_"  # noqa: S105 - a recognisable start for tokens (secret scanners), not a secret
MAX_LIFETIME = timedelta(days=366)
USE_AUDIT_INTERVAL = timedelta(minutes=1)  # one "used" entry per token per minute keeps busy scripts cheap


def token_digest(token: str) -> str:
    """Tokens are 256 random bits, so a plain SHA-256 is enough (no password-style stretching needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(
    *,
    user: Any,
    organisation: Organisation,
    name: str,
    access: str,
    expires_at: datetime,
    actor: User | None,
    at: datetime,
) -> tuple[ApiToken, str]:
    """The token and its secret, which the caller shows once; the database keeps only its digest."""
    if expires_at <= at:
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    if expires_at - at > MAX_LIFETIME:
        raise ValidationError({"expires_at": "A token can last a year at most."})
    secret = TOKEN_START + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(
            user=user,
            organisation=organisation,
            name=name.strip(),
            prefix=secret[:10],
            digest=token_digest(secret),
            access=TokenAccess(access).value,
            expires_at=expires_at,
            created_at=at,
            created_by=actor,
        )
        token.full_clean()
        token.save()
        audit_record(
            actor=actor,
            organisation=organisation,
            verb="created an API token",
            target=token,
            changes={"for": [None, str(user)], "access": [None, token.access], "expires": [None, str(expires_at)]},
        )
    return token, secret


def api_token_revoke(*, token: ApiToken, actor: User | None, at: datetime) -> ApiToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = at
            token.revoked_by = actor
            token.save(update_fields=["revoked_at", "revoked_by"])
            audit_record(actor=actor, organisation=token.organisation, verb="revoked an API token", target=token)
    return token


def api_token_used(*, token: ApiToken, at: datetime, method: str, path: str) -> None:
    """Record a use: last_used_at and an audit entry, at most once a minute per token (see USE_AUDIT_INTERVAL)."""
    if token.last_used_at is not None and at - token.last_used_at < USE_AUDIT_INTERVAL:
        return
    with transaction.atomic():
        token.last_used_at = at
        token.save(update_fields=["last_used_at"])
        audit_record(
            actor=token.user,
            organisation=token.organisation,
            verb="used an API token",
            target=token,
            changes={"request": [None, f"{method} {path}"[:300]]},
        )
