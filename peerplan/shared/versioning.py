"""Optimistic locking for every edit form: save only if nobody saved since the version the person opened."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model

from .errors import EditConflictError


def save_versioned(obj: Model, version: int, what: str) -> None:
    """Write every field of `obj` and raise its `version` by one, only if it is still `version`; raise
    EditConflictError ("`what` was changed by someone else …") otherwise. The model needs a `version` field."""
    model = type(obj)
    values: dict[str, Any] = {
        f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key
    }
    values["version"] = F("version") + 1
    if not model._default_manager.filter(pk=obj.pk, version=version).update(**values):
        raise EditConflictError(what)
    obj.version = version + 1  # type: ignore[attr-defined]  # the models saved this way all have `version`
