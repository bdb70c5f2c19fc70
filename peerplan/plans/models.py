"""The plan: a review, its recommendations and the tree of actions that answer them, with owners.

Models are declarative; writes go through services.py, reads through the querysets below.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

from peerplan.accounts.models import Organisation
from peerplan.shared.dates import long_date
from peerplan.shared.rag import Rag

from . import limits
from .clock import ClockEntry, ClockMilestone, cpc_clock
from .enums import ActionStatus, OwnerKind, RecommendationKind, Response, ReviewKind, ThemeSet
from .figures import is_overdue, overdue_q

if TYPE_CHECKING:
    from peerplan.accounts.models import User

MAX_ACTION_DEPTH = 3


class ReviewQuerySet(models.QuerySet["Review"]):
    def for_organisation(self, organisation: Organisation) -> ReviewQuerySet:
        return self.filter(organisation=organisation)


class Review(models.Model):
    """A peer challenge, audit, inspection or scrutiny review that left recommendations."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=40, choices=ReviewKind.choices, default=ReviewKind.CORPORATE_PEER_CHALLENGE)
    title = models.CharField(max_length=300)
    visit_start = models.DateField(null=True, blank=True)
    visit_end = models.DateField(null=True, blank=True, help_text="The CPC clock counts from this day.")
    feedback_report_date = models.DateField(null=True, blank=True)
    plan_approved_on = models.DateField(
        null=True, blank=True, help_text="Once approved, recommendation wording is locked."
    )
    plan_approved_by = models.CharField(
        max_length=200, blank=True, help_text="The meeting that approved the plan: Cabinet, 10 February 2026."
    )
    closed_on = models.DateField(null=True, blank=True)
    archived_on = models.DateField(
        null=True, blank=True, help_text="Archived drafts and test reviews leave every list but the plan managers'."
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-visit_end", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visit_start__isnull=True)
                | models.Q(visit_end__isnull=True)
                | models.Q(visit_start__lte=models.F("visit_end")),
                name="review_visit_start_before_end",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        visit = self.visit_end or self.visit_start
        if self.feedback_report_date and visit and self.feedback_report_date < visit:
            raise ValidationError(
                {
                    "feedback_report_date": "The date of the feedback report must be on or after the last day "
                    f"of the visit, {long_date(visit)}"
                }
            )
        if self.plan_approved_on and visit and self.plan_approved_on < visit:
            raise ValidationError(
                {"plan_approved_on": f"The plan cannot be approved before the visit ended, on {long_date(visit)}"}
            )

    @property
    def review_kind(self) -> ReviewKind:
        return ReviewKind(self.kind)

    @property
    def is_approved(self) -> bool:
        return self.plan_approved_on is not None

    def clock(self, *, at: date) -> list[ClockEntry]:
        """The CPC clock as of `at`; empty for reviews that are not peer challenges or have no visit."""
        if not self.review_kind.is_peer_challenge or self.visit_end is None:
            return []
        met = {m.milestone: m.met_on for m in self.milestones_met.all()}
        return cpc_clock(self.visit_end, met, at=at)


class Theme(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=300)
    source = models.CharField(max_length=20, choices=ThemeSet.choices, default=ThemeSet.CPC_2023)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["review", "order"]
        constraints = [models.UniqueConstraint(fields=["review", "name"], name="theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class PeerTeamMember(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="peer_team")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=300, blank=True)
    organisation = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["review", "order"]

    def __str__(self) -> str:
        return self.name


class MilestoneMet(models.Model):
    """The day the council met one of the CPC clock's milestones."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="milestones_met")
    milestone = models.CharField(max_length=40, choices=ClockMilestone.choices)
    met_on = models.DateField()

    class Meta:
        ordering = ["review", "met_on"]
        constraints = [models.UniqueConstraint(fields=["review", "milestone"], name="milestone_met_once")]

    def __str__(self) -> str:
        return f"{self.get_milestone_display()}: {self.met_on}"


class Owner(models.Model):
    """Who is responsible: a named person, an officer role or a body such as Management Board."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="owners")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=OwnerKind.choices, default=OwnerKind.ROLE)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owner_records",
        help_text="The person who signs in as this owner (for people and roles they hold).",
    )

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="owner_unique_name")]

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    ref = models.CharField(max_length=20, blank=True, help_text="As written: 1, R3, KR2.")
    kind = models.CharField(
        max_length=20, choices=RecommendationKind.choices, default=RecommendationKind.RECOMMENDATION
    )
    text = models.TextField(help_text="Exactly as the peers wrote it.", validators=[limits.long_text])
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=200, blank=True, help_text="Where in the report: page 8, para 3.")
    section = models.CharField(max_length=300, blank=True)
    response = models.CharField(max_length=20, choices=Response.choices, blank=True)
    response_reason = models.TextField(blank=True, validators=[limits.long_text])
    owners: models.ManyToManyField[Owner, RecommendationOwner] = models.ManyToManyField(
        Owner, through="RecommendationOwner", related_name="recommendations"
    )
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["review", "order"]
        indexes = [models.Index(fields=["review", "order"])]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:60]}".strip()

    @property
    def is_key(self) -> bool:
        return self.kind == RecommendationKind.KEY


