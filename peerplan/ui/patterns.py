"""The examples the patterns page shows: a demo form, with the errors people will meet, and sample rows.

Nothing here is used by the product's pages; it exists so /patterns/ renders every component for real.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.paginator import Paginator

from peerplan.plans.enums import ActionStatus
from peerplan.shared.rag import Rag

from .charts import rag_breakdown
from .forms import GovukDateField, GovukForm


class RagRadios(forms.RadioSelect):
    """Radios with each rating's meaning as the item's hint."""

    item_hints = {rating.value: rating.meaning for rating in Rag}


class DemoProgressUpdateForm(GovukForm):
    """Every kind of field the product uses, in the shape of a lead officer's progress update."""

    title = forms.CharField(label="Action", max_length=200, help_text="As it appears in the action plan.")
    email = forms.EmailField(
        label="Lead officer’s email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    percent = forms.IntegerField(
        label="Percentage complete",
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    update = forms.CharField(
        label="Progress update",
        widget=forms.Textarea,
        help_text="What has happened since the last report. Committee members will read this.",
    )
    status = forms.ChoiceField(label="Status", choices=[("", "Choose a status"), *ActionStatus.choices])
    rag = forms.ChoiceField(label="RAG rating", choices=Rag.choices, widget=RagRadios)
    committees = forms.MultipleChoiceField(
        label="Report to",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("cabinet", "Cabinet"), ("scrutiny", "Overview and Scrutiny"), ("audit", "Audit Committee")],
        help_text="Select all that apply.",
    )
    due = GovukDateField(label="Revised due date", help_text="For example, 31 3 2025")
    evidence = forms.FileField(label="Evidence", help_text="A PDF, Word or Excel file up to 20MB.")
    confirm = forms.BooleanField(
        label="I have checked this update with the service director",
        error_messages={"required": "Confirm that you have checked this update with the service director"},
    )


DEMO_DATA = {
    "title": "Refresh the Corporate Plan with clear priorities",
    "email": "not-an-email",
    "percent": "",
    "update": "",
    "status": "",
    "committees": ["cabinet"],
    "due_day": "31",
    "due_month": "",
    "due_year": "2025",
}


def demo_form() -> DemoProgressUpdateForm:
    """The demo form, bound to data with a mistake in most fields, so every error state shows."""
    form = DemoProgressUpdateForm(data=DEMO_DATA, files={})
    form.is_valid()
    return form


def sample_context() -> dict[str, Any]:
    paginator = Paginator(list(range(1, 101)), 10)
    return {
        "demo_form": demo_form(),
        "sample_date": dt.date(2026, 3, 3),
        "sample_moment": dt.datetime(2026, 3, 3, 14, 5, tzinfo=dt.UTC),
        "rag_values": list(Rag),
        "statuses": list(ActionStatus),
        "tag_colours": [
            "grey",
            "green",
            "turquoise",
            "blue",
            "light-blue",
            "purple",
            "pink",
            "red",
            "orange",
            "yellow",
        ],
        "summary_rows": [
            ("Recommendation", "KR1: Refresh the Corporate Plan", "#", "Change"),
            ("Lead officer", "Head of Policy and Performance", "#", "Change"),
            ("Timescale", "By December 2024"),
        ],
        "table_head": ["Action", "Lead officer", "Due", "Per cent complete"],
        "table_rows": [
            ["1a. Agree the priorities with Cabinet", "Chief Executive", "March 2024", "100"],
            ["1b. Publish the refreshed plan", "Head of Policy", "Summer 2024", "60"],
            ["2a. Set up the member development group", "Monitoring Officer", "Q3 2024/25", "25"],
        ],
        "task_items": [
            {"title": "Recommendations", "href": "#", "status": "Completed"},
            {
                "title": "Actions and lead officers",
                "href": "#",
                "hint": "12 of 18 actions have a lead officer",
                "status": "In progress",
                "colour": "light-blue",
            },
            {"title": "Approval by Cabinet", "status": "Cannot start yet"},
        ],
        "crumbs": [("Plans", "#"), ("Corporate Peer Challenge 2024", "#"), ("Recommendation 1", "")],
        "chart": rag_breakdown(
            {Rag.RED: 2, Rag.AMBER: 5, Rag.GREEN: 9, Rag.COMPLETE: 4, Rag.NOT_STARTED: 1}, chart_id="pattern-chart"
        ),
        "page_obj": paginator.page(5),
    }
