"""The council's chasing rules form."""

from __future__ import annotations

from django import forms

from peerplan.ui.forms import GovukForm

from .models import ChaseSettings, _days_list


class ChaseSettingsForm(GovukForm):
    enabled = forms.BooleanField(label="Send reminders on the schedule", required=False)
    days_before = forms.CharField(
        label="Remind this many days before updates are due",
        max_length=50,
        validators=[_days_list],
        help_text="Whole days, separated by commas, for example 14, 3",
        error_messages={"required": "Enter how many days before updates are due to remind, for example 14, 3"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    on_deadline = forms.BooleanField(label="Remind on the day updates are due", required=False)
    every_days = forms.IntegerField(
        label="While an update is late, remind every",
        min_value=1,
        max_value=60,
        help_text="Number of days, for example 7",
        error_messages={
            "required": "Enter how often to remind while an update is late, in days",
            "min_value": "Remind every 1 to 60 days while an update is late",
            "max_value": "Remind every 1 to 60 days while an update is late",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    escalate_after_days = forms.IntegerField(
        label="Tell the line manager and the plan manager when an update is this many days late",
        min_value=1,
        max_value=120,
        error_messages={
            "required": "Enter how many days late an update is before the line manager is told",
            "min_value": "Tell the line manager when an update is between 1 and 120 days late",
            "max_value": "Tell the line manager when an update is between 1 and 120 days late",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    overdue_actions = forms.BooleanField(
        label="Tell the lead officer when an action passes its due date", required=False
    )

    @staticmethod
    def initial_for(rules: ChaseSettings) -> dict[str, object]:
        return {f: getattr(rules, f) for f in ChaseSettingsForm.base_fields}
