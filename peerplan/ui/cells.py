"""Table rows for lists of actions, built from the GOV.UK tags so every page shows an action the same way.

Written here, as one escaped string per cell, rather than in a template loop: a plan page of 500 actions
has thousands of cells (issue #14). Views pass the actions; every text a person wrote passes through _e.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeData, SafeString, mark_safe

from peerplan.accounts.vocabulary import RagWord
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, Owner
from peerplan.shared.dates import short_date
from peerplan.ui.templatetags.govuk import govuk_tag, rag_tags, status_tag

ACTION_HEAD = ["Action", "Due", "Status", "RAG"]
LINE_BREAK = mark_safe("<br>")


def owner_names(action: Action) -> list[str]:
    """Lead officer first, then the other owners, each once (needs selectors.with_owners, or selectors.plan's names)."""
    named: list[str] | None = getattr(action, "owners_in_order", None)
    if named is not None:
        return named
    names: list[Owner] = [action.lead_officer] if action.lead_officer_id and action.lead_officer else []
    for link in getattr(action, "owner_links", []):
        if link.owner_id not in {o.pk for o in names}:
            names.append(link.owner)
    return [o.name for o in names]


# A plan page lists hundreds of actions: the tags for each status and rating are made once, not per row.
STATUS_TAGS = {s.value: status_tag(s.value) for s in ActionStatus}
OVERDUE_TAG = govuk_tag("Overdue", "red")
UPDATE_UNDER_ACTION = '{}<p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">{}</p>'


def action_url(pk: int) -> str:
    """The action's page; the pattern is reversed once, as a plan page links hundreds of actions."""
    return _action_path().replace(_PLACEHOLDER, str(pk))


def update_url(pk: int) -> str:
    return _update_path().replace(_PLACEHOLDER, str(pk))


_PLACEHOLDER = "2147483647"


@functools.cache
def _action_path() -> str:
    return reverse("progress:action", args=[int(_PLACEHOLDER)])


@functools.cache
def _update_path() -> str:
    return reverse("progress:action-update", args=[int(_PLACEHOLDER)])


def _e(value: object) -> str:
    """Escaped as format_html would (safe strings kept), without its per-call cost: rows hold thousands of cells."""
    return str(value) if isinstance(value, SafeData) else escape(str(value))


# Rows are written as one escaped string per cell rather than format_html per part: a plan page has
# thousands of parts. Every text a person wrote passes through _e.


def action_cell(action: Action, *, indent: bool = False, owners: bool = True, context: str = "") -> SafeString:
    """Ref and text linked to the action's page, its owners under it; steps indented by depth."""
    ref = f"{action.ref} " if action.ref else ""
    link = f'<a class="govuk-link" href="{_e(action_url(action.pk))}">{_e(ref)}{_e(action.text)}</a>'
    people = owner_names(action) if owners else []
    who = f'<br><span class="govuk-body-s govuk-!-margin-0">{_e(", ".join(people))}</span>' if people else ""
    above = (
        f'<div class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-1">{_e(context)}</div>' if context else ""
    )
    padding = f"govuk-!-padding-left-{min(3 * (action.depth - 1), 6)}" if indent and action.depth > 1 else ""
    return mark_safe(f'<div class="{padding}">{above}{link}{who}</div>')  # noqa: S308 - every part escaped


def due_cell(action: Action, *, at: date) -> SafeString:
    """The due date, marked Overdue in words (not colour alone) when it has passed."""
    if action.due_date is None:
        return mark_safe(_e(action.timescale or "Not set"))  # noqa: S308 - escaped
    late = OVERDUE_TAG if action.is_overdue(at=at) else ""
    return mark_safe(f"{_e(short_date(action.due_date))}{LINE_BREAK if late else ''}{late}")  # noqa: S308 - escaped


def update_link(action: Action) -> SafeString:
    return mark_safe(  # noqa: S308 - every part escaped
        f'<a class="govuk-link" href="{_e(update_url(action.pk))}">Post an update'
        f'<span class="govuk-visually-hidden"> on action {_e(action.ref or action.text[:40])}</span></a>'
    )


def action_rows(
    actions: Iterable[Action],
    *,
    at: date,
    words: Mapping[str, RagWord],
    indent: bool = False,
    owners: bool = True,
    context: bool = False,
    can_update: Callable[[Action], bool] | None = None,
) -> list[Sequence[SafeString | str]]:
    """One row per action (ACTION_HEAD); with `can_update`, "Post an update" under the action where allowed.

    The link sits in the action's cell, not a column of its own, so the row fits a phone with its RAG in view.
    """
    rows: list[Sequence[SafeString | str]] = []
    tags = rag_tags(words)
    for action in actions:
        where = ""
        if context:
            where = f"{action.review.title} · Recommendation {action.recommendation.ref}".strip()
        cell = action_cell(action, indent=indent, owners=owners, context=where)
        if can_update is not None and can_update(action):
            cell = mark_safe(UPDATE_UNDER_ACTION.format(cell, update_link(action)))  # noqa: S308 - both safe
        row: list[SafeString | str] = [
            cell,
            due_cell(action, at=at),
            STATUS_TAGS[action.status or ActionStatus.NOT_STARTED],
            tags[action.rag],
        ]
        rows.append(row)
    return rows
