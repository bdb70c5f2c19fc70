"""Summary-list rows for one action: its details, its update history and its due-date revisions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from peerplan.accounts.vocabulary import RagWord
from peerplan.plans.enums import Rag
from peerplan.plans.models import Action, DueDateRevision
from peerplan.progress.models import ProgressUpdate
from peerplan.progress.selectors import ActionDetail
from peerplan.ui.templatetags.govuk import govuk_tag, rag_tag_for, status_tag

from .rows import day, govuk_link

REVISION_TAG = {"requested": "yellow", "approved": "green", "rejected": "red"}


def _lines(text: str) -> SafeString:
    return format_html_join("", '<p class="govuk-body">{}</p>', ((p,) for p in text.splitlines() if p.strip()))


def evidence_list(items: list[str]) -> SafeString:
    def one(item: str) -> SafeString:
        if item.startswith(("http://", "https://")):
            return format_html('<a class="govuk-link" href="{}" rel="noreferrer noopener">{}</a>', item, item)
        return format_html("{}", item)

    return format_html(
        '<ul class="govuk-list">{}</ul>', format_html_join("", "<li>{}</li>", ((one(i),) for i in items))
    )


def rating_since(action: Action, updates: list[ProgressUpdate]) -> ProgressUpdate | None:
    """The update that first gave the action its current rating (updates newest first), for imported history."""
    since = None
    for update in updates:
        if update.rag != action.rag:
            break
        since = update
    return since


def action_rows(
    action: Action,
    detail: ActionDetail,
    *,
    overdue: bool,
    suggested: Rag | None,
    no_suggestion: str,
    words: Mapping[str, RagWord],
) -> list[Any]:
    """The action's summary list: what it is, who owns it, when it is due, and where it stands."""
    rag_set, rag_reason = "Not recorded", action.rag_reason
    if action.rag_set_on or action.rag_set_by:
        who = str(action.rag_set_by) if action.rag_set_by else "someone not recorded"
        rag_set = f"{who}, {day(action.rag_set_on)}" if action.rag_set_on else who
    elif (since := rating_since(action, detail.updates)) is not None:
        rag_set = f"{since.author_display or 'Not recorded'}, in the update of {day(since.date)}"
        rag_reason = rag_reason or since.rag_reason
    due = day(action.due_date) or "Not understood from the timescale"
    if action.original_due and action.due_date and action.original_due != action.due_date:
        due = f"{due} (revised; originally {day(action.original_due)})"
    owners = ", ".join(o.name for o in detail.owners) or "None named"
    rows: list[Any] = [
        (
            "Recommendation",
            govuk_link(
                reverse("progress:recommendation", args=[action.recommendation_id]),
                Truncator(f"{action.recommendation.ref} {action.recommendation.text}").chars(120),
            ),
        ),
    ]
    if action.parent_id and action.parent:
        parent = Truncator(f"{action.parent.ref} {action.parent.text}").chars(120)
        rows.append(("Part of", govuk_link(reverse("progress:action", args=[action.parent_id]), parent)))
    rows += [
        ("Lead officer", action.lead_officer.name if action.lead_officer else "Not named"),
        ("Lead member", action.lead_member.name if action.lead_member else "Not named"),
        ("Owners", owners),
        ("Timescale as written", action.timescale or "Not given"),
        (
            "Due date as understood",
            format_html("{}{}", due, format_html(" {}", govuk_tag("Overdue", "red")) if overdue else ""),
        ),
        ("Status", status_tag(action.status or "not-started")),
        ("Percentage complete", f"{action.percent_complete}%" if action.percent_complete is not None else "Not given"),
        ("RAG rating", rag_tag_for(action.rag, words)),
        ("RAG set by", rag_set),
        ("Why this rating", rag_reason or "No reason recorded"),
        (
            "Suggested by the council’s rule",
            format_html("{} {}", rag_tag_for(suggested.value, words), "(for comparison: the officer’s rating stands)")
            if suggested
            else no_suggestion,
        ),
    ]
    return rows


def update_rows(update: ProgressUpdate, *, words: Mapping[str, RagWord], withdraw_url: str = "") -> list[Any]:
    """An update as a summary card's rows; a withdrawn one says so first, with who, when and why."""
    rows: list[Any] = []
    withdrawal = getattr(update, "withdrawal", None) if update.pk else None
    if withdrawal is not None:
        who = str(withdrawal.by) if withdrawal.by else "someone not recorded"
        reason = withdrawal.reason.strip()
        reason += "" if reason.endswith((".", "!", "?")) else "."
        rows.append(
            (
                "Withdrawn",
                format_html(
                    "{} {}, {}: {} {}",
                    govuk_tag("Withdrawn", "grey"),
                    day(withdrawal.on),
                    who,
                    reason,
                    "It no longer counts towards the action’s position.",
                ),
            )
        )
    rows += [
        ("Reporting period", update.period.name if update.period else "None"),
        ("Status", status_tag(update.status)),
        (
            "RAG rating",
            format_html(
                "{}{}",
                rag_tag_for(update.rag, words),
                format_html(" – {}", update.rag_reason) if update.rag_reason else "",
            ),
        ),
    ]
    if update.percent_complete is not None:
        rows.append(("Percentage complete", f"{update.percent_complete}%"))
    rows.append(("Update", _lines(update.commentary) if update.commentary else "No commentary"))
    if update.public_summary:
        rows.append(("Public summary", _lines(update.public_summary)))
    files = list(update.files.all()) if update.pk else []
    if update.evidence or files:
        links = evidence_list(list(update.evidence)) if update.evidence else ""
        rows.append(("Evidence", format_html("{}{}", links, file_list(files))))
    if withdraw_url and withdrawal is None:
        rows.append(("Put a mistake right", "Withdraw this update, with a reason", withdraw_url, "Withdraw"))
    return rows


def file_list(files: list[Any]) -> SafeString:
    """Attached documents as download links, with their size."""
    if not files:
        return format_html("{}", "")
    items = ((reverse("progress:evidence", args=[f.pk]), f.name, f"{max(1, round(f.size / 1024)):,} KB") for f in files)
    return format_html(
        '<ul class="govuk-list">{}</ul>',
        format_html_join("", '<li><a class="govuk-link" href="{}" download>{}</a> ({})</li>', items),
    )


def update_title(update: ProgressUpdate) -> str:
    title = f"{day(update.date)} – {update.author_display or 'author not recorded'}"
    return f"{title} (withdrawn)" if update.pk and getattr(update, "withdrawal", None) is not None else title


def revision_rows(revisions: list[DueDateRevision]) -> list[list[Any]]:
    return [
        [
            day(r.requested_on),
            str(r.requested_by) if r.requested_by else "Not recorded",
            format_html("{} → {}", day(r.previous_due) or "no date", day(r.new_due)),
            r.reason,
            format_html(
                "{}{}{}{}",
                govuk_tag(r.get_state_display(), REVISION_TAG.get(r.state, "grey")),
                format_html("<br>{} {}", day(r.decided_on), f"by {r.decided_by}" if r.decided_by else "")
                if r.decided_on
                else "",
                format_html("<br>Asked for {}; a different date was approved", day(r.requested_due))
                if r.requested_due
                else "",
                format_html("<br>Note: {}", r.decision_note) if r.decision_note else "",
            ),
        ]
        for r in revisions
    ]
