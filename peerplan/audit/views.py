"""The audit trail pages: a council's whole trail with filters, and the trail of one review or one action.

Who, when, what, and each field's value before → after. Everyone with a role in the council may read it.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, cast

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString

from peerplan.accounts.models import Organisation, User
from peerplan.accounts.permissions import (
    audit_entries_visible_to,
    can_view_audit,
    can_view_review,
    organisations_of,
    require,
    reviews_visible_to,
)
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, Review
from peerplan.shared.rag import Rag
from peerplan.ui.forms import GovukDateField, GovukForm
from peerplan.ui.html import bullet_list, joined, link

from .models import AuditEntry

PAGE_SIZE = 50
HEAD = ["When", "Who", "What", "Changes"]
# Where a target's page is, by target type; others are shown as text.
TARGET_PAGES = {"action": "progress:action", "recommendation": "progress:recommendation", "review": "progress:review"}


class AuditFilterForm(GovukForm):
    """Filters sent by GET, so a filtered trail can be bookmarked."""

    review = forms.TypedChoiceField(label="Review", required=False, coerce=int, empty_value=None)
    person = forms.TypedChoiceField(label="Person", required=False, coerce=int, empty_value=None)
    date_from = GovukDateField(label="From", required=False, help_text="For example, 1 4 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 30 6 2026")

    def __init__(
        self, *args: Any, organisation: Organisation, user: Any, with_review: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if with_review:
            reviews = (
                Review.objects.filter(organisation=organisation)
                .filter(reviews_visible_to(user))
                .order_by("-visit_end", "title")
            )
            cast(forms.ChoiceField, self.fields["review"]).choices = [
                ("", "All reviews"),
                *((r.pk, r.title) for r in reviews),
            ]
        else:
            del self.fields["review"]
        people = User.objects.filter(memberships__organisation=organisation).order_by("full_name")
        cast(forms.ChoiceField, self.fields["person"]).choices = [("", "Anyone"), *((u.pk, str(u)) for u in people)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data.get("review"):
            entries = entries.filter(review_id=data["review"])
        if data.get("person"):
            entries = entries.filter(actor_id=data["person"])
        zone = timezone.get_current_timezone()
        if data.get("date_from"):
            entries = entries.filter(at__gte=dt.datetime.combine(data["date_from"], dt.time.min, tzinfo=zone))
        if data.get("date_to"):
            entries = entries.filter(
                at__lt=dt.datetime.combine(data["date_to"] + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
            )
        return entries


FIELD_LABELS = {"rag": "RAG rating", "rag_reason": "RAG reason", "percent_complete": "Percentage complete"}
VOCABULARIES: dict[str, type[models.TextChoices]] = {"status": ActionStatus, "rag": Rag}


def _value(name: str, value: Any) -> str:
    """A recorded value as people say it: labels for statuses and ratings, (blank) for nothing."""
    if value in (None, "", [], {}):
        return "(blank)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    vocabulary = VOCABULARIES.get(name)
    if vocabulary is not None and value in vocabulary.values:
        return str(vocabulary(value).label)
    return str(value)


def changes_cell(changes: dict[str, Any]) -> SafeString:
    """Each changed field as "field: before → after"; a value that is not a pair is shown as it is."""
    items: list[str] = []
    for name, value in changes.items():
        label = FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
        if isinstance(value, list) and len(value) == 2:
            items.append(f"{label}: {_value(name, value[0])} → {_value(name, value[1])}")
        else:
            items.append(f"{label}: {_value(name, value)}")
    return bullet_list(items, small=True)


def what_cell(entry: AuditEntry) -> SafeString:
    """What was done to what, the thing linked to its page where it has one."""
    target: str = entry.target_repr
    url_name = TARGET_PAGES.get(entry.target_type)
    if url_name and entry.target_id.isdigit():
        target = link(reverse(url_name, args=[entry.target_id]), entry.target_repr)
    return joined(entry.verb.capitalize(), kind_name(entry.target_type), target)


@functools.cache
def _kind_names() -> dict[str, str]:
    names = {model._meta.model_name or "": str(model._meta.verbose_name) for model in apps.get_models()}
    return names | {"ragdefinition": "RAG rating", "milestonemet": "CPC milestone"}


def kind_name(target_type: str) -> str:
    """What was changed, in words: "peer team member", never the model name "peerteammember"."""
    return _kind_names().get(target_type, target_type)


def rows(entries: list[AuditEntry]) -> list[list[Any]]:
    return [
        [
            format_date(timezone.localtime(e.at), "j M Y, H:i"),
            e.actor_name,
            what_cell(e),
            changes_cell(e.changes or {}),
        ]
        for e in entries
    ]


def _render(request: HttpRequest, entries: QuerySet[AuditEntry], **context: Any) -> HttpResponse:
    paginator = Paginator(entries.order_by("-at", "-id"), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context.update(page_obj=page_obj, head=HEAD, rows=rows(list(page_obj.object_list)), nav_current="audit")
    return render(request, "audit/trail.html", context)


def _organisation(request: HttpRequest) -> Organisation:
    """The council whose trail to show: ?organisation=<slug>, else the person's first council."""
    organisations = organisations_of(request.user)
    slug = request.GET.get("organisation")
    chosen = next((o for o in organisations if o.slug == slug), None) if slug else None
    if chosen is None and not slug and organisations:
        chosen = organisations[0]
    require(chosen is not None and can_view_audit(request.user, chosen))
    assert chosen is not None  # narrowed by require
    return chosen


@login_required
def organisation_trail(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = AuditFilterForm(request.GET or None, organisation=organisation, user=request.user)
    entries = form.apply(AuditEntry.objects.filter(audit_entries_visible_to(request.user, organisation)))
    return _render(
        request,
        entries,
        organisation=organisation,
        organisations=organisations_of(request.user),
        heading="Audit trail",
        caption=organisation.name,
        filter_form=form,
        form=form if form.is_bound and form.errors else None,
        crumbs=[("Home", "/"), ("Audit trail", "")],
    )


@login_required
def review_trail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("organisation"), pk=pk)
    require(can_view_review(request.user, review) and can_view_audit(request.user, review.organisation))
    form = AuditFilterForm(request.GET or None, organisation=review.organisation, user=request.user, with_review=False)
    entries = form.apply(
        AuditEntry.objects.filter(audit_entries_visible_to(request.user, review.organisation)).filter(
            Q(review_id=review.pk) | Q(target_type="review", target_id=str(review.pk))
        )
    )
    return _render(
        request,
        entries,
        heading="Audit trail",
        caption=review.title,
        filter_form=form,
        form=form if form.is_bound and form.errors else None,
        crumbs=[("Home", "/"), (review.title, reverse("progress:review", args=[review.pk])), ("Audit trail", "")],
    )


@login_required
def action_trail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("review__organisation"), pk=pk)
    require(can_view_review(request.user, action.review) and can_view_audit(request.user, action.review.organisation))
    entries = AuditEntry.objects.filter(audit_entries_visible_to(request.user, action.review.organisation)).filter(
        target_type="action", target_id=str(action.pk)
    )
    return _render(
        request,
        entries,
        heading="Audit trail",
        caption=f"Action {action.ref}".strip(),
        filter_form=None,
        form=None,
        crumbs=[
            ("Home", "/"),
            (action.review.title, reverse("progress:review", args=[action.review_id])),
            (f"Action {action.ref}".strip(), reverse("progress:action", args=[action.pk])),
            ("Audit trail", ""),
        ],
    )
