"""Forms for bringing a plan in through the browser: the upload, the column mapping, the confirmation."""

from __future__ import annotations

from typing import Any

from django import forms

from peerplan.plans.enums import ReviewKind
from peerplan.ui.forms import GovukForm

from .columns import FIELDS
from .limits import MAX_FILE_BYTES

IGNORE = "ignore"


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Upload the action plan",
        help_text="A Word (.docx), Excel (.xlsx), CSV, PDF, text, Markdown or HTML file, up to "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Nothing is saved until you have checked what was found.",
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


def mapping_form(columns: dict[str, str], data: Any = None) -> GovukForm:
    """One select per column found in the file, preset to how it was read."""
    choices = [(f, "Ignore this column" if f == IGNORE else f.replace("_", " ").capitalize()) for f in FIELDS]
    form = GovukForm(data)
    for i, (heading, field) in enumerate(columns.items()):
        form.fields[f"column_{i}"] = forms.ChoiceField(
            label=f"Column “{heading}”", choices=choices, initial=field if field in FIELDS else IGNORE
        )
    return form


def mapping_from(form: GovukForm, columns: dict[str, str]) -> dict[str, str]:
    headings = list(columns)
    return {headings[int(name.split("_")[1])]: value for name, value in form.cleaned_data.items()}


class ConfirmForm(GovukForm):
    title = forms.CharField(label="Name of the review", max_length=300)
    kind = forms.ChoiceField(label="What kind of review is it?", choices=ReviewKind.choices)
