"""The plan page's rows, read as plain columns: owners in order, each once, and every name escaped."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from peerplan.accounts.models import User
from peerplan.plans.models import Owner, Review
from peerplan.progress import selectors
from peerplan.progress.selectors import PlanFilters
from peerplan.testing.factories import AT, make_action, make_recommendation, owner

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db

XSS = '<script>alert("owner")</script>'


def test_the_lead_officer_comes_first_then_each_owner_once(review: Review, lead_owner: Owner) -> None:
    rec = make_recommendation(review, "1")
    ann, bob = owner(review.organisation, "Ann Able"), owner(review.organisation, "Bob Bell")
    make_action(rec, "1.1", lead=lead_owner, owners=[bob, lead_owner, ann])
    make_action(rec, "1.2", owners=[ann])
    make_action(rec, "1.3")
    (block,) = selectors.plan(review, PlanFilters(), at=AT)
    assert [getattr(a, selectors.OWNERS_IN_ORDER) for a in block.actions] == [
        ["Head of Place", "Bob Bell", "Ann Able"],
        ["Ann Able"],
        [],
    ]


def test_the_plan_page_names_owners_escaped_and_filters_by_them(
    client: Client, user: User, review: Review, lead_owner: Owner
) -> None:
    rec = make_recommendation(review, "1")
    bad = owner(review.organisation, XSS)
    make_action(rec, "1.1", lead=lead_owner, owners=[bad], text="Fix <b>the</b> roof")
    client.force_login(user)
    url = reverse("progress:plan", args=[review.pk])
    page = client.get(url).content.decode()
    assert XSS not in page
    assert "Head of Place, &lt;script&gt;alert(&quot;owner&quot;)&lt;/script&gt;</span>" in page
    assert "Fix &lt;b&gt;the&lt;/b&gt; roof</a>" in page
    assert f'<option value="{bad.pk}">&lt;script&gt;' in page
    filtered = client.get(url, {"owner": bad.pk}).content.decode()
    assert f'<option value="{bad.pk}" selected>' in filtered
    assert "1 action matches the filters." in filtered
