"""Django admin integration: read-only views of the domain, and audited edits where the admin may write.

Plans change only through services (and so the audit trail); the admin shows them, it does not edit them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .services import audit_record


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Every save and delete made in the admin goes into the audit trail too."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        changes = {name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data if name != "password"}
        audit_record(
            actor=request.user,
            organisation=_organisation_of(obj),
            verb="updated in admin" if change else "created in admin",
            target=obj,
            changes=changes,
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_record(actor=request.user, organisation=_organisation_of(obj), verb="deleted in admin", target=obj)
        super().delete_model(request, obj)


def _organisation_of(obj: Any) -> Any:
    from peerplan.accounts.models import Organisation

    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)
