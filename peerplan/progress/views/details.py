"""Summary-list rows for one action: its details, its update history and its due-date revisions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from peerplan.accounts.vocabulary import RagWord
from peerplan.plans.models import Action, DueDateRevision
from peerplan.progress.models import ProgressUpdate
from peerplan.progress.selectors import ActionDetail
from peerplan.shared.dates import short_date
from peerplan.shared.rag import Rag
from peerplan.ui.html import bullet_list, joined, lines, link, paragraphs
from peerplan.ui.templatetags.govuk import govuk_tag, rag_tag_for, status_tag

REVISION_TAG = {"requested": "yellow", "approved": "green", "rejected": "red"}


def evidence_list(items: list[str]) -> SafeString:
    """Evidence as given: a web address is a link (opened without telling the site where from), the rest text."""
    return bullet_list(link(i, i, external=True) if i.startswith(("http://", "https://")) else i for i in items)


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
        rag_set = f"{who}, {short_date(action.rag_set_on)}" if action.rag_set_on else who
    elif (since := rating_since(action, detail.updates)) is not None:
        rag_set = f"{since.author_display or 'Not recorded'}, in the update of {short_date(since.date)}"
        rag_reason = rag_reason or since.rag_reason
    due = short_date(action.due_date) or "Not understood from the timescale"
    if action.original_due and action.due_date and action.original_due != action.due_date:
        due = f"{due} (revised; originally {short_date(action.original_due)})"
    owners = ", ".join(o.name for o in detail.owners) or "None named"
    rows: list[Any] = [
        (
            "Recommendation",
            link(
                reverse("progress:recommendation", args=[action.recommendation_id]),
                Truncator(f"{action.recommendation.ref} {action.recommendation.text}").chars(120),
            ),
        ),
    ]
    if action.parent_id and action.parent:
        parent = Truncator(f"{action.parent.ref} {action.parent.text}").chars(120)
        rows.append(("Part of", link(reverse("progress:action", args=[action.parent_id]), parent)))
    rows += [
        ("Lead officer", action.lead_officer.name if action.lead_officer else "Not named"),
        ("Lead member", action.lead_member.name if action.lead_member else "Not named"),
        ("Owners", owners),
        ("Timescale as written", action.timescale or "Not given"),
        (
            "Due date as understood",
            joined(due, govuk_tag("Overdue", "red") if overdue else ""),
        ),
        ("Status", status_tag(action.status or "not-started")),
        ("Percentage complete", f"{action.percent_complete}%" if action.percent_complete is not None else "Not given"),
        ("RAG rating", rag_tag_for(action.rag, words)),
        ("RAG set by", rag_set),
        ("Why this rating", rag_reason or "No reason recorded"),
        (
            "Suggested by the council’s rule",
            joined(rag_tag_for(suggested.value, words), "(for comparison: the officer’s rating stands)")
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
                joined(
                    govuk_tag("Withdrawn", "grey"),
                    f"{short_date(withdrawal.on)}, {who}: {reason} It no longer counts towards the action’s position.",
                ),
            )
        )
    rows += [
        ("Reporting period", update.period.name if update.period else "None"),
        ("Status", status_tag(update.status)),
        (
            "RAG rating",
            joined(rag_tag_for(update.rag, words), update.rag_reason, sep=" – "),
        ),
    ]
    if update.percent_complete is not None:
        rows.append(("Percentage complete", f"{update.percent_complete}%"))
    rows.append(("Update", paragraphs(update.commentary) if update.commentary else "No commentary"))
    if update.public_summary:
        rows.append(("Public summary", paragraphs(update.public_summary)))
    files = list(update.files.all()) if update.pk else []
    if update.evidence or files:
        links = evidence_list(list(update.evidence)) if update.evidence else ""
        rows.append(("Evidence", joined(links, file_list(files), sep="")))
    if withdraw_url and withdrawal is None:
        rows.append(("Put a mistake right", "Withdraw this update, with a reason", withdraw_url, "Withdraw"))
    return rows


def file_list(files: list[Any]) -> SafeString:
    """Attached documents as download links, with their size."""
    return bullet_list(
        joined(
            link(reverse("progress:evidence", args=[f.pk]), f.name, download=True),
            f"({max(1, round(f.size / 1024)):,} KB)",
        )
        for f in files
    )


def update_title(update: ProgressUpdate) -> str:
    title = f"{short_date(update.date)} – {update.author_display or 'author not recorded'}"
    return f"{title} (withdrawn)" if update.pk and getattr(update, "withdrawal", None) is not None else title


def revision_rows(revisions: list[DueDateRevision]) -> list[list[Any]]:
    return [
        [
            short_date(r.requested_on),
            str(r.requested_by) if r.requested_by else "Not recorded",
            f"{short_date(r.previous_due) or 'no date'} → {short_date(r.new_due)}",
            r.reason,
            lines(
                govuk_tag(r.get_state_display(), REVISION_TAG.get(r.state, "grey")),
                f"{short_date(r.decided_on)} {f'by {r.decided_by}' if r.decided_by else ''}" if r.decided_on else "",
                f"Asked for {short_date(r.requested_due)}; a different date was approved" if r.requested_due else "",
                f"Note: {r.decision_note}" if r.decision_note else "",
            ),
        ]
        for r in revisions
    ]
