"""Reviews: the list, setting one up, its page, and editing its facts, themes, peer team and CPC milestones."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from peerplan.accounts.models import Organisation
from peerplan.accounts.permissions import (
    can_archive_review,
    can_create_review,
    can_edit_plan,
    organisations_of,
    require,
    reviews_visible_to,
    signed_in,
)
from peerplan.plans.clock import ClockMilestone
from peerplan.plans.enums import ReviewKind
from peerplan.plans.forms import (
    MilestoneForm,
    PeerForm,
    ReviewArchiveForm,
    ReviewEditForm,
    ReviewSetupForm,
    ThemesForm,
)
from peerplan.plans.models import DueDateRevision, PeerTeamMember, Review, RevisionState
from peerplan.plans.services import (
    milestone_met_record,
    peer_team_member_add,
    peer_team_member_remove,
    review_archive,
    review_create,
    review_delete,
    review_themes_set,
    review_update,
)
from peerplan.shared.dates import long_date
from peerplan.shared.errors import EditConflictError
from peerplan.ui.forms import add_service_errors, refused
from peerplan.ui.html import joined, link, visually_hidden
from peerplan.ui.templatetags.govuk import govuk_tag

from ._shared import review_for

REVIEW_FIELDS = ("kind", "title", "visit_start", "visit_end", "feedback_report_date")


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    organisations = organisations_of(request.user)
    if not organisations:
        raise PermissionDenied
    reviews = (
        Review.objects.filter(organisation__in=organisations)
        .filter(reviews_visible_to(request.user))
        .select_related("organisation")
        .annotate(action_count=Count("actions"))
        .order_by("organisation__name", "-visit_end", "title")
    )
    may_create = any(can_create_review(request.user, o) for o in organisations)
    several = len(organisations) > 1
    head = [
        *(["Council"] if several else []),
        "Review",
        "Kind",
        "Last day of the visit",
        "Plan",
        "Actions",
        visually_hidden("Manage"),
    ]
    rows = [
        [
            *([review.organisation.name] if several else []),
            link(_reading_url(review), review),
            review.get_kind_display(),
            long_date(review.visit_end),
            f"Approved {long_date(review.plan_approved_on)}" if review.plan_approved_on else "Not approved yet",
            review.action_count,  # type: ignore[attr-defined]  # annotated above
            link(reverse("plans:manage", args=[review.pk]), "Manage", hidden=f" {review}")
            if can_edit_plan(request.user, review)
            else "",
        ]
        for review in reviews
    ]
    return render(
        request,
        "plans/review_list.html",
        {"head": head, "rows": rows, "may_create": may_create, "nav_current": "plans"},
    )


def _reading_url(review: Review) -> str:
    """The review's page for everyone who reads it (the progress app's dashboard)."""
    return reverse("progress:review", args=[review.pk])


def _organisation_for_new_review(request: HttpRequest) -> Organisation:
    """The council the new review belongs to: ?organisation=<slug>, or the only one the person manages."""
    managed = [o for o in organisations_of(request.user) if can_create_review(request.user, o)]
    slug = request.GET.get("organisation") or request.POST.get("organisation")
    if slug:
        organisation = get_object_or_404(Organisation, slug=slug)
        require(can_create_review(request.user, organisation))
        return organisation
    require(bool(managed))
    return managed[0]


@login_required
def review_new(request: HttpRequest) -> HttpResponse:
    organisation = _organisation_for_new_review(request)
    form = ReviewSetupForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = review_create(
                organisation=organisation,
                actor=signed_in(request.user),
                themes=form.theme_pairs(),
                title=data["title"],
                kind=ReviewKind(data["kind"]),
                visit_start=data["visit_start"],
                visit_end=data["visit_end"],
                feedback_report_date=data["feedback_report_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{review.title} has been set up. Add the peer team, then the plan.")
            return redirect("plans:manage", pk=review.pk)
    return render(
        request,
        "plans/review_form.html",
        {"form": form, "organisation": organisation, "nav_current": "plans", "setting_up": True},
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _tasks(review: Review, *, pending: int, recommendations: int, actions: int) -> list[dict[str, str]]:
    """The plan manager's jobs on this review, as a GOV.UK task list."""

    def url(name: str) -> str:
        return reverse(f"plans:{name}", args=[review.pk])

    periods = review.reporting_periods.count()
    return [
        {"title": "Details of the review", "href": url("review-edit"), "status": "Completed"},
        {"title": "Themes", "href": url("review-themes"), "status": _plural(review.themes.count(), "theme")},
        {"title": "Peer team", "href": url("peer-add"), "status": _plural(review.peer_team.count(), "peer")},
        {
            "title": "Recommendations and actions",
            "href": url("editor"),
            "hint": "Enter or change the action plan.",
            "status": f"{_plural(recommendations, 'recommendation')}, {_plural(actions, 'action')}",
        },
        {
            "title": "Approve the plan",
            "href": "" if review.is_approved else url("approve"),
            "status": f"Approved {long_date(review.plan_approved_on)}" if review.is_approved else "Not approved",
            "colour": "green" if review.is_approved else "blue",
        },
        {
            "title": "Reporting periods",
            "href": url("periods"),
            "hint": "Ask lead officers for updates.",
            "status": _plural(periods, "period"),
        },
        {
            "title": "Requests for revised due dates",
            "href": url("revisions"),
            "status": f"{pending} waiting" if pending else "None waiting",
            "colour": "orange" if pending else "",
        },
    ]


