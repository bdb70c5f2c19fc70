"""The plan services: validation, optimistic locking, the wording lock, reasons for RAG changes, audit."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from peerplan.audit.models import AuditEntry
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, Recommendation, Review, WordingCorrection
from peerplan.plans.services import (
    action_move,
    action_update,
    plan_approve,
    recommendation_update,
    revision_decide,
    revision_request,
)
from peerplan.progress.models import ProgressUpdate
from peerplan.progress.services import action_update_post
from peerplan.shared.errors import EditConflictError
from peerplan.shared.rag import Rag
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = date(2025, 7, 1)

Plan = tuple[Review, Recommendation, Action]  # a review, its one recommendation and that one's action


@pytest.fixture
def plan() -> Plan:
    org = f.council()
    rev = f.review(org)
    rec = f.recommendation(rev)
    return rev, rec, f.action(rec)


def test_a_new_council_gets_the_default_rag_vocabulary() -> None:
    org = f.council()
    assert [d.label for d in org.rag_definitions.all()] == ["Red", "Amber", "Green", "Complete", "Not started"]


def test_a_peer_challenge_gets_the_five_current_cpc_themes() -> None:
    rev = f.review(f.council())
    assert rev.themes.count() == 5


def test_an_action_understands_its_timescale(plan: Plan) -> None:
    _, _, action = plan
    assert action.timescale == "December 2025"
    assert action.original_due == action.due_date == date(2025, 12, 31)
    assert action.timescale_kind == "date"


def test_steps_nest_at_most_three_levels(plan: Plan) -> None:
    _, rec, top = plan
    step = f.action(rec, "step", parent=top)
    sub = f.action(rec, "sub-step", parent=step)
    assert (step.depth, sub.depth) == (2, 3)
    with pytest.raises(ValidationError, match="at most 3 levels"):
        f.action(rec, "too deep", parent=sub)


def test_the_second_of_two_edits_from_the_same_version_is_refused_and_the_first_kept(plan: Plan) -> None:
    _, _, action = plan
    seen = action.version
    first = Action.objects.get(pk=action.pk)
    second = Action.objects.get(pk=action.pk)
    action_update(action=first, actor=None, version=seen, on=TODAY, text="First person's wording")
    with pytest.raises(EditConflictError, match="changed by someone else"):
        action_update(action=second, actor=None, version=seen, on=TODAY, text="Second person's wording")
    assert Action.objects.get(pk=action.pk).text == "First person's wording"


def test_changing_the_rag_needs_a_reason_and_records_who_and_when(plan: Plan) -> None:
    _, _, action = plan
    with pytest.raises(ValidationError, match="why the RAG"):
        action_update(action=action, actor=None, version=action.version, on=TODAY, rag=Rag.AMBER)
    action_update(action=action, actor=None, version=action.version, on=TODAY, rag=Rag.AMBER, rag_reason="Slipped")
    action.refresh_from_db()
    assert (action.rag, action.rag_reason, action.rag_set_on) == ("amber", "Slipped", TODAY)


def test_changing_the_timescale_recomputes_the_due_date(plan: Plan) -> None:
    _, _, action = plan
    action_update(action=action, actor=None, version=action.version, on=TODAY, timescale="Q3 2025/26")
    action.refresh_from_db()
    assert action.due_date == date(2025, 12, 31)
    assert action.timescale_kind == "range"


def test_after_approval_the_wording_changes_only_with_a_reason_which_is_recorded(plan: Plan) -> None:
    rev, rec, _ = plan
    plan_approve(review=rev, actor=None, on=TODAY)
    with pytest.raises(ValidationError, match="say why"):
        recommendation_update(recommendation=rec, actor=None, version=rec.version, text="New words")
    recommendation_update(
        recommendation=rec, actor=None, version=rec.version, text="New words", correction_reason="Typo in the report"
    )
    correction = WordingCorrection.objects.get(recommendation=rec)
    assert (correction.old_text, correction.new_text) == ("Refresh the constitution.", "New words")


def test_a_plan_is_approved_once(plan: Plan) -> None:
    rev, _, _ = plan
    plan_approve(review=rev, actor=None, on=TODAY)
    with pytest.raises(ValidationError, match="approved already"):
        plan_approve(review=rev, actor=None, on=TODAY)


def test_moving_an_action_carries_its_steps_with_it(plan: Plan) -> None:
    _, rec, first = plan
    step = f.action(rec, "first's step", parent=first)
    second = f.action(rec, "second")
    action_move(action=second, actor=None, direction=-1)
    ordered = list(Action.objects.filter(recommendation=rec).order_by("sort_key").values_list("text", flat=True))
    assert ordered == ["second", first.text, step.text]


def test_an_update_is_added_to_the_history_and_carried_onto_the_action(plan: Plan) -> None:
    _, _, action = plan
    action_update_post(
        action=action,
        author=None,
        on=TODAY,
        status=ActionStatus.IN_PROGRESS,
        commentary="Started",
        rag=Rag.GREEN,
        rag_reason="First rating",
        percent_complete=10,
    )
    action_update_post(
        action=action, author=None, on=TODAY, status=ActionStatus.IN_PROGRESS, commentary="More", percent_complete=30
    )
    action.refresh_from_db()
    assert (action.status, action.rag, action.percent_complete) == ("in-progress", "green", 30)
    assert list(ProgressUpdate.objects.filter(action=action).values_list("commentary", flat=True)) == [
        "Started",
        "More",
    ]


def test_an_update_from_a_stale_version_saves_nothing(plan: Plan) -> None:
    _, _, action = plan
    stale = action.version
    action_update_post(
        action=action, author=None, on=TODAY, status=ActionStatus.IN_PROGRESS, commentary="First", version=stale
    )
    with pytest.raises(EditConflictError):
        action_update_post(
            action=action, author=None, on=TODAY, status=ActionStatus.COMPLETE, commentary="Second", version=stale
        )
    assert ProgressUpdate.objects.filter(action=action).count() == 1


def test_a_revised_due_date_counts_once_approved(plan: Plan) -> None:
    _, _, action = plan
    revision = revision_request(action=action, actor=None, new_due=date(2026, 3, 31), reason="Budget moved", on=TODAY)
    action.refresh_from_db()
    assert action.due_date == date(2025, 12, 31)
    revision_decide(revision=revision, actor=None, approve=True, on=TODAY)
    action.refresh_from_db()
    assert action.due_date == date(2026, 3, 31)
    assert action.original_due == date(2025, 12, 31)


def test_every_service_write_leaves_an_audit_entry(plan: Plan) -> None:
    _, _, action = plan
    before = AuditEntry.objects.count()
    action_update(action=action, actor=None, version=action.version, on=TODAY, text="Reworded")
    entry = AuditEntry.objects.order_by("-id")[0]
    assert AuditEntry.objects.count() == before + 1
    assert entry.verb == "updated"
    assert entry.changes == {"text": ["Review the scheme of delegation", "Reworded"]}


def test_overdue_is_open_actions_past_their_due_date(plan: Plan) -> None:
    _, rec, action = plan
    done = f.action(rec, "done", timescale="March 2025")
    Action.objects.filter(pk=done.pk).update(status="complete")
    assert list(Action.objects.overdue(at=date(2026, 1, 1))) == [action]
    assert not Action.objects.overdue(at=date(2025, 12, 31)).exists()
    assert list(Action.objects.due_within(at=date(2025, 12, 1), days=30)) == [action]


def test_after_approval_a_new_timescale_that_moves_the_due_date_is_refused_and_nothing_changes(plan: Plan) -> None:
    rev, _, action = plan
    plan_approve(review=rev, actor=None, on=TODAY)
    action = Action.objects.get(pk=action.pk)
    with pytest.raises(ValidationError, match="Ask for a revised due date") as raised:
        action_update(action=action, actor=None, version=action.version, on=TODAY, timescale="March 2026")
    assert "timescale" in raised.value.message_dict
    action = Action.objects.get(pk=action.pk)
    assert (action.timescale, action.original_due, action.due_date) == (
        "December 2025",
        date(2025, 12, 31),
        date(2025, 12, 31),
    )


def test_after_approval_a_due_date_given_directly_is_refused_too(plan: Plan) -> None:
    rev, _, action = plan
    plan_approve(review=rev, actor=None, on=TODAY)
    action = Action.objects.get(pk=action.pk)
    with pytest.raises(ValidationError, match="from 31 December 2025 to 31 March 2026"):
        action_update(action=action, actor=None, version=action.version, on=TODAY, due_date=date(2026, 3, 31))


def test_after_approval_the_timescale_wording_can_change_when_the_due_date_stays(plan: Plan) -> None:
    rev, _, action = plan
    plan_approve(review=rev, actor=None, on=TODAY)
    action = Action.objects.get(pk=action.pk)
    action_update(action=action, actor=None, version=action.version, on=TODAY, timescale="By December 2025")
    action.refresh_from_db()
    assert (action.timescale, action.due_date) == ("By December 2025", date(2025, 12, 31))


def test_after_an_approved_revision_the_timescale_can_be_reworded_to_match_and_the_original_is_kept(plan: Plan) -> None:
    rev, _, action = plan
    plan_approve(review=rev, actor=None, on=TODAY)
    revision = revision_request(action=action, actor=None, new_due=date(2026, 3, 31), reason="Staff left", on=TODAY)
    revision_decide(revision=revision, actor=None, approve=True, on=TODAY)
    action = Action.objects.get(pk=action.pk)
    action_update(action=action, actor=None, version=action.version, on=TODAY, timescale="March 2026")
    action.refresh_from_db()
    assert (action.original_due, action.due_date) == (date(2025, 12, 31), date(2026, 3, 31))
