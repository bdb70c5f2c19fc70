"""A council's usual wording and sections for its committee reports: the form and the service that saves them.

Every report starts from these; administrators change them on /reports/defaults/<council>/.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.accounts.models import Organisation, User
from peerplan.accounts.permissions import can_manage_organisation, require
from peerplan.audit.services import audit_record
from peerplan.ui.forms import GovukForm

from .forms import HintedRadios
from .models import ReportDefaults
from .sections import (
    DEFAULT_SECTIONS,
    IMPLICATION_TEXT_MAX,
    IMPLICATIONS_MAX,
    STANDARD_IMPLICATION_TITLES,
    TITLE_MAX,
    ImplicationsAs,
    SectionKey,
    implication_key,
    section_title,
    sections_check,
)

TEXT_FIELDS = (
    ("report_of", "Report of", False),
    ("contact_officer", "Contact officer", False),
    ("contact_details", "Contact details", False),
    ("wards_affected", "Wards affected", False),
    ("key_decision", "Key decision", False),
    ("budget_policy_framework", "Budget/Policy Framework", False),
    ("recommendation_wording", "What members are asked to do", False),
    ("recommendations", "Recommendations in full (instead of that sentence)", True),
    ("alternative_options", "Alternative options considered", True),
    ("reasons", "Reasons for the recommendations", True),
    ("consultation", "Consultation", True),
    ("background_papers", "Background papers", True),
)
POSITION_PREFIX = "position_"
TITLE_PREFIX = "title_"
IMPLICATION_PREFIX = "implication_"
SPARE_IMPLICATIONS = 2  # empty rows for new kinds; after saving, two more appear
AT_THE_END = "end"
TEXT_MAX, PARAGRAPH_MAX = 300, 5000


def _title_field(key: str) -> forms.CharField:
    label = str(SectionKey(key).label)
    return forms.CharField(
        label=f"{label}: title",
        required=False,
        max_length=TITLE_MAX,
        help_text=f"Leave empty for the standard title, {label}.",
    )


def _implication_position(number: int, rows: int, *, new: bool) -> forms.TypedChoiceField:
    choices = [("", "Leave out"), *((str(n), str(n)) for n in range(1, rows + 1))]
    return forms.TypedChoiceField(
        label=f"Implication {number}: position",
        choices=[(AT_THE_END, "After the others"), *choices] if new else choices,
        coerce=lambda value: value if value == AT_THE_END else int(value),
        empty_value=None,
        required=False,
        initial=AT_THE_END if new else "",
        error_messages={"invalid_choice": f"Choose a position for implication {number} from the list"},
    )


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
    """Each section's place and title, the usual texts, then the implications: each titled, placed and worded."""

    implications_as = forms.ChoiceField(
        label="How should reports set out the implications?",
        choices=ImplicationsAs.choices,
        widget=HintedRadios(hints={choice.value: choice.hint for choice in ImplicationsAs}),
        error_messages={
            "required": "Choose how reports set out the implications",
            "invalid_choice": "Choose how reports set out the implications from the list",
        },
    )
    label_sizes = {"implications_as": "s"}

    def __init__(self, *args: Any, defaults: ReportDefaults, **kwargs: Any) -> None:
        extra: dict[str, forms.Field] = {}
        order = list(defaults.sections or DEFAULT_SECTIONS)
        titles = defaults.section_titles or {}
        for key in DEFAULT_SECTIONS:
            field = _position_field(key)
            field.initial = str(order.index(key) + 1) if key in order else ""
            extra[f"{POSITION_PREFIX}{key}"] = field
            extra[f"{TITLE_PREFIX}{key}"] = _title_field(key)
            extra[f"{TITLE_PREFIX}{key}"].initial = titles.get(key, "")
        for name, label, paragraph in TEXT_FIELDS:
            limit = PARAGRAPH_MAX if paragraph else TEXT_MAX
            extra[name] = forms.CharField(
                label=label,
                required=False,
                max_length=limit,
                initial=getattr(defaults, name),
                widget=forms.Textarea(attrs={"rows": "3"}) if paragraph else forms.TextInput(),
            )
        # The council's implications in its order (those switched on first), then empty rows for new kinds.
        self.stored: list[dict[str, Any]] = [i for i in defaults.implications or [] if isinstance(i, dict)]
        rows = len(self.stored) + SPARE_IMPLICATIONS
        placed = 0
        for index in range(rows):
            item = self.stored[index] if index < len(self.stored) else None
            number = index + 1
            prefix = f"{IMPLICATION_PREFIX}{index}_"
            extra[f"{prefix}title"] = forms.CharField(
                label=f"Implication {number}: title",
                required=False,
                max_length=TITLE_MAX,
                initial=item.get("title", "") if item else "",
                help_text="For example, Social value." if item is None else "",
            )
            extra[f"{prefix}text"] = forms.CharField(
                label=f"Implication {number}: usual wording",
                required=False,
                max_length=IMPLICATION_TEXT_MAX,
                initial=item.get("text", "") if item else "",
                widget=forms.Textarea(attrs={"rows": "3"}),
                help_text="Write {section:exceptions} for the Exceptions section’s number."
                if item and item.get("key") == "risk"
                else "",
            )
            position = _implication_position(number, rows, new=item is None)
            if item is not None and item.get("on", True):
                placed += 1
                position.initial = str(placed)
            extra[f"{prefix}position"] = position
        self.base_fields = {**type(self).base_fields, **extra}  # type: ignore[misc]  # an instance's own, which BaseForm.__init__ copies into fields
        super().__init__(*args, **kwargs)
        self.fields["implications_as"].initial = defaults.implications_as

    def section_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Per section: its standard title, then its position and title fields."""
        return [
            (str(SectionKey(key).label), [self[f"{POSITION_PREFIX}{key}"], self[f"{TITLE_PREFIX}{key}"]])
            for key in DEFAULT_SECTIONS
        ]

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _, _ in TEXT_FIELDS]

    def position_fields(self) -> list[forms.BoundField]:
        return [self[f"{POSITION_PREFIX}{key}"] for key in DEFAULT_SECTIONS]

    def implication_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Per implication (then per empty row): a legend, then its title, position and wording fields."""
        rows = []
        for index in range(len(self.stored) + SPARE_IMPLICATIONS):
            item = self.stored[index] if index < len(self.stored) else None
            legend = f"Implication {index + 1}: {item.get('title', '')}" if item else "A new kind of implication"
            prefix = f"{IMPLICATION_PREFIX}{index}_"
            rows.append((legend, [self[f"{prefix}title"], self[f"{prefix}position"], self[f"{prefix}text"]]))
        return rows

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
        data["section_titles"] = self._clean_titles(data)
        data["implications"] = self._clean_implications(data)
        return data

    def _clean_titles(self, data: dict[str, Any]) -> dict[str, str]:
        titles = {key: (data.get(f"{TITLE_PREFIX}{key}") or "").strip() for key in DEFAULT_SECTIONS}
        titles = {key: title for key, title in titles.items() if title}
        seen: dict[str, str] = {}
        for key in DEFAULT_SECTIONS:
            title = section_title(key, titles)
            if title.casefold() in seen:
                self.add_error(
                    f"{TITLE_PREFIX}{key}",
                    f"{SectionKey(key).label} and {SectionKey(seen[title.casefold()]).label} are both titled"
                    f" {title}: give each section its own title",
                )
            seen.setdefault(title.casefold(), key)
        return titles

    def _clean_implications(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        """The implications in their new order (switched off ones after), each titled once; new kinds keyed."""
        placed: list[tuple[float, int, dict[str, Any]]] = []
        switched_off: list[dict[str, Any]] = []
        titles: dict[str, int] = {}
        positions: dict[int, int] = {}
        keys = {str(item.get("key")) for item in self.stored}
        for index in range(len(self.stored) + SPARE_IMPLICATIONS):
            item = self.stored[index] if index < len(self.stored) else None
            number, prefix = index + 1, f"{IMPLICATION_PREFIX}{index}_"
            if any(f"{prefix}{part}" in self.errors for part in ("title", "text", "position")):
                continue
            title = (data.get(f"{prefix}title") or "").strip()
            text = (data.get(f"{prefix}text") or "").strip()
            position = data.get(f"{prefix}position")
            key = str(item.get("key", "")) if item else ""
            if not title and key in STANDARD_IMPLICATION_TITLES:
                title = STANDARD_IMPLICATION_TITLES[key]  # a standard kind left untitled keeps its standard title
            if not title and not text:
                continue  # an empty new row, or a kind the council has removed
            if not title:
                self.add_error(f"{prefix}title", f"Give implication {number} a title, for example Social value")
                continue
            if title.casefold() in titles:
                self.add_error(
                    f"{prefix}title",
                    f"{title} is already implication {titles[title.casefold()]}: give each implication its own title",
                )
                continue
            titles[title.casefold()] = number
            if not key:
                key = implication_key(title, keys | set(STANDARD_IMPLICATION_TITLES))
                keys.add(key)
            entry = {"key": key, "title": title, "text": text, "on": position is not None}
            if position is None:
                switched_off.append(entry)
            elif position == AT_THE_END:
                placed.append((float("inf"), index, entry))
            elif position in positions:
                self.add_error(
                    f"{prefix}position",
                    f"Implications {positions[position]} and {number} are both at position {position}:"
                    " give each implication its own place",
                )
            else:
                positions[position] = number
                placed.append((position, index, entry))
        result = [entry for _, _, entry in sorted(placed, key=lambda p: (p[0], p[1]))] + switched_off
        if len(result) > IMPLICATIONS_MAX:
            self.add_error(
                None,
                f"There can be at most {IMPLICATIONS_MAX} implications: remove one you added before adding another",
            )
        return result

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: data[name] for name, _, _ in TEXT_FIELDS},
            "sections": data["sections"],
            "section_titles": data["section_titles"],
            "implications": data["implications"],
            "implications_as": data["implications_as"],
        }


def report_defaults_of(organisation: Organisation) -> ReportDefaults:
    """The council's defaults, or the product's own (unsaved) when it has none yet."""
    return ReportDefaults.objects.filter(organisation=organisation).first() or ReportDefaults(organisation=organisation)


def report_defaults_update(
    *, organisation: Organisation, actor: User | None, changes: dict[str, Any]
) -> ReportDefaults:
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
