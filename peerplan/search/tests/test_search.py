"""Full-text search: stemming, phrases, prefixes, owners, lead members and update commentary, on either database."""

from __future__ import annotations

import pytest
from django.db import connection

from peerplan.accounts.models import User
from peerplan.plans.models import Action, Owner, Review
from peerplan.progress import selectors
from peerplan.search.schema import ACTIONS, ensure_search_structures
from peerplan.search.selectors import parse_query, search
from peerplan.testing.factories import AT, make_action, make_recommendation, make_review, make_update, owner

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db


def found(query: str, review: Review) -> tuple[list[str], list[str]]:
    results = selectors.search_results(list(search(query, [review.organisation])))
    return [r.ref for g in results for r in g.recommendations], [a.ref for g in results for a in g.actions]


def test_search_matches_text_refs_and_owner_names_only_in_the_persons_councils(
    review: Review, lead_owner: Owner, outsider: User
) -> None:
    rec = make_recommendation(review, "KR2", "Strengthen the scrutiny function")
    by_text = make_action(rec, "KR2.1", text="Train scrutiny members")
    by_owner = make_action(rec, "KR2.2", text="Publish a forward plan", owners=[lead_owner])
    other_review = make_review(outsider.memberships.get().organisation, title="Elsewhere")
    make_action(make_recommendation(other_review, "1", "Scrutiny elsewhere"), "1.1", text="Scrutiny too")

    assert found("SCRUTINY", review) == (["KR2"], [by_text.ref])
    assert found("kr2", review) == (["KR2"], [])
    assert found(lead_owner.name, review) == ([], [by_owner.ref])
    assert search("scrutiny", [review.organisation]).count() == 2


def test_words_are_stemmed_so_other_forms_of_a_word_are_found(review: Review) -> None:
    rec = make_recommendation(review, "1", "Deliver the housing strategies")
    make_action(rec, "1.1", text="Delivering new homes")
    assert found("strategy", review) == (["1"], [])
    assert found("delivered", review) == (["1"], ["1.1"])


def test_every_word_must_match_and_a_quoted_phrase_must_match_in_order(review: Review) -> None:
    rec = make_recommendation(review, "1", "Review the budget setting process")
    make_action(rec, "1.1", text="Set the budget for the review of the process")
    assert found("budget process", review) == (["1"], ["1.1"])
    assert found('"budget setting"', review) == (["1"], [])
    assert found("budget climate", review) == ([], [])


def test_a_word_ending_in_a_star_finds_words_that_start_with_it(review: Review) -> None:
    make_action(make_recommendation(review, "1", "Workforce"), "1.1", text="Apprenticeships for young people")
    assert found("apprentice*", review) == ([], ["1.1"])
    assert found("apprentice", review) == ([], [])


def test_update_commentary_and_lead_members_are_searched(review: Review) -> None:
    rec = make_recommendation(review, "1", "Economic growth")
    quiet = make_action(rec, "1.1", text="Town centre plan")
    make_update(quiet, AT, text="Consultation with traders has begun")
    member = make_action(rec, "1.2", text="Inward investment")
    member.lead_member = owner(review.organisation, "Portfolio Holder for Regeneration")
    member.save()
    assert found("traders", review) == ([], ["1.1"])
    assert found("regeneration", review) == ([], ["1.2"])


def test_the_index_follows_edits_and_deletions(review: Review) -> None:
    action = make_action(make_recommendation(review, "1", "Digital"), "1.1", text="Launch the new website")
    assert found("website", review) == ([], ["1.1"])
    Action.objects.filter(pk=action.pk).update(text="Launch the customer portal")
    assert found("website", review) == ([], [])
    assert found("portal", review) == ([], ["1.1"])
    action.delete()
    assert found("portal", review) == ([], [])


def test_input_that_is_only_punctuation_or_query_syntax_finds_nothing_and_never_fails(review: Review) -> None:
    make_action(make_recommendation(review, "1", "Governance"), "1.1", text="Constitution review")
    for query in ['"', "*", "AND OR NOT", "')--", "a & b | !c", "NEAR(x y)", ":*", "\\"]:
        hits = search(query, [review.organisation])
        assert hits.count() >= 0
        list(hits[0:25])
    assert parse_query("  ") == []


def test_ensuring_the_structures_again_changes_nothing(review: Review) -> None:
    make_action(make_recommendation(review, "1", "Climate"), "1.1", text="Retrofit council buildings")
    ensure_search_structures(using="default")
    assert found("retrofit", review) == ([], ["1.1"])


def test_the_search_uses_its_index(review: Review) -> None:
    """PostgreSQL: the GIN index on the expression; SQLite: the FTS5 table (EXPLAIN shows which)."""
    make_action(make_recommendation(review, "1", "Climate"), "1.1", text="Retrofit council buildings")
    sql, params = search("retrofit", [review.organisation])._matches.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: make the planner show its best index
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    print(plan)
    assert (f"{ACTIONS.name}_gin" if connection.vendor == "postgresql" else f"{ACTIONS.name} VIRTUAL TABLE") in plan


def test_within_a_review_own_words_come_before_matches_through_an_update(review: Review) -> None:
    rec = make_recommendation(review, "1", "Customer services")
    through_update = make_action(rec, "1.1", text="Answer calls faster")
    make_update(through_update, AT, text="The new telephony system is live")
    make_action(rec, "1.2", text="Replace the telephony system")
    assert found("telephony", review) == ([], ["1.2", "1.1"])


def test_a_withdrawn_update_is_not_searched(review: Review) -> None:
    from peerplan.progress.models import UpdateWithdrawal

    rec = make_recommendation(review, "3", "Improve the planning service")
    withdrawn = make_action(rec, "3.3", text="Publish the validation checklist")
    mistake = make_update(withdrawn, AT, text="Kumquat mentioned by mistake")
    assert found("kumquat", review) == ([], ["3.3"])
    UpdateWithdrawal.objects.create(update=mistake, reason="Wrong action", on=AT)
    assert found("kumquat", review) == ([], [])