def _clock_rows(review: Review, today: date, *, may_edit: bool) -> list[dict[str, Any]]:
    rows = []
    for entry in review.clock(at=today):
        met = f", met {long_date(entry.met_on)}" if entry.met_on else ""
        value = joined(f"Due {long_date(entry.due)}{met}", govuk_tag(entry.state.label, entry.state.tag_colour))
        href = reverse("plans:milestone", args=[review.pk, entry.milestone.value]) if may_edit else ""
        rows.append({"key": entry.label, "value": value, "href": href, "action": "Record"})
    return rows


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    today = timezone.localdate()
    may_edit = True
    pending = DueDateRevision.objects.filter(action__review=review, state=RevisionState.REQUESTED).count()
    recommendations, actions = review.recommendations.count(), review.actions.count()
    peers = [
        {
            "key": peer.name,
            "value": ", ".join(part for part in (peer.role, peer.organisation) if part),
            "href": reverse("plans:peer-remove", args=[review.pk, peer.pk]) if may_edit else "",
            "action": "Remove",
        }
        for peer in review.peer_team.all()
    ]
    return render(
        request,
        "plans/review_detail.html",
        {
            "review": review,
            "crumbs": [("Plans", reverse("plans:list")), (review.title, _reading_url(review)), ("Manage", "")],
            "details": _review_summary(review),
            "themes": list(review.themes.all()),
            "peers": peers,
            "clock": _clock_rows(review, today, may_edit=may_edit),
            "tasks": _tasks(review, pending=pending, recommendations=recommendations, actions=actions)
            if may_edit
            else [],
            "recommendation_count": recommendations,
            "action_count": actions,
            "nav_current": "plans",
        },
    )


def _review_summary(review: Review) -> list[tuple[str, str]]:
    return [
        ("Kind of review", review.get_kind_display()),
        ("Title", review.title),
        ("First day of the visit", long_date(review.visit_start) or "Not given"),
        ("Last day of the visit", long_date(review.visit_end) or "Not given"),
        ("Date of the feedback report", long_date(review.feedback_report_date) or "Not given"),
    ]


