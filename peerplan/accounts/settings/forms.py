"""Forms for the organisation settings: RAG vocabulary and rule, committees, branding, people and roles.

A logo is read for what the file holds, not its name: a PNG or JPEG image up to 1 MB, re-encoded (logos.py).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.base import ContentFile
from django.forms.boundfield import BoundField

from peerplan.accounts.enums import RagRule, Role
from peerplan.accounts.logos import logo_read
from peerplan.accounts.models import Organisation, RagDefinition, hex_colour
from peerplan.accounts.services import RagWording
from peerplan.shared.rag import Rag
from peerplan.ui.forms import GovukForm


class DescribedRadios(forms.RadioSelect):
    """Radios with a hint under each item."""

    def __init__(self, hints: dict[str, str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_hints = hints


def _rag_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for rating in Rag:
        name = str(rating.label)
        fields[f"{rating.value}-label"] = forms.CharField(
            label="Label", max_length=60, error_messages={"required": f"Enter a label for {name}"}
        )
        fields[f"{rating.value}-meaning"] = forms.CharField(
            label="What it means", max_length=300, error_messages={"required": f"Enter what {name} means"}
        )
        fields[f"{rating.value}-colour"] = forms.CharField(
            label="Colour",
            max_length=7,
            validators=[hex_colour],
            help_text="# and six hex digits, for example #00703c",
            widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
            error_messages={"required": f"Enter a colour for {name}"},
        )
        fields[f"{rating.value}-in_use"] = forms.BooleanField(label=f"Use {name}", required=False)
    return fields


class RagVocabularyForm(GovukForm):
    """Label, meaning, colour and in use, for each rating the product knows (fields added below the class)."""

    def __init__(self, *args: Any, definitions: list[RagDefinition], **kwargs: Any) -> None:
        by_rating = {d.rating: d for d in definitions}
        initial: dict[str, Any] = {}
        for rating in Rag:
            d = by_rating.get(rating.value)
            initial[f"{rating.value}-label"] = d.label if d else str(rating.label)
            initial[f"{rating.value}-meaning"] = d.meaning if d else rating.meaning
            initial[f"{rating.value}-colour"] = d.colour if d else rating.colour
            initial[f"{rating.value}-in_use"] = d.in_use if d else False
        super().__init__(*args, initial=initial, **kwargs)

    def groups(self) -> list[tuple[Rag, list[BoundField]]]:
        return [
            (rating, [self[f"{rating.value}-{part}"] for part in ("label", "meaning", "colour", "in_use")])
            for rating in Rag
        ]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not any(data.get(f"{rating.value}-in_use") for rating in Rag):
            self.add_error(None, "Keep at least one rating in use")
        return data

    def wordings(self) -> list[RagWording]:
        data = self.cleaned_data
        return [
            RagWording(
                rating=rating.value,
                label=data[f"{rating.value}-label"],
                meaning=data[f"{rating.value}-meaning"],
                colour=data[f"{rating.value}-colour"],
                in_use=bool(data[f"{rating.value}-in_use"]),
            )
            for rating in Rag
        ]


RagVocabularyForm.base_fields.update(_rag_fields())


class RagRuleForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    rag_rule = forms.ChoiceField(
        label="How should peerplan suggest a RAG rating?",
        choices=RagRule.choices,
        widget=DescribedRadios(
            {
                RagRule.MANUAL.value: "Officers choose every rating; nothing is suggested.",
                RagRule.PERCENTAGE.value: "Suggest a rating from how much of the action is complete.",
                RagRule.SLIPPAGE.value: "Suggest a rating from how many days an action is past its due date.",
            }
        ),
        help_text="An officer's rating always stands; the suggestion is shown beside it.",
    )
    rag_red_max_percent = forms.IntegerField(
        label="Red up to this percentage complete",
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        help_text="For the percentage rule.",
    )
    rag_amber_max_percent = forms.IntegerField(
        label="Amber up to this percentage complete",
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        help_text="Above it, green. Must be the same as or higher than the red threshold.",
    )
    rag_red_when_behind_and_overdue = forms.BooleanField(
        label="Red when less than half done and past the due date", required=False
    )
    rag_amber_days = forms.IntegerField(
        label="Amber for up to this many days past the due date",
        min_value=0,
        max_value=3650,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        help_text="For the slippage rule: red beyond it.",
    )

    label_sizes = {"rag_rule": "m"}

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        red, amber = data.get("rag_red_max_percent"), data.get("rag_amber_max_percent")
        if red is not None and amber is not None and red > amber:
            self.add_error(
                "rag_red_max_percent", "The red threshold must be the same as or lower than the amber threshold"
            )
        return data

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, Any]:
        return {
            "version": organisation.version,
            "rag_rule": organisation.rag_rule,
            "rag_red_max_percent": organisation.rag_red_max_percent,
            "rag_amber_max_percent": organisation.rag_amber_max_percent,
            "rag_red_when_behind_and_overdue": organisation.rag_red_when_behind_and_overdue,
            "rag_amber_days": organisation.rag_amber_days,
        }


class CommitteeForm(GovukForm):
    name = forms.CharField(
        label="Add a committee",
        max_length=200,
        help_text="A body the plan is reported to, for example Overview and Scrutiny Committee",
        error_messages={"required": "Enter the committee’s name"},
    )


class BrandingForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(
        label="Council name", max_length=200, help_text="As it appears in the header and on reports."
    )
    brand_colour = forms.CharField(
        label="Brand colour",
        max_length=7,
        validators=[hex_colour],
        help_text="# and six hex digits, for example #1d70b8",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    logo = forms.FileField(
        label="Upload a new logo",
        required=False,
        help_text="A PNG or JPEG image smaller than 1 MB.",
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label="Remove the current logo", required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if not organisation.logo:
            del self.fields["remove_logo"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if Organisation.objects.filter(name__iexact=name).exclude(pk=self.organisation.pk).exists():
            raise forms.ValidationError("Another council on this site already has that name")
        return name

    def clean_logo(self) -> ContentFile[bytes] | None:
        upload = self.cleaned_data.get("logo")
        return logo_read(upload, slug=self.organisation.slug) if upload else None


_ROLE_HINTS = {role.value: role.description for role in Role}


class PersonAddForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        help_text="The address they will sign in with.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.gov.uk"},
    )
    full_name = forms.CharField(
        label="Full name", max_length=200, required=False, help_text="Needed if they do not use peerplan yet."
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False)
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=DescribedRadios(_ROLE_HINTS))

    label_sizes = {"role": "m"}


class RoleForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=DescribedRadios(_ROLE_HINTS))

    label_sizes = {"role": "m"}


class LineManagerForm(GovukForm):
    """Who is told when the person's updates are long overdue (the council's reminder rules say when)."""

    line_manager = forms.TypedChoiceField(
        label="Line manager",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Told, with the plan manager, when this person's updates are long overdue.",
    )

    def __init__(self, *args: Any, organisation: Organisation, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = organisation.memberships.filter(user__is_active=True).exclude(user=person).select_related("user")
        choices = [("", "None")] + [
            (m.user_id, f"{m.user} ({m.user.email})") for m in people.order_by("user__full_name")
        ]
        self.fields["line_manager"].choices = choices  # type: ignore[attr-defined]  # django-stubs: Field has no choices; this one is a ChoiceField


class PeopleFileForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="CSV or Excel (.xlsx), up to 500 people. Row 1 names the columns: Name, Email address, "
        "Job title, Role (Administrator, Plan manager, Lead officer, Councillor or Guest).",
        error_messages={"required": "Choose a CSV or Excel file"},
    )
