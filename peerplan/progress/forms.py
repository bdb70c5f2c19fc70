"""Forms for reading and updating progress: the plan's filters, a lead officer's update, a revised due date.

Validation people can fix lives here; the services check the rules again (a change of RAG needs a reason).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from peerplan.accounts.vocabulary import DEFAULT_WORDS, RagWord, rag_words, words_in_use
from peerplan.plans import limits
from peerplan.plans.clock import add_months
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, Review
from peerplan.shared.dates import long_date
from peerplan.ui.forms import GovukDateField, GovukForm, example_date_hint
from peerplan.ui.plain_select import PlainSelect

from . import evidence as evidence_rules
from .selectors import PlanFilters, Show, plan_owners, plan_themes

EVIDENCE_MAX_LINES = 20
REFERENCE_MAX_CHARS = 120
_url = URLValidator(schemes=["http", "https"])


def set_choices(field: forms.Field, choices: Sequence[tuple[Any, str]]) -> None:
    cast(forms.ChoiceField, field).choices = choices


class PlanFilterForm(GovukForm):
    """The plan page's filters, sent by GET so a filtered plan can be bookmarked and shared."""

    # PlainSelect: a council's few hundred owners are written from the list, not a template per option.
    status = forms.ChoiceField(label="Status", required=False, widget=PlainSelect)
    rag = forms.ChoiceField(label="RAG rating", required=False, widget=PlainSelect)
    owner = forms.TypedChoiceField(label="Owner", required=False, coerce=int, empty_value=None, widget=PlainSelect)
    theme = forms.TypedChoiceField(label="Theme", required=False, coerce=int, empty_value=None, widget=PlainSelect)
    show = forms.ChoiceField(label="Show only", required=False, widget=PlainSelect)

    def __init__(self, *args: Any, review: Review, words: Mapping[str, RagWord] = DEFAULT_WORDS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["status"], [("", "Any status"), *ActionStatus.choices])
        self.words = words
        ratings = [(w.rating, w.label) for w in words.values()]
        set_choices(self.fields["rag"], [("", "Any rating"), *ratings, ("none", "Not rated")])
        set_choices(self.fields["owner"], [("", "Anyone"), *plan_owners(review).values_list("pk", "name")])
        themes = list(plan_themes(review).values_list("pk", "name"))
        set_choices(self.fields["theme"], [("", "Any theme"), *themes])
        if not themes:
            del self.fields["theme"]
        set_choices(self.fields["show"], [("", "All actions"), *Show.choices])

    def filters(self) -> PlanFilters:
        if not self.is_valid():
            return PlanFilters()
        data = self.cleaned_data
        return PlanFilters(
            status=data.get("status") or "",
            rag=data.get("rag") or "",
            owner=data.get("owner"),
            theme=data.get("theme"),
            show=data.get("show") or "",
        )


