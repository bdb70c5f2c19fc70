"""Reads behind search: the rows the search found, loaded and grouped by review."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peerplan.plans.models import (
    Action,
    Recommendation,
    Review,
)

if TYPE_CHECKING:
    pass

from .reading import with_owners

# Search -----------------------------------------------------------------------------------------

REC, ACTION = 0, 1


@dataclass(frozen=True)
class Hit:
    kind: int
    id: int
    review_id: int


@dataclass(frozen=True)
class ReviewResults:
    review: Review
    recommendations: list[Recommendation]
    actions: list[Action]


def search_results(rows: Iterable[Sequence[Any]]) -> list[ReviewResults]:
    """Load one page of search rows, grouped by review, in four queries whatever the page holds."""
    hits = [Hit(kind=row[1], id=row[0], review_id=row[2]) for row in rows]
    reviews = Review.objects.in_bulk({h.review_id for h in hits})
    recs = Recommendation.objects.in_bulk([h.id for h in hits if h.kind == REC])
    action_ids = [h.id for h in hits if h.kind == ACTION]
    actions = with_owners(Action.objects.filter(pk__in=action_ids).select_related("recommendation")).in_bulk()
    grouped_results: dict[int, ReviewResults] = {}
    for hit in hits:
        review = reviews[hit.review_id]
        group = grouped_results.setdefault(review.pk, ReviewResults(review, [], []))
        if hit.kind == REC:
            group.recommendations.append(recs[hit.id])
        else:
            group.actions.append(actions[hit.id])
    return list(grouped_results.values())
