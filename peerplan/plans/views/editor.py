"""The plan editor: the tree of recommendations and actions, and the pages that add, change, move and delete them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import Truncator, capfirst
from django.views.decorators.http import require_POST

from peerplan.accounts.permissions import can_edit_plan, signed_in
from peerplan.plans.forms import ActionForm, RecommendationForm
from peerplan.plans.models import MAX_ACTION_DEPTH, Action, Recommendation, Review
from peerplan.plans.services import (
    action_create,
    action_delete,
    action_move,
    action_update,
    recommendation_create,
    recommendation_move,
    recommendation_update,
)
from peerplan.plans.timescales import TimescaleKind
from peerplan.shared.dates import long_date
from peerplan.shared.errors import EditConflictError
from peerplan.ui.forms import add_service_errors, refused
from peerplan.ui.html import with_hidden

from ._shared import review_for

# GOV.UK spacing overrides: steps sit further in than the actions they belong to.
_INDENT = {1: "", 2: "govuk-!-padding-left-6", 3: "govuk-!-padding-left-9"}


@dataclass(frozen=True)
class ActionRow:
    action: Action
    indent: str
    first: bool
    last: bool
    understood: str

    @property
    def may_add_step(self) -> bool:
        return self.action.depth < MAX_ACTION_DEPTH

    @property
    def name(self) -> str:
        """How buttons name the action to a screen reader: its reference, else its first words."""
        return self.action.ref or Truncator(self.action.text).words(6)

    @property
    def up_label(self) -> SafeString:
        return with_hidden("Move up", f": {self.name}")

    @property
    def down_label(self) -> SafeString:
        return with_hidden("Move down", f": {self.name}")


@dataclass(frozen=True)
class RecommendationBlock:
    recommendation: Recommendation
    rows: list[ActionRow]

    @property
    def up_label(self) -> SafeString:
        return with_hidden("Move up", f" recommendation {self._name}")

    @property
    def down_label(self) -> SafeString:
        return with_hidden("Move down", f" recommendation {self._name}")

    @property
    def _name(self) -> str:
        return self.recommendation.ref or Truncator(self.recommendation.text).words(8)


def understood_label(action: Action) -> str:
    """ "A period, due 31 March 2026": how the written timescale was read."""
    try:
        kind = TimescaleKind(action.timescale_kind).label
    except ValueError:
        kind = ""
    kind = kind[:1].lower() + kind[1:]
    due = f"due {long_date(action.due_date)}" if action.due_date else ""
    return ", ".join(part for part in (kind, due) if part)


def plan_tree(review: Review) -> list[RecommendationBlock]:
    """The whole plan in four queries, however long it is."""
    recommendations = list(review.recommendations.select_related("theme").prefetch_related("owners").order_by("order"))
    actions = list(
        Action.objects.filter(review=review)
        .select_related("lead_officer", "lead_member")
        .prefetch_related("owners")
        .order_by("recommendation_id", "sort_key")
    )
    siblings: dict[tuple[int, int | None], list[int]] = defaultdict(list)
    by_recommendation: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        siblings[(action.recommendation_id, action.parent_id)].append(action.pk)
        by_recommendation[action.recommendation_id].append(action)
    blocks = []
    for rec in recommendations:
        rows = []
        for action in by_recommendation[rec.pk]:
            group = siblings[(action.recommendation_id, action.parent_id)]
            rows.append(
                ActionRow(
                    action=action,
                    indent=_INDENT.get(action.depth, ""),
                    first=group[0] == action.pk,
                    last=group[-1] == action.pk,
                    understood=understood_label(action),
                )
            )
        blocks.append(RecommendationBlock(rec, rows))
    return blocks


@login_required
def plan_editor(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    return render(
        request,
        "plans/editor.html",
        {
            "review": review,
            "blocks": plan_tree(review),
            "crumbs": [
                ("Plans", reverse("plans:list")),
                (review.title, reverse("plans:manage", args=[review.pk])),
                ("Edit the plan", ""),
            ],
            "nav_current": "plans",
        },
    )


def _editor_at(review: Review, anchor: str) -> HttpResponse:
    return redirect(reverse("plans:editor", kwargs={"pk": review.pk}) + f"#{anchor}")


# Recommendations ----------------------------------------------------------------------------------


@login_required
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    form = RecommendationForm(
        data=request.POST if request.method == "POST" else None, review=review, initial={"version": 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            rec = recommendation_create(review=review, actor=signed_in(request.user), **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Recommendation {rec.ref} has been added.".replace("  ", " "))
            return _editor_at(review, f"rec-{rec.pk}")
    return render(request, "plans/recommendation_form.html", {"form": form, "review": review, "nav_current": "plans"})


def _recommendation_summary(rec: Recommendation) -> list[tuple[str, str]]:
    return [
        ("Reference", rec.ref or "None"),
        ("Kind", rec.get_kind_display()),
        ("Recommendation", rec.text),
        ("Theme", str(rec.theme or "No theme")),
        ("Where in the report", rec.source or "Not given"),
        ("Section heading", rec.section or "Not given"),
        ("The council's response", rec.get_response_display() or "Not decided yet"),
        ("Reasons for the response", rec.response_reason or "None given"),
        ("Owners", ", ".join(str(o) for o in rec.owners.all()) or "None named"),
    ]


@login_required
def recommendation_edit_page(request: HttpRequest, pk: int, rec_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    rec = get_object_or_404(Recommendation, pk=rec_pk, review=review)
    current = None
    form = RecommendationForm(
        data=request.POST if request.method == "POST" else None,
        review=review,
        initial=RecommendationForm.initial_for(rec),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation_update(
                recommendation=rec,
                actor=signed_in(request.user),
                version=data["version"],
                correction_reason=data.get("correction_reason", ""),
                **form.service_kwargs(),
            )
        except ValidationError as error:
            rec = Recommendation.objects.get(pk=rec.pk)
            current = _recommendation_summary(rec) if isinstance(error, EditConflictError) else None
            form = refused(form, error, request=request, current_version=rec.version, review=review)
        else:
            messages.success(request, f"Recommendation {rec.ref} has been saved.".replace("  ", " "))
            return _editor_at(review, f"rec-{rec.pk}")
    return render(
        request,
        "plans/recommendation_form.html",
        {
            "form": form,
            "review": review,
            "recommendation": rec,
            "current": current,
            "corrections": list(rec.corrections.all()) if review.is_approved else [],
            "nav_current": "plans",
        },
    )


# Actions ------------------------------------------------------------------------------------------


def _action_page(request: HttpRequest, review: Review, rec: Recommendation, parent: Action | None) -> HttpResponse:
    today = timezone.localdate()
    form = ActionForm(
        data=request.POST if request.method == "POST" else None,
        organisation=review.organisation,
        initial={"version": 1},
    )
    if request.method == "POST" and "check" not in request.POST and form.is_valid():
        try:
            action = action_create(
                recommendation=rec,
                actor=signed_in(request.user),
                understood_as_of=today,
                parent=parent,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            what = "step" if parent else "action"
            messages.success(request, f"The {what} {action.ref} has been added.".replace("  ", " "))
            return _editor_at(review, f"action-{action.pk}")
    return render(
        request,
        "plans/action_form.html",
        {
            "form": form,
            "review": review,
            "recommendation": rec,
            "parent": parent,
            "understood": form.understood(as_of=today),
            "nav_current": "plans",
        },
    )


@login_required
def action_new(request: HttpRequest, pk: int, rec_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    rec = get_object_or_404(Recommendation, pk=rec_pk, review=review)
    return _action_page(request, review, rec, None)


@login_required
def step_new(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    parent = get_object_or_404(Action.objects.select_related("recommendation"), pk=action_pk, review=review)
    if parent.depth >= MAX_ACTION_DEPTH:
        messages.error(request, f"Steps can be nested at most {MAX_ACTION_DEPTH} levels deep.")
        return _editor_at(review, f"action-{parent.pk}")
    return _action_page(request, review, parent.recommendation, parent)


def _action_summary(action: Action) -> list[tuple[str, str]]:
    return [
        ("Reference", action.ref or "None"),
        ("What will be done", action.text),
        ("Timescale", action.timescale or "None given"),
        ("Read as", capfirst(understood_label(action)) or "No due date"),
        ("Owners", ", ".join(str(o) for o in action.owners.all()) or "None named"),
        ("Lead officer", str(action.lead_officer or "Not named")),
        ("Lead member", str(action.lead_member or "Not named")),
    ]


@login_required
def action_edit_page(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    action = get_object_or_404(
        Action.objects.select_related("recommendation", "lead_officer", "lead_member", "parent"),
        pk=action_pk,
        review=review,
    )
    today = timezone.localdate()
    current = None
    form = ActionForm(
        data=request.POST if request.method == "POST" else None,
        organisation=review.organisation,
        initial=ActionForm.initial_for(action),
    )
    if request.method == "POST" and "check" not in request.POST and form.is_valid():
        data = form.cleaned_data
        try:
            action_update(
                action=action, actor=signed_in(request.user), version=data["version"], on=today, **form.service_kwargs()
            )
        except ValidationError as error:
            action = Action.objects.select_related("lead_officer", "lead_member").get(pk=action.pk)
            current = _action_summary(action) if isinstance(error, EditConflictError) else None
            form = refused(
                form, error, request=request, current_version=action.version, organisation=review.organisation
            )
        else:
            messages.success(request, f"The action {action.ref} has been saved.".replace("  ", " "))
            return _editor_at(review, f"action-{action.pk}")
    return render(
        request,
        "plans/action_form.html",
        {
            "form": form,
            "review": review,
            "recommendation": action.recommendation,
            "parent": action.parent,
            "action": action,
            "saved_reading": understood_label(action),
            "understood": form.understood(as_of=today) if "check" in request.POST else None,
            "current": current,
            "nav_current": "plans",
        },
    )


@login_required
@require_POST
def action_move_view(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    action = get_object_or_404(Action, pk=action_pk, review=review)
    direction = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if direction is not None:
        action_move(action=action, actor=signed_in(request.user), direction=direction)
        messages.success(request, f"{action.ref or 'The action'} has been moved {request.POST['direction']}.")
    return _editor_at(review, f"action-{action.pk}")


@login_required
def recommendation_move_view(request: HttpRequest, pk: int, rec_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    rec = get_object_or_404(Recommendation, pk=rec_pk, review=review)
    direction = {"up": -1, "down": 1}.get(request.POST.get("direction", "")) if request.method == "POST" else None
    if direction is not None:
        recommendation_move(recommendation=rec, actor=signed_in(request.user), direction=direction)
        name = f"Recommendation {rec.ref}".strip() if rec.ref else "The recommendation"
        messages.success(request, f"{name} has been moved {request.POST['direction']}.")
    return _editor_at(review, f"rec-{rec.pk}")


@login_required
def action_delete_page(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    action = get_object_or_404(Action.objects.select_related("recommendation"), pk=action_pk, review=review)
    steps = Action.objects.filter(
        recommendation_id=action.recommendation_id, sort_key__startswith=action.sort_key + "."
    )
    refusal = ""
    if request.method == "POST":
        try:
            action_delete(action=action, actor=signed_in(request.user))
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, f"The action {action.ref} has been deleted.".replace("  ", " "))
            return _editor_at(review, f"rec-{action.recommendation_id}")
    elif review.is_approved:
        refusal = (
            f"The plan was approved on {long_date(review.plan_approved_on)}, so its actions are kept for the record. "
            "Set the action's status to 'No further action' instead."
        )
    return render(
        request,
        "plans/action_delete.html",
        {"review": review, "action": action, "steps": list(steps), "refusal": refusal, "nav_current": "plans"},
    )
