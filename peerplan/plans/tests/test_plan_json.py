"""The plan document served as JSON bytes straight from rows (the API's plan): the same document, to the byte,
as validating and dumping it with the plan format's pydantic models, and valid against that schema."""

import json
from datetime import date
from pathlib import Path

import orjson
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peerplan.accounts.enums import Role
from peerplan.plans.enums import ActionStatus
from peerplan.plans.exporting import export_review, plan_json
from peerplan.plans.loading import plan_load
from peerplan.plans.models import Action, Recommendation, Review
from peerplan.plans.planformat import dump, parse_document
from peerplan.progress.models import ProgressUpdate
from peerplan.progress.services import action_update_post, progress_update_withdraw
from peerplan.shared.rag import Rag
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent


@pytest.fixture
def review() -> Review:
    """The sample plan (every field of the format in use), with updates by a signed-in person and by name."""
    document = parse_document(json.loads((HERE / "sample_plan.json").read_text()))
    loaded = plan_load(document=document, commit=True)
    assert loaded.review_id is not None
    review = Review.objects.get(pk=loaded.review_id)
    action = Action.objects.filter(review=review).order_by("sort_key").first()
    assert action is not None
    officer = f.person(review.organisation, Role.LEAD_OFFICER, "lee.ward@brackenridge.example", "Lee Ward")
    action_update_post(
        action=action,
        author=officer,
        on=date(2025, 7, 1),
        status=ActionStatus.IN_PROGRESS,
        commentary="Drafted",
        rag=Rag.AMBER,
        percent_complete=0,
        evidence=["Cabinet report, 1 July"],
    )
    mistaken = action_update_post(
        action=action, author=None, on=date(2025, 7, 2), status=ActionStatus.COMPLETE, commentary="Oops"
    )
    progress_update_withdraw(update=mistaken, actor=officer, reason="Posted on the wrong action", on=date(2025, 7, 2))
    return review


def served(review: Review) -> bytes:
    return plan_json(review)


def test_the_served_bytes_are_the_validated_document_dumped(review: Review) -> None:
    assert served(review) == orjson.dumps(dump(export_review(review)))


def test_the_served_document_is_valid_against_the_schema(review: Review) -> None:
    document = parse_document(json.loads(served(review)))  # strict: the limits a loaded document is held to
    assert dump(document) == json.loads(served(review))


def test_the_served_document_names_authors_and_leaves_out_withdrawn_updates(review: Review) -> None:
    data = json.loads(served(review))
    updates = data["recommendations"][0]["actions"][0]["updates"]
    mine = [u for u in updates if u.get("author") == "Lee Ward"]
    assert mine == [
        {
            "date": "2025-07-01",
            "author": "Lee Ward",
            "period": "Q2 2025/26",
            "status": "in-progress",
            "rag": "amber",
            "commentary": "Drafted",
            "evidence": ["Cabinet report, 1 July"],
        }
    ]  # percent_complete 0 says nothing, as the format's dump writes it
    assert not [u for u in updates if u.get("commentary") == "Oops"]


def test_characters_that_may_not_be_stored_are_dropped_as_validation_drops_them(review: Review) -> None:
    # Rows written before the rule (or by hand) may hold them; the document must still load back.
    Action.objects.filter(review=review).update(text="Review\x0b the scheme\x7f")
    Recommendation.objects.filter(review=review).update(section="\x01")
    ProgressUpdate.objects.filter(action__review=review).update(commentary="Done\x1f", evidence=["a\x1bb"])
    data = json.loads(served(review))
    assert data["recommendations"][0]["actions"][0]["text"] == "Review the scheme"
    assert data["recommendations"][0]["section"] == ""  # a core key: written even when empty
    assert data["recommendations"][0]["actions"][0]["updates"][0]["commentary"] == "Done"
    assert data["recommendations"][0]["actions"][0]["updates"][0]["evidence"] == ["ab"]
    assert served(review) == orjson.dumps(dump(export_review(review)))


@pytest.mark.parametrize("char", ["\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff"])
def test_every_kind_of_character_that_may_not_be_stored_is_dropped(review: Review, char: str) -> None:
    Action.objects.filter(review=review).update(text=f"Review{char} the scheme")
    assert json.loads(served(review))["recommendations"][0]["actions"][0]["text"] == "Review the scheme"
    assert served(review) == orjson.dumps(dump(export_review(review)))


def test_the_document_takes_the_same_queries_however_long_the_plan(review: Review) -> None:
    with CaptureQueriesContext(connection) as small:
        served(review)
    rec = Recommendation.objects.filter(review=review).first()
    assert rec is not None
    officer = f.person(review.organisation, Role.LEAD_OFFICER, "sam@brackenridge.example", "Sam Iqbal")
    for n in range(5):
        added = f.action(rec, f"More work {n}", lead=officer, owners=[f"Owner {n}"])
        action_update_post(
            action=added, author=officer, on=date(2025, 7, 3), status=ActionStatus.IN_PROGRESS, commentary="Go"
        )
    with CaptureQueriesContext(connection) as large:
        served(review)
    assert len(large.captured_queries) == len(small.captured_queries)