class RecommendationOwner(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE)
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "owner"], name="recommendation_owner_unique")]

    def __str__(self) -> str:
        return f"{self.owner} owns recommendation {self.recommendation_id}"


class WordingCorrection(models.Model):
    """A correction to a recommendation's wording after the plan was approved, with its reason."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="corrections")
    old_text = models.TextField(validators=[limits.long_text])
    new_text = models.TextField(validators=[limits.long_text])
    reason = models.TextField(validators=[limits.reason])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "at"]

    def __str__(self) -> str:
        return f"Correction to {self.recommendation.ref} at {self.at:%Y-%m-%d}"


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.exclude(status__in=ActionStatus.closed())

    def overdue(self, *, at: date) -> ActionQuerySet:
        """Open actions whose (revised) due date has passed (the rule is `figures.overdue_q`)."""
        return self.filter(overdue_q(at=at))

    def due_within(self, *, at: date, days: int = 30) -> ActionQuerySet:
        return self.open().filter(due_date__gte=at, due_date__lte=at + timedelta(days=days))

    def owned_by(self, user: User) -> ActionQuerySet:
        """Actions the person owns, as an owner or as lead officer."""
        # Subqueries on indexed keys, not an OR across joins: that would scan the whole council's actions.
        mine = Owner.objects.filter(user=user).values("pk")
        linked = ActionOwner.objects.filter(owner__in=mine).values("action_id")
        return self.filter(models.Q(pk__in=linked) | models.Q(lead_officer__in=mine))

    def in_plan_order(self) -> ActionQuerySet:
        return self.order_by("recommendation__order", "sort_key")


class Action(models.Model):
    """One step of the plan: objectives at depth 1, their lettered steps below (depth ≤ 3)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    depth = models.PositiveSmallIntegerField(default=1, validators=[MaxValueValidator(MAX_ACTION_DEPTH)])
    sort_key = models.CharField(
        max_length=40, help_text="Position in the recommendation's tree: 0003.0001 for the first step of the third."
    )
    ref = models.CharField(max_length=20, blank=True)
    text = models.TextField(validators=[limits.long_text])
    owners: models.ManyToManyField[Owner, ActionOwner] = models.ManyToManyField(
        Owner, through="ActionOwner", related_name="actions"
    )
    lead_officer = models.ForeignKey(Owner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lead_member = models.ForeignKey(Owner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    timescale = models.CharField(max_length=500, blank=True, help_text="Exactly as written in the plan.")
    timescale_kind = models.CharField(max_length=20, blank=True)
    start_date = models.DateField(null=True, blank=True)
    original_due = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True, help_text="The latest revised due date, else the original.")
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, blank=True, help_text="Blank when the plan does not say."
    )
    rag = models.CharField(max_length=20, choices=Rag.choices, blank=True)
    rag_reason = models.TextField(blank=True, validators=[limits.reason])
    rag_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rag_set_on = models.DateField(null=True, blank=True)
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(100)])
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save: stops lost updates.")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["recommendation", "sort_key"]
        indexes = [
            models.Index(fields=["review", "status", "due_date"]),
            models.Index(fields=["recommendation", "sort_key"]),
            models.Index(fields=["due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(depth__gte=1) & models.Q(depth__lte=MAX_ACTION_DEPTH), name="action_depth_range"
            ),
            models.CheckConstraint(
                condition=models.Q(percent_complete__isnull=True) | models.Q(percent_complete__lte=100),
                name="action_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:60]}".strip()

    def clean(self) -> None:
        if self.parent_id is not None and self.parent is not None:
            if self.parent.recommendation_id != self.recommendation_id:
                raise ValidationError({"parent": "A step must sit under an action of the same recommendation."})
            if self.parent.depth >= MAX_ACTION_DEPTH:
                raise ValidationError({"parent": f"Actions can be nested at most {MAX_ACTION_DEPTH} levels deep."})

    @property
    def status_enum(self) -> ActionStatus:
        """The status, reading "not stated" as not started."""
        return ActionStatus(self.status or ActionStatus.NOT_STARTED)

    @property
    def rag_enum(self) -> Rag | None:
        return Rag(self.rag) if self.rag else None

    def is_overdue(self, *, at: date) -> bool:
        return is_overdue(due=self.due_date, status=self.status, at=at)


class ActionOwner(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE)
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["action", "owner"], name="action_owner_unique")]

    def __str__(self) -> str:
        return f"{self.owner} owns action {self.action_id}"


class RevisionState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class DueDateRevision(models.Model):
    """A later due date for an action, asked for with a reason; it counts once approved."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="revisions")
    previous_due = models.DateField(null=True, blank=True)
    new_due = models.DateField(help_text="The due date asked for; once approved, the one approved.")
    requested_due = models.DateField(
        null=True, blank=True, help_text="What was asked for, when the plan manager approved a different date."
    )
    reason = models.TextField(validators=[limits.reason])
    state = models.CharField(max_length=10, choices=RevisionState.choices, default=RevisionState.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.TextField(blank=True, validators=[limits.reason])

    class Meta:
        ordering = ["action", "requested_on", "id"]
        indexes = [models.Index(fields=["state"])]

    def __str__(self) -> str:
        return f"{self.action.ref}: {self.previous_due} → {self.new_due} ({self.get_state_display()})"
