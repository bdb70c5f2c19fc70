"""The Reports pages: who may list, prepare, preview, issue, read and download; what is stored; files as issued.

Eastmoor's plan comes from conftest.py; a Q2 2025/26 report is issued through the pages as a plan manager would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Committee, Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Action, Review
from peerplan.progress.models import ProgressUpdate, ReportingPeriod
from peerplan.reports.cover import Cover
from peerplan.reports.forms import COVER_TEXTS, ReportForm
from peerplan.reports.models import Report, ReportDefaults, ReportFile
from peerplan.reports.sections import DEFAULT_SECTIONS
from peerplan.reports.services import report_input_build, report_issue, report_render
from peerplan.testing import factories as f

from .conftest import Q2_END

pytestmark = pytest.mark.django_db

ROLES_WHO_READ = [Role.LEAD_OFFICER, Role.COUNCILLOR, Role.GUEST]
ROLES_WHO_PRODUCE = [Role.PLAN_MANAGER, Role.ADMINISTRATOR]
FILENAME = "eastmoor-district-council-corporate-peer-challenge-2025-progress-2025-09-30"


# --- helpers and fixtures -------------------------------------------------------------------------------------------


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)  # not login(): django-axes needs a request to authenticate
    return client


@pytest.fixture
def person(eastmoor: Organisation) -> Callable[[Role], User]:
    """person(Role.GUEST): someone holding that role at Eastmoor."""

    def make(role: Role) -> User:
        return f.person(eastmoor, role, f"{role.value}@eastmoor.example", role.label)

    return make


@pytest.fixture
def outsider(db: Any) -> User:
    """A plan manager at another council: no role at Eastmoor."""
    westdale = Organisation.objects.create(name="Westdale Borough Council", slug="westdale")
    return f.person(westdale, Role.PLAN_MANAGER, "policy@westdale.example", "Wes Dale")


@pytest.fixture
def q2(review: Review) -> ReportingPeriod:
    return review.reporting_periods.get(name="Q2 2025/26")


def form_data(q2: ReportingPeriod, cabinet: Committee, **changes: Any) -> dict[str, Any]:
    """What the form posts for a Q2 progress report to Cabinet on 22 October 2025, every format."""
    data: dict[str, Any] = {
        "kind": "progress",
        "period": str(q2.pk),
        "as_of_day": "",
        "as_of_month": "",
        "as_of_year": "",
        "committee": str(cabinet.pk),
        "meeting_date_day": "22",
        "meeting_date_month": "10",
        "meeting_date_year": "2025",
        "layout": "objectives",
        "formats": ["docx", "pdf", "html", "xlsx", "csv"],
        "sections": list(DEFAULT_SECTIONS),
        "action": "preview",
    }
    data |= {text.name: "" for text in COVER_TEXTS}
    data |= {
        "recommendation_wording": "note the progress",
        "implications": ["0", "1", "2", "3", "4"],
        "implication_0": "None arising directly.",
        "implication_1": "None arising directly.",
        "implication_2": "Red and amber actions are in {section:exceptions}.",
        "alternative_options": "None: members are asked to note progress.",
        "reasons": "To keep members informed.",
        "consultation": "Lead officers gave the updates.",
        "implication_3": "None arising directly.",
        "implication_4": "None arising directly.",
        "background_papers": "None.",
    }
    return data | changes


@pytest.fixture
def form(q2: ReportingPeriod, cabinet: Committee) -> Callable[..., dict[str, Any]]:
    """form(layout="grid"): the form's data for a Q2 report to Cabinet, with some changes."""
    return lambda **changes: form_data(q2, cabinet, **changes)


@pytest.fixture
def issued(review: Review, plan_manager: User, cabinet: Committee, q2: ReportingPeriod) -> Report:
    """A Q2 report issued in DOCX and CSV, as the form would issue it."""
    return report_issue(
        review=review,
        actor=plan_manager,
        as_of=Q2_END,
        kind="progress",
        layout="objectives",
        committee=cabinet,
        meeting_date=date(2025, 10, 22),
        cover={"report_of": "Leader of the Council"},
        formats=["docx", "csv"],
        period=q2,
    )


def new_url(review: Review) -> str:
    return reverse("reports:new", args=[review.pk])


