"""Committee reports in a real browser: the figures on the dashboard, the preview's warning, issuing in the
background, at desktop width and at 375 px, each page checked with axe. Screenshots: /tmp/shots/rep-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation, User
from peerplan.demo.setup import PASSWORD
from peerplan.plans.models import Review
from peerplan.reports.models import Report
from peerplan.ui.testing import look_at_both_widths, sign_in_afresh

CPC = "Corporate Peer Challenge 2025"

pytestmark = pytest.mark.django_db(transaction=True)


def look(page: Page, name: str) -> None:
    look_at_both_widths(page, f"rep-{name}")


def test_a_plan_manager_previews_sees_what_is_missing_and_issues_in_the_background(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]]
) -> None:
    manager = User.objects.get(email="ruth.ellison@kestrelvale.example")
    cpc = Review.objects.get(title=CPC)
    sign_in_afresh(page, live_server.url, manager.email, PASSWORD)

    page.goto(f"{live_server.url}/reviews/{cpc.pk}/")
    caption = page.get_by_text("Actions by position (each action counted once")
    expect(caption).to_be_visible()
    look(page, "dashboard")

    page.goto(f"{live_server.url}/reviews/{cpc.pk}/reports/new/")
    expect(page.get_by_label("Budget/Policy Framework")).to_be_visible()
    expect(page.get_by_role("textbox", name="Alternative options considered")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Alternative options considered")).to_be_checked()
    page.get_by_role("button", name="Preview the report").first.click()
    expect(page.get_by_role("heading", name="Preview", exact=True)).to_be_visible()
    expect(page.get_by_text("Still to be completed before you issue this report").first).to_be_visible()
    expect(page.locator("#preview").get_by_text("Budget/Policy Framework").first).to_be_visible()
    look(page, "preview")

    before = set(Report.objects.values_list("pk", flat=True))
    page.get_by_label("Budget/Policy Framework").fill("Yes")
    page.get_by_label("Committee", exact=True).select_option(label="Cabinet")
    page.get_by_role("button", name="Issue the report").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    report = Report.objects.exclude(pk__in=before).get()
    assert report.state == "issued"  # the test settings run the worker's task at once
    assert report.files.count() == len(report.formats)
    expect(page.get_by_role("link", name="Word document (DOCX)")).to_be_visible()
    look(page, "issued")


def test_an_administrator_sets_the_councils_sections_and_wording(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]]
) -> None:
    admin = User.objects.get(email="admin@kestrelvale.example")
    organisation = demo[0]
    sign_in_afresh(page, live_server.url, admin.email, PASSWORD)
    page.goto(f"{live_server.url}/reports/defaults/{organisation.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Committee report wording and sections")
    look(page, "defaults")
    page.get_by_label("Consultation: position").select_option(label="Leave out")
    page.get_by_role("button", name="Save wording and sections").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    organisation.refresh_from_db()
    assert "consultation" not in organisation.report_defaults.sections
