"""Reading a review: its dashboard, the plan with filters, a recommendation and an action."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from peerplan.accounts.permissions import (
    can_edit_plan,
    can_update_action,
    can_view_audit,
    can_view_email_log,
    can_withdraw_update,
)
from peerplan.accounts.vocabulary import RagWord
from peerplan.notifications.selectors import emails_about
from peerplan.plans.enums import ActionStatus
from peerplan.plans.figures import NOT_RATED
from peerplan.progress import caching, selectors
from peerplan.progress.forms import PlanFilterForm
from peerplan.progress.models import ProgressUpdate
from peerplan.progress.rag import RuleSettings, suggest_rag, why_no_suggestion
from peerplan.shared.dates import short_date
from peerplan.shared.rag import Rag
from peerplan.ui import charts
from peerplan.ui.cells import ACTION_HEAD, action_rows
from peerplan.ui.html import link
from peerplan.ui.templatetags.govuk import govuk_tag

from . import details
from .common import (
    crumbs,
    page,
    rag_words,
    readable_action,
    readable_recommendation,
    readable_review,
    review_crumb,
)


def tally_head(words: Mapping[str, RagWord]) -> list[str]:
    return ["Actions", "Closed", "Overdue", *(words[r.value].label for r in Rag), "Not rated"]


def _tally_row(label: object, tally: selectors.Tally) -> list[object]:
    return [
        label,
        tally.total,
        tally.closed,
        tally.overdue,
        *(tally.by_rag[r.value] for r in Rag),
        tally.by_rag[NOT_RATED],
    ]


def _clock_rows(dashboard: selectors.Dashboard) -> list[list[object]]:
    return [
        [
            entry.label,
            short_date(entry.due),
            short_date(entry.met_on) or "Not yet",
            govuk_tag(entry.state.label, entry.state.tag_colour),
        ]
        for entry in dashboard.clock
    ]


@login_required
def review_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    review = readable_review(request, pk)
    at = timezone.localdate()
    dashboard = caching.review_dashboard(review, at=at)
    words = rag_words(request)
    head = tally_head(words)
    plan_url = reverse("progress:plan", args=[review.pk])
    rec_rows = [
        _tally_row(
            link(reverse("progress:recommendation", args=[g.href_id]), Truncator(g.label).chars(60))
            if g.href_id
            else g.label,
            g.tally,
        )
        for g in dashboard.by_recommendation
    ]
    context = page(
        review=review,
        d=dashboard,
        at=at,
        crumbs=crumbs((review.title, "")),
        clock_head=["Milestone", "Due", "Met", "Position"],
        clock_rows=_clock_rows(dashboard),
        headline_head=["Position", "What it means", "Actions"],
        headline_rows=[
            *([h.label, h.meaning, n] for h, n in dashboard.overall.headlines),
            ["Total", "", dashboard.overall.total],
        ],
        status_head=["Status", "Actions"],
        status_rows=[
            [s.label, dashboard.overall.by_status[s.value]]
            for s in ActionStatus
            if dashboard.overall.by_status[s.value]
        ],
        tally_head=["", *head],
        overall_row=[_tally_row("All actions", dashboard.overall)],
        rec_head=["Recommendation", *head],
        rec_rows=rec_rows,
        theme_head=["Theme", *head],
        theme_rows=[_tally_row(g.label, g.tally) for g in dashboard.by_theme],
        numeric=",".join(str(i) for i in range(1, len(head) + 1)),
        action_head=ACTION_HEAD,
        lists=[
            (
                key,
                title,
                items.count,
                action_rows(items.actions, at=at, words=words),
                f"{plan_url}?show={show}" if items.count > len(items.actions) else "",
            )
            for key, title, items, show in (
                ("overdue", "Overdue", dashboard.overdue, selectors.Show.OVERDUE),
                ("due-soon", f"Due within {selectors.DUE_SOON_DAYS} days", dashboard.due_soon, selectors.Show.DUE_SOON),
                ("not-updated", "No update this reporting period", dashboard.not_updated, selectors.Show.NOT_UPDATED),
            )
        ],
        breakdown=charts.rag_breakdown(dashboard.overall.by_rag, chart_id="rag-breakdown", words=words),
        history=charts.rag_over_periods(
            [(h.period.name, h.by_rag) for h in dashboard.rag_history], chart_id="rag-history", words=words
        ),
        can_audit=can_view_audit(request.user, review.organisation),
        can_edit=can_edit_plan(request.user, review),
    )
    return render(request, "progress/review_dashboard.html", context)


@login_required
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    review = readable_review(request, pk)
    at = timezone.localdate()
    form = PlanFilterForm(request.GET or None, review=review, words=rag_words(request))
    filters = form.filters()
    blocks = selectors.plan(review, filters, at=at)
    context = page(
        review=review,
        form=form if form.is_bound and form.errors else None,
        filter_form=form,
        filters=filters,
        blocks=[(b, action_rows(b.actions, at=at, words=form.words, indent=not filters.any)) for b in blocks],
        action_head=ACTION_HEAD,
        count=sum(len(b.actions) for b in blocks),
        crumbs=crumbs(review_crumb(review), ("The plan", "")),
    )
    return render(request, "progress/plan.html", context)


@login_required
def recommendation_page(request: HttpRequest, pk: int) -> HttpResponse:
    rec = readable_recommendation(request, pk)
    at = timezone.localdate()
    rec, actions = selectors.recommendation_detail(rec)
    owners = ", ".join(link.owner.name for link in getattr(rec, "owner_links", [])) or "None named"
    response = rec.get_response_display() or "Not recorded"
    summary_rows = [
        ("Theme", rec.theme.name if rec.theme else "None"),
        ("Where in the report", rec.source or "Not recorded"),
        ("Section", rec.section or "None"),
        ("The council’s response", f"{response}. {rec.response_reason}".strip() if rec.response_reason else response),
        ("Owners", owners),
    ]
    context = page(
        review=rec.review,
        rec=rec,
        summary_rows=summary_rows,
        actions=actions,
        action_rows=action_rows(actions, at=at, words=rag_words(request), indent=True),
        action_head=ACTION_HEAD,
        at=at,
        crumbs=crumbs(
            review_crumb(rec.review),
            ("The plan", reverse("progress:plan", args=[rec.review_id])),
            (f"Recommendation {rec.ref}".strip(), ""),
        ),
    )
    return render(request, "progress/recommendation.html", context)


def _withdraw_url(request: HttpRequest, update: ProgressUpdate, at: date) -> str:
    if not can_withdraw_update(request.user, update, at=at):
        return ""
    return reverse("progress:update-withdraw", args=[update.pk])


@login_required
def action_page(request: HttpRequest, pk: int) -> HttpResponse:
    action = readable_action(request, pk)
    at = timezone.localdate()
    detail = selectors.action_detail(action)
    review = action.review
    for update in detail.updates:
        update.action = action  # the permissions check reads the council from it: no query per update
    words = rag_words(request)
    rule = RuleSettings.of(review.organisation)
    suggested = suggest_rag(
        rule,
        status=action.status or ActionStatus.NOT_STARTED,
        percent=action.percent_complete,
        due=action.due_date,
        at=at,
    )
    overdue = action.is_overdue(at=at)
    context = page(
        review=review,
        action=action,
        detail=detail,
        at=at,
        summary_rows=details.action_rows(
            action,
            detail,
            overdue=overdue,
            suggested=suggested,
            no_suggestion=why_no_suggestion(rule, percent=action.percent_complete, due=action.due_date),
            words=words,
        ),
        updates=[
            (details.update_title(u), details.update_rows(u, words=words, withdraw_url=_withdraw_url(request, u, at)))
            for u in detail.updates
        ],
        revision_head=["Asked on", "By", "Due date", "Reason", "Decision"],
        revision_rows=details.revision_rows(detail.revisions),
        can_update=can_update_action(request.user, action),
        can_audit=can_view_audit(request.user, review.organisation),
        emails=emails_about(action)[:20] if can_view_email_log(request.user, review.organisation) else None,
        crumbs=crumbs(
            review_crumb(review),
            ("The plan", reverse("progress:plan", args=[review.pk])),
            (
                f"Recommendation {action.recommendation.ref}".strip(),
                reverse("progress:recommendation", args=[action.recommendation_id]),
            ),
            (f"Action {action.ref}".strip(), ""),
        ),
    )
    return render(request, "progress/action.html", context)
