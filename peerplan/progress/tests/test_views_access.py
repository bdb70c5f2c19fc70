"""Who may open each progress page: anonymous, no role in the council, wrong role, right role.

No role in the council is 403 (not 404) on every page that belongs to a review, recommendation or action.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.plans.models import Action

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db

READ_PAGES = ["review", "plan", "recommendation", "action"]
WRITE_PAGES = ["action-update", "action-revise-date"]
OWN_PAGES = ["home", "my-actions", "search"]


def url_for(name: str, action: Action) -> str:
    args = {
        "review": [action.review_id],
        "plan": [action.review_id],
        "recommendation": [action.recommendation_id],
    }.get(name, [action.pk] if name in ("action", *WRITE_PAGES) else [])
    return reverse(f"progress:{name}", args=args)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", READ_PAGES + WRITE_PAGES + OWN_PAGES)
def test_anonymous_people_are_sent_to_sign_in(client: Client, action: Action, name: str) -> None:
    response = client.get(url_for(name, action))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", READ_PAGES + WRITE_PAGES)
def test_no_role_in_the_council_is_refused(outsider: User, action: Action, name: str) -> None:
    assert signed_in(outsider).get(url_for(name, action)).status_code == 403


def test_no_role_in_the_council_sees_none_of_its_reviews_or_actions(outsider: User, action: Action) -> None:
    client = signed_in(outsider)
    assert action.review.title not in client.get("/").content.decode()
    assert "You do not own any actions" in client.get(reverse("progress:my-actions")).content.decode()
    assert "No results" in client.get(reverse("progress:search"), {"q": "Action"}).content.decode()


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_councillors_never_write(councillor: User, action: Action, name: str) -> None:
    client = signed_in(councillor)
    assert client.get(url_for(name, action)).status_code == 403
    assert client.post(url_for(name, action), {"commentary": "x"}).status_code == 403


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_a_lead_officer_cannot_update_an_action_they_do_not_own(
    make_user: Callable[..., User], organisation: Organisation, action: Action, name: str
) -> None:
    other = make_user("other.lead@example.gov.uk", organisation=organisation, role=Role.LEAD_OFFICER)
    assert signed_in(other).get(url_for(name, action)).status_code == 403


@pytest.mark.parametrize("name", READ_PAGES + OWN_PAGES)
def test_every_role_in_the_council_can_read(
    make_user: Callable[..., User], organisation: Organisation, action: Action, name: str
) -> None:
    for role in Role:
        reader = make_user(f"{role.value}@example.gov.uk", organisation=organisation, role=role)
        response = signed_in(reader).get(url_for(name, action), follow=True)
        assert response.status_code == 200, (role, name)


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_the_owner_and_plan_managers_can_write(lead_officer: User, user: User, action: Action, name: str) -> None:
    assert signed_in(lead_officer).get(url_for(name, action)).status_code == 200
    assert signed_in(user).get(url_for(name, action)).status_code == 200


def test_write_buttons_show_only_to_those_who_may_write(lead_officer: User, councillor: User, action: Action) -> None:
    update_url = reverse("progress:action-update", args=[action.pk])
    assert update_url in signed_in(lead_officer).get(url_for("action", action)).content.decode()
    for page in ("action", "my-actions"):
        assert update_url not in signed_in(councillor).get(url_for(page, action)).content.decode()


def test_a_lead_officer_starts_at_my_actions(lead_officer: User, action: Action) -> None:
    response = signed_in(lead_officer).get("/")
    assert response.status_code == 302 and response["Location"] == reverse("progress:my-actions")


def test_others_start_at_their_councils_reviews(councillor: User, action: Action) -> None:
    page = signed_in(councillor).get("/").content.decode()
    assert action.review.title in page and "1 action:" in page
