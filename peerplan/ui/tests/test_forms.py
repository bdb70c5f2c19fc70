"""GovukForm renders each field as the GOV.UK Design System shows it, and the date field words its errors its way."""

from __future__ import annotations

import copy
import datetime as dt
from typing import cast

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from peerplan.accounts.models import Organisation
from peerplan.ui.forms import GovukBoundField, GovukDateField, GovukForm, GovukModelForm


class DueDateForm(GovukForm):
    due = GovukDateField(label="Due date")


def date_error(day: str, month: str, year: str) -> tuple[str, list[str]]:
    form = DueDateForm(data={"due_day": day, "due_month": month, "due_year": year})
    assert not form.is_valid()
    field = cast(GovukBoundField, form["due"])  # every field of a GovukForm is bound as one
    return field.govuk_error_message, [p.name.rsplit("_", 1)[1] for p in field.govuk_date_parts if p.has_error]


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "highlighted"),
    [
        ("", "", "", "Enter due date", ["day", "month", "year"]),
        ("31", "", "2025", "Due date must include a month", ["month"]),
        ("", "3", "", "Due date must include a day and year", ["day", "year"]),
        ("31", "2", "2025", "Due date must be a real date", ["day"]),
        ("1", "13", "2025", "Due date must be a real date", ["month"]),
        ("x", "3", "2025", "Due date must be a real date", ["day"]),
        ("1", "3", "25", "Year must include 4 numbers", ["year"]),
    ],
)
def test_a_date_field_words_each_mistake_as_the_design_system_does(
    day: str, month: str, year: str, message: str, highlighted: list[str]
) -> None:
    assert date_error(day, month, year) == (message, highlighted)


