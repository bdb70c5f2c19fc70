"""The email, reminder-rule, people-file and calendar pages in a real browser, each checked with axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from journeys import Journey
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation
from peerplan.notifications.models import EmailLog, EmailStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN = "admin@kestrelvale.example"
PLAN_MANAGER = "ruth.ellison@kestrelvale.example"


def test_administrator_pages_for_email_reminders_people_files_and_calendars(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]], tmp_path: Path
) -> None:
    organisation, _ = demo
    EmailLog.objects.create(
        organisation=organisation,
        to="priya.shah@kestrelvale.example",
        kind="reminder",
        reason="Q2 update is due today",
        subject="Updates you owe",
        body="Hello",
        status=EmailStatus.FAILED,
        attempts=3,
        error="Attempt 3: SMTPDataError: (554, b'5.7.1 Message refused by policy')",
    )
    j = Journey(page, live_server.url, "mail-admin")
    j.sign_in(ADMIN)

    page.get_by_role("link", name="Email", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Email")
    expect(page.locator(".govuk-warning-text")).to_contain_text("1 email could not be sent")
    j.check("email page with a failed email")

    page.get_by_role("link", name="Change the reminder rules").click()
    page.get_by_label("Remind this many days before updates are due").fill("14, soon")
    page.get_by_role("button", name="Save rules").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter whole numbers of days separated by commas")
    j.check("reminder rules with an error")
    page.get_by_label("Remind this many days before updates are due").fill("10, 2")
    page.get_by_role("button", name="Save rules").click()
    j.success("The chasing rules have been saved.")

    bad = tmp_path / "people.csv"
    bad.write_text("Name,Email address,Job title,Role\nAmy Ray,amy.ray@,Head of Legal,Lead officer\n")
    j.go(f"/settings/{organisation.slug}/people/upload/")
    j.check("add people from a file")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Row 2: “amy.ray@” is not an email address")
    j.check("people file with a bad row")
    bad.write_text(
        "Name,Email address,Job title,Role\nAmy Ray,amy.ray@kestrelvale.example,Head of Legal,Lead officer\n"
    )
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the 1 person to add")
    j.check("people file preview")
    page.get_by_role("button", name="Add them and send the invitations").click()
    j.success("1 person has been added")

    j.go("/calendar/")
    page.get_by_role("button", name="Get a link for My deadlines").click()
    link = page.get_by_label("Your link (copy it now: it is shown only once)")
    expect(link).to_be_visible()
    assert "/calendar/feed/" in link.input_value()
    j.check("calendar links")
    j.finish()
