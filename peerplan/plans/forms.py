"""The plan manager's forms: set up and edit a review, its themes and peer team, recommendations, actions.

Forms validate what a person typed; the services decide what may be saved. Each edit form carries the
`version` the person saw, so a save over someone else's change is refused, not lost.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from django import forms

from peerplan.ui.forms import (
    GovukDateField,
    GovukForm,
    add_service_errors,  # noqa: F401 - re-exported: it lived here before ui.forms
    example_date_hint,
)

from . import limits
from .enums import CPC_THEMES_2018, CPC_THEMES_CURRENT, RecommendationKind, Response, ReviewKind, ThemeSet
from .models import Action, Owner, Recommendation, Review, Theme
from .timescales import Timescale, understand


def lines(text: str) -> list[str]:
    """One entry a line, blank lines and surrounding spaces dropped."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class RecommendationFields(TypedDict):
    """A recommendation as the form gives it to the services (checked against their signatures)."""

    ref: str
    kind: RecommendationKind
    text: str
    theme: Theme | None
    source: str
    section: str
    response: Response | None
    response_reason: str
    owners: list[Owner]
    new_owner_names: list[str]


class ActionFields(TypedDict):
    """An action as the form gives it to the services (checked against their signatures)."""

    ref: str
    text: str
    timescale: str
    owners: list[Owner]
    new_owner_names: list[str]
    lead_officer: Owner | None
    lead_officer_name: str
    lead_member: Owner | None
    lead_member_name: str


class VersionedForm(GovukForm):
    """An edit form: `version` is the version of the record the person opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReviewForm(VersionedForm):
    kind = forms.ChoiceField(label="Kind of review", choices=ReviewKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label="Title",
        max_length=300,
        help_text="As the council will refer to it, for example Corporate Peer Challenge 2025.",
    )
    visit_start = GovukDateField(label="First day of the visit", required=False, help_text="For example, 14 1 2025")
    visit_end = GovukDateField(
        label="Last day of the visit",
        required=False,
        help_text="The LGA's deadlines are counted from this day. For example, 17 1 2025",
    )
    feedback_report_date = GovukDateField(
        label="Date of the feedback report", required=False, help_text="For example, 20 3 2025"
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, end = data.get("visit_start"), data.get("visit_end")
        if start and end and start > end:
            self.add_error("visit_end", "The last day of the visit must be the same as or after the first day")
        return data


_CURRENT = [(name, name) for name in CPC_THEMES_CURRENT]
_OLDER = [(name, name) for name in CPC_THEMES_2018]


class ThemesMixin(forms.Form):
    themes_current = forms.MultipleChoiceField(
        label="Current CPC themes",
        choices=_CURRENT,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The five themes every corporate peer challenge looks at. Select all that apply.",
    )
    themes_2018 = forms.MultipleChoiceField(
        label="Core questions in the older (2018) wording",
        choices=_OLDER,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For a review that used the wording before 2023.",
    )
    local_focus = forms.CharField(
        max_length=limits.REASON,
        label="Local focus areas",
        required=False,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="Anything else the council asked the peers to look at. One a line.",
    )

    def theme_pairs(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            *((name, ThemeSet.CPC_2023.value) for name in data.get("themes_current", [])),
            *((name, ThemeSet.CPC_2018.value) for name in data.get("themes_2018", [])),
            *((name, ThemeSet.LOCAL.value) for name in lines(data.get("local_focus", ""))),
        ]

    @staticmethod
    def initial_for(themes: list[Theme]) -> dict[str, Any]:
        return {
            "themes_current": [
                t.name for t in themes if t.source == ThemeSet.CPC_2023 and t.name in CPC_THEMES_CURRENT
            ],
            "themes_2018": [t.name for t in themes if t.source == ThemeSet.CPC_2018 and t.name in CPC_THEMES_2018],
            "local_focus": "\n".join(
                t.name
                for t in themes
                if t.source == ThemeSet.LOCAL or (t.name not in CPC_THEMES_CURRENT and t.name not in CPC_THEMES_2018)
            ),
        }


class ReviewSetupForm(ThemesMixin, ReviewForm):
    """Set up a review: its facts and its themes (the five current CPC themes are ticked to start with)."""

    label_sizes = {"kind": "m", "themes_current": "m", "themes_2018": "m", "local_focus": "m"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"kind": ReviewKind.CORPORATE_PEER_CHALLENGE, "themes_current": CPC_THEMES_CURRENT}
        )
        super().__init__(*args, **kwargs)
        del self.fields["version"]


class ReviewEditForm(ReviewForm):
    label_sizes = {"kind": "m"}


class ThemesForm(ThemesMixin, GovukForm):
    label_sizes = {"themes_current": "m", "themes_2018": "m", "local_focus": "m"}


class PeerForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200, help_text="For example, Cllr Ruth Pemberton")
    role = forms.CharField(label="Role", max_length=300, required=False, help_text="For example, Leader")
    organisation = forms.CharField(
        label="Council or organisation",
        max_length=300,
        required=False,
        help_text="For example, Northfield District Council",
    )


class MilestoneForm(GovukForm):
    met_on = GovukDateField(label="Date it was met", help_text="For example, 10 4 2025")


# Recommendations and actions ----------------------------------------------------------------------


class OwnerChoices(forms.ModelMultipleChoiceField[Owner]):
    """The council's owners to choose from; one merged or removed while the form was open is named plainly."""

    default_error_messages = {
        "invalid_list": "Choose owners from the list",
        "invalid_choice": "An owner you chose has been merged or removed since you opened this page: choose again",
        "invalid_pk_value": "Choose owners from the list",
    }

    def label_from_instance(self, obj: Owner) -> str:
        return str(obj)


