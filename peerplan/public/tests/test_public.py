"""The public progress page and its open data: only what an issued report froze, only the public text."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from typing import TypedDict

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Committee, Organisation, RagDefinition, User
from peerplan.audit.models import AuditEntry
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, Review
from peerplan.plans.planformat import parse_document
from peerplan.progress.services import action_update_post
from peerplan.public.models import Publication
from peerplan.public.services import review_publish, review_unpublish
from peerplan.reports.models import Report
from peerplan.reports.services import report_issue
from peerplan.shared.rag import Rag
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db

INTERNAL = "Internal: the contractor is in breach and legal are involved"
PUBLIC = "Work has started with partners."
LATER_PUBLIC = "Words written after the report was issued"
LATER_INTERNAL = "Unissued internal note"
NOW = datetime(2025, 7, 1, 9, 0, tzinfo=timezone.get_current_timezone())


class World(TypedDict):
    org: Organisation
    review: Review
    action: Action
    report: Report
    manager: User


@pytest.fixture
def world() -> World:
    org = f.council("Ravensmoor District Council", "ravensmoor")
    manager = f.person(org, Role.PLAN_MANAGER, "pm@ravensmoor.example", "Pam Manager")
    review = f.review(org, title="Ravensmoor peer challenge 2025")
    rec = f.recommendation(review, "Build a shared vision with partners.\nPublish it.")
    action = f.action(rec, "Hold partner workshops", owners=["Head of Policy"])
    formula = f.action(rec, '=HYPERLINK("http://evil.example")')
    action_update_post(
        action=action,
        author=None,
        on=date(2025, 6, 1),
        status=ActionStatus.IN_PROGRESS,
        rag=Rag.AMBER,
        rag_reason="Reason kept inside",
        commentary=INTERNAL,
        public_summary=PUBLIC,
    )
    action_update_post(
        action=formula, author=None, on=date(2025, 6, 1), status=ActionStatus.IN_PROGRESS, commentary=INTERNAL
    )
    committee = Committee.objects.create(organisation=org, name="Cabinet")
    report = report_issue(
        review=review,
        actor=manager,
        as_of=date(2025, 6, 30),
        kind="progress",
        layout="ref-details",
        committee=committee,
        meeting_date=date(2025, 7, 15),
        cover={},
        formats=["csv"],
        period=None,
    )
    action.refresh_from_db()
    action_update_post(
        action=action,
        author=None,
        on=date(2025, 7, 2),
        status=ActionStatus.IN_PROGRESS,
        commentary=LATER_INTERNAL,
        public_summary=LATER_PUBLIC,
    )
    return {"org": org, "review": review, "action": action, "report": report, "manager": manager}


def urls(world: World) -> list[str]:
    slug, pk, report = world["org"].slug, world["review"].pk, world["report"].pk
    return [
        reverse("public:review", args=[slug, pk]),
        reverse("public:plan-data", args=[slug, pk, "csv"]),
        reverse("public:plan-data", args=[slug, pk, "json"]),
        reverse("public:feed", args=[slug, pk]),
        reverse("public:report-data", args=[slug, pk, report, "csv"]),
        reverse("public:report-data", args=[slug, pk, report, "json"]),
        reverse("public:report-file", args=[slug, pk, report, "csv"]),
    ]


def publish(world: World) -> None:
    review_publish(review=world["review"], actor=world["manager"], at=NOW)


def test_an_unpublished_review_is_not_found_at_any_public_address_even_for_its_own_staff(
    world: World, client: Client
) -> None:
    client.force_login(world["manager"])
    for url in urls(world):
        assert Client().get(url).status_code == 404, url
        assert client.get(url).status_code == 404, url
    assert "Ravensmoor" not in Client().get(reverse("public:index")).content.decode()


def test_the_public_page_shows_the_issued_position_and_only_the_public_summary(world: World) -> None:
    publish(world)
    response = Client().get(reverse("public:review", args=["ravensmoor", world["review"].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Build a shared vision with partners.<br>Publish it." in page
    assert "Hold partner workshops" in page and PUBLIC in page
    assert "as at <strong>30 June 2025</strong>" in page
    for hidden in (INTERNAL, LATER_INTERNAL, LATER_PUBLIC, "Reason kept inside"):
        assert hidden not in page, hidden
    assert "Amber" in page and "No public summary." in page
    assert "Open Government Licence v3.0" in page


def test_the_public_page_is_cacheable_and_answers_a_conditional_request_with_304(world: World) -> None:
    publish(world)
    url = reverse("public:review", args=["ravensmoor", world["review"].pk])
    response = Client().get(url)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    assert "Cookie" not in response.get("Vary", "") and not response.cookies
    assert Client().get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_the_page_names_ratings_in_the_councils_own_words_as_frozen_in_the_report(world: World) -> None:
    RagDefinition.objects.filter(organisation=world["org"], rating="amber").update(label="At risk")
    world["report"].delete()
    report = report_issue(
        review=world["review"],
        actor=world["manager"],
        as_of=date(2025, 6, 30),
        kind="progress",
        layout="ref-details",
        committee=None,
        meeting_date=None,
        cover={},
        formats=["csv"],
        period=None,
    )
    publish(world)
    RagDefinition.objects.filter(rating="amber").update(label="Renamed since")
    page = Client().get(reverse("public:review", args=["ravensmoor", world["review"].pk])).content.decode()
    assert "At risk" in page and "Renamed since" not in page and report.title in page


def test_a_review_of_another_council_is_not_found_under_this_councils_address(world: World) -> None:
    publish(world)
    f.council("Otherby Council", "otherby")
    assert Client().get(reverse("public:review", args=["otherby", world["review"].pk])).status_code == 404


def test_the_csv_has_the_public_position_with_formulas_made_literal(world: World) -> None:
    publish(world)
    response = Client().get(reverse("public:plan-data", args=["ravensmoor", world["review"].pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "license" in response["Link"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Action text"] for r in rows] == ["Hold partner workshops", '\'=HYPERLINK("http://evil.example")']
    assert rows[0]["Public summary"] == PUBLIC and rows[0]["RAG rating"] == "Amber"
    assert rows[0]["Position as at"] == "2025-06-30"
    for hidden in (INTERNAL, LATER_INTERNAL, LATER_PUBLIC, "Reason kept inside"):
        assert hidden not in text


def test_the_json_is_a_plan_document_with_only_the_public_summary(world: World) -> None:
    publish(world)
    response = Client().get(reverse("public:plan-data", args=["ravensmoor", world["review"].pk, "json"]))
    assert response["Content-Type"] == "application/json"
    document = parse_document(json.loads(response.content))
    first = document.recommendations[0].actions[0]
    assert [(u.date, u.public_summary, u.commentary) for u in first.updates] == [(date(2025, 6, 1), PUBLIC, "")]
    assert first.rag == "amber"
    assert INTERNAL not in response.content.decode()


def test_an_unknown_open_data_format_is_not_found(world: World) -> None:
    publish(world)
    assert Client().get(f"/public/ravensmoor/{world['review'].pk}/plan.xml").status_code == 404


def test_the_committee_report_downloads_exactly_as_issued(world: World) -> None:
    review_publish(review=world["review"], actor=world["manager"], at=NOW, committee_reports=True)
    report = world["report"]
    response = Client().get(reverse("public:report-file", args=["ravensmoor", world["review"].pk, report.pk, "csv"]))
    assert response.status_code == 200
    assert response.content == bytes(report.files.get(format="csv").content)


def test_the_atom_feed_lists_issued_reports(world: World) -> None:
    publish(world)
    response = Client().get(reverse("public:feed", args=["ravensmoor", world["review"].pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert world["report"].title in body and f"#report-{world['report'].pk}" in body
    ids = re.findall(r"<id>(.*?)</id>", body)  # Atom ids are absolute IRIs, which feed readers rely on
    assert ids and all(re.match(r"(https?|tag):", i) for i in ids), ids


def test_the_index_lists_published_reviews_only(world: World) -> None:
    f.review(world["org"], title="Unpublished internal audit")
    publish(world)
    page = Client().get(reverse("public:index")).content.decode()
    assert "Ravensmoor peer challenge 2025" in page and "Unpublished internal audit" not in page


def test_publishing_and_unpublishing_are_audited_and_the_page_goes_away(world: World) -> None:
    publish(world)
    publish(world)  # twice changes nothing
    review_unpublish(review=world["review"], actor=world["manager"])
    assert not Publication.objects.exists()
    verbs = list(AuditEntry.objects.filter(target_type="review").values_list("verb", flat=True).order_by("id"))
    assert verbs[-2:] == ["published on the public page", "took off the public page"]
    assert Client().get(reverse("public:review", args=["ravensmoor", world["review"].pk])).status_code == 404


def test_a_plan_manager_publishes_from_the_review_and_a_lead_officer_may_not(world: World, client: Client) -> None:
    url = reverse("publishing:publication", args=[world["review"].pk])
    lead = f.person(world["org"], Role.LEAD_OFFICER, "lead@ravensmoor.example")
    client.force_login(lead)
    assert client.post(url, {"publish": "yes"}).status_code == 403
    client.force_login(world["manager"])
    assert "Not published" in client.get(url).content.decode()
    assert client.post(url, {"publish": "yes"}).status_code == 302
    assert Publication.objects.get().published_by == world["manager"]
    assert "Take off the public page" in client.get(url).content.decode()
    client.post(url, {"publish": "no"})
    assert not Publication.objects.exists()


def test_a_published_review_without_an_issued_report_shows_no_position(world: World) -> None:
    review = f.review(world["org"], title="New audit")
    f.action(f.recommendation(review, "Secret recommendation in progress"), "Draft action")
    review_publish(review=review, actor=None, at=NOW)
    page = Client().get(reverse("public:review", args=["ravensmoor", review.pk])).content.decode()
    assert "has not issued a progress report" in page and "Secret recommendation" not in page
    assert Client().get(reverse("public:plan-data", args=["ravensmoor", review.pk, "csv"])).status_code == 404


def test_the_committee_reports_files_are_offered_only_when_the_plan_manager_chooses(
    world: World, client: Client
) -> None:
    report = world["report"]
    file_url = reverse("public:report-file", args=["ravensmoor", world["review"].pk, report.pk, "csv"])
    page_url = reverse("public:review", args=["ravensmoor", world["review"].pk])
    publish(world)
    assert Client().get(file_url).status_code == 404
    assert file_url not in Client().get(page_url).content.decode()
    client.force_login(world["manager"])
    manage = reverse("publishing:publication", args=[world["review"].pk])
    assert client.post(manage, {"publish": "files", "committee_reports": "on"}).status_code == 302
    assert Publication.objects.get().committee_reports and Publication.objects.get().changed_at
    assert Client().get(file_url).status_code == 200
    assert file_url in Client().get(page_url).content.decode()
    assert AuditEntry.objects.filter(verb="changed the public page").exists()
    client.post(manage, {"publish": "files"})
    assert Client().get(file_url).status_code == 404


def test_the_public_page_takes_the_same_number_of_queries_however_many_reports(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    publish(world)
    url = reverse("public:review", args=["ravensmoor", world["review"].pk])
    with django_assert_max_num_queries(12) as first:
        Client().get(url)
    for as_of in (date(2025, 9, 30), date(2025, 12, 31), date(2026, 3, 31)):
        report_issue(
            review=world["review"],
            actor=world["manager"],
            as_of=as_of,
            kind="progress",
            layout="ref-details",
            committee=None,
            meeting_date=None,
            cover={},
            formats=["csv"],
            period=None,
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        Client().get(url)
