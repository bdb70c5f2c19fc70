"""A council's usual wording and sections for its committee reports: the form and the service that saves them.

Every report starts from these; administrators change them on /reports/defaults/<council>/.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.accounts.models import Organisation
from peerplan.accounts.permissions import can_manage_organisation, require
from peerplan.audit.services import audit_record
from peerplan.ui.forms import GovukForm

from .models import ReportDefaults
from .sections import DEFAULT_SECTIONS, SectionKey, sections_check

TEXT_FIELDS = (
    ("report_of", "Report of", False),
    ("contact_officer", "Contact officer", False),
    ("contact_details", "Contact details", False),
    ("wards_affected", "Wards affected", False),
    ("key_decision", "Key decision", False),
    ("budget_policy_framework", "Budget/Policy Framework", False),
    ("recommendation_wording", "What members are asked to do", False),
    ("alternative_options", "Alternative options considered", True),
    ("reasons", "Reasons for the recommendations", True),
    ("consultation", "Consultation", True),
    ("financial_implications", "Financial implications", True),
    ("legal_implications", "Legal implications", True),
    ("risk_implications", "Risk implications", True),
    ("equalities_implications", "Equalities implications", True),
    ("environmental_implications", "Environmental implications", True),
    ("background_papers", "Background papers", True),
)
POSITION_PREFIX = "position_"
TEXT_MAX, PARAGRAPH_MAX = 300, 5000


def _position_field(key: str) -> forms.TypedChoiceField:
    label = str(SectionKey(key).label)
    return forms.TypedChoiceField(
        label=f"{label}: position",
        choices=[("", "Leave out"), *((str(n), str(n)) for n in range(1, len(DEFAULT_SECTIONS) + 1))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Always included." if key in ("purpose", "recommendations") else "",
        error_messages={"invalid_choice": f"Choose a position for {label} from the list"},
    )


class ReportDefaultsForm(GovukForm):
    """The usual texts, then each section's place in the report (or left out), then more implications."""

    other_implications = forms.CharField(
        label="More implications",
        required=False,
        max_length=PARAGRAPH_MAX,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="One a line, as Heading: text. For example, Health and safety: None arising from this report.",
    )

    def __init__(self, *args: Any, defaults: ReportDefaults, **kwargs: Any) -> None:
        extra: dict[str, forms.Field] = {}
        for name, label, paragraph in TEXT_FIELDS:
            limit = PARAGRAPH_MAX if paragraph else TEXT_MAX
            extra[name] = forms.CharField(
                label=label,
                required=False,
                max_length=limit,
                initial=getattr(defaults, name),
                widget=forms.Textarea(attrs={"rows": "3"}) if paragraph else forms.TextInput(),
                help_text="Write {section:exceptions} for the Exceptions section's number."
                if name == "risk_implications"
                else "",
                error_messages={"max_length": f"{label} must be {limit:,} characters or fewer"},
            )
        order = list(defaults.sections or DEFAULT_SECTIONS)
        for key in DEFAULT_SECTIONS:
            field = _position_field(key)
            field.initial = str(order.index(key) + 1) if key in order else ""
            extra[f"{POSITION_PREFIX}{key}"] = field
        self.base_fields = {**type(self).base_fields, **extra}  # type: ignore[misc]
        super().__init__(*args, **kwargs)
        self.fields["other_implications"].initial = "\n".join(
            f"{heading}: {text}" for heading, text in (defaults.other_implications or {}).items()
        )

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _, _ in TEXT_FIELDS]

    def position_fields(self) -> list[forms.BoundField]:
        return [self[f"{POSITION_PREFIX}{key}"] for key in DEFAULT_SECTIONS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        placed = {key: data.get(f"{POSITION_PREFIX}{key}") for key in DEFAULT_SECTIONS}
        taken: dict[int, str] = {}
        for key, position in placed.items():
            if position is None:
                continue
            if position in taken:
                self.add_error(
                    f"{POSITION_PREFIX}{key}",
                    f"{SectionKey(key).label} and {SectionKey(taken[position]).label} are both at position {position}:"
                    " give each section its own place",
                )
            taken[position] = key
        data["sections"] = [taken[p] for p in sorted(taken)]
        implications: dict[str, str] = {}
        for number, line in enumerate((data.get("other_implications") or "").splitlines(), start=1):
            if not line.strip():
                continue
            heading, colon, text = line.partition(":")
            if not colon or not heading.strip() or not text.strip():
                self.add_error("other_implications", f"Line {number} of More implications must be Heading: text")
                continue
            implications[heading.strip()] = text.strip()
        data["other_implications"] = implications
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: data[name] for name, _, _ in TEXT_FIELDS},
            "sections": data["sections"],
            "other_implications": data["other_implications"],
        }


def report_defaults_of(organisation: Organisation) -> ReportDefaults:
    """The council's defaults, or the product's own (unsaved) when it has none yet."""
    return ReportDefaults.objects.filter(organisation=organisation).first() or ReportDefaults(organisation=organisation)


def report_defaults_update(*, organisation: Organisation, actor: Any, changes: dict[str, Any]) -> ReportDefaults:
    """Save the council's usual wording and sections, checked, in one transaction, audited."""
    require(can_manage_organisation(actor, organisation))
    with transaction.atomic():
        defaults = ReportDefaults.objects.select_for_update().filter(organisation=organisation).first()
        defaults = defaults or ReportDefaults(organisation=organisation)
        before = {name: getattr(defaults, name) for name in changes}
        for name, value in changes.items():
            setattr(defaults, name, value)
        try:
            sections_check(list(defaults.sections))
        except ValueError as error:
            raise ValidationError({"sections": str(error)}) from error
        defaults.full_clean()
        defaults.save()
        audit_record(
            actor=actor,
            organisation=organisation,
            verb="changed",
            target=defaults,
            changes={name: value for name, value in changes.items() if before[name] != value},
        )
    return defaults
