"""Each implication its own titled entry (standard five plus the council's own), and section titles per council.

The five implication texts and the "more implications" mapping are carried over into the list, in the same order.
"""

from typing import Any

from django.db import migrations, models

import peerplan.reports.models
from peerplan.reports.sections import implication_key

STANDARD = (
    ("financial", "Financial implications"),
    ("legal", "Legal implications"),
    ("risk", "Risk implications"),
    ("equalities", "Equalities implications"),
    ("environmental", "Environmental implications"),
)


def implications_to_list(apps: Any, schema_editor: Any) -> None:
    ReportDefaults = apps.get_model("reports", "ReportDefaults")
    for defaults in ReportDefaults.objects.all():
        items = [
            {"key": key, "title": title, "text": getattr(defaults, f"{key}_implications"), "on": True}
            for key, title in STANDARD
        ]
        taken = {key for key, _ in STANDARD}
        for title, text in (defaults.other_implications or {}).items():
            key = implication_key(str(title), taken)
            taken.add(key)
            items.append({"key": key, "title": str(title).rstrip(":"), "text": str(text), "on": True})
        defaults.implications = items
        defaults.save(update_fields=["implications"])


def implications_to_fields(apps: Any, schema_editor: Any) -> None:
    ReportDefaults = apps.get_model("reports", "ReportDefaults")
    for defaults in ReportDefaults.objects.all():
        by_key = {item.get("key"): item for item in defaults.implications or []}
        for key, _ in STANDARD:
            if key in by_key:
                setattr(defaults, f"{key}_implications", by_key[key].get("text", ""))
        defaults.other_implications = {
            item["title"]: item.get("text", "")
            for item in defaults.implications or []
            if item.get("key") not in dict(STANDARD) and item.get("on", True)
        }
        defaults.save()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_issue_renders_in_the_background"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportdefaults",
            name="implications",
            field=models.JSONField(
                blank=True,
                default=peerplan.reports.models.default_implications,
                help_text="The implications in order, each {key, title, text, on}; one not on is switched off.",
            ),
        ),
        migrations.AddField(
            model_name="reportdefaults",
            name="implications_as",
            field=models.CharField(
                choices=[
                    ("subsections", "Numbered sub-sections of one Implications section"),
                    ("sections", "Each implication a numbered section of its own"),
                ],
                default="subsections",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="reportdefaults",
            name="section_titles",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The council's own title per section key; none for the standard title.",
            ),
        ),
        migrations.RunPython(implications_to_list, implications_to_fields),
        migrations.RemoveField(model_name="reportdefaults", name="environmental_implications"),
        migrations.RemoveField(model_name="reportdefaults", name="equalities_implications"),
        migrations.RemoveField(model_name="reportdefaults", name="financial_implications"),
        migrations.RemoveField(model_name="reportdefaults", name="legal_implications"),
        migrations.RemoveField(model_name="reportdefaults", name="other_implications"),
        migrations.RemoveField(model_name="reportdefaults", name="risk_implications"),
    ]
