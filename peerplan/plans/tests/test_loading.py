"""Loading and exporting plans: what goes in comes back out, a dry run stores nothing, bad input stores nothing."""

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from peerplan.accounts.models import Organisation
from peerplan.audit.models import AuditEntry
from peerplan.plans.exporting import export_review
from peerplan.plans.loading import LoadError, LoadReport, plan_load
from peerplan.plans.models import Action, DueDateRevision, Owner, Review
from peerplan.plans.planformat import dump, parse_document
from peerplan.progress.models import ProgressUpdate

HERE = Path(__file__).parent
SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples"
GOLDENS = sorted(SAMPLES.glob("*.golden.json")) if SAMPLES.is_dir() else []

pytestmark = pytest.mark.django_db


def sample() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((HERE / "sample_plan.json").read_text())
    return document


def stored(report: LoadReport) -> Review:
    assert report.review_id is not None
    return Review.objects.get(pk=report.review_id)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_loading_then_exporting_gives_back_the_same_document() -> None:
    report = plan_load(document=parse_document(sample()), commit=True)
    exported = dump(export_review(stored(report)))
    assert exported == sample()


def test_export_then_load_then_export_is_stable(tmp_path: Path) -> None:
    first = run("load", str(HERE / "sample_plan.json"), "--commit").splitlines()[-1]
    exported = run("export", first)
    (tmp_path / "again.json").write_text(exported)
    second = run("load", str(tmp_path / "again.json"), "--commit").splitlines()[-1]
    assert second != first
    assert run("export", second) == exported


def test_loading_stores_the_whole_plan() -> None:
    report = plan_load(document=parse_document(sample()), commit=True)
    review = stored(report)
    assert review.organisation.name == "Brackenridge District Council"
    assert review.recommendations.count() == 2
    assert Action.objects.filter(review=review).count() == 4
    scheme = Action.objects.get(review=review, ref="1.1")
    assert scheme.timescale == "Working group – June 2025 Final scheme – December 2025"
    assert str(scheme.original_due) == "2025-12-31"
    assert str(scheme.due_date) == "2026-02-28", "the revised due date is the one that counts"
    assert scheme.lead_officer is not None and scheme.lead_officer.email == "rhona.blake@brackenridge.example"
    assert [c.ref for c in scheme.children.order_by("sort_key")] == ["1.1a", "1.1b"]
    assert ProgressUpdate.objects.filter(action=scheme).count() == 2
    assert DueDateRevision.objects.filter(action=scheme).count() == 1
    assert Owner.objects.get(name="Full Council").kind == "body"
    assert AuditEntry.objects.filter(verb="loaded plan", review_id=review.pk).count() == 1


def test_a_dry_run_reports_what_it_would_create_and_stores_nothing() -> None:
    out = run("load", str(HERE / "sample_plan.json"))
    assert "Would create" in out and "2 recommendations, 4 actions" in out
    assert "nothing was stored" in out
    assert not Organisation.objects.exists()
    assert not Review.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_malformed_file_names_the_faulty_path_and_stores_nothing(tmp_path: Path) -> None:
    data = sample()
    data["recommendations"][1]["actions"][0]["due"] = "soon"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(CommandError, match=r"recommendations\[1\]\.actions\[0\]\.due: not a date"):
        run("load", str(bad), "--commit")
    assert not Review.objects.exists()


def test_an_update_naming_an_unknown_period_stores_nothing() -> None:
    data = sample()
    data["recommendations"][0]["actions"][0]["updates"][0]["period"] = "Q9 2030/31"
    with pytest.raises(LoadError, match="Q9 2030/31"):
        plan_load(document=parse_document(data), commit=True)
    assert not Review.objects.exists()
    assert not Organisation.objects.exists()


def test_a_document_with_no_organisation_needs_one_named() -> None:
    data = sample()
    data["organisation"] = None
    with pytest.raises(LoadError, match="names no organisation"):
        plan_load(document=parse_document(data), commit=True)
    report = plan_load(document=parse_document(data), organisation_name="Brackenridge District Council", commit=True)
    assert stored(report).organisation.name == "Brackenridge District Council"


def test_a_missing_file_or_review_gets_a_clear_message() -> None:
    with pytest.raises(CommandError, match="no such file"):
        run("load", "/nonexistent/plan.json")
    with pytest.raises(CommandError, match="There is no review 999"):
        run("export", "999")


@pytest.mark.samples
@pytest.mark.parametrize("golden", GOLDENS or [None], ids=lambda p: p.name if p else "no-samples")
def test_a_golden_sample_loads_and_exports_to_the_same_content(golden: Path | None) -> None:
    if golden is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"../shared/samples is missing at {SAMPLES}: CI must run the sample tests")
        pytest.skip("../shared/samples is not on this machine")
    data = json.loads(golden.read_text())
    named = None if data["organisation"] else "Sample Council"  # a document naming no council needs one named
    report = plan_load(document=parse_document(data), organisation_name=named, commit=True)
    exported = dump(export_review(stored(report)))
    assert exported == {**data, "organisation": data["organisation"] or named}


def test_an_updates_public_summary_loads_and_exports_apart_from_its_commentary() -> None:
    document = sample()
    first_action = document["recommendations"][0]["actions"][0]
    first_action.setdefault("updates", []).append(
        {"date": "2025-06-01", "status": "in-progress", "commentary": "Internal", "public_summary": "For residents"}
    )
    review = stored(plan_load(document=parse_document(document), commit=True))
    update = ProgressUpdate.objects.get(action__review=review, commentary="Internal")
    assert update.public_summary == "For residents"
    exported = dump(export_review(review))
    updates = exported["recommendations"][0]["actions"][0]["updates"]
    assert [u.get("public_summary") for u in updates if u["commentary"] == "Internal"] == ["For residents"]


def test_loading_makes_as_many_queries_for_a_long_plan_as_for_a_short_one(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """Rows are stored a level at a time: a 10,000-row import must not make twenty queries a row."""

    def copies(n: int) -> dict[str, Any]:
        document = sample()
        recs = document["recommendations"]
        document["recommendations"] = [{**rec, "ref": f"{rec['ref']}-{i}"} for i in range(n) for rec in recs]
        return document

    short, long = parse_document(copies(1)), parse_document(copies(20))
    plan_load(document=short, commit=True)  # the council and its owners exist from here on
    with CaptureQueriesContext(connection) as once:
        plan_load(document=short, commit=True)
    with django_assert_num_queries(len(once)):
        report = plan_load(document=long, commit=True)
    review = stored(report)
    assert review.recommendations.count() == 20 * len(sample()["recommendations"])
    assert Action.objects.filter(review=review).count() == 10 * Action.objects.exclude(review=review).count()