class RatingRadios(forms.RadioSelect):
    """Radios for RAG ratings, each with the council's own meaning as its hint."""

    item_hints: dict[str, str]

    def __init__(self, *args: Any, hints: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_hints = hints or {}


def parse_evidence(text: str) -> list[str]:
    """One link (http or https) or short document reference per line; blank lines ignored."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > EVIDENCE_MAX_LINES:
        raise ValidationError(f"Enter no more than {EVIDENCE_MAX_LINES} pieces of evidence")
    for number, line in enumerate(lines, start=1):
        looks_like_link = "://" in line or line.lower().startswith("www.")
        if looks_like_link:
            try:
                _url(line)
            except ValidationError:
                raise ValidationError(
                    f"Evidence line {number} must be a full web address starting with https:// or http://"
                ) from None
        elif len(line) > REFERENCE_MAX_CHARS:
            raise ValidationError(
                f"Evidence line {number} must be a link or a reference of {REFERENCE_MAX_CHARS} characters or fewer"
            )
    return lines


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); each is checked in the form's clean method."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return super().clean(data, initial)


class ProgressUpdateForm(GovukForm):
    """A lead officer's update on one action; `version` is the action's version when the form was opened."""

    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect)
    rag = forms.ChoiceField(label="RAG rating")
    rag_reason = forms.CharField(
        label="Why has the RAG rating changed?",
        max_length=limits.REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="Needed only when you change the rating. Committee members will read this.",
    )
    percent_complete = forms.IntegerField(
        label="Percentage complete",
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        help_text="A whole number from 0 to 100. Leave blank if it does not apply.",
    )
    commentary = forms.CharField(
        label="Progress update",
        max_length=limits.LONG_TEXT,
        widget=forms.Textarea,
        help_text="What has happened since the last update, and what happens next. Committee members will read this.",
    )
    public_summary = forms.CharField(
        label="Public summary (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="If the council publishes this plan, this is the only text about this update the public will see. "
        "Leave blank to publish no commentary.",
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        max_length=limits.LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": "3", "spellcheck": "false"}),
        help_text="One per line: a web address, or a short reference such as ‘Cabinet minutes, 12 March 2026, item 7’.",
    )
    evidence_files = MultipleFileField(
        label="Attach documents (optional)",
        required=False,
        help_text=f"Up to {evidence_rules.MAX_FILES} files of 10 MB each: {evidence_rules.ACCEPTED}.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    label_sizes = {"status": "m", "rag": "m"}

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "status": action.status or ActionStatus.NOT_STARTED,
                "rag": action.rag,
                "percent_complete": action.percent_complete,
                "version": action.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.action = action
        # Only the ratings the council uses, in its words: a switched-off rating is never offered.
        offered = words_in_use(rag_words(action.review.organisation))
        set_choices(self.fields["status"], ActionStatus.choices)
        set_choices(self.fields["rag"], [(w.rating, w.label) for w in offered])
        hints = {w.rating: w.meaning for w in offered}
        self.fields["rag"].widget = RatingRadios(hints=hints)
        self.fields["rag"].template_name = "ui/forms/radios.html"  # type: ignore[attr-defined]  # Django 5 sets it; stubs lag
        self.fields["rag"].error_messages["required"] = "Select a RAG rating"
        self.fields["status"].error_messages["required"] = "Select a status"
        self.fields["commentary"].error_messages["required"] = "Enter a progress update"

    def clean_evidence_files(self) -> list[Any]:
        uploads = self.files.getlist(self.add_prefix("evidence_files")) if self.files else []
        if len(uploads) > evidence_rules.MAX_FILES:
            raise ValidationError(f"Attach at most {evidence_rules.MAX_FILES} files to one update")
        for upload in uploads:
            if wrong := evidence_rules.problem(upload):
                raise ValidationError(wrong)
        return list(uploads)

    def clean_evidence(self) -> list[str]:
        return parse_evidence(self.cleaned_data.get("evidence") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rag = data.get("rag")
        if rag and rag != self.action.rag and not (data.get("rag_reason") or "").strip():
            self.add_error("rag_reason", "Say why the RAG rating changed")
        return data


class WithdrawUpdateForm(GovukForm):
    """Why a mistaken update is being withdrawn: kept in the history and the audit trail."""

    reason = forms.CharField(
        label="Why are you withdrawing this update?",
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="For example, ‘Posted on the wrong action’. The update stays in the history, marked as withdrawn.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter why you are withdrawing this update"


class RevisionRequestForm(GovukForm):
    """Ask for a later due date, with the reason a plan manager will read."""

    new_due = GovukDateField(label="New due date")
    reason = forms.CharField(
        label="Why does the due date need to change?",
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": "4"}),
        help_text="The plan manager decides; the reason appears in the committee report.",
    )

    label_sizes = {"new_due": "m"}

    def __init__(self, *args: Any, action: Action, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.today = today
        self.fields["reason"].error_messages["required"] = "Enter why the due date needs to change"
        # The example is a date this form accepts: three months after the current due date, or after today.
        self.fields["new_due"].help_text = example_date_hint(add_months(max(action.due_date or today, today), 3))

    def clean_new_due(self) -> date:
        new_due: date = self.cleaned_data["new_due"]
        current = self.action.due_date
        if current is not None and new_due <= current:
            raise ValidationError(f"New due date must be after the current due date, {long_date(current)}")
        if new_due < self.today:
            raise ValidationError("New due date must be today or in the future")
        return new_due
