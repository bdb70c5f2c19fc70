"""Each role's journey through peerplan in a real browser, on the demo council (Kestrel Vale Borough Council).

Everyone signs in through the sign-in form. Every page on the way is photographed
(/tmp/shots/journey-<role>-<n>.png) and checked with axe; a journey lists all its violations at the end.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from journeys import Journey
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation, User
from peerplan.plans.enums import ReviewKind
from peerplan.plans.models import Action, DueDateRevision, Review
from peerplan.progress.models import ReportingPeriod
from peerplan.shared.rag import Rag
from peerplan.ui.testing import autocomplete_box

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CPC = "Corporate Peer Challenge 2025"
ADMIN = "admin@kestrelvale.example"
PLAN_MANAGER = "ruth.ellison@kestrelvale.example"
LEAD_OFFICER = "priya.shah@kestrelvale.example"
COUNCILLOR = "cllr.reid@kestrelvale.example"
GUEST = "peer@lga.example"

# Links and buttons that change something: a reader must see none of them.
WRITING = re.compile(
    r"^(Post an update|Ask for a revised due date|Edit the plan|Reporting periods|Requests for revised due dates"
    r"|Set up a new review|Set up a review|Manage plans|Manage|Change|Settings|My actions)\b"
)

IMPORT_CSV = (
    "Ref,Recommendation,Action,Lead,Timescale,Status\n"
    "1,Strengthen the council's approach to procurement,Publish a procurement strategy,Procurement Manager,"
    "March 2027,Not started\n"
    "2,Improve the waste service's customer contact,Introduce online reporting of missed bins,"
    "Customer Services Manager,Q4 2026/27,In progress\n"
)


def owned_by(email: str, ref: str) -> Action:
    return Action.objects.get(review__title=CPC, ref=ref, lead_officer__user__email=email)


def expect_no_writing(page: Page) -> None:
    """No link or button that would change the plan, and no navigation to pages for writers."""
    expect(page.locator("main").get_by_role("link", name=WRITING)).to_have_count(0)
    expect(page.locator("main").get_by_role("button", name=WRITING)).to_have_count(0)
    expect(page.get_by_role("link", name="Settings", exact=True)).to_have_count(0)


@pytest.fixture
def journey(page: Page, live_server: Any, demo: tuple[Organisation, list[int]]) -> Any:
    """journey(role): a Journey in the test's browser page, on the demo council."""

    def start(role: str, on: Page | None = None) -> Journey:
        """on: another page, such as one with JavaScript off; axe then runs in the test's own page."""
        return Journey(on or page, live_server.url, role, axe_page=page if on else None)

    return start


