"""GOV.UK Design System forms: the base classes every peerplan form uses, and the date field.

Each field renders through a project-owned template in ui/forms/, chosen by its widget, with the
error summary at the top of the form and the message at the field, as the Design System shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Model
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name
from django.forms.widgets import Input
from django.http import HttpRequest

from peerplan.safetext import MAX_LONG_TEXT, PlainTextValidator
from peerplan.shared.errors import EditConflictError


class GovukFormRenderer(DjangoTemplates):
    """Finds ui/forms/ in the app's templates and Django's own widget templates, with no settings."""

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/input.html"


RENDERER = GovukFormRenderer()

# Widget class → field template; the first match wins, so subclasses come before their bases.
_FIELD_TEMPLATES: list[tuple[type[forms.Widget], str]] = []  # filled in below, after GovukDateInput

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.Select, "govuk-select"),
    (forms.Textarea, "govuk-textarea"),
    (forms.FileInput, "govuk-file-upload"),
    (Input, "govuk-input"),
]

_SELECT_WIDGETS = (forms.Select, forms.RadioSelect)

DATE_PARTS = ("day", "month", "year")

_MONTH_NAMES = {
    name: number
    for number, month in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
    for name in (month, month[:3])
}


def example_date_hint(day: dt.date) -> str:
    """A date field's hint with a real date in the boxes' order ('For example, 14 1 2027'): pass a date that
    the field would accept, worked out from the clock the view passes in, so the example never goes stale."""
    return f"For example, {day.day} {day.month} {day.year}"


def _lower_first(text: str) -> str:
    """'Due date' → 'due date', leaving acronyms such as 'RAG rating' alone."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes, posted as <name>_day, <name>_month and <name>_year."""

    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({part: forms.TextInput() for part in DATE_PARTS}, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date entered as day, month and year, with the Design System's error messages.

    A failing ValidationError carries params={"parts": [...]} naming the boxes to highlight.
    """

    widget = GovukDateInput

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _ in DATE_PARTS)
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def _error(self, message: str, code: str, parts: Sequence[str]) -> ValidationError:
        # Django %-formats a message that has params, so a literal % in a label must be doubled.
        return ValidationError(message.replace("%", "%%"), code=code, params={"parts": list(parts)})

    def clean(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        values = [str(v).strip() if v is not None else "" for v in (value or ["", "", ""])]
        entered = dict(zip(DATE_PARTS, values, strict=True))
        label = str(self.label or "Date")
        missing = [part for part in DATE_PARTS if not entered[part]]
        if len(missing) == len(DATE_PARTS):
            if self.required:
                raise self._error(f"Enter {_lower_first(label)}", "required", DATE_PARTS)
            return None
        if missing:
            raise self._error(f"{label} must include a {' and '.join(missing)}", "incomplete", missing)
        day = int(entered["day"]) if entered["day"].isdigit() else None
        month_text = entered["month"].lower()
        month = int(month_text) if month_text.isdigit() else _MONTH_NAMES.get(month_text)
        year = int(entered["year"]) if entered["year"].isdigit() else None
        not_numbers = [p for p, v in zip(DATE_PARTS, (day, month, year), strict=True) if v is None]
        if not_numbers:
            raise self._error(f"{label} must be a real date", "invalid", not_numbers)
        assert day is not None and month is not None and year is not None  # narrowed above
        if len(entered["year"]) != 4:
            raise self._error("Year must include 4 numbers", "year", ["year"])
        if not 1 <= month <= 12:
            raise self._error(f"{label} must be a real date", "invalid", ["month"])
        try:
            result = dt.date(year, month, day)
        except ValueError:
            raise self._error(f"{label} must be a real date", "invalid", ["day"]) from None
        self.run_validators(result)
        return result

    def compress(self, data_list: list[Any]) -> dt.date | None:
        return self.clean(data_list)


_FIELD_TEMPLATES.extend(
    [
        (GovukDateInput, "ui/forms/date_input.html"),
        (forms.CheckboxSelectMultiple, "ui/forms/checkboxes.html"),  # before RadioSelect, its base
        (forms.RadioSelect, "ui/forms/radios.html"),
        (forms.CheckboxInput, "ui/forms/checkbox.html"),
        (forms.Select, "ui/forms/select.html"),
        (forms.Textarea, "ui/forms/textarea.html"),
        (forms.FileInput, "ui/forms/file_upload.html"),
    ]
)


@dataclass(frozen=True)
class ChoiceItem:
    """One radio or checkbox, with the ids the Design System expects."""

    id: str
    value: str
    label: str
    checked: bool
    hint: str
    hint_id: str


@dataclass(frozen=True)
class DatePart:
    name: str
    id: str
    label: str
    value: str
    width: int
    has_error: bool


class GovukBoundField(BoundField):
    """A BoundField that knows the GOV.UK ids, classes and messages its template needs."""

    @property
    def govuk_id(self) -> str:
        return self.auto_id or self.html_name

    @property
    def govuk_hint_id(self) -> str:
        return f"{self.govuk_id}-hint"

    @property
    def govuk_error_id(self) -> str:
        return f"{self.govuk_id}-error"

    @property
    def govuk_error_message(self) -> str:
        """The one message shown at the field and in the summary: the first, as the Design System does."""
        return str(self.errors[0]) if self.errors else ""

    @property
    def govuk_error_parts(self) -> list[str]:
        """For a date: the boxes to highlight."""
        if not self.errors:
            return []
        first = self.errors.as_data()[0]
        parts = (first.params or {}).get("parts") if hasattr(first, "params") else None
        return list(parts) if parts else list(DATE_PARTS)

    @property
    def govuk_error_href(self) -> str:
        """Where the error summary's link goes: the field, or for a date the first box in error."""
        if isinstance(self.field.widget, GovukDateInput):
            parts = self.govuk_error_parts or [DATE_PARTS[0]]
            return f"{self.govuk_id}-{parts[0]}"
        return self.govuk_id

    @property
    def govuk_describedby(self) -> str:
        ids = [self.field.widget.attrs.get("aria-describedby", "")]
        if self.help_text:
            ids.append(self.govuk_hint_id)
        if self.errors:
            ids.append(self.govuk_error_id)
        return " ".join(i for i in ids if i)

    @property
    def govuk_size(self) -> str:
        """Label or legend size: s, m, l or xl (see GovukFormMixin.label_sizes)."""
        sizes: dict[str, str] = getattr(self.form, "label_sizes", {})
        return sizes.get(self.name, getattr(self.form, "default_label_size", "s"))

    @property
    def govuk_widget(self) -> str:
        """The input, select or textarea with GOV.UK classes and aria-describedby."""
        widget = self.field.widget
        base = next((cls for kind, cls in _WIDGET_CLASSES if isinstance(widget, kind)), "govuk-input")
        classes = [base, widget.attrs.get("class", "")]
        if self.errors:
            classes.append(f"{base}--error")
        attrs: dict[str, str | bool] = {"class": " ".join(c for c in classes if c)}
        if isinstance(widget, forms.Textarea) and widget.attrs.get("rows") == "10":
            attrs["rows"] = "5"  # the Design System's default height, not Django's
        if describedby := self.govuk_describedby:
            attrs["aria-describedby"] = describedby
        return self.as_widget(attrs=attrs)

    @property
    def govuk_items(self) -> list[ChoiceItem]:
        """Radios or checkboxes: the first item takes the field's id, so labels and links reach it."""
        widget = self.field.widget
        item_hints: dict[str, str] = getattr(widget, "item_hints", {})
        values = self.value()
        if isinstance(widget, forms.CheckboxSelectMultiple):
            chosen = {str(v) for v in (values or [])}
        else:
            chosen = {str(values)} if values not in (None, "") else set()
        choices = [(str(getattr(value, "value", value)), str(label)) for value, label in self.field.choices]  # type: ignore[attr-defined]  # a choice field: radios, checkboxes
        if isinstance(widget, forms.RadioSelect) and not isinstance(widget, forms.CheckboxSelectMultiple):
            choices = [(value, label) for value, label in choices if value != ""]  # a model's blank choice
        items = []
        for index, (value, label) in enumerate(choices):
            item_id = self.govuk_id if index == 0 else f"{self.govuk_id}-{index + 1}"
            items.append(
                ChoiceItem(
                    id=item_id,
                    value=value,
                    label=label,
                    checked=value in chosen,
                    hint=str(item_hints.get(value, "")),
                    hint_id=f"{item_id}-item-hint",
                )
            )
        return items

    @property
    def govuk_autocomplete(self) -> bool:
        """Checkboxes that frontend/js/app.mjs turns into a type-ahead and a list of removable choices."""
        return bool(self.field.widget.attrs.get("data-app-autocomplete"))

    @property
    def govuk_checked(self) -> bool:
        """A single checkbox: whether it is ticked."""
        return bool(self.field.widget.check_test(self.value()))

    @property
    def govuk_date_parts(self) -> list[DatePart]:
        value = self.value()
        if isinstance(value, dt.date):
            entered = [str(value.day), str(value.month), str(value.year)]
        elif isinstance(value, list | tuple):
            entered = ["" if v is None else str(v) for v in value]
        else:
            entered = ["", "", ""]
        in_error = set(self.govuk_error_parts)
        return [
            DatePart(
                name=f"{self.html_name}_{part}",
                id=f"{self.govuk_id}-{part}",
                label=part.capitalize(),
                value=entered[index],
                width=4 if part == "year" else 2,
                has_error=part in in_error,
            )
            for index, part in enumerate(DATE_PARTS)
        ]


def _required_message(field: forms.Field, label: str) -> str:
    if isinstance(field.widget, forms.CheckboxInput):
        return f"Select ‘{label}’"  # a sentence of its own: forms should word this one themselves
    if isinstance(field.widget, forms.FileInput):
        # "Upload the action plan" asks for "the action plan": never "Select upload the action plan".
        return f"Select {_lower_first(label.removeprefix('Upload ').removeprefix('upload '))}"
    verb = "Select" if isinstance(field.widget, _SELECT_WIDGETS) else "Enter"
    return f"{verb} {_lower_first(label)}"


class GovukFormMixin(forms.BaseForm):
    """Renders a form the GOV.UK way. Put it first: `class F(GovukFormMixin, AuthenticationForm)`.

    label_sizes: {"field name": "s" | "m" | "l" | "xl"} sets a label's (or legend's) size.
    """

    default_renderer = RENDERER
    bound_field_class = GovukBoundField
    use_required_attribute = False  # the Design System turns off the browser's own validation
    label_sizes: ClassVar[dict[str, str]] = {}
    default_label_size: ClassVar[str] = "s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            self.fields[name] = _govuk_field(name, field)
            limit = getattr(field, "max_length", None)
            if limit:
                label = str(field.label or name.replace("_", " ").capitalize())
                field.error_messages["max_length"] = f"{label} must be {limit:,} characters or fewer"
                # The Design System never cuts text off silently: the server says what is too long instead.
                field.widget.attrs.pop("maxlength", None)

    @property
    def govuk_error_summary(self) -> list[tuple[str, str]]:
        """(link target id, message) for each error, in the order of the form."""
        # bound_field_class makes each a GovukBoundField; django-stubs types them as BoundField.
        fields = [cast(GovukBoundField, bf) for bf in self if not bf.is_hidden]
        first_id = fields[0].govuk_id if fields else ""
        errors = [(first_id, str(e)) for e in self.non_field_errors()]
        errors += [(first_id, str(e)) for bf in self if bf.is_hidden for e in bf.errors]
        errors += [(bf.govuk_error_href, bf.govuk_error_message) for bf in fields if bf.errors]
        return errors


def _govuk_field(name: str, field: forms.Field) -> forms.Field:
    """Swap in GOV.UK widgets (dates, plain file input), pick the template, word the messages."""
    if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
        field = GovukDateField(
            required=field.required,
            label=field.label,
            initial=field.initial,
            help_text=field.help_text or "For example, 27 3 2025",
            validators=field.validators,
            disabled=field.disabled,
        )
    if type(field.widget) is forms.ClearableFileInput:
        field.widget = forms.FileInput(attrs=field.widget.attrs)
    if field.label is None:
        field.label = pretty_name(name)
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
        _limit_text(field, str(field.label))
    if getattr(field, "template_name", None) is None:
        # Field.template_name is Django 5.0+; django-stubs 5.2.9 does not declare it yet.
        field.template_name = next(  # type: ignore[attr-defined]  # not in django-stubs 5.2.9 (above)
            (template for kind, template in _FIELD_TEMPLATES if isinstance(field.widget, kind)), None
        )
    label = str(field.label)
    defaults = {
        "required": (forms.Field, _required_message(field, label)),
        "invalid": (type(field), _invalid_message(field, label)),
    }
    for code, (owner, message) in defaults.items():
        # Only Django's own wording is replaced: a message the form chose stays.
        if message and field.error_messages.get(code) == getattr(owner, "default_error_messages", {}).get(code):
            field.error_messages[code] = message
    for code, message in _range_messages(field, label).items():
        field.error_messages.setdefault(code, message)  # a message the form chose stays
    return field


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _range_messages(field: forms.Field, label: str) -> dict[str, str]:
    """A number field's limits in the council's words ('Percentage complete must be between 0 and 100'),
    never Django's 'Ensure this value is greater than or equal to 1'."""
    if not isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return {}
    low, high = getattr(field, "min_value", None), getattr(field, "max_value", None)
    # Django %-formats a message that has params (the limit, the value): a literal % must be doubled.
    label = label.replace("%", "%%")
    messages: dict[str, str] = {}
    if low is not None and high is not None:
        messages["min_value"] = messages["max_value"] = f"{label} must be between {_number(low)} and {_number(high)}"
    elif low is not None:
        messages["min_value"] = f"{label} must be {_number(low)} or more"
    elif high is not None:
        messages["max_value"] = f"{label} must be {_number(high)} or less"
    if (step := getattr(field, "step_size", None)) is not None:
        messages["step_size"] = f"{label} must be a multiple of {_number(step)}"
    if isinstance(field, forms.DecimalField):
        messages["max_digits"] = messages["max_whole_digits"] = f"{label} is too long a number"
        if field.decimal_places is not None:
            places = field.decimal_places
            messages["max_decimal_places"] = (
                f"{label} must have {places} decimal place{'' if places == 1 else 's'} or fewer"
            )
    return messages


def _limit_text(field: forms.CharField, label: str) -> None:
    """Every text field refuses control characters and has a length limit (long text: MAX_LONG_TEXT)."""
    if not any(isinstance(v, PlainTextValidator) for v in field.validators):
        field.validators.append(PlainTextValidator())
    if field.max_length is None:
        field.max_length = MAX_LONG_TEXT
        field.validators.append(
            MaxLengthValidator(MAX_LONG_TEXT, message=f"{label} must be {MAX_LONG_TEXT:,} characters or fewer")
        )


def _invalid_message(field: forms.Field, label: str) -> str:
    if isinstance(field, forms.EmailField):
        return "Enter an email address in the correct format, like name@example.gov.uk"
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField | forms.FloatField):
        return f"{label} must be a whole number"
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return f"{label} must be a number"
    return ""


