"""What every progress view needs: the object, after asking permissions.py whether this person may see it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from peerplan.accounts.permissions import can_view_review, require
from peerplan.accounts.vocabulary import RagWord
from peerplan.plans.models import Action, Recommendation, Review
from peerplan.ui import navigation


def readable_review(request: HttpRequest, pk: int) -> Review:
    """The review, or 404 if there is none, or 403 if the person has no role in its council."""
    review = get_object_or_404(Review.objects.select_related("organisation"), pk=pk)
    require(can_view_review(request.user, review))
    return review


def readable_recommendation(request: HttpRequest, pk: int) -> Recommendation:
    rec = get_object_or_404(Recommendation.objects.select_related("review__organisation", "theme"), pk=pk)
    require(can_view_review(request.user, rec.review))
    return rec


def readable_action(request: HttpRequest, pk: int) -> Action:
    related = ("review__organisation", "recommendation", "lead_officer", "lead_member", "rag_set_by", "parent")
    action = get_object_or_404(Action.objects.select_related(*related), pk=pk)
    require(can_view_review(request.user, action.review))
    return action


def rag_words(request: HttpRequest) -> dict[str, RagWord]:
    """The council's RAG words for rows built here; the same object templates read as `rag_words`."""
    return navigation.rag_words(getattr(request, "user", None))


def crumbs(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Home", "/"), *pairs]


def review_crumb(review: Review) -> tuple[str, str]:
    from django.urls import reverse

    return (review.title, reverse("progress:review", args=[review.pk]))


def page(**context: Any) -> dict[str, Any]:
    """The context every page gets; `nav_current` marks the service navigation's entry."""
    context.setdefault("nav_current", "")
    return context