def test_plan_manager_sets_up_a_review_enters_approves_and_opens_a_period_then_imports_a_plan(
    journey: Any, settings: Any, tmp_path: Path, mailoutbox: list[Any]
) -> None:
    settings.PEERPLAN_HOME = tmp_path  # the import keeps its draft file here until confirmed
    j: Journey = journey("plan-manager")
    page = j.page
    today = timezone.localdate()
    j.sign_in(PLAN_MANAGER)
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews and action plans")
    j.check("start page: the council's reviews")

    page.get_by_role("link", name="Manage plans").click()
    expect(page).to_have_url(j.url("/reviews/"))
    j.check("plans list")

    # Set up a review: first with a mistake in a date, then right.
    page.get_by_role("button", name="Set up a review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a review")
    j.check("set up a review")
    page.get_by_label("Corporate peer challenge").check()
    page.get_by_label("Title").fill("Corporate Peer Challenge 2026")
    page.get_by_role("group", name="Last day of the visit").get_by_label("Day").fill("31")
    page.get_by_role("group", name="Last day of the visit").get_by_label("Month").fill("2")
    page.get_by_role("group", name="Last day of the visit").get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Set up the review").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    j.check("set up a review, with an error")

    visit_end = today - timedelta(days=40)
    j.date("First day of the visit", visit_end - timedelta(days=3))
    j.date("Last day of the visit", visit_end)
    j.date("Date of the feedback report", visit_end + timedelta(days=30))
    page.get_by_role("button", name="Set up the review").click()
    j.success("Corporate Peer Challenge 2026 has been set up")
    review = Review.objects.get(title="Corporate Peer Challenge 2026")
    expect(page).to_have_url(j.url(f"/reviews/{review.pk}/manage/"))
    assert review.kind == ReviewKind.CORPORATE_PEER_CHALLENGE
    assert review.visit_end == visit_end
    expect(page.locator(".govuk-summary-list__row", has_text="Last day of the visit")).to_contain_text(
        f"{visit_end:%-d %B %Y}"
    )
    j.check("manage the review, just set up")

    # The editor: a recommendation, then an action with a timescale.
    page.get_by_role("link", name="Recommendations and actions").click()
    expect(page).to_have_url(j.url(f"/reviews/{review.pk}/plan/edit/"))
    expect(page.get_by_text("The plan has no recommendations yet.")).to_be_visible()
    j.check("plan editor, empty")

    page.get_by_role("button", name="Add a recommendation").click()
    j.check("add a recommendation")
    page.get_by_label("Reference").fill("KR1")
    page.get_by_label("Key recommendation").check()
    page.locator("textarea[name=text]").fill("Agree a workforce strategy that tackles recruitment and retention")
    page.get_by_label("Theme").select_option(label="Capacity for improvement")
    page.get_by_role("button", name="Save recommendation").click()
    j.success("Recommendation KR1 has been added.")
    j.check("plan editor, one recommendation")

    page.get_by_role("link", name="Add an action to recommendation KR1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    j.check("add an action")
    page.get_by_label("Reference").fill("KR1.1")
    page.get_by_label("What will be done").fill("Adopt a Workforce Strategy 2027–2030")
    page.get_by_label("Timescale").fill("Q4 2026/27")
    autocomplete_box(page, "Lead officer").fill("Priya")
    page.get_by_role("option", name="Priya Shah", exact=True).click()
    page.get_by_role("button", name="Check how the timescale reads").click()
    expect(page.locator("main")).to_contain_text("31 March 2027")
    j.check("add an action, timescale read back")
    page.get_by_role("button", name="Save action").click()
    action = Action.objects.get(review=review, ref="KR1.1")
    assert action.timescale == "Q4 2026/27"
    assert action.due_date == date(2027, 3, 31)
    row = page.locator(f"#action-{action.pk}")
    expect(row).to_contain_text("KR1.1 Adopt a Workforce Strategy 2027–2030")
    expect(row).to_contain_text("Timescale: “Q4 2026/27”")
    expect(row).to_contain_text("due 31 March 2027")
    expect(row).to_contain_text("Lead officer: Priya Shah")
    j.check("plan editor, with the action")

    row.get_by_role("link", name="Change KR1.1").click()
    expect(page.get_by_label("Timescale")).to_have_value("Q4 2026/27")
    j.check("change an action")
    page.go_back()
    page.get_by_role("link", name="Change recommendation KR1").click()
    expect(page.locator("textarea[name=text]")).to_have_value(
        "Agree a workforce strategy that tackles recruitment and retention"
    )
    j.check("change a recommendation")

    # Approve the plan.
    j.go(f"/reviews/{review.pk}/manage/")
    page.get_by_role("link", name="Approve the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve the plan")
    expect(page.locator("main")).to_contain_text("It has 1 recommendation and 1 action.")
    j.check("approve the plan")
    page.get_by_role("button", name="Approve the plan").click()
    j.success("The plan has been approved.")
    expect(page.locator(".govuk-task-list__item", has_text="Approve the plan")).to_contain_text(
        f"Approved {today:%-d %B %Y}"
    )
    review.refresh_from_db()
    assert review.plan_approved_on == today
    j.check("manage the review, approved")

    # A reporting period, opened: the lead officer is asked by email.
    page.get_by_role("link", name="Reporting periods").click()
    expect(page.get_by_text("There are no reporting periods yet.")).to_be_visible()
    j.check("reporting periods, none")
    page.get_by_role("button", name="Add a reporting period").click()
    j.check("add a reporting period")
    page.get_by_label("Name").fill("Journey quarter")
    j.date("First day", today - timedelta(days=30))
    j.date("Last day", today + timedelta(days=60))
    page.get_by_role("button", name="Add the period").click()
    j.success("Journey quarter has been added.")
    expect(page.locator(".govuk-summary-card", has_text="Journey quarter")).to_contain_text("Not yet")
    j.check("reporting periods, one to open")

    page.get_by_role("button", name="Ask for updates for Journey quarter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for updates for Journey quarter")
    expect(page.locator("main")).to_contain_text("Priya Shah: 1 action")
    j.check("ask for updates")
    page.get_by_role("button", name="Ask for updates").click()
    j.success("Updates for Journey quarter have been asked for: 1 lead officer will get an email.")
    card = page.locator(".govuk-summary-card", has_text="Journey quarter")
    expect(card.locator(".govuk-summary-list__row", has_text="Updates asked for")).to_contain_text(f"{today:%-d %B %Y}")
    expect(card.locator(".govuk-summary-list__row", has_text="Actions still waiting")).to_contain_text("1")
    assert ReportingPeriod.objects.get(review=review).opened_on == today
    assert [m.to for m in mailoutbox] == [[LEAD_OFFICER]]
    j.check("reporting periods, opened")

    # Import a small CSV: upload, check, confirm.
    plan_file = tmp_path / "waste-and-procurement.csv"
    plan_file.write_text(IMPORT_CSV, encoding="utf-8")
    j.go("/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bring in an existing plan")
    j.check("import: upload")
    page.locator("input[type=file]").set_input_files(plan_file)
    page.get_by_role("button", name="Upload and check").click()
    expect(page).to_have_url(j.url("/import/check/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the plan found in waste-and-procurement.csv")
    expect(page.locator("main")).to_contain_text("Publish a procurement strategy")
    expect(page.locator("main")).to_contain_text("Introduce online reporting of missed bins")
    expect(page.locator("main")).to_contain_text("Nothing has been saved yet.")
    assert not Review.objects.filter(actions__text="Publish a procurement strategy").exists()
    j.check("import: check the plan found")
    page.get_by_label("Name of the review").fill("Internal Audit – Waste and Procurement 2026")
    page.get_by_label("What kind of review is it?").select_option(label="Internal audit")
    page.get_by_role("button", name="Confirm and save the plan").click()
    imported = Review.objects.get(title="Internal Audit – Waste and Procurement 2026")
    expect(page).to_have_url(j.url(f"/reviews/{imported.pk}/"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Internal Audit – Waste and Procurement 2026")
    assert imported.kind == ReviewKind.INTERNAL_AUDIT
    assert sorted(imported.actions.values_list("text", flat=True)) == [
        "Introduce online reporting of missed bins",
        "Publish a procurement strategy",
    ]
    j.check("the imported review's dashboard")

    # A committee report on the demo review: the list, the form, a preview, then issued as a web page.
    cpc = Review.objects.get(title=CPC)
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page).to_have_url(j.url("/reports/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    j.check("reports")
    page.get_by_role("button", name=f"Prepare a report on {CPC}").click()
    expect(page).to_have_url(j.url(f"/reviews/{cpc.pk}/reports/new/"))
    j.check("prepare a report")
    page.get_by_label("Committee", exact=True).select_option(label="Cabinet")
    page.get_by_role("button", name="Preview the report").click()
    expect(page.get_by_role("heading", name="Preview", exact=True)).to_be_visible()
    expect(page.locator("#preview")).to_contain_text("Complete condition surveys of all 46 commercial properties")
    j.check("prepare a report, with its preview")
    formats = page.get_by_role("group", name="Formats to issue")
    for box in formats.get_by_role("checkbox").all():
        box.set_checked(box.get_attribute("value") == "html")  # PDF and Word need LibreOffice: slow, tested elsewhere
    page.get_by_role("button", name="Issue the report").first.click()
    j.success("Report issued")
    expect(page.get_by_role("link", name=re.compile(r"^Web page"))).to_be_visible()
    j.check("an issued report")

    # The demo review's requests for revised due dates, read by the plan manager.
    j.go(f"/reviews/{cpc.pk}/revisions/")
    j.check("requests for revised due dates")
    j.finish()


def test_lead_officer_updates_an_action_they_own_and_asks_for_a_revised_date(journey: Any) -> None:
    j: Journey = journey("lead-officer")
    page = j.page
    action = owned_by(LEAD_OFFICER, "3.1")  # Green, in progress, due 31 December 2026
    assert action.rag == Rag.GREEN
    updates_before = action.updates.count()

    j.sign_in(LEAD_OFFICER, then="/my-actions/")  # "/" sends a lead officer to My actions
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    j.check("my actions")

    page.locator("main").get_by_role("link", name=re.compile(r"^3\.1 Produce a Kestrelford")).click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 3.1")
    j.check("an action they own")

    # A change of RAG without a reason: the error summary, the message at the field, nothing saved.
    page.get_by_role("button", name="Post an update").click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/update/"))
    j.check("post an update")
    page.get_by_label("Amber", exact=True).check()
    page.get_by_label("Percentage complete").fill("65")
    page.get_by_label("Progress update").fill("The delivery plan is costed; Cabinet moves to January.")
    page.get_by_role("button", name="Save update").click()
    expect(page).to_have_title(re.compile(r"^Error: Post an update"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name="Say why the RAG rating changed")).to_be_visible()
    reason = page.get_by_label("Why has the RAG rating changed?")
    expect(reason).to_have_accessible_description(re.compile(r"Error:\s+Say why the RAG rating changed"))
    expect(page.get_by_label("Progress update")).to_have_value("The delivery plan is costed; Cabinet moves to January.")
    expect(page.get_by_label("Amber", exact=True)).to_be_checked()
    j.check("post an update, with an error")
    action.refresh_from_db()
    assert action.updates.count() == updates_before
    assert action.rag == Rag.GREEN

    summary.get_by_role("link", name="Say why the RAG rating changed").click()
    expect(reason).to_be_focused()
    reason.fill("Cabinet's December meeting was cancelled, so adoption slips a month.")
    page.get_by_role("button", name="Save update").click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/"))
    j.success("Your update on action 3.1 has been saved.")
    latest = page.locator(".govuk-summary-card").first
    expect(latest).to_contain_text("Priya Shah")
    expect(latest).to_contain_text("The delivery plan is costed; Cabinet moves to January.")
    expect(latest).to_contain_text("Amber")
    expect(page.locator(".govuk-summary-list__row", has_text="Why this rating")).to_contain_text(
        "Cabinet's December meeting was cancelled"
    )
    action.refresh_from_db()
    assert action.updates.count() == updates_before + 1
    assert action.rag == Rag.AMBER
    assert action.percent_complete == 65
    j.check("the action after the update")

    # Ask for a revised due date: once with a mistake, then right.
    page.get_by_role("button", name="Ask for a revised due date").click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/revise-date/"))
    j.check("ask for a revised due date")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the due date needs to change")
    j.check("ask for a revised due date, with errors")
    assert action.due_date is not None
    new_due = max(action.due_date, timezone.localdate()) + timedelta(days=60)
    j.date("New due date", new_due)
    page.get_by_label("Why does the due date need to change?").fill("Cabinet meets in January, not December.")
    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/"))
    j.success("Your request for a revised due date has been sent to the plan manager.")
    revision = DueDateRevision.objects.get(action=action, new_due=new_due)
    assert revision.reason == "Cabinet meets in January, not December."
    expect(page.locator("main table", has_text=f"{new_due:%-d %b %Y}")).to_be_visible()
    j.check("the action with a revised date asked for")
    j.finish()


def test_councillor_drills_down_searches_and_cannot_write(journey: Any) -> None:
    j: Journey = journey("councillor")
    page = j.page
    action = Action.objects.get(review__title=CPC, ref="8.2")

    j.sign_in(COUNCILLOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews and action plans")
    expect_no_writing(page)
    j.check("start page: the council's reviews")

    page.locator("main").get_by_role("link", name=CPC, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CPC)
    expect(page.locator("main")).to_contain_text("54 actions")
    expect_no_writing(page)
    j.check("review dashboard")

    page.get_by_role("link", name="Read the whole plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The plan")
    expect_no_writing(page)
    j.check("the plan")

    page.get_by_role("link", name="Recommendation 8", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendation 8")
    expect(page.locator("main")).to_contain_text("Review the commercial property portfolio")
    expect_no_writing(page)
    j.check("a recommendation")

    page.locator("main").get_by_role("link", name=re.compile(r"^8\.2 Complete condition surveys")).first.click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/"))
    expect(page.get_by_role("heading", name="Update history")).to_be_visible()
    expect(page.locator(".govuk-summary-card").first).to_be_visible()
    expect_no_writing(page)
    j.check("an action and its history")

    page.get_by_role("link", name="Audit trail for this action").click()
    expect(page).to_have_url(j.url(f"/audit/actions/{action.pk}/"))
    j.check("the action's audit trail")

    page.get_by_role("link", name="Search", exact=True).first.click()
    expect(page).to_have_url(j.url("/search/"))
    j.check("search, empty")
    page.get_by_label(re.compile("Search the plans")).fill("condition surveys")
    page.get_by_role("button", name="Search").click()
    # 8.2 by its own words, then 8.1, whose update says it waits for the condition surveys
    expect(page.locator("main")).to_contain_text("2 results for ‘condition surveys’")
    expect(
        page.locator("main").get_by_role("link", name=re.compile(r"^8\.2 Complete condition surveys"))
    ).to_be_visible()
    j.check("search results")

    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page).to_have_url(j.url("/reports/"))
    expect(page.get_by_role("button", name=re.compile("^Prepare a report"))).to_have_count(0)
    j.check("reports, for a reader")

    page.get_by_role("link", name="Audit trail", exact=True).first.click()
    expect(page).to_have_url(j.url("/audit/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    j.check("the council's audit trail")

    j.refused(f"/actions/{action.pk}/update/")
    j.finish()


def test_guest_reads_the_dashboard_and_is_refused_settings_and_the_editor(journey: Any) -> None:
    j: Journey = journey("guest")
    page = j.page
    cpc = Review.objects.get(title=CPC)

    j.sign_in(GUEST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews and action plans")
    expect_no_writing(page)
    j.check("start page: the council's reviews")
    page.locator("main").get_by_role("link", name=CPC, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CPC)
    expect_no_writing(page)
    j.check("review dashboard")

    j.refused("/settings/")
    j.refused(f"/reviews/{cpc.pk}/plan/edit/")
    j.finish()


def test_administrator_changes_the_rag_rule(journey: Any, demo: tuple[Organisation, list[int]]) -> None:
    j: Journey = journey("administrator")
    page = j.page
    council = demo[0]
    base = f"/settings/{council.slug}/"

    j.sign_in(ADMIN)
    page.get_by_role("link", name="Settings", exact=True).click()
    expect(page).to_have_url(j.url(base))
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    j.check("settings")
    for name, path in (
        ("RAG ratings", "rag/"),
        ("Committees", "committees/"),
        ("Branding", "branding/"),
        ("People and roles", "people/"),
    ):
        j.go(base + path)
        j.check(f"settings: {name}")

    j.go(base)
    page.get_by_role("link", name="RAG rule").click()
    expect(page).to_have_url(j.url(base + "rag-rule/"))
    j.check("settings: RAG rule")
    page.get_by_label("Percentage complete against thresholds").check()
    page.get_by_label("Red up to this percentage complete").fill("20")
    page.get_by_label("Amber up to this percentage complete").fill("60")
    page.get_by_role("button", name="Save RAG rule").click()
    j.success("The RAG rule has been saved.")
    rule = page.locator("main li", has=page.get_by_role("link", name="RAG rule"))
    expect(rule).to_contain_text("Percentage complete against thresholds")
    council.refresh_from_db()
    j.check("settings after the RAG rule changed")

    # The new rule now suggests a rating on the update form.
    action = owned_by(LEAD_OFFICER, "3.1")
    j.go(f"/actions/{action.pk}/update/")
    expect(page.locator("main")).to_contain_text("Your council’s rule suggests")
    j.check("post an update, with the rule's suggestion")
    j.finish()


def test_a_lead_officer_is_refused_an_action_they_do_not_own_and_anonymous_people_are_sent_to_sign_in(
    journey: Any, browser: Any, live_server: Any
) -> None:
    j: Journey = journey("forbidden")
    page = j.page
    priya = User.objects.get(email=LEAD_OFFICER)
    theirs = Action.objects.filter(review__title=CPC, lead_officer__user__email="tom.okafor@kestrelvale.example")
    not_hers = theirs.exclude(owners__user=priya).first()
    assert not_hers is not None

    j.go("/my-actions/")
    expect(page).to_have_url(j.url("/account/sign-in/?next=/my-actions/"))
    j.check("anonymous: sent to sign in")

    j.sign_in(LEAD_OFFICER, then="/my-actions/")
    j.refused(f"/actions/{not_hers.pk}/update/")
    j.refused(f"/actions/{not_hers.pk}/revise-date/")
    j.go(f"/actions/{not_hers.pk}/")  # reading it is allowed; writing is not offered
    expect(page.get_by_role("button", name="Post an update")).to_have_count(0)
    j.check("an action they do not own")
    j.finish()


def test_a_lead_officer_posts_an_update_with_javascript_switched_off(journey: Any, no_js_page: Page) -> None:
    j: Journey = journey("no-js", on=no_js_page)
    page = j.page
    action = owned_by(LEAD_OFFICER, "3.3")  # Amber, in progress
    updates_before = action.updates.count()

    j.sign_in(LEAD_OFFICER, then="/my-actions/")
    expect(page.locator("body")).not_to_have_class(re.compile("govuk-frontend-supported"))
    j.check("my actions, no JavaScript")
    page.get_by_role("link", name="Post an update on action 3.3").click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/update/"))
    j.check("post an update, no JavaScript")
    page.get_by_label("Red", exact=True).check()
    page.get_by_label("Progress update").fill("The preferred bidder withdrew; the site is being remarketed.")
    page.get_by_role("button", name="Save update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the RAG rating changed")
    j.check("post an update with an error, no JavaScript")
    page.get_by_label("Why has the RAG rating changed?").fill("The preferred bidder withdrew in November.")
    page.get_by_role("button", name="Save update").click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/"))
    j.success("Your update on action 3.3 has been saved.")
    expect(page.locator(".govuk-summary-card").first).to_contain_text("The preferred bidder withdrew")
    action.refresh_from_db()
    assert action.updates.count() == updates_before + 1
    assert action.rag == Rag.RED
    j.check("the action after the update, no JavaScript")
    j.finish()
