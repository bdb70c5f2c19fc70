"""Progress on the plan: reporting periods and the append-only history of updates per action.

An update is never edited or deleted; a correction is a new update that points at the one it corrects.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from peerplan.plans import limits
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, Review
from peerplan.shared.rag import Rag

from . import evidence


class ReportingPeriodQuerySet(models.QuerySet["ReportingPeriod"]):
    def current(self, *, at: date) -> ReportingPeriod | None:
        """The period containing `at`, else the latest that ended before it."""
        return self.filter(start__lte=at, end__gte=at).first() or self.filter(end__lt=at).order_by("-end").first()


class ReportingPeriod(models.Model):
    """A quarter or half-year the plan is reported on, e.g. Q3 2025/26."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reporting_periods")
    name = models.CharField(max_length=100)
    start = models.DateField()
    end = models.DateField()
    updates_due = models.DateField(null=True, blank=True, help_text="When lead officers' updates are due.")
    opened_on = models.DateField(null=True, blank=True, help_text="When updates were asked for.")

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["review", "start"]
        constraints = [
            models.UniqueConstraint(fields=["review", "name"], name="reporting_period_unique_name"),
            models.CheckConstraint(condition=models.Q(start__lte=models.F("end")), name="reporting_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.name


class ProgressUpdateQuerySet(models.QuerySet["ProgressUpdate"]):
    def as_of(self, at: date) -> ProgressUpdateQuerySet:
        return self.filter(date__lte=at)


class LiveUpdateManager(models.Manager["ProgressUpdate"]):
    def get_queryset(self) -> ProgressUpdateQuerySet:
        return ProgressUpdateQuerySet(self.model, using=self._db).filter(withdrawal__isnull=True)

    def as_of(self, at: date) -> ProgressUpdateQuerySet:
        return self.get_queryset().as_of(at)


class ProgressUpdate(models.Model):
    """One entry in an action's history: what the lead officer said, as of a date."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(
        ReportingPeriod, null=True, blank=True, on_delete=models.SET_NULL, related_name="updates"
    )
    date = models.DateField(help_text="The day the update speaks for.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True, help_text="As recorded, for imported history.")
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    rag = models.CharField(max_length=20, choices=Rag.choices, blank=True)
    rag_reason = models.TextField(blank=True, validators=[limits.reason])
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(100)])
    commentary = models.TextField(blank=True, validators=[limits.long_text])
    public_summary = models.TextField(
        blank=True,
        help_text="What the council's public progress page says about this update; the commentary stays internal.",
    )
    evidence = models.JSONField(default=list, blank=True, help_text="Links or document references.")
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    before = models.JSONField(
        default=dict, blank=True, help_text="The action's position before this update, to restore if it is withdrawn."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LiveUpdateManager()  # the updates that count: withdrawn ones left out, everywhere
    history = ProgressUpdateQuerySet.as_manager()  # every update ever posted, withdrawn ones included

    class Meta:
        ordering = ["action", "date", "id"]
        indexes = [
            models.Index(fields=["action", "date"]),
            models.Index(fields=["period", "action"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_complete__isnull=True) | models.Q(percent_complete__lte=100),
                name="update_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.ref} {self.date}: {self.get_status_display()}"

    @property
    def author_display(self) -> str:
        return str(self.author) if self.author else self.author_name


class UpdateWithdrawal(models.Model):
    """A mistaken update withdrawn with a reason. The update stays in the history, marked; it no longer counts."""

    # Updates are never deleted one by one (the history is append-only); a withdrawal goes only with its
    # whole council or review.
    update = models.OneToOneField(ProgressUpdate, on_delete=models.CASCADE, related_name="withdrawal")
    reason = models.TextField(validators=[limits.reason])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Withdrawal of the update of {self.update.date} on action {self.update.action.ref}"


class EvidenceFile(models.Model):
    """A document attached to an update as evidence, stored under a server-chosen name (progress/evidence.py)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=evidence.stored_name, max_length=200)
    name = models.CharField(max_length=200, help_text="The file's name as uploaded: shown, never used as a path.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["update", "id"]

    def __str__(self) -> str:
        return self.name
