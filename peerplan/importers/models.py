"""A plan file waiting for a person to check and confirm it, with what was read from it.

The file is parsed once, in the background, and the result is kept here so the check page only shows
it; the plan itself (review, recommendations, actions) is created only when the person confirms.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DraftState(models.TextChoices):
    READING = "reading", "Reading the file"
    READY = "ready", "Ready to check"
    FAILED = "failed", "The file could not be read"
    SAVING = "saving", "Saving the plan"
    SAVED = "saved", "Saved"
    SAVE_FAILED = "save-failed", "The plan could not be saved"


class ImportDraft(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    # Heading (or 'column N') → field, as the person set it; row ('table 1, row 4') → how to read it.
    mapping = models.JSONField(default=dict, blank=True)
    marks = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=20, choices=DraftState.choices, default=DraftState.READING)
    progress = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)  # ParseResult.to_json()
    would_create = models.TextField(blank=True)
    review = models.ForeignKey("plans.Review", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import of {self.filename}"