def page_urls(report: Report) -> dict[str, str]:
    return {
        "list": reverse("reports:list"),
        "new": new_url(report.review),
        "detail": reverse("reports:detail", args=[report.pk]),
        "download": reverse("reports:download", args=[report.pk, "docx"]),
    }


# --- who may do what ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["list", "new", "detail", "download"])
def test_anonymous_people_are_sent_to_sign_in(client: Client, issued: Report, page: str) -> None:
    response = client.get(page_urls(issued)[page])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_anonymous_people_cannot_issue(client: Client, issued: Report, form: Callable[..., dict[str, Any]]) -> None:
    response = client.post(new_url(issued.review), form(action="issue"))
    assert response.status_code == 302
    assert Report.objects.count() == 1


@pytest.mark.parametrize("page", ["new", "detail", "download"])
def test_no_role_in_the_council_is_refused(outsider: User, issued: Report, page: str) -> None:
    assert signed_in(outsider).get(page_urls(issued)[page]).status_code == 403


def test_no_role_in_the_council_lists_none_of_its_reports(outsider: User, issued: Report) -> None:
    response = signed_in(outsider).get(reverse("reports:list"))
    assert response.status_code == 200
    assert issued.review.title not in response.content.decode()


def test_someone_with_no_council_at_all_cannot_open_the_list(make_user: Callable[..., User]) -> None:
    assert signed_in(make_user("nobody@example.gov.uk")).get(reverse("reports:list")).status_code == 403


def test_no_role_in_the_council_cannot_issue(
    outsider: User, issued: Report, form: Callable[..., dict[str, Any]]
) -> None:
    response = signed_in(outsider).post(new_url(issued.review), form(action="issue"))
    assert response.status_code == 403
    assert Report.objects.count() == 1


@pytest.mark.parametrize("role", ROLES_WHO_READ, ids=lambda r: r.value)
def test_readers_list_read_and_download_but_never_prepare(
    person: Callable[[Role], User], issued: Report, role: Role
) -> None:
    client = signed_in(person(role))
    urls = page_urls(issued)
    listing = client.get(urls["list"])
    assert listing.status_code == 200
    assert issued.review.title in listing.content.decode()
    assert urls["new"] not in listing.content.decode()
    assert client.get(urls["detail"]).status_code == 200
    assert client.get(urls["download"]).status_code == 200
    assert client.get(urls["new"]).status_code == 403


def test_guests_see_no_reports_on_a_plan_not_yet_approved(person: Callable[[Role], User], issued: Report) -> None:
    Review.objects.filter(pk=issued.review_id).update(plan_approved_on=None)
    client = signed_in(person(Role.GUEST))
    urls = page_urls(issued)
    assert issued.review.title not in client.get(urls["list"]).content.decode()
    assert client.get(urls["detail"]).status_code == 403
    assert client.get(urls["download"]).status_code == 403


@pytest.mark.parametrize("role", ROLES_WHO_READ, ids=lambda r: r.value)
@pytest.mark.parametrize("action", ["preview", "issue"])
def test_readers_can_neither_preview_nor_issue(
    person: Callable[[Role], User], review: Review, form: Callable[..., dict[str, Any]], role: Role, action: str
) -> None:
    response = signed_in(person(role)).post(new_url(review), form(action=action))
    assert response.status_code == 403
    assert not Report.objects.exists()


@pytest.mark.parametrize("role", ROLES_WHO_PRODUCE, ids=lambda r: r.value)
def test_plan_managers_and_administrators_do_everything(
    person: Callable[[Role], User], issued: Report, role: Role
) -> None:
    client = signed_in(person(role))
    urls = page_urls(issued)
    listing = client.get(urls["list"]).content.decode()
    assert urls["new"] in listing
    assert "Prepare a report" in listing
    for page in ("new", "detail", "download"):
        assert client.get(urls[page]).status_code == 200, page


@pytest.mark.parametrize("role", ROLES_WHO_PRODUCE, ids=lambda r: r.value)
def test_plan_managers_and_administrators_can_issue(
    person: Callable[[Role], User], review: Review, form: Callable[..., dict[str, Any]], role: Role
) -> None:
    response = signed_in(person(role)).post(new_url(review), form(action="issue"))
    assert response.status_code == 302
    assert Report.objects.get().created_by is not None


