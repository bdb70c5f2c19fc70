"""What the plan manager's views share: finding a review the person may see (refusals: ui.forms.refused)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from peerplan.accounts.permissions import require
from peerplan.plans.models import Review

Predicate = Callable[[Any, Review], bool]


def review_for(request: HttpRequest, pk: int, may: Predicate) -> Review:
    """The review, or 404; then 403 unless `may(person, review)`."""
    review = get_object_or_404(Review.objects.select_related("organisation"), pk=pk)
    require(may(request.user, review))
    return review
