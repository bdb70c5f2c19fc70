"""The plan editor: the tree, recommendations and actions added, changed, moved and deleted, and approval."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Action, DueDateRevision, Owner, Recommendation, Review, WordingCorrection

from .conftest import action


def test_the_editor_shows_the_whole_tree_with_how_timescales_were_read(manager: Client, plan: Review) -> None:
    page = manager.get(reverse("plans:editor", args=[plan.pk])).content.decode()
    for text in ("Refresh the corporate plan.", "1.1 Draft the plan", "1.1a Consult residents", "2.1 Train members"):
        assert text in page
    assert "Timescale: “March 2026”, read as a date, due 31 March 2026" in page
    assert "Owners: Management Board." in page
    assert "Lead officer: Head of Policy." in page


def editor_queries(client: Client, review: Review) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:editor", args=[review.pk]))
    assert response.status_code == 200
    return len(queries)


def test_the_editors_query_count_does_not_grow_with_the_plan(manager: Client, plan_of: Callable[[int], Review]) -> None:
    small, large = plan_of(3), plan_of(30)
    assert Action.objects.filter(review=large).count() == 30
    editor_queries(manager, small)  # the first request warms the session and the person's role
    assert editor_queries(manager, small) == editor_queries(manager, large)


# Recommendations ----------------------------------------------------------------------------------

RECOMMENDATION = {
    "version": "1",
    "ref": "KR3",
    "kind": "key",
    "text": "Develop a workforce strategy.",
    "source": "page 12, para 4",
    "response": "accepted",
    "new_owners": "Head of HR\nCabinet\n",
}


def test_adding_a_recommendation_creates_the_owners_typed_as_names(manager: Client, plan: Review) -> None:
    board = Owner.objects.get(name="Management Board")
    response = manager.post(
        reverse("plans:recommendation-new", args=[plan.pk]), {**RECOMMENDATION, "owners": [str(board.pk)]}
    )
    rec = Recommendation.objects.get(review=plan, ref="KR3")
    assert response["Location"].endswith(f"#rec-{rec.pk}")
    assert rec.order == 3
    assert {str(o) for o in rec.owners.all()} == {"Management Board", "Head of HR", "Cabinet"}
    assert Owner.objects.get(name="Cabinet").kind == "body"
    assert AuditEntry.objects.filter(verb="created", target_type="recommendation").count() == 1


def test_a_recommendation_without_its_text_is_not_saved_and_nor_are_its_new_owners(
    manager: Client, plan: Review
) -> None:
    response = manager.post(reverse("plans:recommendation-new", args=[plan.pk]), {**RECOMMENDATION, "text": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter recommendation" in page
    assert not Recommendation.objects.filter(ref="KR3").exists()
    assert not Owner.objects.filter(name="Head of HR").exists()


def test_owners_are_checkboxes_the_type_ahead_enhances_and_a_vanished_owner_is_named_plainly(
    manager: Client, plan: Review
) -> None:
    page = manager.get(reverse("plans:recommendation-new", args=[plan.pk])).content.decode()
    assert 'data-module="govuk-checkboxes" data-app-autocomplete="true"' in page  # frontend/js/app.mjs
    assert 'type="checkbox" value="' in page  # what works without JavaScript
    board = Owner.objects.get(name="Management Board")
    gone = Owner.objects.create(organisation=plan.organisation, name="Old Board")
    gone_pk = gone.pk
    gone.delete()  # merged away by someone else while this page was open
    response = manager.post(
        reverse("plans:recommendation-new", args=[plan.pk]), {**RECOMMENDATION, "owners": [board.pk, gone_pk]}
    )
    page = response.content.decode()
    assert "An owner you chose has been merged or removed since you opened this page: choose again" in page
    assert "Select a valid choice" not in page
    assert not Recommendation.objects.filter(ref="KR3").exists()


def test_a_recommendation_not_accepted_needs_the_reasons(manager: Client, plan: Review) -> None:
    response = manager.post(
        reverse("plans:recommendation-new", args=[plan.pk]), {**RECOMMENDATION, "response": "not-accepted"}
    )
    assert "Say why the council does not accept the recommendation in full" in response.content.decode()
    assert not Recommendation.objects.filter(ref="KR3").exists()


def rec_data(rec: Recommendation, **changes: str) -> dict[str, object]:
    return {"version": rec.version, "ref": rec.ref, "kind": rec.kind, "text": rec.text, **changes}


def test_before_approval_the_wording_changes_without_a_reason(manager: Client, plan: Review) -> None:
    rec = Recommendation.objects.get(review=plan, ref="1")
    page = manager.get(reverse("plans:recommendation-edit", args=[plan.pk, rec.pk])).content.decode()
    assert "Why the wording is corrected" not in page
    manager.post(reverse("plans:recommendation-edit", args=[plan.pk, rec.pk]), rec_data(rec, text="New words."))
    rec.refresh_from_db()
    assert rec.text == "New words."
    assert not WordingCorrection.objects.exists()


def test_after_approval_correcting_the_wording_needs_a_reason_which_is_recorded(manager: Client, plan: Review) -> None:
    Review.objects.filter(pk=plan.pk).update(plan_approved_on=date(2025, 5, 1))
    rec = Recommendation.objects.get(review=plan, ref="1")
    url = reverse("plans:recommendation-edit", args=[plan.pk, rec.pk])
    assert "Why the wording is corrected" in manager.get(url).content.decode()

    refused = manager.post(url, rec_data(rec, text="Refresh the corporate plan by 2026."))
    assert "say why the recommendation&#x27;s wording is corrected" in refused.content.decode()
    rec.refresh_from_db()
    assert rec.text == "Refresh the corporate plan."

    manager.post(url, rec_data(rec, text="Refresh the corporate plan by 2026.", correction_reason="Typing slip"))
    rec.refresh_from_db()
    assert rec.text == "Refresh the corporate plan by 2026."
    correction = WordingCorrection.objects.get(recommendation=rec)
    assert (correction.old_text, correction.reason) == ("Refresh the corporate plan.", "Typing slip")


def test_two_edits_of_a_recommendation_from_the_same_version_keep_the_first(manager: Client, plan: Review) -> None:
    rec = Recommendation.objects.get(review=plan, ref="1")
    url = reverse("plans:recommendation-edit", args=[plan.pk, rec.pk])
    manager.post(url, rec_data(rec, source="page 3"))
    response = manager.post(url, rec_data(rec, source="page 4"))
    page = response.content.decode()
    assert "was changed by someone else after you opened it" in page
    assert "page 3" in page and 'value="page 4"' in page
    rec.refresh_from_db()
    assert rec.source == "page 3"


# Actions ------------------------------------------------------------------------------------------


def action_data(**changes: object) -> dict[str, object]:
    return {"version": "1", "ref": "1.3", "text": "Publish the plan", "timescale": "Spring 2026", **changes}


def test_adding_an_action_reads_its_timescale_and_names_a_new_lead_officer(manager: Client, plan: Review) -> None:
    rec = Recommendation.objects.get(review=plan, ref="1")
    response = manager.post(
        reverse("plans:action-new", args=[plan.pk, rec.pk]),
        action_data(lead_officer_name="Director of Place", new_owners="Communications Team"),
    )
    added = action(plan, "1.3")
    assert response["Location"].endswith(f"#action-{added.pk}")
    assert added.sort_key == "0003"
    assert added.due_date == date(2026, 5, 31)
    assert str(added.lead_officer) == "Director of Place"
    assert [str(o) for o in added.owners.all()] == ["Communications Team"]


def test_checking_a_timescale_shows_how_it_reads_and_saves_nothing(manager: Client, plan: Review) -> None:
    rec = Recommendation.objects.get(review=plan, ref="1")
    response = manager.post(
        reverse("plans:action-new", args=[plan.pk, rec.pk]), action_data(timescale="Q3 2026/27", check="1")
    )
    page = response.content.decode()
    assert "“Q3 2026/27” reads as <strong>a period</strong> from 1 October 2026, due 31 December 2026" in page
    assert not Action.objects.filter(ref="1.3").exists()


def test_adding_a_step_puts_it_under_its_action(manager: Client, plan: Review) -> None:
    parent = action(plan, "1.1")
    manager.post(reverse("plans:step-new", args=[plan.pk, parent.pk]), action_data(ref="1.1b", text="Hold workshops"))
    step = action(plan, "1.1b")
    assert (step.parent_id, step.depth, step.sort_key) == (parent.pk, 2, "0001.0002")


def test_a_step_at_the_third_level_offers_no_further_steps(manager: Client, plan: Review) -> None:
    step = action(plan, "1.1a")
    manager.post(reverse("plans:step-new", args=[plan.pk, step.pk]), action_data(ref="1.1a.i", text="Book rooms"))
    deepest = action(plan, "1.1a.i")
    assert deepest.depth == 3
    page = manager.get(reverse("plans:editor", args=[plan.pk])).content.decode()
    assert reverse("plans:step-new", args=[plan.pk, deepest.pk]) not in page
    response = manager.get(reverse("plans:step-new", args=[plan.pk, deepest.pk]))
    assert response.status_code == 302


def test_an_action_without_text_is_not_saved(manager: Client, plan: Review) -> None:
    rec = Recommendation.objects.get(review=plan, ref="1")
    response = manager.post(reverse("plans:action-new", args=[plan.pk, rec.pk]), action_data(text=""))
    assert "Enter what will be done" in response.content.decode()
    assert not Action.objects.filter(ref="1.3").exists()


def test_editing_an_action_changes_its_timescale_and_due_date(manager: Client, plan: Review) -> None:
    edited = action(plan, "1.2")
    url = reverse("plans:action-edit", args=[plan.pk, edited.pk])
    response = manager.post(url, action_data(ref="1.2", text="Adopt the plan at Council", timescale="July 2026"))
    assert response.status_code == 302
    edited.refresh_from_db()
    assert (edited.text, edited.due_date, edited.version) == ("Adopt the plan at Council", date(2026, 7, 31), 2)
    assert "read as a date, due 31 July 2026" in manager.get(url).content.decode()


def test_two_edits_of_an_action_from_the_same_version_keep_the_first(manager: Client, plan: Review) -> None:
    edited = action(plan, "1.2")
    url = reverse("plans:action-edit", args=[plan.pk, edited.pk])
    manager.post(url, action_data(ref="1.2", text="First person's words"))
    response = manager.post(url, action_data(ref="1.2", text="Second person's words"))
    page = response.content.decode()
    assert "There is a problem" in page
    assert "This action was changed by someone else" in page
    assert "First person&#x27;s words" in page
    assert "Second person&#x27;s words" in page
    edited.refresh_from_db()
    assert edited.text == "First person's words"


def test_moving_an_action_down_swaps_it_with_the_next_and_its_steps_go_with_it(manager: Client, plan: Review) -> None:
    moved = action(plan, "1.1")
    response = manager.post(reverse("plans:action-move", args=[plan.pk, moved.pk]), {"direction": "down"})
    assert response["Location"].endswith(f"#action-{moved.pk}")
    refs = list(
        Action.objects.filter(recommendation__ref="1", review=plan).order_by("sort_key").values_list("ref", flat=True)
    )
    assert refs == ["1.2", "1.1", "1.1a"]


def test_deleting_an_action_asks_first_then_deletes_its_steps_and_closes_the_gap(manager: Client, plan: Review) -> None:
    doomed = action(plan, "1.1")
    url = reverse("plans:action-delete", args=[plan.pk, doomed.pk])
    page = manager.get(url).content.decode()
    assert "Delete action 1.1?" in page
    assert "Its 1 step will be deleted too." in page
    manager.post(url)
    assert list(Action.objects.filter(review=plan, recommendation__ref="1").values_list("ref", "sort_key")) == [
        ("1.2", "0001")
    ]
    assert AuditEntry.objects.filter(verb="deleted", target_type="action").exists()


def test_after_approval_an_action_cannot_be_deleted_and_the_page_says_why(manager: Client, plan: Review) -> None:
    Review.objects.filter(pk=plan.pk).update(plan_approved_on=date(2025, 5, 1))
    kept = action(plan, "1.2")
    url = reverse("plans:action-delete", args=[plan.pk, kept.pk])
    page = manager.get(url).content.decode()
    assert "This action cannot be deleted" in page
    assert "approved on 1 May 2025" in page
    assert "No further action" in page
    manager.post(url)
    assert Action.objects.filter(pk=kept.pk).exists()


# Approval and revised due dates --------------------------------------------------------------------


def test_the_approval_page_explains_the_wording_lock_and_records_the_day_and_meeting(
    manager: Client, plan: Review
) -> None:
    url = reverse("plans:approve", args=[plan.pk])
    assert "the wording of each recommendation is locked" in manager.get(url).content.decode()
    response = manager.post(
        url,
        {"approved_on_day": "10", "approved_on_month": "2", "approved_on_year": "2025", "meeting": "Cabinet"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.plan_approved_on, plan.plan_approved_by) == (date(2025, 2, 10), "Cabinet")
    assert AuditEntry.objects.filter(verb="approved plan").exists()


def test_an_approval_date_to_come_or_before_the_visit_is_refused(manager: Client, plan: Review) -> None:
    url = reverse("plans:approve", args=[plan.pk])
    later = timezone.localdate() + timedelta(days=3)
    for day, message in (
        (later, "must be today or in the past"),
        (date(2025, 1, 2), "cannot be approved before the visit ended"),
    ):
        response = manager.post(
            url, {"approved_on_day": day.day, "approved_on_month": day.month, "approved_on_year": day.year}
        )
        assert message in response.content.decode()
        plan.refresh_from_db()
        assert plan.plan_approved_on is None


def test_a_plan_with_no_recommendations_cannot_be_approved(manager: Client, plan: Review) -> None:
    Recommendation.objects.filter(review=plan).delete()
    response = manager.post(reverse("plans:approve", args=[plan.pk]))
    assert "at least one recommendation" in response.content.decode()
    plan.refresh_from_db()
    assert plan.plan_approved_on is None


def test_pending_requests_for_revised_dates_are_listed(manager: Client, plan: Review) -> None:
    page = manager.get(reverse("plans:revisions", args=[plan.pk])).content.decode()
    assert "Elections in May" in page
    assert "30 June 2026" in page
    assert re.search(r"<th[^>]*>\s*</th>", page) is None  # the Decide column is named for screen readers


def test_approving_a_revised_date_moves_the_due_date(manager: Client, plan: Review) -> None:
    revision = DueDateRevision.objects.get()
    response = manager.post(reverse("plans:revision-decide", args=[plan.pk, revision.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert action(plan, "1.1").due_date == date(2026, 6, 30)
    revision.refresh_from_db()
    assert revision.state == "approved"


def test_refusing_a_revised_date_keeps_the_due_date(manager: Client, plan: Review) -> None:
    revision = DueDateRevision.objects.get()
    manager.post(reverse("plans:revision-decide", args=[plan.pk, revision.pk]), {"decision": "refuse"})
    assert action(plan, "1.1").due_date == date(2026, 3, 31)
    revision.refresh_from_db()
    assert revision.state == "rejected"


def test_a_plan_manager_approves_a_different_date_with_a_note_and_the_request_is_kept(
    manager: Client, plan: Review
) -> None:
    revision = DueDateRevision.objects.get()
    url = reverse("plans:revision-decide", args=[plan.pk, revision.pk])
    response = manager.post(url, {"decision": "other"})
    assert "Enter the due date you approve" in response.content.decode()
    data = {"approved_due_day": "30", "approved_due_month": "9", "approved_due_year": "2026", "note": "Summer works"}
    response = manager.post(url, {"decision": "other", **data})
    assert response.status_code == 302
    assert action(plan, "1.1").due_date == date(2026, 9, 30)
    assert action(plan, "1.1").original_due == date(2026, 3, 31)
    revision.refresh_from_db()
    assert (revision.new_due, revision.requested_due, revision.decision_note) == (
        date(2026, 9, 30),
        date(2026, 6, 30),
        "Summer works",
    )
    assert AuditEntry.objects.get(verb="approved revised due date").changes["note"] == [None, "Summer works"]


def test_a_feedback_report_dated_before_the_visit_is_refused(manager: Client, plan: Review) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    from peerplan.plans.services import review_update

    with pytest.raises(ValidationError, match="on or after the last day of the visit"):
        review_update(review=plan, actor=None, version=plan.version, feedback_report_date=date(2024, 12, 1))
    plan.refresh_from_db()
    assert plan.feedback_report_date is None


def test_the_different_date_hint_is_a_real_date_after_today_and_the_current_due_date(
    manager: Client, plan: Review
) -> None:
    DueDateRevision.objects.update(previous_due=date(2030, 6, 30))  # a fixed example would soon be in the past
    revision = DueDateRevision.objects.get()
    page = manager.get(reverse("plans:revision-decide", args=[plan.pk, revision.pk])).content.decode()
    found = re.search(r"Only if you approve a different date. For example, (\d+) (\d+) (\d{4})", page)
    assert found is not None
    example = date(int(found[3]), int(found[2]), int(found[1]))
    assert example > timezone.localdate()
    assert revision.previous_due is not None and example > revision.previous_due


def test_a_decision_must_be_chosen(manager: Client, plan: Review) -> None:
    revision = DueDateRevision.objects.get()
    response = manager.post(reverse("plans:revision-decide", args=[plan.pk, revision.pk]), {})
    assert "Select your decision" in response.content.decode()
    revision.refresh_from_db()
    assert revision.state == "requested"


def test_after_approval_a_timescale_that_would_move_the_due_date_is_refused_with_the_way_forward(
    manager: Client, plan: Review
) -> None:
    Review.objects.filter(pk=plan.pk).update(plan_approved_on=date(2026, 1, 10))
    edited = action(plan, "1.2")
    before = (edited.timescale, edited.original_due, edited.due_date)
    url = reverse("plans:action-edit", args=[plan.pk, edited.pk])
    response = manager.post(url, action_data(ref="1.2", text=edited.text, timescale="Summer 2026"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Ask for a revised due date instead" in page
    edited.refresh_from_db()
    assert (edited.timescale, edited.original_due, edited.due_date) == before


def test_recommendations_can_be_reordered_and_their_actions_go_with_them(manager: Client, plan: Review) -> None:
    first, second = Recommendation.objects.filter(review=plan).order_by("order")
    editor = manager.get(reverse("plans:editor", args=[plan.pk])).content.decode()
    assert reverse("plans:recommendation-move", args=[plan.pk, second.pk]) in editor
    response = manager.post(reverse("plans:recommendation-move", args=[plan.pk, second.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert list(Recommendation.objects.filter(review=plan).order_by("order")) == [second, first]
    first_action = Action.objects.filter(review=plan).in_plan_order().first()
    assert first_action is not None
    assert first_action.ref == "2.1"
    assert AuditEntry.objects.filter(verb="moved up", target_type="recommendation").exists()
    manager.post(reverse("plans:recommendation-move", args=[plan.pk, second.pk]), {"direction": "up"})  # first
    assert list(Recommendation.objects.filter(review=plan).order_by("order")) == [second, first]


def test_an_action_without_a_reference_is_named_in_words(manager: Client, plan: Review) -> None:
    """Imported plans often have unlettered actions: no page reads 'Add a step under –' or 'Delete action ?'."""
    unnamed = action(plan, "1.1")
    Action.objects.filter(pk=unnamed.pk).update(ref="")
    pages = {
        name: manager.get(reverse(f"plans:{name}", args=[plan.pk, unnamed.pk])).content.decode()
        for name in ("action-edit", "step-new", "action-delete")
    }
    assert "<title>Change this action – peerplan</title>" in pages["action-edit"]
    assert "<title>Add a step under the action – peerplan</title>" in pages["step-new"]
    assert "Delete this action?" in pages["action-delete"]
    assert "<title>Delete this action – peerplan</title>" in pages["action-delete"]
