"""The audit trail in the admin: read only, as it must be."""

from django.contrib import admin

from .admin_mixins import ReadOnlyAdmin
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "verb", "target_type", "target_repr"]
    list_filter = ["verb", "target_type"]
    search_fields = ["actor_name", "target_repr"]
