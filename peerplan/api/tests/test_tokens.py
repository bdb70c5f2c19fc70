"""API tokens: made and shown once, stored hashed, read-only or read-write, expiring, revocable, one council."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any, TypedDict

import pytest
from django.test import Client
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Membership, Organisation, User
from peerplan.api.models import ApiToken
from peerplan.api.services import api_token_create, api_token_revoke, token_digest
from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Action, Review
from peerplan.progress.models import ProgressUpdate
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db


class World(TypedDict):
    org: Organisation
    other: Organisation
    review: Review
    other_review: Review
    lead: User
    late: Action
    on_time: Action
    admin: User


@pytest.fixture
def world() -> World:
    org = f.council()
    review = f.review(org)
    rec = f.recommendation(review)
    lead = f.person(org, Role.LEAD_OFFICER, "lead@brackenridge.example", "Lee Ward")
    late = f.action(rec, "Late action", timescale="March 2020", lead=lead)
    on_time = f.action(rec, "Future action", timescale="March 2099", lead=lead)
    other = f.council("Fernley Borough Council", "fernley")
    other_review = f.review(other, title="Fernley peer challenge")
    other_review.plan_approved_on = other_review.visit_end  # the councillor there reads approved plans only
    other_review.save(update_fields=["plan_approved_on"])
    Membership.objects.create(user=lead, organisation=other, role=Role.COUNCILLOR)
    admin = f.person(org, Role.ADMINISTRATOR, "admin@brackenridge.example")
    return {"org": org, "other": other, "review": review, "other_review": other_review, "lead": lead,
            "late": late, "on_time": on_time, "admin": admin}  # fmt: skip


def make(world: World, access: str = "read", *, organisation: Organisation | None = None, days: int = 30) -> str:
    now = timezone.now()
    _, secret = api_token_create(
        user=world["lead"],
        organisation=organisation or world["org"],
        name="Power BI",
        access=access,
        expires_at=now + timedelta(days=days),
        actor=world["lead"],
        at=now,
    )
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def post_update(secret: str, action: Action) -> Any:
    body = {"status": "in-progress", "commentary": "From a script", "version": action.version}
    return Client().post(
        f"/api/actions/{action.pk}/updates", json.dumps(body), content_type="application/json", headers=bearer(secret)
    )


def test_a_token_is_stored_only_as_its_digest_and_its_making_is_audited(world: World) -> None:
    secret = make(world)
    token = ApiToken.objects.get()
    assert secret.startswith("pp_") and len(secret) > 40
    assert token.digest == token_digest(secret) and secret not in (token.prefix, token.digest)
    assert AuditEntry.objects.filter(verb="created an API token", target_id=str(token.pk)).exists()


def test_a_read_only_token_lists_overdue_actions_and_is_refused_a_write(world: World) -> None:
    secret = make(world, "read")
    response = Client().get(f"/api/reviews/{world['review'].pk}/actions?overdue=true", headers=bearer(secret))
    assert response.status_code == 200
    assert [a["text"] for a in response.json()["items"]] == ["Late action"]
    refused = post_update(secret, world["late"])
    assert refused.status_code == 403
    assert "read-only" in refused.json()["detail"]
    assert not ProgressUpdate.objects.exists()


def test_a_read_write_token_posts_an_update_without_a_csrf_token(world: World) -> None:
    secret = make(world, "read-write")
    response = post_update(secret, world["late"])
    assert response.status_code == 201, response.content
    update = ProgressUpdate.objects.get()
    assert update.author == world["lead"] and update.commentary == "From a script"


def test_an_expired_token_is_refused(world: World) -> None:
    secret = make(world)
    past = timezone.now() - timedelta(days=2)
    ApiToken.objects.update(created_at=past - timedelta(days=1), expires_at=past)
    response = Client().get("/api/reviews", headers=bearer(secret))
    assert response.status_code == 401 and "expired or revoked" in response.json()["detail"]


def test_a_revoked_token_is_refused_and_the_revocation_audited(world: World) -> None:
    secret = make(world)
    assert Client().get("/api/reviews", headers=bearer(secret)).status_code == 200
    api_token_revoke(token=ApiToken.objects.get(), actor=world["admin"], at=timezone.now())
    assert Client().get("/api/reviews", headers=bearer(secret)).status_code == 401
    assert AuditEntry.objects.filter(verb="revoked an API token").exists()


def test_a_wrong_token_is_refused(world: World) -> None:
    assert Client().get("/api/reviews", headers=bearer("pp_not-a-token")).status_code == 401


def test_a_token_reaches_only_its_own_council_even_when_its_person_has_roles_in_two(world: World) -> None:
    secret = make(world, "read-write")
    listed = Client().get("/api/reviews", headers=bearer(secret)).json()
    assert [r["title"] for r in listed["items"]] == [world["review"].title]
    other = world["other_review"]
    assert Client().get(f"/api/reviews/{other.pk}", headers=bearer(secret)).status_code == 403
    fernley = make(world, "read", organisation=world["other"])
    assert Client().get(f"/api/reviews/{world['review'].pk}/actions", headers=bearer(fernley)).status_code == 403
    assert Client().get(f"/api/reviews/{other.pk}", headers=bearer(fernley)).status_code == 200


def test_a_token_never_does_more_than_its_person(world: World) -> None:
    councillor = f.person(world["org"], Role.COUNCILLOR, "cllr@brackenridge.example")
    now = timezone.now()
    _, secret = api_token_create(
        user=councillor,
        organisation=world["org"],
        name="x",
        access="read-write",
        expires_at=now + timedelta(days=1),
        actor=councillor,
        at=now,
    )
    assert post_update(secret, world["late"]).status_code == 403


def test_a_token_stops_working_when_its_person_leaves_the_council(world: World) -> None:
    secret = make(world)
    Membership.objects.filter(user=world["lead"], organisation=world["org"]).delete()
    assert Client().get(f"/api/reviews/{world['review'].pk}", headers=bearer(secret)).status_code == 403


def test_uses_are_audited_at_most_once_a_minute_per_token(world: World) -> None:
    secret = make(world)
    for _ in range(3):
        Client().get("/api/reviews", headers=bearer(secret))
    used = AuditEntry.objects.filter(verb="used an API token")
    assert used.count() == 1 and used.get().changes["request"][1] == "GET /api/reviews"
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(seconds=61))
    Client().get("/api/reviews", headers=bearer(secret))
    assert used.count() == 2


def test_a_session_write_without_the_csrf_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["lead"])
    action = world["late"]
    body = {"status": "in-progress", "commentary": "x", "version": action.version}
    response = client.post(f"/api/actions/{action.pk}/updates", json.dumps(body), content_type="application/json")
    assert response.status_code in (401, 403)
    assert not ProgressUpdate.objects.exists()


def test_bad_input_answers_422_with_the_field(world: World) -> None:
    secret = make(world, "read-write")
    body = {"status": "sideways", "commentary": "", "version": world["late"].version}
    response = Client().post(
        f"/api/actions/{world['late'].pk}/updates",
        json.dumps(body),
        content_type="application/json",
        headers=bearer(secret),
    )
    assert response.status_code == 422
    problem = response.json()
    assert {"status", "commentary"} <= set(problem["fields"]) and problem["detail"].startswith("The request is not")
    due = Client().get(f"/api/reviews/{world['review'].pk}/actions?due_before=soon", headers=bearer(secret))
    assert due.status_code == 422 and "due_before" in due.json()["fields"]


def test_actions_filter_by_rag_owner_and_due_date(world: World) -> None:
    secret = make(world)
    url = f"/api/reviews/{world['review'].pk}/actions"

    def names(query: str) -> list[str]:
        return [a["text"] for a in Client().get(url + query, headers=bearer(secret)).json()["items"]]

    assert names("?owner=lee%20ward") == ["Late action", "Future action"]
    assert names("?owner=Nobody") == []
    assert names(f"?due_before={date(2030, 1, 1)}") == ["Late action"]
    assert names("?rag=red") == []
    assert names("?overdue=false") == ["Future action"]


# --- the token pages ---------------------------------------------------------------------------------------------


def test_a_person_makes_a_token_for_themselves_and_sees_it_once(world: World) -> None:
    client = Client()
    client.force_login(world["lead"])
    form = client.get("/api-tokens/new/").content.decode()
    assert "Fernley Borough Council: yourself" in form
    mine = Membership.objects.get(user=world["lead"], organisation=world["org"])
    response = client.post(
        "/api-tokens/new/", {"name": "Excel", "membership": mine.pk, "access": "read", "lifetime": "90"}
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert token_digest(secret) == token.digest
    assert secret not in client.get("/api-tokens/").content.decode()


def test_an_administrator_makes_a_token_for_a_member_and_a_lead_officer_may_not(world: World) -> None:
    lead_membership = Membership.objects.get(user=world["lead"], organisation=world["org"])
    admin = Client()
    admin.force_login(world["admin"])
    data = {"name": "BI", "membership": lead_membership.pk, "access": "read-write", "lifetime": "30"}
    assert admin.post("/api-tokens/new/", data).status_code == 200
    assert ApiToken.objects.get().user == world["lead"]
    other = f.person(world["org"], Role.LEAD_OFFICER, "other@brackenridge.example")
    client = Client()
    client.force_login(other)
    response = client.post("/api-tokens/new/", data)
    assert "Select a council and person you may make a token for" in response.content.decode()
    assert ApiToken.objects.count() == 1
    token = ApiToken.objects.get()
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 403
    assert admin.post(f"/api-tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
