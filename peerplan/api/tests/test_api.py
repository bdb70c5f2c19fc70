"""The JSON API: the same permissions as the pages, a plan as peerplan.plan/1, updates with locking."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, TypedDict

import orjson
import pytest
from django.test import Client

from peerplan.accounts.enums import Role
from peerplan.accounts.models import User
from peerplan.plans.exporting import export_review
from peerplan.plans.models import Action, Review
from peerplan.plans.planformat import dump, parse_document
from peerplan.plans.services import plan_approve
from peerplan.progress.models import ProgressUpdate
from peerplan.testing import factories as f

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db


class World(TypedDict):
    review: Review
    action: Action
    lead: User
    councillor: User
    outsider: User


@pytest.fixture
def world() -> World:
    org = f.council()
    rev = f.review(org)
    rec = f.recommendation(rev)
    lead = f.person(org, Role.LEAD_OFFICER, "lead@brackenridge.example", "Lee Ward")
    councillor = f.person(org, Role.COUNCILLOR, "cllr@brackenridge.example")
    outsider = f.person(f.council("Fernley Borough Council", "fernley"), Role.ADMINISTRATOR, "a@fernley.example")
    action = f.action(rec, lead=lead)
    plan_approve(review=rev, actor=None, on=date(2025, 6, 1))  # councillors read approved plans only
    return {"review": rev, "action": action, "lead": lead, "councillor": councillor, "outsider": outsider}


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_update(client: Client, action: Action, **body: object) -> _MonkeyPatchedWSGIResponse:
    payload = {"status": "in-progress", "commentary": "Going well", "version": action.version, **body}
    return client.post(f"/api/actions/{action.pk}/updates", json.dumps(payload), content_type="application/json")


def test_the_openapi_description_is_published() -> None:
    schema = Client().get("/api/openapi.json").json()
    assert schema["info"]["title"] == "peerplan API"
    assert "/api/actions/{action_id}/updates" in schema["paths"]


def test_anonymous_requests_are_refused() -> None:
    assert Client().get("/api/reviews").status_code == 401


def test_a_person_sees_only_their_councils_reviews(world: World) -> None:
    listed = client_for(world["councillor"]).get("/api/reviews").json()
    assert [r["title"] for r in listed["items"]] == [world["review"].title] and listed["count"] == 1
    assert client_for(world["outsider"]).get("/api/reviews").json() == {"items": [], "count": 0}
    assert client_for(world["outsider"]).get(f"/api/reviews/{world['review'].pk}/plan").status_code == 403


def test_a_plan_comes_back_in_the_open_format(world: World) -> None:
    plan = client_for(world["councillor"]).get(f"/api/reviews/{world['review'].pk}/plan").json()
    assert plan["format"] == "peerplan.plan/1"
    assert plan["recommendations"][0]["actions"][0]["timescale"] == "December 2025"


def test_the_plan_is_served_as_the_validated_document_and_meets_its_schema(world: World) -> None:
    response = client_for(world["councillor"]).get(f"/api/reviews/{world['review'].pk}/plan")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == orjson.dumps(dump(export_review(world["review"])))
    assert dump(parse_document(response.json())) == response.json()  # strict, as a loaded document


def test_the_owner_posts_an_update_and_a_councillor_cannot(world: World) -> None:
    action = world["action"]
    assert post_update(client_for(world["councillor"]), action).status_code == 403
    response = post_update(client_for(world["lead"]), action, percent_complete=20)
    assert response.status_code == 201
    assert response.json()["percent_complete"] == 20
    assert ProgressUpdate.objects.filter(action=action).count() == 1


def test_an_update_from_a_stale_version_is_a_conflict(world: World) -> None:
    action = world["action"]
    client = client_for(world["lead"])
    assert post_update(client, action).status_code == 201
    response = post_update(client, action, commentary="Second")
    assert response.status_code == 409
    assert "someone else" in response.json()["detail"]


def test_a_rag_change_without_a_reason_is_refused_with_the_field_named(world: World) -> None:
    response = post_update(client_for(world["lead"]), world["action"], rag="red")
    assert response.status_code == 422
    assert "rag_reason" in response.json()["fields"]
    assert not ProgressUpdate.objects.exists()


def test_bad_input_is_a_422_naming_the_field(world: World) -> None:
    response = post_update(client_for(world["lead"]), world["action"], percent_complete=140)
    assert response.status_code == 422
    assert "percent_complete" in json.dumps(response.json())


def test_writes_need_the_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["lead"])
    assert post_update(client, world["action"]).status_code == 403


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"commentary": "Going\x00well"}, "commentary", "NUL character (U+0000) at position 6"),
        ({"commentary": "Bell\x07"}, "commentary", "control character (U+0007"),
        ({"rag": "amber", "rag_reason": "x" * 1_000_000}, "rag_reason", "at most 2000 characters"),
        ({"evidence": ["ok", "y" * 5000]}, "evidence.1", "at most 2000 characters"),
        ({"commentary": "c" * 10_001}, "commentary", "at most 10000 characters"),
    ],
)
def test_a_nul_a_control_character_or_an_overlong_field_is_a_json_422(
    world: World, body: dict[str, object], field: str, words: str
) -> None:
    """The probe's finding: a NUL gave an HTML 500 and a 1 MB rag_reason was accepted."""
    response = post_update(client_for(world["lead"]), world["action"], **body)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    problem = response.json()
    assert field in problem["fields"] and words in " ".join(problem["fields"][field]), problem
    assert problem["detail"].startswith("The request is not valid: ")
    assert not ProgressUpdate.objects.exists()