def test_a_format_not_issued_or_a_report_that_does_not_exist_is_not_found(plan_manager: User, issued: Report) -> None:
    client = signed_in(plan_manager)
    assert client.get(reverse("reports:download", args=[issued.pk, "pdf"])).status_code == 404  # not issued as PDF
    assert client.get(reverse("reports:download", args=[issued.pk + 999, "docx"])).status_code == 404
    assert client.get(reverse("reports:detail", args=[issued.pk + 999])).status_code == 404


# --- preparing: the form, the preview, issuing ----------------------------------------------------------------------


def test_the_form_starts_from_the_councils_defaults_and_the_last_period_that_ended(
    plan_manager: User, review: Review, eastmoor: Organisation, q2: ReportingPeriod
) -> None:
    ReportDefaults.objects.create(
        organisation=eastmoor,
        report_of="Cabinet Member for Resources",
        contact_officer="Priya Shah, Head of Policy",
        recommendation_wording="endorse the progress",
    )
    page = signed_in(plan_manager).get(new_url(review)).content.decode()
    assert 'value="Cabinet Member for Resources"' in page
    assert 'value="Priya Shah, Head of Policy"' in page
    assert 'value="endorse the progress"' in page
    assert "There are no financial implications arising directly from this report." in page
    assert f'<option value="{q2.pk}" selected>Q2 2025/26 (ends 30 September 2025)</option>' in page
    for kind in ("progress", "position-statement", "exceptions"):
        assert f'value="{kind}"' in page
    for layout in ("objectives", "current-options", "ref-details"):
        assert f'value="{layout}"' in page
    for format_ in ("docx", "pdf", "html", "xlsx", "csv"):
        assert f'value="{format_}" checked' in page


