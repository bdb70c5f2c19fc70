"""Who may open the plan manager's pages: anonymous, no role, wrong role and right role, for every page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.accounts.models import User
from peerplan.plans.models import DueDateRevision, Review

from .conftest import action

Page = tuple[str, str, tuple[str, ...]]

EDITOR_PAGES: list[Page] = [
    ("get", "plans:review-new", ()),
    ("get", "plans:manage", ("review",)),
    ("get", "plans:review-edit", ("review",)),
    ("get", "plans:review-themes", ("review",)),
    ("get", "plans:peer-add", ("review",)),
    ("get", "plans:peer-remove", ("review", "peer")),
    ("get", "plans:milestone", ("review", "milestone")),
    ("get", "plans:editor", ("review",)),
    ("get", "plans:recommendation-new", ("review",)),
    ("get", "plans:recommendation-edit", ("review", "rec")),
    ("get", "plans:action-new", ("review", "rec")),
    ("get", "plans:action-edit", ("review", "action")),
    ("get", "plans:step-new", ("review", "action")),
    ("post", "plans:action-move", ("review", "action")),
    ("get", "plans:action-delete", ("review", "action")),
    ("get", "plans:approve", ("review",)),
    ("get", "plans:revisions", ("review",)),
    ("get", "plans:revision-decide", ("review", "revision")),
    ("get", "plans:periods", ("review",)),
    ("get", "plans:period-new", ("review",)),
    ("get", "plans:period-open", ("review", "period")),
    ("post", "plans:period-remind", ("review", "period")),
]


def url_for(name: str, parts: tuple[str, ...], review: Review) -> str:
    peer, rec, period = review.peer_team.first(), review.recommendations.first(), review.reporting_periods.first()
    assert peer is not None and rec is not None and period is not None, "the plan has a peer, a rec and a period"
    values = {
        "review": review.pk,
        "peer": peer.pk,
        "milestone": "progress-review",
        "rec": rec.pk,
        "action": action(review, "1.1").pk,
        "revision": DueDateRevision.objects.get(action__review=review).pk,
        "period": period.pk,
    }
    return reverse(name, args=[values[p] for p in parts])


def ids(pages: list[Page]) -> list[str]:
    return [name for _, name, _ in pages]


def request(client: Client, page: Page, review: Review) -> HttpResponse:
    method, name, parts = page
    response: HttpResponse = getattr(client, method)(url_for(name, parts, review))
    return response


@pytest.mark.parametrize("page", EDITOR_PAGES, ids=ids(EDITOR_PAGES))
def test_anonymous_people_are_sent_to_sign_in(client: Client, plan: Review, page: Page) -> None:
    response = request(client, page, plan)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("who", ["outsider", Role.LEAD_OFFICER.value, Role.COUNCILLOR.value, Role.GUEST.value])
@pytest.mark.parametrize("page", EDITOR_PAGES, ids=ids(EDITOR_PAGES))
def test_people_without_a_plan_managers_role_are_refused(
    as_person: Callable[[str], Client], plan: Review, who: str, page: Page
) -> None:
    response = request(as_person(who), page, plan)
    assert response.status_code == 403


@pytest.mark.parametrize("who", [Role.PLAN_MANAGER.value, Role.ADMINISTRATOR.value])
@pytest.mark.parametrize("page", EDITOR_PAGES, ids=ids(EDITOR_PAGES))
def test_plan_managers_and_administrators_may_open_every_page(
    as_person: Callable[[str], Client], plan: Review, who: str, page: Page
) -> None:
    response = request(as_person(who), page, plan)
    assert response.status_code in (200, 302)


def test_a_plan_manager_of_another_council_is_refused(
    make_user: Callable[..., User], plan: Review, client: Client
) -> None:
    from peerplan.accounts.models import Organisation

    other = Organisation.objects.create(name="Elsewhere District Council", slug="elsewhere")
    stranger = make_user("pm@elsewhere.example", organisation=other, role=Role.PLAN_MANAGER)
    client.force_login(stranger)
    assert client.get(reverse("plans:editor", args=[plan.pk])).status_code == 403
    assert client.get(reverse("plans:review-edit", args=[plan.pk])).status_code == 403


def test_the_list_of_reviews_needs_a_role_in_some_council(as_person: Callable[[str], Client], plan: Review) -> None:
    assert as_person("outsider").get(reverse("plans:list")).status_code == 403


@pytest.mark.parametrize("who", [Role.LEAD_OFFICER.value, Role.COUNCILLOR.value, Role.GUEST.value])
def test_readers_see_the_list_of_reviews_without_the_editors_links(
    as_person: Callable[[str], Client], plan: Review, who: str
) -> None:
    Review.objects.filter(pk=plan.pk).update(plan_approved_on=date(2025, 6, 1))  # guests read approved plans only
    response = as_person(who).get(reverse("plans:list"))
    assert response.status_code == 200
    assert plan.title in response.content.decode()
    assert "Set up a review" not in response.content.decode()
    assert reverse("plans:manage", args=[plan.pk]) not in response.content.decode()


def test_the_list_of_reviews_offers_a_plan_manager_set_up_and_manage(manager: Client, plan: Review) -> None:
    page = manager.get(reverse("plans:list")).content.decode()
    assert "Set up a review" in page
    assert reverse("plans:manage", args=[plan.pk]) in page