class GovukForm(GovukFormMixin, forms.Form):
    """A plain form rendered the GOV.UK way."""


ModelT = TypeVar("ModelT", bound=Model)


class GovukModelForm(GovukFormMixin, forms.ModelForm[ModelT]):
    """A model form rendered the GOV.UK way; model DateFields become day/month/year inputs."""


# A service's refusal, shown on the form that asked -----------------------------------------------


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: at the field it names, else at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields and field != "version" else None, messages)
    else:
        form.add_error(None, error.messages)


FormT = TypeVar("FormT", bound=forms.Form)


def refused(
    form: FormT, error: ValidationError, *, request: HttpRequest, current_version: int, **form_kwargs: Any
) -> FormT:
    """The form to show again after a write service said no; the one helper every editing view uses.

    An edit conflict (someone saved since the page was opened) gives the person's input again, now against
    `current_version`, with the conflict at the top: saving it again is a deliberate choice to replace the
    other person's change, which the page shows. Any other refusal is shown at the fields it names.
    """
    if isinstance(error, EditConflictError):
        data = request.POST.copy()
        data["version"] = str(current_version)
        again = type(form)(data=data, files=request.FILES or None, **form_kwargs)
        again.is_valid()
        again.add_error(None, error.messages)
        return again
    add_service_errors(form, error)
    return form
