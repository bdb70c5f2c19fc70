"""Issued committee reports, the files rendered for them, and each council's defaults for the cover.

A report keeps its snapshot and cover as JSON and its files as bytes, so it downloads exactly as issued.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from peerplan.accounts.models import Committee, Organisation
from peerplan.plans.models import Review
from peerplan.progress.models import ReportingPeriod

from .cover import DEFAULT_ALTERNATIVE_OPTIONS, DEFAULT_CONSULTATION, DEFAULT_REASONS
from .enums import ReportKind, ReportState
from .sections import (
    DEFAULT_SECTIONS,
    STANDARD_IMPLICATIONS,
    ImplicationsAs,
    implications_check,
    section_titles_check,
    sections_check,
)


def default_sections() -> list[str]:
    return list(DEFAULT_SECTIONS)


def default_implications() -> list[dict[str, object]]:
    return [{"key": i.key, "title": i.title, "text": i.text, "on": True} for i in STANDARD_IMPLICATIONS]


class ReportQuerySet(models.QuerySet["Report"]):
    def for_review(self, review: Review) -> ReportQuerySet:
        return self.filter(review=review).order_by("-as_of", "-created_at", "-id")


class Report(models.Model):
    """A committee report as issued: the plan frozen at `as_of`, the cover as written, the chosen layout."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=30, choices=ReportKind.choices, default=ReportKind.PROGRESS)
    as_of = models.DateField(help_text="The plan is shown as it stood at the end of this day.")
    period = models.ForeignKey(
        ReportingPeriod, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    committee = models.ForeignKey(Committee, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    meeting_date = models.DateField(null=True, blank=True)
    layout = models.CharField(max_length=40, help_text="How the appendix table is laid out: objectives, ref-details …")
    title = models.CharField(max_length=300)
    cover = models.JSONField(default=dict, help_text="The cover report's texts as issued.")
    snapshot = models.JSONField(help_text="The plan as at `as_of` (peerplan.snapshot/1).")
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The report 'changes since the last report' compares with.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=20,
        choices=ReportState.choices,
        default=ReportState.ISSUED,
        help_text="The files are made by the background worker after the report is issued.",
    )
    formats = models.JSONField(default=list, blank=True, help_text="The formats asked for, in order.")
    error = models.TextField(blank=True, help_text="Why making the files failed, in words.")

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["review", "-as_of", "-created_at"]
        indexes = [models.Index(fields=["review", "as_of"])]

    def __str__(self) -> str:
        return self.title


class ReportFile(models.Model):
    """One format of a report, rendered once when the report was issued."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=10)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["report", "format"]
        constraints = [models.UniqueConstraint(fields=["report", "format"], name="report_file_one_per_format")]

    def __str__(self) -> str:
        return self.filename


class ReportDefaults(models.Model):
    """A council's usual wording for the cover report; each report starts from these and may change them."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="report_defaults")
    report_of = models.CharField(max_length=300, blank=True, help_text="e.g. Cabinet Member for Resources.")
    contact_officer = models.CharField(max_length=300, blank=True, help_text="Name and job title.")
    contact_details = models.CharField(max_length=300, blank=True, help_text="Email and telephone.")
    wards_affected = models.CharField(max_length=200, default="All")
    key_decision = models.CharField(max_length=20, default="No")
    budget_policy_framework = models.CharField(
        max_length=200, blank=True, help_text="Whether the decision is within the budget and policy framework."
    )
    recommendation_wording = models.CharField(
        max_length=200, default="note the progress", help_text="What members are asked to do: 'note the progress'."
    )
    recommendations = models.TextField(
        blank=True,
        help_text="The recommendations to members in full, one paragraph each; empty for the sentence made from"
        " what members are asked to do.",
    )
    alternative_options = models.TextField(default=DEFAULT_ALTERNATIVE_OPTIONS)
    reasons = models.TextField(default=DEFAULT_REASONS, help_text="Reasons for the recommendations.")
    consultation = models.TextField(default=DEFAULT_CONSULTATION)
    implications = models.JSONField(
        default=default_implications,
        blank=True,
        help_text="The implications in order, each {key, title, text, on}; one not on is switched off.",
    )
    implications_as = models.CharField(
        max_length=20, choices=ImplicationsAs.choices, default=ImplicationsAs.SUBSECTIONS
    )
    background_papers = models.TextField(default="None.")
    sections = models.JSONField(
        default=default_sections,
        help_text="The cover report's sections in order; one left out is switched off.",
    )
    section_titles = models.JSONField(
        default=dict, blank=True, help_text="The council's own title per section key; none for the standard title."
    )
    section_notes = models.JSONField(
        default=dict, blank=True, help_text="An opening paragraph per section key, for every report."
    )

    class Meta:
        verbose_name_plural = "report defaults"

    def __str__(self) -> str:
        return f"Report defaults for {self.organisation}"

    def clean(self) -> None:
        errors = {}
        checks = (
            ("sections", lambda: sections_check(list(self.sections or []))),
            ("section_titles", lambda: section_titles_check(self.section_titles or {})),
            ("implications", lambda: implications_check(list(self.implications or []))),
        )
        for name, check in checks:
            try:
                check()
            except ValueError as error:
                errors[name] = str(error)
        if errors:
            raise ValidationError(errors)
