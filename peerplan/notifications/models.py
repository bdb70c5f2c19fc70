"""Every email peerplan sends, each council's rules for chasing updates, and what the schedule has done.

The email log is the record of who was told what, when and why; the chase marks stop a reminder going twice.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from peerplan.accounts.models import Organisation
from peerplan.plans.models import Action, Review
from peerplan.progress.models import ReportingPeriod


class EmailKind(models.TextChoices):
    INVITATION = "invitation", "Invitation"
    PASSWORD_RESET = "password-reset", "Password reset"
    UPDATE_REQUEST = "update-request", "Request for updates"
    REMINDER = "reminder", "Reminder"
    ESCALATION = "escalation", "Escalation"
    MANAGER_DIGEST = "manager-digest", "Plan manager’s digest"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"

    @property
    def tag_colour(self) -> str:
        return {"queued": "grey", "sent": "green", "failed": "red"}[self.value]


class EmailLog(models.Model):
    """One email to one person: what, why, about which actions, and whether the mail server took it."""

    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    to = models.EmailField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    reason = models.CharField(max_length=500, help_text="Why it was sent, in words.")
    subject = models.CharField(max_length=300)
    body = models.TextField(help_text="Kept so a failed email can be sent again; never shown (it may hold a link).")
    period = models.ForeignKey(ReportingPeriod, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actions = models.ManyToManyField(Action, blank=True, related_name="emails")
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to}"

    @property
    def status_enum(self) -> EmailStatus:
        return EmailStatus(self.status)


def _days_list(value: str) -> None:
    try:
        days = [int(part) for part in value.replace(" ", "").split(",") if part]
    except ValueError:
        raise ValidationError("Enter whole numbers of days separated by commas, for example 14, 3") from None
    if any(day < 1 or day > 90 for day in days):
        raise ValidationError("Each number of days must be between 1 and 90")


class ChaseSettings(models.Model):
    """A council's rules for chasing lead officers; the defaults are what councils usually do."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="chase_settings")
    enabled = models.BooleanField(default=True, help_text="Send reminders on the schedule.")
    days_before = models.CharField(
        max_length=50, default="14, 3", validators=[_days_list], help_text="Days before updates are due."
    )
    on_deadline = models.BooleanField(default=True, help_text="Remind on the day updates are due.")
    every_days = models.PositiveSmallIntegerField(
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="While an update is late, remind every this many days.",
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Tell the line manager and the plan manager when an update is this many days late.",
    )
    overdue_actions = models.BooleanField(default=True, help_text="Remind when an action passes its due date.")

    def __str__(self) -> str:
        return f"Chasing rules of {self.organisation}"

    @property
    def days_before_list(self) -> list[int]:
        return sorted({int(part) for part in self.days_before.replace(" ", "").split(",") if part}, reverse=True)


class ChaseMark(models.Model):
    """One reminder, escalation or notice that has gone: the same key is never sent twice."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    on = models.DateField()
    email = models.ForeignKey(EmailLog, on_delete=models.CASCADE, related_name="marks")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="chase_mark_unique_key")]

    def __str__(self) -> str:
        return self.key


class ChaseRun(models.Model):
    """A committed run of `peerplan chase`: when, for which day, and how many emails it queued."""

    on = models.DateField()
    ran_at = models.DateTimeField(default=timezone.now)
    emails = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"Chase for {self.on}"


class CalendarFeed(models.Model):
    """A secret address for a calendar: one person's deadlines, or one review's milestones.

    Only a SHA-256 digest of the token is stored; resetting the link replaces it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "review"], name="calendar_feed_one_per_review"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(review__isnull=True), name="calendar_feed_one_personal"
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar of {self.review or self.user}"