@login_required
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    current = None
    initial = {"version": review.version, **{key: getattr(review, key) for key in REVIEW_FIELDS}}
    form: forms.Form = ReviewEditForm(data=request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review_update(
                review=review,
                actor=signed_in(request.user),
                version=data["version"],
                title=data["title"],
                kind=ReviewKind(data["kind"]),
                visit_start=data["visit_start"],
                visit_end=data["visit_end"],
                feedback_report_date=data["feedback_report_date"],
            )
        except ValidationError as error:
            review.refresh_from_db()
            current = _review_summary(review) if isinstance(error, EditConflictError) else None
            form = refused(form, error, request=request, current_version=review.version)
        else:
            messages.success(request, "The review's details have been saved.")
            return redirect("plans:manage", pk=review.pk)
    return render(
        request,
        "plans/review_form.html",
        {"form": form, "review": review, "current": current, "nav_current": "plans"},
    )


@login_required
def review_themes(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    form = ThemesForm(
        data=request.POST if request.method == "POST" else None,
        initial=ThemesForm.initial_for(list(review.themes.all())),
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_themes_set(review=review, actor=signed_in(request.user), themes=form.theme_pairs())
        except ValidationError as error:
            add_service_errors(form, error)  # "themes" is no one field: it shows at the top
        else:
            messages.success(request, "The themes have been saved.")
            return redirect("plans:manage", pk=review.pk)
    return render(request, "plans/review_themes.html", {"form": form, "review": review, "nav_current": "plans"})


@login_required
def peer_add(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    form = PeerForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            member = peer_team_member_add(review=review, actor=signed_in(request.user), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{member.name} has been added to the peer team.")
            if "add_another" in request.POST:
                return redirect("plans:peer-add", pk=review.pk)
            return redirect("plans:manage", pk=review.pk)
    return render(
        request,
        "plans/peer_form.html",
        {"form": form, "review": review, "peer_team": list(review.peer_team.all()), "nav_current": "plans"},
    )


@login_required
def peer_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    member = get_object_or_404(PeerTeamMember, pk=member_pk, review=review)
    if request.method == "POST":
        peer_team_member_remove(member=member, actor=signed_in(request.user))
        messages.success(request, f"{member.name} has been removed from the peer team.")
        return redirect("plans:manage", pk=review.pk)
    return render(request, "plans/peer_remove.html", {"review": review, "member": member, "nav_current": "plans"})


@login_required
def milestone_met(request: HttpRequest, pk: int, milestone: str) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    if milestone not in ClockMilestone.values:
        raise Http404
    which = ClockMilestone(milestone)
    entry = next((e for e in review.clock(at=timezone.localdate()) if e.milestone == milestone), None)
    initial = {"met_on": entry.met_on} if entry and entry.met_on else {}
    form = MilestoneForm(data=request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and "clear" in request.POST:
        milestone_met_record(review=review, actor=signed_in(request.user), milestone=which, met_on=None)
        messages.success(request, f"{which.label}: no longer marked as met.")
        return redirect("plans:manage", pk=review.pk)
    if request.method == "POST" and form.is_valid():
        met_on = form.cleaned_data["met_on"]
        if met_on > timezone.localdate():
            form.add_error("met_on", "The date it was met must be today or in the past")
        else:
            milestone_met_record(review=review, actor=signed_in(request.user), milestone=which, met_on=met_on)
            messages.success(request, f"{which.label}: marked as met on {long_date(met_on)}.")
            return redirect("plans:manage", pk=review.pk)
    return render(
        request,
        "plans/milestone_form.html",
        {
            "form": form,
            "review": review,
            "milestone": ClockMilestone(milestone),
            "entry": entry,
            "nav_current": "plans",
        },
    )


@login_required
def review_archive_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a draft or test review, bring it back, or delete one that was never approved."""
    review = review_for(request, pk, can_archive_review)
    form = ReviewArchiveForm(request.POST or None, review=review)
    if request.method == "POST" and form.is_valid():
        choice, title = form.cleaned_data["choice"], review.title
        try:
            if choice == "delete":
                review_delete(review=review, actor=signed_in(request.user))
            else:
                review_archive(
                    review=review,
                    actor=signed_in(request.user),
                    on=timezone.localdate() if choice == "archive" else None,
                )
        except ValidationError as problem:
            form.add_error("choice", problem)
        else:
            done = {"archive": "archived", "restore": "brought back from the archive", "delete": "deleted"}[choice]
            messages.success(request, f"{title} has been {done}.")
            return redirect("plans:list") if choice == "delete" else redirect("plans:manage", pk=review.pk)
    return render(
        request,
        "plans/review_archive.html",
        {
            "review": review,
            "form": form,
            "crumbs": [
                ("Plans", reverse("plans:list")),
                (review.title, reverse("plans:manage", args=[review.pk])),
                ("Archive or delete", ""),
            ],
            "nav_current": "plans",
        },
    )
