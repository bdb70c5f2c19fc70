"""`peerplan import`: a file in, a dry run by default, the review's identifier last with --commit."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from peerplan.plans.models import Action, Review

pytestmark = pytest.mark.django_db

CSV = (
    "Ref,Recommendation,Action,Lead officer,Timescale,Status\n"
    "1,Refresh the constitution,Review the scheme of delegation,Monitoring Officer,March 2026,In progress\n"
    "2,Agree a housing plan,Draft the plan with partners,Head of Housing/Head of Planning,Q3 2026/27,Not started\n"
)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_says_what_it_would_create_and_stores_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(CSV)
    out = run(str(plan), "--organisation", "Brackenridge District Council")
    assert "Would create" in out
    assert "2 recommendations" in out
    assert not Review.objects.exists()


def test_commit_stores_the_plan_and_prints_the_review_last(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(CSV)
    review_id = run(str(plan), "--organisation", "Brackenridge District Council", "--commit").splitlines()[-1]
    review = Review.objects.get(pk=int(review_id))
    assert review.recommendations.count() == 2
    housing = review.recommendations.get(ref="2")
    assert [o.name for o in housing.owners.all()] == ["Head of Housing", "Head of Planning"]
    action = Action.objects.get(recommendation=housing)
    assert str(action.due_date) == "2026-12-31"
    assert action.lead_officer is not None, "a flat sheet's lead officer stays on the action, for My actions"
    assert action.lead_officer.name == "Head of Housing"


def test_a_file_that_is_not_a_plan_gets_a_clear_message_and_stores_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "plan.docx"
    junk.write_bytes(b"\x00\x01 not a word file")
    with pytest.raises(CommandError, match=r"plan\.docx"):
        run(str(junk), "--organisation", "Brackenridge District Council", "--commit")
    assert not Review.objects.exists()


def test_a_malformed_mapping_is_explained(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(CSV)
    with pytest.raises(CommandError, match="HEADING=FIELD"):
        run(str(plan), "--mapping", "Lead officer", "--organisation", "X")