def test_preview_shows_the_report_and_stores_nothing(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    audit_before = AuditEntry.objects.count()
    response = signed_in(plan_manager).post(new_url(review), form(report_of="Leader of the Council"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This is a preview: nothing has been stored" in page
    assert "Purpose of the report" in page
    assert "Leader of the Council" in page
    assert "Partners asked for another round; slipping." in page  # 1.1's Q2 commentary
    assert "Strategy adopted by Cabinet in October." not in page  # an update after the as-at date
    assert reverse("reports:stylesheet") in page
    assert not Report.objects.exists()
    assert not ReportFile.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_the_recommendations_written_in_full_in_the_form_are_the_reports(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    written = "Cabinet is asked to RESOLVE that the progress be noted.\r\n\r\nThat updates come quarterly."
    page = signed_in(plan_manager).post(new_url(review), form(recommendations=written)).content.decode()
    assert "Recommendations in full (instead of that sentence)" in page
    assert "Cabinet is asked to RESOLVE that the progress be noted." in page
    assert "That updates come quarterly." in page
    assert "asked to note the progress made" not in page


@pytest.mark.parametrize("kind", ["progress", "position-statement", "exceptions"])
@pytest.mark.parametrize("layout", ["objectives", "current-options", "ref-details"])
def test_every_kind_and_layout_previews(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]], kind: str, layout: str
) -> None:
    page = signed_in(plan_manager).post(new_url(review), form(kind=kind, layout=layout)).content.decode()
    assert "This is a preview: nothing has been stored" in page
    assert "Appendix 1" in page
    assert not Report.objects.exists()


def test_issuing_stores_one_report_with_its_files_and_shows_it(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    client = signed_in(plan_manager)
    data = form(action="issue", formats=["docx", "pdf", "csv"], report_of="Leader of the Council")
    response = client.post(new_url(review), data)
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[report.pk]) + "#top"
    assert sorted(report.files.values_list("format", flat=True)) == ["csv", "docx", "pdf"]
    assert report.as_of == Q2_END
    assert report.period is not None and report.period.name == "Q2 2025/26"
    assert report.committee is not None and report.committee.name == "Cabinet"
    assert report.meeting_date == date(2025, 10, 22)
    assert report.cover["report_of"] == "Leader of the Council"
    assert report.created_by == plan_manager
    assert AuditEntry.objects.filter(verb="issued").count() == 1

    page = client.get(response["Location"]).content.decode()
    assert "Report issued" in page
    assert "Purpose of the report" in page
    assert reverse("reports:download", args=[report.pk, "pdf"]) in page


def test_an_as_at_date_can_be_given_instead_of_a_period(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    data = form(action="issue", period="", as_of_day="15", as_of_month="8", as_of_year="2025")
    assert signed_in(plan_manager).post(new_url(review), data).status_code == 302
    report = Report.objects.get()
    assert report.as_of == date(2025, 8, 15)
    assert report.period is None


def test_early_impact_is_kept_per_recommendation_for_a_position_statement(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    rec = review.recommendations.get(ref="2")
    data = form(action="issue", kind="position-statement", **{f"impact_{rec.pk}": "Gap halved."})
    assert signed_in(plan_manager).post(new_url(review), data).status_code == 302
    assert Report.objects.get().cover["impact"] == {"2": "Gap halved."}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"period": ""}, "Choose a reporting period or enter an as-at date"),
        (
            {"as_of_day": "30", "as_of_month": "6", "as_of_year": "2025"},
            "Choose a reporting period or enter an as-at date, not both",
        ),
        ({"period": "", "as_of_day": "31", "as_of_month": "2", "as_of_year": "2025"}, "As-at date must be a real date"),
        ({"meeting_date_day": "31", "meeting_date_month": "2"}, "Meeting date must be a real date"),
        ({"meeting_date_day": "", "meeting_date_month": "10"}, "Meeting date must include a day"),
        ({"meeting_date_month": "9", "meeting_date_day": "1"}, "The meeting date must be on or after the as-at date"),
        ({"layout": "grid"}, "Select a layout from the list"),
        ({"kind": "annual"}, "Select a kind of report from the list"),
        ({"formats": ["docx", "odt"]}, "Select formats from the list"),
        ({"period": "999999"}, "Select a reporting period from the list"),
        ({"committee": "999999"}, "Select a committee from the list"),
        ({"recommendation_wording": ""}, "Enter what members are asked to do"),
        ({"report_of": "x" * 301}, "Report of must be 300 characters or fewer"),
    ],
)
def test_bad_input_shows_the_error_summary_and_saves_nothing(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]], changes: dict[str, Any], message: str
) -> None:
    client = signed_in(plan_manager)
    for action in ("preview", "issue"):
        response = client.post(new_url(review), form(action=action, **changes))
        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page
        assert message in page
        assert "This is a preview" not in page
    assert not Report.objects.exists()
    assert not ReportFile.objects.exists()


def test_an_error_in_the_position_statement_texts_opens_their_details(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    closed = signed_in(plan_manager).get(new_url(review)).content.decode()
    assert '<details class="govuk-details" open>' not in closed
    page = signed_in(plan_manager).post(new_url(review), form(intro="x" * 5001)).content.decode()
    assert "Introduction must be 5,000 characters or fewer" in page
    assert '<details class="govuk-details" open>' in page


def test_issuing_needs_a_format_but_a_preview_does_not(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    client = signed_in(plan_manager)
    preview = client.post(new_url(review), form(formats=[])).content.decode()
    assert "This is a preview" in preview
    issue = client.post(new_url(review), form(formats=[], action="issue")).content.decode()
    assert "There is a problem" in issue
    assert "Select at least one format to issue" in issue
    assert not Report.objects.exists()


def test_an_as_at_date_in_the_future_is_refused(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = form(
        period="",
        as_of_day=str(tomorrow.day),
        as_of_month=str(tomorrow.month),
        as_of_year=str(tomorrow.year),
        meeting_date_year=str(tomorrow.year + 1),
    )
    page = signed_in(plan_manager).post(new_url(review), data).content.decode()
    assert "The as-at date must be today or in the past" in page


def test_a_period_that_has_not_ended_is_refused(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]]
) -> None:
    today = timezone.localdate()
    future = ReportingPeriod.objects.create(
        review=review, name="Next quarter", start=today, end=today + timedelta(days=60)
    )
    data = form(period=str(future.pk), meeting_date_year=str(today.year + 1))
    page = signed_in(plan_manager).post(new_url(review), data).content.decode()
    assert "Next quarter has not ended yet" in page


def test_another_reviews_period_cannot_be_chosen(
    plan_manager: User, review: Review, form: Callable[..., dict[str, Any]], plan_of: Callable[[int], Review]
) -> None:
    other = plan_of(3)
    elsewhere = ReportingPeriod.objects.create(review=other, name="Q2", start=date(2025, 7, 1), end=Q2_END)
    page = signed_in(plan_manager).post(new_url(review), form(period=str(elsewhere.pk))).content
    assert "Select a reporting period from the list" in page.decode()


# --- reading and downloading ----------------------------------------------------------------------------------------


def test_the_download_is_the_stored_file_byte_for_byte(plan_manager: User, issued: Report) -> None:
    stored = issued.files.get(format="docx")
    response = signed_in(plan_manager).get(reverse("reports:download", args=[issued.pk, "docx"]))
    assert response.status_code == 200
    assert response.content == bytes(stored.content)
    assert hashlib.sha256(response.content).hexdigest() == stored.sha256
    assert response["Content-Type"] == stored.content_type
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME}.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(stored.size)


