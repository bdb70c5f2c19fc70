"""A large plan imports in the browser: read once in the background, checked in linear time, shown a
page at a time; the check page's queries do not grow with the rows."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries, Settings

from peerplan.accounts.enums import Role
from peerplan.importers.checking import document_check
from peerplan.importers.models import DraftState, ImportDraft
from peerplan.importers.registry import parse_file
from peerplan.plans.models import Action, Review
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db


def plan_csv(rows: int) -> bytes:
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(["Ref", "Recommendation", "Action to be taken", "Responsible officer", "Target date"])
    for n in range(1, rows + 1):
        out.writerow(
            [n, f"Improve service area {n} for residents", f"Carry out step {n}", f"Officer {n % 40}", "March 2027"]
        )
    return buf.getvalue().encode()


@pytest.fixture
def manager(settings: Settings, tmp_path: Path) -> Client:
    org = f.council()
    client = Client()
    client.force_login(f.person(org, Role.PLAN_MANAGER, "pm@brackenridge.example"))
    return client


def test_ten_thousand_rows_are_read_and_checked_in_under_ten_seconds() -> None:
    org = f.council()
    data = plan_csv(10_000)
    started = time.process_time()  # the work itself: the machine running the tests may be shared
    result = parse_file(data, "big.csv")
    would_create, _ = document_check(result.document, org)
    elapsed = time.process_time() - started
    assert len(result.document.recommendations) == 10_000
    assert would_create.startswith("Would create 10,000 recommendations, 10,000 actions and 40 new owners")
    assert elapsed < 10, f"10,000 rows took {elapsed:.1f} s"


def test_a_ten_thousand_row_csv_imports_in_the_browser(manager: Client) -> None:
    page = manager.post("/import/", {"file": SimpleUploadedFile("big.csv", plan_csv(10_000))}, follow=True)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Would create 10,000 recommendations" in text
    assert "Recommendations 1 to 50 of 10000" in text, "the preview shows a page at a time"
    second = manager.get("/import/check/?page=200").content.decode()
    assert "Improve service area 10000 for residents" in second
    manager.post("/import/check/", {"confirm": "1", "title": "Big plan", "kind": "other"})
    response = manager.get("/import/check/")
    review = Review.objects.get()
    assert response["Location"] == f"/reviews/{review.pk}/"
    assert Action.objects.filter(review=review).count() == 10_000
    assert ImportDraft.objects.get().state == DraftState.SAVED


@pytest.mark.parametrize("rows", [20, 400])
def test_the_check_page_queries_do_not_grow_with_the_rows(
    manager: Client, rows: int, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    manager.post("/import/", {"file": SimpleUploadedFile("plan.csv", plan_csv(rows))})
    with CaptureQueriesContext(connection) as queries:
        assert manager.get("/import/check/").status_code == 200
    assert len(queries) <= 12, [q["sql"][:80] for q in queries.captured_queries]


def test_the_page_shows_progress_and_refreshes_itself_if_asked(manager: Client) -> None:
    manager.post("/import/", {"file": SimpleUploadedFile("plan.csv", plan_csv(3))})
    ImportDraft.objects.update(state=DraftState.READING, progress="Reading the file")
    page = manager.get("/import/check/").content.decode()
    assert "Reading the file…" in page
    assert 'http-equiv="refresh"' not in page, "refreshing by itself is the person's choice (WCAG 2.2.1)"
    page = manager.get("/import/check/?refresh=on").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "Stop refreshing this page" in page
