"""Which reviews a council shows on its public progress page. No row means not published."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from peerplan.plans.models import Review


class Publication(models.Model):
    """A review shown to everyone at /public/<council>/<review>/, as at its last issued committee report."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="publication")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    committee_reports = models.BooleanField(
        default=False,
        help_text="Also offer the committee reports' files as issued; they carry the commentary as it went to "
        "committee, which the page itself never shows.",
    )
    changed_at = models.DateTimeField(null=True, blank=True, help_text="When what the page offers last changed.")

    class Meta:
        ordering = ["review"]

    def __str__(self) -> str:
        return f"{self.review} (published)"
