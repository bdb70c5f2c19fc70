"""Downloading the current plan from the plan page: readers only, formulas made literal, nothing issued."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from peerplan.accounts.enums import Role
from peerplan.accounts.models import User
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Review
from peerplan.plans.planformat import parse_document
from peerplan.progress.services import action_update_post
from peerplan.reports.models import Report
from peerplan.testing import factories as f

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

World = tuple[Review, User]  # an approved review with formula-like text, and a councillor who reads it


@pytest.fixture
def world() -> World:
    org = f.council()
    review = f.review(org)
    review.plan_approved_on = date(2025, 5, 1)  # councillors read approved plans only
    review.save(update_fields=["plan_approved_on"])
    rec = f.recommendation(review, "@SUM(A1) is how the peers wrote it")
    action = f.action(rec, "=cmd|' /C calc'!A0", owners=["Head of Policy"])
    action_update_post(
        action=action, author=None, on=date(2025, 6, 1), status=ActionStatus.IN_PROGRESS, commentary="+44 internal note"
    )
    reader = f.person(org, Role.COUNCILLOR, "cllr@brackenridge.example")
    return review, reader


def download(client: Client, review_pk: int, fmt: str) -> _MonkeyPatchedWSGIResponse:
    return client.get(reverse("plans:plan-export", args=[review_pk, fmt]))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_reader_downloads_the_plan_and_nothing_is_issued(world: World, client: Client, fmt: str) -> None:
    review, reader = world
    client.force_login(reader)
    response = download(client, review.pk, fmt)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert not Report.objects.exists()


def test_the_csv_makes_every_formula_literal_and_carries_the_commentary(world: World, client: Client) -> None:
    review, reader = world
    client.force_login(reader)
    text = download(client, review.pk, "csv").content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["Recommendation text"] == "'@SUM(A1) is how the peers wrote it"
    assert row["Action text"] == "'=cmd|' /C calc'!A0"
    assert row["Latest commentary"] == "'+44 internal note"


def test_the_xlsx_makes_every_formula_literal(world: World, client: Client) -> None:
    review, reader = world
    client.force_login(reader)
    sheet = load_workbook(io.BytesIO(download(client, review.pk, "xlsx").content)).active
    header = [c.value for c in sheet[1]]
    cell = sheet[2][header.index("Action text")]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)  # the words, as text
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_the_json_is_the_plan_format(world: World, client: Client) -> None:
    review, reader = world
    client.force_login(reader)
    document = parse_document(json.loads(download(client, review.pk, "json").content))
    assert document.recommendations[0].actions[0].updates[0].commentary == "+44 internal note"


def test_people_of_another_council_and_unknown_formats_are_refused(world: World, client: Client) -> None:
    review, _ = world
    client.force_login(f.person(f.council("Other Council", "other"), Role.ADMINISTRATOR, "a@other.example"))
    assert download(client, review.pk, "csv").status_code == 403
    client.force_login(world[1])
    assert download(client, review.pk, "pdf").status_code == 404
