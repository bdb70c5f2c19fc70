"""The council's section titles and implications in a real browser: the defaults page (with its errors) and the
preview it shapes, at desktop width and at 375 px, each checked with axe. Screenshots: /tmp/shots/sections3-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation
from peerplan.demo.setup import PASSWORD
from peerplan.plans.models import Review
from peerplan.reports.models import ReportDefaults
from peerplan.ui.testing import look_at_both_widths, sign_in_afresh

pytestmark = pytest.mark.django_db(transaction=True)


def look(page: Page, name: str) -> None:
    look_at_both_widths(page, f"sections3-{name}")


def test_an_administrator_renames_sections_and_adds_an_implication_that_the_report_numbers(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]]
) -> None:
    organisation = demo[0]
    sign_in_afresh(page, live_server.url, "admin@kestrelvale.example", PASSWORD)
    page.goto(f"{live_server.url}/reports/defaults/{organisation.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Committee report wording and sections")
    look(page, "defaults")

    # Two kinds with one title: refused, with the reason at the field, and nothing saved.
    before = ReportDefaults.objects.get(organisation=organisation).implications
    page.get_by_label("Implication 6: title").fill("Legal implications")
    page.get_by_label("Implication 6: usual wording").fill("None.")
    page.get_by_role("button", name="Save wording and sections").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Legal implications is already implication 2: give each implication its own title"
    )
    look(page, "defaults-error")
    assert ReportDefaults.objects.get(organisation=organisation).implications == before

    page.get_by_label("Recommendations: title", exact=True).fill("Recommendation(s) to Cabinet")
    page.get_by_label("Implication 6: title").fill("Social value")
    page.get_by_label("Implication 6: usual wording").fill("The plan's contracts follow the social value policy.")
    page.get_by_label("Implication 2: position", exact=True).select_option(label="Leave out")
    page.get_by_label("Each implication a numbered section of its own").check()
    page.get_by_role("button", name="Save wording and sections").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    defaults = ReportDefaults.objects.get(organisation=organisation)
    assert defaults.section_titles == {"recommendations": "Recommendation(s) to Cabinet"}
    assert [i["title"] for i in defaults.implications if i["on"]][-1] == "Social value"

    sign_in_afresh(page, live_server.url, "ruth.ellison@kestrelvale.example", PASSWORD)
    cpc = Review.objects.get(title="Corporate Peer Challenge 2025")
    page.goto(f"{live_server.url}/reviews/{cpc.pk}/reports/new/")
    expect(page.get_by_role("checkbox", name="Social value")).to_be_checked()
    page.get_by_role("button", name="Preview the report").first.click()
    preview = page.locator("#preview")
    expect(preview.get_by_role("heading", name="2. Recommendation(s) to Cabinet")).to_be_visible()
    expect(preview.get_by_role("heading", name="15. Social value")).to_be_visible()
    expect(preview.get_by_role("heading", name="Legal implications")).to_have_count(0)
    look(page, "preview")
