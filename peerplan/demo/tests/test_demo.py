"""The demo council loads, and loads once; the benchmark generator makes what it is asked for."""

import io
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from pytest_django import Settings

from peerplan.accounts.models import Membership, User
from peerplan.demo.generate import Spec, generate
from peerplan.demo.setup import PASSWORD, PEOPLE
from peerplan.plans.models import Action, Owner, Review
from peerplan.progress.models import ProgressUpdate
from peerplan.public.models import Publication
from peerplan.reports.models import Report
from peerplan.testing.rendering import each_report_rendered_once

pytestmark = pytest.mark.django_db
# The tests that load the demo start their ids from 1, so the demo's two past reports have the same input in each
# and their files are rendered once (peerplan.testing.rendering); ids rolled back do not repeat on PostgreSQL.
loads_the_demo = pytest.mark.django_db(transaction=True, reset_sequences=True)


@pytest.fixture(autouse=True)
def _each_report_rendered_once() -> Iterator[None]:
    with each_report_rendered_once():
        yield


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@loads_the_demo
def test_the_demo_loads_a_council_with_a_year_of_updates_and_a_person_per_role() -> None:
    out = run("demo")
    assert "Loaded Kestrel Vale Borough Council" in out
    cpc = Review.objects.get(kind="corporate-peer-challenge")
    assert 8 <= cpc.recommendations.count() <= 10
    assert 40 <= Action.objects.filter(review=cpc).count() <= 60
    assert cpc.reporting_periods.count() >= 4
    assert ProgressUpdate.objects.filter(action__review=cpc).values("period").distinct().count() >= 4
    assert Review.objects.filter(kind="internal-audit").exists()
    assert {m.role for m in Membership.objects.all()} == {p.role for p in PEOPLE}
    for person in PEOPLE:
        assert person.email in out
        assert User.objects.get(email=person.email).check_password(PASSWORD)


@loads_the_demo
def test_the_demo_has_two_past_reports_to_cabinet_each_downloadable() -> None:
    run("demo")
    reports = list(Report.objects.order_by("as_of"))
    assert [(str(r.as_of), r.committee.name if r.committee else "") for r in reports] == [
        ("2026-06-30", "Cabinet"),
        ("2026-09-30", "Cabinet"),
    ]
    assert reports[1].previous == reports[0], "the second report compares with the first"
    assert {f.format for f in reports[1].files.all()} >= {"docx", "pdf", "xlsx", "csv", "html"}


@loads_the_demo
def test_the_demo_publishes_its_peer_challenge_with_public_summaries() -> None:
    run("demo")
    cpc = Review.objects.get(kind="corporate-peer-challenge")
    assert Publication.objects.get().review == cpc
    assert ProgressUpdate.objects.filter(action__review=cpc).exclude(public_summary="").count() >= 10
    assert not Publication.objects.filter(review__kind="internal-audit").exists()


@loads_the_demo
def test_lead_officers_sign_in_as_the_owners_the_plan_names() -> None:
    run("demo")
    priya = User.objects.get(email="priya.shah@kestrelvale.example")
    assert Owner.objects.filter(user=priya).exists()
    assert Action.objects.owned_by(priya).exists()


@loads_the_demo
def test_the_demo_council_suggests_ratings_by_slippage() -> None:
    run("demo")
    review = Review.objects.first()
    assert review is not None
    assert review.organisation.rag_rule == "slippage"


@loads_the_demo
def test_running_the_demo_again_loads_nothing_twice(settings: Settings) -> None:
    run("demo")
    settings.SITE_URL = "http://127.0.0.1:8108"  # `make demo HOST=127.0.0.1:8108` serves it there
    out = run("demo")
    assert "loaded already" in out
    assert "Open http://127.0.0.1:8108 and sign in." in out
    assert Review.objects.count() == 2


def test_the_generator_makes_the_reviews_actions_and_updates_asked_for() -> None:
    result = generate(Spec(councils=2, reviews=2, recommendations=3, actions=12, quarters=3))
    assert (result.organisations, result.reviews, result.actions, result.updates) == (2, 4, 48, 144)
    assert Action.objects.count() == 48
    assert ProgressUpdate.objects.count() == 144


def test_the_generator_adds_one_large_review_to_the_first_council_when_asked() -> None:
    result = generate(Spec(councils=2, reviews=1, recommendations=3, actions=6, quarters=1, large_review_actions=30))
    assert result.large_review_id is not None
    assert Action.objects.filter(review_id=result.large_review_id).count() == 30
    assert (result.reviews, result.actions) == (3, 6 + 30 + 6)


def test_generate_data_is_a_dry_run_without_commit() -> None:
    out = run("generate_data", "--actions", "100", "--quarters", "4")
    assert "Would create 1 council(s), 1 review(s), 100 actions and 400 updates" in out
    assert not Action.objects.exists()
    with pytest.raises(CommandError, match="--actions must be at least 1"):
        run("generate_data", "--actions", "0")