def _owner_fields(form: forms.Form, organisation: Any) -> None:
    owners = Owner.objects.filter(organisation=organisation).order_by("name")
    field = form.fields["owners"]
    field.queryset = owners  # type: ignore[attr-defined]  # django-stubs: fields[...] is a Field; "owners" is a ModelMultipleChoiceField
    # Checkboxes without JavaScript; with it, a type-ahead that adds owners to a list (frontend/js/app.mjs).
    field.widget.attrs["data-app-autocomplete"] = "true"


class RecommendationForm(VersionedForm):
    ref = forms.CharField(
        label="Reference", max_length=20, required=False, help_text="As the report writes it: 1, R3, KR2."
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=RecommendationKind.choices,
        widget=forms.RadioSelect,
        initial=RecommendationKind.RECOMMENDATION,
    )
    text = forms.CharField(
        label="Recommendation",
        max_length=limits.LONG_TEXT,
        widget=forms.Textarea,
        help_text="Word for word, as the peers wrote it.",
    )
    correction_reason = forms.CharField(
        max_length=limits.REASON,
        label="Why the wording is corrected",
        required=False,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="The plan is approved, so a change to the wording is recorded with its reason.",
    )
    theme = forms.ModelChoiceField(label="Theme", queryset=Theme.objects.none(), required=False, empty_label="No theme")
    source = forms.CharField(
        label="Where in the report", max_length=200, required=False, help_text="For example, page 8, para 3"
    )
    section = forms.CharField(label="Section heading", max_length=300, required=False)
    response = forms.ChoiceField(
        label="The council's response",
        choices=[("", "Not decided yet"), *Response.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    response_reason = forms.CharField(
        max_length=limits.LONG_TEXT,
        label="Reasons for the response",
        required=False,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="Needed when the council does not accept the recommendation in full.",
    )
    owners = OwnerChoices(
        label="Owners",
        queryset=Owner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        help_text="People, officer roles and bodies already named in the council's plans.",
    )
    new_owners = forms.CharField(
        max_length=limits.REASON,
        label="Other owners",
        required=False,
        widget=forms.Textarea(attrs={"rows": "2"}),
        help_text="Names not in the list above, one a line: a person, an officer role or a body such as Cabinet.",
    )

    label_sizes = {"text": "m"}

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        self.fields["theme"].queryset = review.themes.all()  # type: ignore[attr-defined]  # django-stubs: fields[...] is a Field; "theme" is a ModelChoiceField
        _owner_fields(self, review.organisation)
        if not review.is_approved:
            del self.fields["correction_reason"]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if (
            data.get("response") in (Response.NOT_ACCEPTED, Response.PARTLY_ACCEPTED)
            and not data.get("response_reason", "").strip()
        ):
            self.add_error("response_reason", "Say why the council does not accept the recommendation in full")
        return data

    @classmethod
    def initial_for(cls, rec: Recommendation) -> dict[str, Any]:
        return {
            "version": rec.version,
            "ref": rec.ref,
            "kind": rec.kind,
            "text": rec.text,
            "theme": rec.theme_id,
            "source": rec.source,
            "section": rec.section,
            "response": rec.response,
            "response_reason": rec.response_reason,
            "owners": [o.pk for o in rec.owners.all()],
        }

    def service_kwargs(self) -> RecommendationFields:
        """What the form gives recommendation_create and recommendation_update, as their own types."""
        data = self.cleaned_data
        return {
            "ref": data["ref"],
            "kind": RecommendationKind(data["kind"]),
            "text": data["text"],
            "theme": data["theme"],
            "source": data["source"],
            "section": data["section"],
            "response": Response(data["response"]) if data["response"] else None,
            "response_reason": data["response_reason"],
            "owners": list(data["owners"]),
            "new_owner_names": lines(data["new_owners"]),
        }


class ActionForm(VersionedForm):
    ref = forms.CharField(
        label="Reference", max_length=20, required=False, help_text="As the plan writes it: 1.1, a, 2b."
    )
    text = forms.CharField(
        label="What will be done", max_length=limits.LONG_TEXT, widget=forms.Textarea(attrs={"rows": "4"})
    )
    timescale = forms.CharField(
        label="Timescale",
        max_length=500,
        required=False,
        help_text="As written in the plan, for example March 2026, Q3 2025/26, Spring 2026 or Ongoing.",
    )
    owners = OwnerChoices(
        label="Owners",
        queryset=Owner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        help_text="People, officer roles and bodies already named in the council's plans. Select all that apply.",
    )
    new_owners = forms.CharField(
        max_length=limits.REASON,
        label="Other owners",
        required=False,
        widget=forms.Textarea(attrs={"rows": "2"}),
        help_text="Names not in the list above, one a line: a person, an officer role or a body such as Cabinet.",
    )
    lead_officer = forms.ModelChoiceField(
        label="Lead officer",
        queryset=Owner.objects.none(),
        required=False,
        empty_label="Not named",
        help_text="Asked for progress updates on this action.",
    )
    lead_officer_name = forms.CharField(label="Or type the lead officer's name or role", max_length=200, required=False)
    lead_member = forms.ModelChoiceField(
        label="Lead member",
        queryset=Owner.objects.none(),
        required=False,
        empty_label="Not named",
        help_text="The councillor, usually the portfolio holder, responsible for this action.",
    )
    lead_member_name = forms.CharField(label="Or type the lead member's name", max_length=200, required=False)

    label_sizes = {"text": "m"}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _owner_fields(self, organisation)
        owners = Owner.objects.filter(organisation=organisation).order_by("name")
        self.fields["lead_officer"].queryset = owners  # type: ignore[attr-defined]  # django-stubs: fields[...] is a Field; "lead_officer" is a ModelChoiceField
        self.fields["lead_member"].queryset = owners  # type: ignore[attr-defined]  # django-stubs: fields[...] is a Field; "lead_member" is a ModelChoiceField
        for name in ("lead_officer", "lead_member"):
            self.fields[name].widget.attrs["data-app-autocomplete"] = "true"  # enhanced by frontend/js/app.mjs

    @classmethod
    def initial_for(cls, action: Action) -> dict[str, Any]:
        return {
            "version": action.version,
            "ref": action.ref,
            "text": action.text,
            "timescale": action.timescale,
            "owners": [o.pk for o in action.owners.all()],
            "lead_officer": action.lead_officer_id,
            "lead_member": action.lead_member_id,
        }

    def understood(self, *, as_of: Any) -> Timescale | None:
        """How the timescale typed into the form reads, to show beside it before saving."""
        if not self.is_bound:
            return None
        return understand(self.data.get("timescale") or None, as_of=as_of)

    def service_kwargs(self) -> ActionFields:
        """What the form gives action_create and action_update, as their own types."""
        data = self.cleaned_data
        return {
            "ref": data["ref"],
            "text": data["text"],
            "timescale": data["timescale"],
            "owners": list(data["owners"]),
            "new_owner_names": lines(data["new_owners"]),
            "lead_officer": data["lead_officer"],
            "lead_officer_name": data["lead_officer_name"],
            "lead_member": data["lead_member"],
            "lead_member_name": data["lead_member_name"],
        }


class RevisionDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("approve", "Approve the new due date"),
            ("other", "Approve a different due date"),
            ("refuse", "Refuse: keep the current due date"),
        ],
        widget=forms.RadioSelect,
    )
    approved_due = GovukDateField(label="The due date you approve", required=False)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="Why you decided this way. The lead officer and the audit trail see it.",
    )
    label_sizes = {"decision": "m"}

    def __init__(self, *args: Any, example: date, **kwargs: Any) -> None:
        """`example`: a date the plan manager might approve instead, shown in the hint."""
        super().__init__(*args, **kwargs)
        self.fields["approved_due"].help_text = f"Only if you approve a different date. {example_date_hint(example)}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "other" and not data.get("approved_due"):
            self.add_error("approved_due", "Enter the due date you approve")
        return data

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] in ("approve", "other")

    @property
    def due_to_approve(self) -> Any:
        return self.cleaned_data.get("approved_due") if self.cleaned_data["decision"] == "other" else None


