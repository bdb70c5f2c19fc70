"""API tokens: a person's key for scripts and BI tools, for one council, read-only or read-write, expiring.

Only a SHA-256 digest of the token is stored; the token itself is shown once, when it is made.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models

from peerplan.accounts.models import Organisation


class TokenAccess(models.TextChoices):
    READ = "read", "Read only"
    READ_WRITE = "read-write", "Read and write"

    @property
    def may_write(self) -> bool:
        return self is TokenAccess.READ_WRITE


class ApiToken(models.Model):
    """A bearer token acting as its person, limited to one council and to reading unless read-write."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What it is for, e.g. 'Power BI dashboard'.")
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to tell tokens apart.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the whole token.")
    access = models.CharField(max_length=20, choices=TokenAccess.choices, default=TokenAccess.READ)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "user", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="api_token_expires_after_made"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def may_write(self) -> bool:
        return TokenAccess(self.access).may_write

    def is_live(self, *, at: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > at
