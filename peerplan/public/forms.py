"""The plan manager's choices for a review's public page."""

from __future__ import annotations

from django import forms

from peerplan.ui.forms import GovukForm


class PublicationForm(GovukForm):
    committee_reports = forms.BooleanField(
        label="Also offer each committee report’s files (Word, PDF and so on) as issued",
        required=False,
        help_text="They carry the commentary as it went to committee. Leave this unticked if your committee papers "
        "are published elsewhere, or hold anything that should not be here.",
    )
