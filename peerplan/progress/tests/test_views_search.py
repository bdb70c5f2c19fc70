"""The search page: what it says about the number of results, and that nobody finds what they may not read."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.accounts.models import User
from peerplan.plans.models import Action, Review
from peerplan.search.selectors import CAP
from peerplan.testing.factories import make_action, make_recommendation, make_review

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db


def search_page(client: Client, person: User, query: str, page: int = 1) -> str:
    client.force_login(person)
    response = client.get(reverse("progress:search"), {"q": query, "page": str(page)})
    assert response.status_code == 200
    return response.content.decode()


def shown(page: str) -> list[int]:
    return [int(n) for n in re.findall(r"Mend pothole (\d+)\b", page)]


def test_the_page_counts_the_results_exactly_up_to_the_cap(client: Client, user: User, review: Review) -> None:
    rec = make_recommendation(review, "1", "Highways")
    for n in range(1, 4):
        make_action(rec, f"1.{n}", text=f"Mend pothole {n}")
    page = search_page(client, user, "pothole")
    assert "3 results for ‘pothole’." in page
    assert "More than" not in page


def test_more_results_than_the_cap_are_said_to_be_more_and_only_the_first_are_paged(
    client: Client, user: User, review: Review
) -> None:
    rec = make_recommendation(review, "1", "Highways")
    Action.objects.bulk_create(
        Action(review=review, recommendation=rec, sort_key=f"{n:04d}", ref=f"1.{n}", text=f"Mend pothole {n}")
        for n in range(1, CAP + 2)
    )
    page = search_page(client, user, "pothole")
    assert (
        "More than 1,000 results for ‘pothole’. The first 1,000 are shown, newest review first: page 1 of 40. "
        "Add words, or put a phrase in quotes, to find fewer."
    ) in page
    assert shown(page) == list(range(1, 26))  # the first 25, in plan order
    last = search_page(client, user, "pothole", page=40)
    assert "page 40 of 40" in last and shown(last) == list(range(976, 1001))


def test_a_person_never_finds_anything_in_a_review_they_may_not_read(
    client: Client, user: User, review: Review, *, councillor: User, outsider: User, make_user: Callable[..., User]
) -> None:
    make_action(make_recommendation(review, "1", "Libraries"), "1.1", text="Approved kumquat action")
    draft = make_review(review.organisation, title="Draft review")
    draft.plan_approved_on = None
    draft.save()
    make_action(make_recommendation(draft, "1", "Libraries"), "1.1", text="Draft kumquat action")
    archived = make_review(review.organisation, title="Archived review")
    archived.archived_on = archived.plan_approved_on
    archived.save()
    make_action(make_recommendation(archived, "1", "Libraries"), "1.1", text="Archived kumquat action")
    elsewhere = make_review(outsider.memberships.get().organisation, title="Another council")
    make_action(make_recommendation(elsewhere, "1", "Libraries"), "1.1", text="Elsewhere kumquat action")
    lead = make_user("lead2@example.gov.uk", organisation=review.organisation, role=Role.LEAD_OFFICER)

    seen = {
        who: [title for title in ("Approved", "Draft", "Archived", "Elsewhere") if f"{title} kumquat" in page]
        for who, page in (
            ("manager", search_page(client, user, "kumquat")),
            ("lead officer", search_page(client, lead, "kumquat")),
            ("councillor", search_page(client, councillor, "kumquat")),
            ("outsider", search_page(client, outsider, "kumquat")),
        )
    }
    assert seen == {
        "manager": ["Approved", "Draft", "Archived"],
        "lead officer": ["Approved", "Draft"],
        "councillor": ["Approved"],
        "outsider": ["Elsewhere"],
    }
