"""Show a parsed (not yet saved) recommendation and its actions as a GOV.UK table on the preview page."""

from __future__ import annotations

from typing import Any

from django import template

from peerplan.importers.result import RowReading
from peerplan.plans.enums import ActionStatus
from peerplan.plans.planformat import Action, Recommendation
from peerplan.plans.timescales import TimescaleKind, understand
from peerplan.shared.dates import long_date

register = template.Library()

_DOUBTFUL = {TimescaleKind.NOT_UNDERSTOOD, TimescaleKind.RELATIVE}


def _rows(actions: list[Action], depth: int = 0) -> list[list[str]]:
    rows = []
    for action in actions:
        understood = understand(action.timescale)
        due = f"due {long_date(action.due)}" if action.due else ""
        if action.timescale and understood.kind in _DOUBTFUL:
            due = "not understood: check it"
        indent = "\u2003" * depth
        owners = ", ".join(action.owners) + (f" (lead member: {action.lead_member})" if action.lead_member else "")
        rows.append(
            [
                f"{indent}{action.ref + ' ' if action.ref else ''}{action.text}",
                owners,
                f"{action.timescale} ({due})" if action.timescale and due else action.timescale or due,
                str(ActionStatus(action.status).label) if action.status else "",
            ]
        )
        rows.extend(_rows(action.actions, depth + 1))
    return rows


@register.inclusion_tag("importers/_recommendation.html")
def preview_recommendation(rec: Recommendation, number: int) -> dict[str, Any]:
    return {
        "rec": rec,
        "number": number,
        "head": ["Action", "Owners", "Timescale", "Status"],
        "rows": _rows(rec.actions),
    }


@register.inclusion_tag("ui/components/table.html", takes_context=True)
def import_rows(context: template.Context, rows: list[RowReading]) -> dict[str, Any]:
    """The table rows of the file and how each was read, for the person to correct."""
    from peerplan.ui.templatetags.govuk import govuk_table

    body = [[r.where, r.read_as, r.text] for r in rows]
    return govuk_table(context, ["Row", "Read as", "What it says"], body, caption="Rows", caption_size="s")
