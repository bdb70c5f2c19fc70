"""The pages make the same number of queries for a plan of 5 actions as for one of 50, updates and all."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peerplan.accounts.models import User
from peerplan.plans.models import Owner, Review
from peerplan.testing.factories import add_actions, make_recommendation

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    """Queries for the page built afresh: the dashboard's cache is emptied first (test_caching tests it)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "page",
    [
        lambda r: reverse("progress:review", args=[r.pk]),
        lambda r: reverse("progress:plan", args=[r.pk]),
        lambda r: reverse("progress:plan", args=[r.pk]) + "?status=in-progress&show=not-updated",
        lambda r: reverse("progress:recommendation", args=[r.recommendations.first().pk]),
        lambda r: reverse("progress:my-actions"),
        lambda r: reverse("progress:my-actions") + "?show=rest",
        lambda r: reverse("progress:search") + "?q=action",
        lambda r: reverse("progress:search") + "?q=head+of+place",
        lambda r: "/",
    ],
    ids=[
        "dashboard",
        "plan",
        "plan-filtered",
        "recommendation",
        "my-actions",
        "my-actions-group",
        "search",
        "search-owner",
        "home",
    ],
)
def test_query_count_does_not_grow_with_the_plan(
    client: Client, user: User, review: Review, lead_owner: Owner, page: Callable[[Review], str]
) -> None:
    one, two = make_recommendation(review, "1"), make_recommendation(review, "2")
    add_actions(one, 3, lead=lead_owner)
    add_actions(two, 2, lead=lead_owner, start=3)
    who = lead_owner.user if "my-actions" in page(review) else user
    assert who is not None
    client.force_login(who)
    small = queries(client, page(review))

    add_actions(one, 20, lead=lead_owner, start=5)
    add_actions(two, 25, lead=lead_owner, start=25)
    assert review.actions.count() == 50
    assert queries(client, page(review)) == small