def test_downloads_stay_as_issued_after_the_plan_changes(plan_manager: User, issued: Report, review: Review) -> None:
    client = signed_in(plan_manager)
    urls = {f: reverse("reports:download", args=[issued.pk, f]) for f in ("docx", "csv")}
    before = {f: client.get(url).content for f, url in urls.items()}

    # Later: an action is reworded and a late update is back-dated into Q2.
    action = Action.objects.get(review=review, ref="2.2")
    Action.objects.filter(pk=action.pk).update(text="Rebuild the capital programme from scratch")
    ProgressUpdate.objects.create(
        action=Action.objects.get(review=review, ref="1.2"),
        date=date(2025, 9, 29),
        status="in-progress",
        rag="red",
        percent_complete=5,
        commentary="Back-dated: the Corporate Plan refresh has stalled.",
    )
    again = report_input_build(review=review, as_of=Q2_END, kind="progress", layout="objectives")
    assert report_render(again, "csv").content != before["csv"]  # rendering now would give another file

    assert {f: client.get(url).content for f, url in urls.items()} == before
    page = client.get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert "Review the capital programme" in page  # the report page reads the stored snapshot too
    assert "Rebuild the capital programme from scratch" not in page


def test_the_report_page_lists_its_facts_and_files(plan_manager: User, issued: Report) -> None:
    page = signed_in(plan_manager).get(reverse("reports:detail", args=[issued.pk])).content.decode()
    for text in ("Progress report", "30 September 2025", "Q2 2025/26", "Cabinet, 22 October 2025", "Priya Shah"):
        assert text in page, text
    assert f"{FILENAME}.docx" in page
    assert f"{FILENAME}.csv" in page
    assert "Leader of the Council" in page


def test_a_report_issued_from_the_command_line_says_so(plan_manager: User, review: Review) -> None:
    report = report_issue(
        review=review,
        actor=None,
        as_of=Q2_END,
        kind="exceptions",
        layout="ref-details",
        committee=None,
        meeting_date=None,
        cover={},
        formats=["csv"],
    )
    client = signed_in(plan_manager)
    assert "System (command line)" in client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "System (command line)" in client.get(reverse("reports:list")).content.decode()


def test_the_stylesheet_takes_only_real_ratings_and_colours(client: Client) -> None:
    url = reverse("reports:stylesheet")
    response = client.get(url, {"rag": ["red:ff0000:ffffff", "amber:}body{:000000", "purple:123456:ffffff"]})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert ".app-report .app-rag--red { background-color: #ff0000; color: #ffffff; }" in css
    assert "app-rag--amber" not in css
    assert "purple" not in css
    assert "}body{" not in css


# --- the list page --------------------------------------------------------------------------------------------------


