"""The audit trail: who changed what, when, and from what to what. Written only by services."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from peerplan.accounts.models import Organisation


class AuditEntry(models.Model):
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=200, help_text="Kept as it was, even if the person is removed.")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    verb = models.CharField(max_length=60, help_text="What happened: created, updated, approved …")
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    target_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True, help_text="Field → [before, after].")
    review_id = models.BigIntegerField(null=True, blank=True, help_text="The review the change belongs to, if any.")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["review_id", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.verb} {self.target_type} {self.target_repr}"
