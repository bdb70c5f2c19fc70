"""Full-text search: stemming, phrases, prefixes, owners, lead members and update commentary, on either database."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet

from peerplan.accounts.models import User
from peerplan.plans.models import Action, Owner, Review
from peerplan.progress import selectors
from peerplan.progress.models import ProgressUpdate
from peerplan.search.schema import ACTIONS, ensure_search_structures
from peerplan.search.selectors import CAP, _through_indexes, parse_query, search
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


def _plan(queryset: QuerySet[Any, Any]) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN ") + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_the_search_uses_its_index_to_count_and_to_find_the_first_hits(review: Review) -> None:
    """PostgreSQL: the GIN index on the expression; SQLite: the FTS5 table. With a plan's worth of actions and
    fresh statistics, as in a council's database, so the planner weighs the index against walking the rows."""
    rec = make_recommendation(review, "1", "Climate")
    Action.objects.bulk_create(
        Action(review=review, recommendation=rec, sort_key=f"{n:04d}", ref=f"1.{n}", text=f"Routine task {n}")
        for n in range(1, 600)
    )
    make_action(rec, "1.600", text="Retrofit council buildings")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    own_actions = search("retrofit", [review.organisation])._own[1]  # the branch matching actions' own words
    index = f"{ACTIONS.name}_gin" if connection.vendor == "postgresql" else f"{ACTIONS.name} VIRTUAL TABLE"
    for queryset in (own_actions.ids(CAP + 1), own_actions.first(25)):
        plan = _plan(queryset)
        assert index in plan, plan
    assert found("retrofit", review) == ([], ["1.600"])
    common = search("routine", [review.organisation])._own[1]  # in every row but one: counted through the index too
    with _through_indexes():
        plan = _plan(common.ids(CAP + 1))
    assert index in plan, plan


def test_counting_puts_the_planner_settings_back_as_they_were(review: Review) -> None:
    make_action(make_recommendation(review, "1", "Climate"), "1.1", text="Retrofit council buildings")

    def settings() -> list[str]:
        if connection.vendor != "postgresql":
            return []
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")
            return list(cursor.fetchone() or ())

    before = settings()
    assert search("retrofit", [review.organisation]).count() == 1
    assert settings() == before
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_indexscan = off")
        assert search("retrofit", [review.organisation]).count() == 1
        assert settings() == ["on", "off"]


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


def test_every_page_is_the_same_slice_of_one_order_whichever_way_the_hits_were_found(
    review: Review, lead_owner: Owner
) -> None:
    """Each way of matching is asked only for its first rows; together they must page exactly as one sorted list."""
    older = make_review(review.organisation, title="Older review")
    newer = make_review(review.organisation, title="Newer review")
    expected = []
    for each in (newer, older):
        rec = make_recommendation(each, "1", "Improve the parks")
        quiet = make_recommendation(each, "2", "Leisure")
        by_update = make_action(rec, "1.1", text="Cut the grass")
        make_update(by_update, AT, text="Two parks done")
        by_owner = make_action(rec, "1.2", text="Plant trees")
        by_owner.lead_member = owner(each.organisation, f"Cabinet Member for Parks ({each.title})")
        by_owner.save()
        first = make_action(rec, "1.3", text="Open the parks cafe")
        make_update(first, AT, text="The parks cafe is open")  # found two ways: keeps its place as its own words
        later = make_action(quiet, "2.1", text="Parks and pools")
        make_action(quiet, "2.2", text="Pools only")
        # Own words first (the recommendation, then its actions in plan order), then those found another way.
        expected += [("rec", rec.pk), ("action", first.pk), ("action", later.pk)]
        expected += [("action", by_update.pk), ("action", by_owner.pk)]
    hits = search("parks", [review.organisation])
    assert [("rec" if kind == selectors.REC else "action", pk) for pk, kind, *_ in hits] == expected
    assert hits.count() == len(expected) and not hits.more
    everything = list(hits)
    for size in range(1, len(expected) + 1):
        pages = [row for start in range(0, len(expected), size) for row in hits[start : start + size]]
        assert pages == everything, size


def test_more_hits_than_the_cap_are_counted_as_more_and_the_first_are_paged(review: Review) -> None:
    rec = make_recommendation(review, "1", "Highways")
    Action.objects.bulk_create(
        Action(review=review, recommendation=rec, sort_key=f"{n:04d}", ref=f"1.{n}", text=f"Mend pothole {n}")
        for n in range(1, CAP + 6)
    )
    hits = search("pothole", [review.organisation])
    assert (hits.count(), hits.more) == (CAP, True)
    last_page = hits[CAP - 25 : CAP]
    assert len(last_page) == 25
    assert [row[5] for row in last_page] == [f"{n:04d}" for n in range(CAP - 24, CAP + 1)]  # plan order
    assert hits[CAP : CAP + 25] == []  # beyond the cap nothing is paged

    Action.objects.filter(sort_key__gt=f"{CAP:04d}").delete()
    hits = search("pothole", [review.organisation])
    assert (hits.count(), hits.more) == (CAP, False)
    assert [row[5] for row in hits[CAP - 25 : CAP]] == [f"{n:04d}" for n in range(CAP - 24, CAP + 1)]  # all counted


def test_a_page_of_hits_found_through_updates_in_a_newer_review_comes_before_own_words_in_an_older_one(
    review: Review,
) -> None:
    """The newest review's many update-only hits are read in order, only in the reviews newer than the last
    own-word hit the page needs, and stopped at the page."""
    older = make_recommendation(review, "1", "Markets")
    for n in range(1, 31):
        make_action(older, f"1.{n}", text=f"Kumquat stall {n}")
    newer_review = make_review(review.organisation, title="Newer review")
    newer = make_recommendation(newer_review, "1", "Parks")
    actions = Action.objects.bulk_create(
        Action(review=newer_review, recommendation=newer, sort_key=f"{n:04d}", ref=f"1.{n}", text=f"Mow lawn {n}")
        for n in range(1, CAP + 6)
    )
    for action in actions[:1]:
        make_update(action, AT, text="Kumquat trees planted")  # the period and the fields an update needs
    first = ProgressUpdate.objects.get()
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=action,
            period=first.period,
            date=AT,
            status=first.status,
            rag=first.rag,
            commentary="Kumquat trees planted",
            author_name="Officer",
        )
        for action in actions[1:]
    )
    hits = search("kumquat", [review.organisation])
    assert (hits.count(), hits.more) == (CAP, True)
    assert [row[0] for row in hits[0:25]] == [a.pk for a in actions[:25]]
    assert [row[0] for row in hits[25:50]] == [a.pk for a in actions[25:50]]
