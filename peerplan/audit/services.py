"""Record a change in the audit trail; every service that writes calls this inside its transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models

from .models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [before, after] for the fields whose value changed."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in after
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def audit_record(
    *,
    actor: Any,
    organisation: Any,
    verb: str,
    target: models.Model,
    changes: dict[str, Any] | None = None,
    review_id: int | None = None,
) -> AuditEntry:
    """Write one entry: `actor` may be None for the system (imports run from the command line)."""
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        organisation=organisation,
        actor=actor if is_person else None,
        actor_name=str(actor) if is_person else "System (command line)",
        verb=verb,
        target_type=target._meta.model_name or type(target).__name__.lower(),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        review_id=review_id,
    )
