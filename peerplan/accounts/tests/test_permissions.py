"""The permissions module: every ability for anonymous, no role, each role, and another council's staff."""

from datetime import date
from typing import TypedDict

import pytest
from django.contrib.auth.models import AnonymousUser

from peerplan.accounts import permissions as can
from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.plans.models import Action, Review
from peerplan.plans.services import plan_approve
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db


class World(TypedDict):
    org: Organisation
    review: Review
    owned: Action
    not_owned: Action
    people: dict[Role, User]
    outsider: User
    nobody: User


@pytest.fixture
def world() -> World:
    org = f.council()
    other = f.council("Fernley Borough Council", "fernley")
    rev = f.review(org)
    rec = f.recommendation(rev)
    people = {role: f.person(org, role, f"{role.value}@brackenridge.example") for role in Role}
    owned = f.action(rec, "Owned by the lead officer", lead=people[Role.LEAD_OFFICER])
    not_owned = f.action(rec, "Owned by someone else")
    outsider = f.person(other, Role.ADMINISTRATOR, "admin@fernley.example")
    nobody = f.person(None, None, "nobody@example.org")
    return {
        "org": org,
        "review": rev,
        "owned": owned,
        "not_owned": not_owned,
        "people": people,
        "outsider": outsider,
        "nobody": nobody,
    }


WRITERS = {Role.ADMINISTRATOR, Role.PLAN_MANAGER}


def test_everyone_with_a_role_reads_the_plan_and_nobody_else(world: World) -> None:
    plan_approve(review=world["review"], actor=None, on=date(2025, 6, 1))
    for role, user in world["people"].items():
        assert can.can_view_review(user, world["review"]), role
    for someone in (AnonymousUser(), world["nobody"], world["outsider"]):
        assert not can.can_view_review(someone, world["review"])


def test_guests_read_a_plan_only_once_it_is_approved(world: World) -> None:
    guest = world["people"][Role.GUEST]
    review = world["review"]
    assert not can.can_view_review(guest, review)
    assert not Review.objects.filter(can.reviews_visible_to(guest)).exists()
    plan_approve(review=review, actor=None, on=date(2025, 6, 1))
    review.refresh_from_db()
    assert can.can_view_review(guest, review)
    assert list(Review.objects.filter(can.reviews_visible_to(guest))) == [review]


def test_the_people_who_write_the_plan_see_drafts_and_councillors_only_approved_plans(world: World) -> None:
    review = world["review"]
    for role, user in world["people"].items():
        sees = role in can.DRAFT_READERS
        assert can.can_view_review(user, review) == sees, role
        assert Review.objects.filter(can.reviews_visible_to(user)).exists() == sees, role
    assert not Review.objects.filter(can.reviews_visible_to(world["outsider"])).exists()


def test_an_archived_review_leaves_everyone_but_the_managers(world: World) -> None:
    review = world["review"]
    plan_approve(review=review, actor=None, on=date(2025, 6, 1))
    Review.objects.filter(pk=review.pk).update(archived_on=date(2025, 7, 1))
    review.refresh_from_db()
    for role, user in world["people"].items():
        sees = role in can.MANAGERS
        assert can.can_view_review(user, review) == sees, role
        assert Review.objects.filter(can.reviews_visible_to(user)).exists() == sees, role
        assert can.can_archive_review(user, review) == sees, role


def test_only_administrators_and_plan_managers_edit_the_plan_or_produce_reports(world: World) -> None:
    for role, user in world["people"].items():
        assert can.can_edit_plan(user, world["review"]) == (role in WRITERS), role
        assert can.can_produce_reports(user, world["review"]) == (role in WRITERS), role
    assert not can.can_edit_plan(world["outsider"], world["review"])


def test_a_lead_officer_updates_only_the_actions_they_own(world: World) -> None:
    lead = world["people"][Role.LEAD_OFFICER]
    assert can.can_update_action(lead, world["owned"])
    assert not can.can_update_action(lead, world["not_owned"])


def test_councillors_and_guests_never_write(world: World) -> None:
    for role in (Role.COUNCILLOR, Role.GUEST):
        user = world["people"][role]
        assert not can.can_update_action(user, world["owned"])
        assert not can.can_edit_plan(user, world["review"])
        assert not can.can_manage_organisation(user, world["org"])


def test_only_administrators_manage_the_councils_settings(world: World) -> None:
    for role, user in world["people"].items():
        assert can.can_manage_organisation(user, world["org"]) == (role == Role.ADMINISTRATOR), role


def test_a_deactivated_person_can_do_nothing(world: World) -> None:
    admin = world["people"][Role.ADMINISTRATOR]
    admin.is_active = False
    admin.save()
    admin.refresh_from_db()
    assert not can.can_view_review(admin, world["review"])
