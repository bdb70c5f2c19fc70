"""The council's own RAG words and colours: the dashboard, plan, action pages, My actions, the update form,
the report and the API all say the same thing for a council that renamed and recoloured its ratings."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from peerplan.accounts.models import Organisation, RagDefinition
from peerplan.accounts.vocabulary import rag_words
from peerplan.plans.models import Action, Review
from peerplan.reports.snapshot import snapshot_take
from peerplan.shared.rag import Rag
from peerplan.testing.factories import AT, make_action, make_recommendation

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db

OWN_WORDS = {
    Rag.RED: ("Off course", "#942514"),
    Rag.AMBER: ("Watch", "#f47738"),
    Rag.GREEN: ("On course", "#0b6e3a"),
    Rag.COMPLETE: ("Delivered", "#4c2c92"),
    Rag.NOT_STARTED: ("Not begun", "#505a5f"),
}


@pytest.fixture
def renamed(organisation: Organisation, review: Review, lead_owner: Any) -> list[Action]:
    """Every rating renamed and recoloured; "Not begun" switched off; one action with each rating."""
    for order, (rating, (label, colour)) in enumerate(OWN_WORDS.items()):
        RagDefinition.objects.create(
            organisation=organisation,
            rating=rating,
            label=label,
            meaning=f"Meaning of {label}",
            colour=colour,
            in_use=rating != Rag.NOT_STARTED,
            order=order,
        )
    rec = make_recommendation(review, "1")
    return [
        make_action(rec, f"1.{i}", due=AT, rag=rating, lead=lead_owner, owners=[lead_owner])
        for i, rating in enumerate(OWN_WORDS, start=1)
    ]


def test_the_dashboard_report_and_api_agree_on_every_ratings_word_and_colour(
    client: Client, lead_officer: Any, organisation: Organisation, review: Review, renamed: list[Action]
) -> None:
    client.force_login(lead_officer)
    dashboard = client.get(reverse("progress:review", args=[review.pk])).content.decode()
    css = client.get(reverse("ui:brand-stylesheet", args=[organisation.pk])).content.decode()
    labels = {label.rating: label for label in snapshot_take(review, as_of=AT).rag_labels}
    for action in renamed:
        word, colour = OWN_WORDS[Rag(action.rag)]
        api = json.loads(client.get(f"/api/actions/{action.pk}").content)
        assert (api["rag_label"], api["rag_colour"]) == (word, colour)
        assert (labels[action.rag].label, labels[action.rag].colour) == (word, colour)
        assert f">{word}<" in dashboard
        assert f".govuk-tag.app-rag-tag--{action.rag}" in css and colour in css
    for default in ("Amber", "Not started"):
        assert f">{default}<" not in dashboard
    # "Complete" is also the headline position for actions whose *status* is complete (plans/figures.py);
    # the rating of that name must not appear in the council's place.
    assert '--complete">Complete<' not in dashboard


@pytest.mark.parametrize("page", ["plan", "action", "mine", "search"])
def test_every_page_listing_actions_uses_the_councils_words(
    client: Client, lead_officer: Any, review: Review, renamed: list[Action], page: str
) -> None:
    client.force_login(lead_officer)
    amber = renamed[1]
    url = {
        "plan": reverse("progress:plan", args=[review.pk]),
        "action": reverse("progress:action", args=[amber.pk]),
        "mine": reverse("progress:my-actions"),
        "search": reverse("search") + "?q=Action",
    }[page]
    html = client.get(url).content.decode()
    assert '<strong class="govuk-tag app-rag-tag app-rag-tag--amber">Watch</strong>' in html
    assert ">Amber<" not in html


def test_the_update_form_offers_only_the_ratings_in_use_in_the_councils_words(
    client: Client, lead_officer: Any, renamed: list[Action]
) -> None:
    client.force_login(lead_officer)
    not_begun = renamed[-1]
    html = client.get(reverse("progress:action-update", args=[not_begun.pk])).content.decode()
    for rating, (word, _) in OWN_WORDS.items():
        offered = f'name="rag" type="radio" value="{rating.value}"' in html
        assert offered == (rating != Rag.NOT_STARTED), rating
        if offered:
            assert word in html
    assert "Meaning of Watch" in html


def test_under_the_percentage_rule_an_action_without_a_percentage_is_not_called_rated_by_hand(
    client: Client, lead_officer: Any, organisation: Organisation, renamed: list[Action]
) -> None:
    Organisation.objects.filter(pk=organisation.pk).update(rag_rule="percentage")
    client.force_login(lead_officer)
    action = renamed[2]
    form = client.get(reverse("progress:action-update", args=[action.pk])).content.decode()
    page = client.get(reverse("progress:action", args=[action.pk])).content.decode()
    for html in (form, page):
        assert "by hand" not in html
        assert "suggests a rating from the percentage complete, and this action has none yet" in html


def test_the_council_vocabulary_is_read_once_per_organisation_object(
    organisation: Organisation, renamed: list[Action], django_assert_num_queries: Any
) -> None:
    fresh = Organisation.objects.get(pk=organisation.pk)
    with django_assert_num_queries(1):
        rag_words(fresh)
        rag_words(fresh)
