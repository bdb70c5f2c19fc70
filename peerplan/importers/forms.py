"""Forms for bringing a plan in through the browser: the upload, the column mapping, the confirmation."""

from __future__ import annotations

from typing import Any

from django import forms

from peerplan.plans.enums import ReviewKind
from peerplan.ui.forms import GovukForm

from .builder import ROW_MARKS
from .columns import FIELDS, LABELS
from .limits import MAX_FILE_BYTES
from .result import ColumnReading, RowReading

IGNORE = "ignore"
AS_READ = "as-read"


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Upload the action plan",
        help_text="A Word (.docx), Excel (.xlsx), CSV, PDF, text, Markdown or HTML file, or a plan peerplan "
        "exported (.json), up to "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Nothing is saved until you have checked what was found.",
        error_messages={"required": "Choose the file with the action plan"},
    )
    organisation = forms.ChoiceField(label="Which council is this plan for?")

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(o.pk), o.name) for o in organisations]
        self.only = organisations[0] if len(organisations) == 1 else None
        if self.only is not None:  # nothing to choose: the field is not shown
            del self.fields["organisation"]

    def organisation_id(self) -> int:
        return self.only.pk if self.only is not None else int(self.cleaned_data["organisation"])

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return upload


def distinct_columns(readings: list[ColumnReading]) -> list[ColumnReading]:
    """One entry per column key: a heading met in several tables (or a sheet per section) is set once."""
    seen: dict[str, ColumnReading] = {}
    for reading in readings:
        seen.setdefault(reading.key.lower(), reading)
    return list(seen.values())


def mapping_form(readings: list[ColumnReading], data: Any = None) -> GovukForm:
    """One select per column found in the file, recognised or not, preset to how it was read and
    with the reason as its hint."""
    choices = [(f, "Do not read this column" if f == IGNORE else LABELS[f].capitalize()) for f in FIELDS]
    form = GovukForm(data)
    for i, reading in enumerate(distinct_columns(readings)):
        name = f"“{reading.heading}”" if reading.heading else f"{reading.key[:1].upper()}{reading.key[1:]} (no heading)"
        form.fields[f"column_{i}"] = forms.ChoiceField(
            label=f"Column {name}" if reading.heading else name,
            help_text=reading.reason[:1].upper() + reading.reason[1:] + ".",
            choices=choices,
            initial=reading.field if reading.field in FIELDS else IGNORE,
        )
    return form


def mapping_from(form: GovukForm, readings: list[ColumnReading]) -> dict[str, str]:
    """The person's settings as a mapping: only the columns they changed, keyed as the parser keys them."""
    columns = distinct_columns(readings)
    out: dict[str, str] = {}
    for name, value in form.cleaned_data.items():
        reading = columns[int(name.split("_")[1])]
        if value != reading.field:
            out[reading.key] = value
    return out


class RowMarkForm(GovukForm):
    """Read one table row as something else: a recommendation, an action, the rest of the row above."""

    row = forms.ChoiceField(label="Which row?")
    read_as = forms.ChoiceField(
        label="Read it as",
        choices=[*ROW_MARKS.items(), (AS_READ, "As peerplan read it (undo a correction)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how to read the row"},
    )

    def __init__(self, *args: Any, rows: list[RowReading], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["row"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (r.where, f"{r.where}: {r.text[:30]}…" if len(r.text) > 30 else f"{r.where}: {r.text}") for r in rows
        ]


class ConfirmForm(GovukForm):
    title = forms.CharField(label="Name of the review", max_length=300)
    kind = forms.ChoiceField(label="What kind of review is it?", choices=ReviewKind.choices)