class ApproveForm(GovukForm):
    """When the plan was approved, and by which meeting: not always today."""

    approved_on = GovukDateField(label="Date the plan was approved", help_text="For example, 10 2 2026")
    meeting = forms.CharField(
        label="Meeting that approved it (optional)",
        required=False,
        max_length=200,
        help_text="For example, Cabinet, 10 February 2026, item 7",
    )
    label_sizes = {"approved_on": "m"}


class ReviewArchiveForm(GovukForm):
    """What to do with a draft or test review: archive it, bring it back, or delete it if never approved."""

    choice = forms.ChoiceField(label="What do you want to do with this review?", widget=forms.RadioSelect)
    label_sizes = {"choice": "m"}

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if review.archived_on is not None:
            choices = [("restore", "Bring it back: everyone who could read it before sees it again")]
        else:
            choices = [("archive", "Archive it: only plan managers and administrators will see it")]
        if not review.is_approved:
            choices.append(("delete", "Delete it and everything in it: it was never approved"))
        self.fields["choice"].choices = choices  # type: ignore[attr-defined]  # django-stubs: fields[...] is a Field; "choice" is a ChoiceField
        self.fields["choice"].error_messages["required"] = "Select what to do with this review"


class OwnerRenameForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200, help_text="A person, an officer role or a body")


class OwnerMergeForm(GovukForm):
    """Merge this owner into another: a plain select, so it works without JavaScript."""

    into = forms.ModelChoiceField(
        label="Merge into",
        queryset=Owner.objects.none(),
        help_text="Everything this owner is responsible for moves to the owner you choose; this one is removed.",
    )

    def __init__(self, *args: Any, owner: Owner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        field.queryset = Owner.objects.filter(organisation_id=owner.organisation_id).exclude(pk=owner.pk)  # type: ignore[attr-defined]  # django-stubs: fields[...] is a Field; "into" is a ModelChoiceField
        field.error_messages["required"] = "Select the owner to merge into"
        field.widget.attrs["data-app-autocomplete"] = "true"  # a type-ahead with JavaScript, a select without
        field.error_messages["invalid_choice"] = "Select an owner from the list"