def _reports(review: Review, user: User, committee: Committee, count: int) -> None:
    """Reports straight into the database: the list page reads only their facts and their files' formats."""
    for index in range(count):
        report = Report.objects.create(
            review=review,
            kind="progress",
            as_of=Q2_END - timedelta(days=index),
            committee=committee,
            meeting_date=date(2025, 10, 22),
            layout="objectives",
            title=f"Report {index}",
            snapshot={},
            created_by=user,
        )
        for format_ in ("docx", "pdf"):
            ReportFile.objects.create(
                report=report, format=format_, filename=f"r{index}.{format_}", content_type="x", content=b"x", size=1
            )


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reports:list"))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_list_query_count_does_not_grow_with_the_number_of_reports(
    plan_manager: User, review: Review, cabinet: Committee, plan_of: Callable[[int], Review]
) -> None:
    other = plan_of(3)  # a second review, so the per-review work is counted too
    client = signed_in(plan_manager)
    _reports(review, plan_manager, cabinet, 1)
    _reports(other, plan_manager, cabinet, 1)
    two = _list_queries(client)
    _reports(review, plan_manager, cabinet, 4)
    _reports(other, plan_manager, cabinet, 4)
    assert Report.objects.count() == 10
    assert _list_queries(client) == two


def test_the_list_shows_each_report_newest_position_first_with_its_downloads(
    plan_manager: User, review: Review, cabinet: Committee
) -> None:
    _reports(review, plan_manager, cabinet, 2)
    page = signed_in(plan_manager).get(reverse("reports:list")).content.decode()
    newest, older = Report.objects.order_by("-as_of")
    assert page.index(reverse("reports:detail", args=[newest.pk])) < page.index(
        reverse("reports:detail", args=[older.pk])
    )
    assert reverse("reports:download", args=[newest.pk, "docx"]) in page
    assert page.index(reverse("reports:download", args=[newest.pk, "docx"])) < page.index(
        reverse("reports:download", args=[newest.pk, "pdf"])
    )
    assert "Cabinet, 22 October 2025" in page
    assert "Priya Shah" in page


def test_a_review_with_no_reports_says_so(plan_manager: User, review: Review) -> None:
    page = signed_in(plan_manager).get(reverse("reports:list")).content.decode()
    assert "No reports have been issued on this review yet." in page


def test_the_report_page_has_one_main_heading_and_the_report_nests_under_it(plan_manager: User, issued: Report) -> None:
    page = signed_in(plan_manager).get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert page.count("<h1") == 1
    assert '<h3 class="app-report__title' in page


def test_a_report_switches_implications_off_and_rewords_them_under_the_councils_titles(
    plan_manager: User, review: Review, eastmoor: Organisation, form: Callable[..., dict[str, Any]]
) -> None:
    ReportDefaults.objects.create(
        organisation=eastmoor,
        section_titles={"recommendations": "Recommendation(s) to Cabinet"},
        implications=[
            {"key": "financial", "title": "Financial implications", "text": "None.", "on": True},
            {"key": "legal", "title": "Legal implications", "text": "None.", "on": True},
            {"key": "social-value", "title": "Social value", "text": "None.", "on": True},
        ],
    )
    client = signed_in(plan_manager)
    page = client.get(new_url(review)).content.decode()
    assert "Recommendation(s) to Cabinet" in page
    assert 'name="implications" type="checkbox" value="2" checked' in page and ">Social value</label>" in page
    data = form(action="issue", formats=["html"], implications=["0", "2"], implication_2="Social value: none.")
    assert client.post(new_url(review), data).status_code == 302
    report = Report.objects.get()
    assert [(i["title"], i["text"]) for i in report.cover["implications"]] == [
        ("Financial implications", "None arising directly."),
        ("Social value", "Social value: none."),
    ]
    html = bytes(report.files.get(format="html").content).decode()
    assert "2. Recommendation(s) to Cabinet" in html
    assert "11.2 Social value" in html and "Legal implications" not in html


@pytest.mark.parametrize(
    ("today", "as_of", "meeting"),
    [(date(2031, 3, 10), "31 12 2030", "7 4 2031"), (date(2026, 11, 25), "30 9 2026", "23 12 2026")],
)
def test_the_date_examples_come_from_the_clock_never_a_fixed_date_that_goes_stale(
    review: Review, today: date, as_of: str, meeting: str
) -> None:
    form = ReportForm(review=review, today=today, defaults=Cover())
    assert form.fields["as_of"].help_text.endswith(f"For example, {as_of}")
    assert form.fields["meeting_date"].help_text == f"For example, {meeting}"
