"""The review dashboard's figures come from the cache until a write, and a write shows at once."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peerplan.accounts.models import User
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, Review
from peerplan.plans.services import review_update
from peerplan.progress import caching, selectors
from peerplan.progress.services import action_update_post
from peerplan.shared.rag import Rag
from peerplan.testing.factories import AT, add_actions, make_recommendation

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db


def dashboard(client: Client, review: Review) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("progress:review", args=[review.pk]))
    assert response.status_code == 200
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())  # new per request
    return page, len(captured.captured_queries)


def test_the_second_dashboard_reads_its_figures_from_the_cache(client: Client, user: User, action: Action) -> None:
    assert action.lead_officer is not None, "the fixture's action has a lead officer"
    add_actions(action.recommendation, 6, lead=action.lead_officer)
    client.force_login(user)
    first, built = dashboard(client, action.review)
    second, cached = dashboard(client, action.review)
    assert second == first
    assert cached < built - 5  # the tallies, lists, history and changes are not queried again


def test_an_update_shows_on_the_dashboard_at_once(client: Client, user: User, action: Action) -> None:
    client.force_login(user)
    before, _ = dashboard(client, action.review)
    assert "Paused" not in before
    action_update_post(
        action=action,
        author=user,
        on=date.today(),
        status=ActionStatus.PAUSED,
        rag=Rag.RED,
        rag_reason="Funding withdrawn.",
        commentary="Stopped.",
        version=action.version,
    )
    after, _ = dashboard(client, action.review)
    assert "Paused" in after


def test_a_change_to_the_review_shows_at_once(user: User, review: Review) -> None:
    """The CPC clock counts from the visit: moving the visit moves every milestone on the cached dashboard."""
    before = caching.review_dashboard(review, at=AT).clock
    assert review.visit_end is not None
    review_update(review=review, actor=user, version=review.version, visit_end=review.visit_end + timedelta(days=14))
    after = caching.review_dashboard(review, at=AT).clock
    assert after != before
    assert after == selectors.review_dashboard(review, at=AT).clock


def test_the_key_changes_with_the_day_and_with_each_audited_write(user: User, review: Review) -> None:
    make_recommendation(review, "1")
    key = caching.dashboard_key(review, at=AT)
    assert caching.dashboard_key(review, at=AT) == key
    assert caching.dashboard_key(review, at=AT + timedelta(days=1)) != key
    review_update(review=review, actor=user, version=review.version, title="Renamed")
    assert caching.dashboard_key(review, at=AT) != key


def test_the_cached_dashboard_is_the_one_the_selector_builds(user: User, action: Action) -> None:
    assert action.lead_officer is not None, "the fixture's action has a lead officer"
    add_actions(action.recommendation, 4, lead=action.lead_officer)
    built = selectors.review_dashboard(action.review, at=AT)
    caching.review_dashboard(action.review, at=AT)
    cached = caching.review_dashboard(action.review, at=AT)
    assert cached is not built
    assert (cached.overall, cached.by_recommendation, cached.overdue.count, cached.changes.since) == (
        built.overall,
        built.by_recommendation,
        built.overdue.count,
        built.changes.since,
    )
    assert [a.pk for a in cached.overdue.actions] == [a.pk for a in built.overdue.actions]