def test_a_date_accepts_numbers_or_month_names() -> None:
    for month in ("3", "03", "march", "Mar"):
        form = DueDateForm(data={"due_day": "31", "due_month": month, "due_year": "2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["due"] == dt.date(2025, 3, 31)


def test_an_optional_date_left_empty_is_none() -> None:
    class OptionalDateForm(GovukForm):
        due = GovukDateField(required=False)

    form = OptionalDateForm(data={})
    assert form.is_valid()
    assert form.cleaned_data["due"] is None


def test_the_error_summary_links_a_date_to_its_first_box_in_error() -> None:
    html = str(DueDateForm(data={"due_day": "31", "due_month": "", "due_year": "2025"}))
    assert '<a href="#id_due-month">Due date must include a month</a>' in html
    assert 'id="id_due-month" name="due_month" type="text" inputmode="numeric"' in html
    assert "govuk-input--width-2 govuk-input--error" in html
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_due-error">' in html


class EveryFieldForm(GovukForm):
    name = forms.CharField(help_text="As on the plan")
    notes = forms.CharField(widget=forms.Textarea)
    status = forms.ChoiceField(choices=[("", "Choose"), ("open", "Open")])
    rag = forms.ChoiceField(choices=[("red", "Red"), ("green", "Green")], widget=forms.RadioSelect)
    bodies = forms.MultipleChoiceField(choices=[("cabinet", "Cabinet")], widget=forms.CheckboxSelectMultiple)
    evidence = forms.FileField()
    agree = forms.BooleanField()


@pytest.fixture
def every_field_html() -> str:
    form = EveryFieldForm(data={}, files={})
    form.is_valid()
    return str(form)


def test_required_messages_say_what_to_enter_or_select(every_field_html: str) -> None:
    for message in (
        "Enter name",
        "Enter notes",
        "Select status",
        "Select rag",
        "Select bodies",
        "Select evidence",
        "Select ‘Agree’",
    ):
        assert f">{message}</a>" in every_field_html, message


def test_each_field_gets_its_govuk_classes_and_error_state(every_field_html: str) -> None:
    assert 'class="govuk-input govuk-input--error" aria-describedby="id_name-hint id_name-error"' in every_field_html
    assert '<textarea name="notes" cols="40" rows="5" class="govuk-textarea govuk-textarea--error"' in every_field_html
    assert 'class="govuk-select govuk-select--error"' in every_field_html
    assert '<input class="govuk-radios__input" id="id_rag" name="rag" type="radio" value="red">' in every_field_html
    assert 'id="id_rag-2" name="rag" type="radio" value="green"' in every_field_html
    assert (
        'class="govuk-checkboxes__input" id="id_bodies" name="bodies" type="checkbox" value="cabinet"'
        in every_field_html
    )
    assert '<div class="govuk-file-upload-wrapper" data-module="govuk-file-upload">' in every_field_html
    assert 'class="govuk-file-upload govuk-file-upload--error"' in every_field_html
    assert 'id="id_agree" name="agree" type="checkbox" value="on"' in every_field_html


def test_no_field_asks_the_browser_to_validate(every_field_html: str) -> None:
    assert " required" not in every_field_html


def test_the_summary_lists_errors_in_the_order_of_the_form(every_field_html: str) -> None:
    targets = [t for t, _ in EveryFieldForm(data={}, files={}).govuk_error_summary]
    assert targets == ["id_name", "id_notes", "id_status", "id_rag", "id_bodies", "id_evidence", "id_agree"]


def test_a_valid_form_shows_no_error_summary() -> None:
    form = EveryFieldForm(
        data={"name": "x", "notes": "y", "status": "open", "rag": "red", "bodies": ["cabinet"], "agree": "on"},
        files={"evidence": SimpleUploadedFile("plan.pdf", b"%PDF-1.4")},
    )
    assert form.is_valid(), form.errors
    assert "govuk-error-summary" not in str(form)
    assert 'id="id_rag" name="rag" type="radio" value="red" checked' in str(form)


def test_a_model_form_turns_a_date_into_day_month_and_year() -> None:
    class DatedForm(GovukModelForm[Organisation]):
        when = forms.DateField(label="Meeting date")

        class Meta:
            model = Organisation
            fields = ["name"]

    form = DatedForm(initial={"when": dt.date(2025, 3, 14)})
    assert isinstance(form.fields["when"], GovukDateField)
    html = str(form)
    assert 'name="when_day" type="text" inputmode="numeric" value="14"' in html
    assert 'name="when_year" type="text" inputmode="numeric" value="2025"' in html
    assert '<label class="govuk-label govuk-label--s" for="id_name">Name</label>' in html


def test_django_wording_for_bad_emails_and_numbers_is_replaced_but_a_forms_own_is_kept() -> None:
    class NumbersForm(GovukForm):
        email = forms.EmailField(label="Email address")
        count = forms.IntegerField(label="Number of actions")
        share = forms.DecimalField(label="Share", error_messages={"invalid": "Enter the share as a percentage"})

    form = NumbersForm(data={"email": "nope", "count": "many", "share": "half"})
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address in the correct format, like name@example.gov.uk"]
    assert form.errors["count"] == ["Number of actions must be a whole number"]
    assert form.errors["share"] == ["Enter the share as a percentage"]


def test_every_text_field_refuses_control_characters_and_has_a_length_limit() -> None:
    """The shared rule (peerplan.safetext) in the base class, so no form can forget it."""
    from django import forms as django_forms

    from peerplan.safetext import MAX_LONG_TEXT
    from peerplan.ui.forms import GovukForm

    class Note(GovukForm):
        title = django_forms.CharField(max_length=50)
        body = django_forms.CharField(widget=django_forms.Textarea)

    form = Note({"title": "Fine\x1b[31m", "body": "b" * (MAX_LONG_TEXT + 1)})
    assert not form.is_valid()
    assert form.errors["title"] == ["Remove a control character (U+001B) at position 5: it cannot be stored"]
    assert form.errors["body"] == ["Body must be 10,000 characters or fewer"]
    assert Note({"title": "Fine\tand\r\nnew lines", "body": "ok"}).is_valid()


def test_a_missing_upload_asks_for_the_file_in_plain_words() -> None:
    from django import forms

    from peerplan.ui.forms import GovukForm

    class Upload(GovukForm):
        file = forms.FileField(label="Upload the action plan")

    form = Upload(data={}, files={})
    assert form.errors["file"] == ["Select the action plan"]


def test_number_limits_are_worded_with_the_field_and_a_forms_own_message_is_kept() -> None:
    class NumbersForm(GovukForm):
        percent = forms.IntegerField(label="Percentage complete", min_value=0, max_value=100)
        days = forms.IntegerField(label="Number of days", min_value=1)
        actions = forms.IntegerField(label="Number of actions", max_value=5000)
        share = forms.DecimalField(label="Share (%)", min_value=0, max_value=100, decimal_places=1)
        own = forms.IntegerField(label="Own", min_value=1, error_messages={"min_value": "Enter at least 1 day"})

    data = {"percent": "101", "days": "0", "actions": "5001", "share": "12.25", "own": "0"}
    form = NumbersForm(data=data)
    assert not form.is_valid()
    assert form.errors == {
        "percent": ["Percentage complete must be between 0 and 100"],
        "days": ["Number of days must be 1 or more"],
        "actions": ["Number of actions must be 5,000 or less"],
        "share": ["Share (%) must have 1 decimal place or fewer"],
        "own": ["Enter at least 1 day"],
    }
    assert NumbersForm(data={**data, "share": "-1"}).errors["share"] == ["Share (%) must be between 0 and 100"]


def _every_govuk_form() -> list[type[forms.BaseForm]]:
    import importlib
    import pkgutil

    import peerplan
    from peerplan.ui.forms import GovukFormMixin

    for module in pkgutil.walk_packages(peerplan.__path__, "peerplan."):
        if not any(
            part in module.name
            for part in (".tests", ".migrations", ".management", ".config", "conftest", "wsgi", "asgi")
        ):
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[forms.BaseForm]] = [GovukFormMixin]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found and not sub.__module__.startswith("peerplan.ui.tests"):
                found.append(sub)
                todo.append(sub)
    return found


def test_no_number_field_in_any_form_uses_djangos_own_wording() -> None:
    """'Ensure this value is greater than or equal to 1.' must never reach a council's screen."""
    from peerplan.ui.forms import _govuk_field

    checked = 0
    for form_class in _every_govuk_form():
        for name, declared in form_class.base_fields.items():  # type: ignore[attr-defined]  # on every form
            if not isinstance(declared, forms.IntegerField | forms.DecimalField | forms.FloatField):
                continue
            field = _govuk_field(name, copy.deepcopy(declared))
            for validator in field.validators:
                code = getattr(validator, "code", None)
                if code in ("min_value", "max_value", "step_size"):
                    message = field.error_messages.get(code, "")
                    assert message and not message.startswith("Ensure"), (form_class, name, code)
                    checked += 1
    assert checked >= 10  # the RAG thresholds, reminder days, percentage complete, versions, …
