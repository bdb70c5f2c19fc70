"""The foundation in a real browser: signing in, GOV.UK styling with Arial, no axe violations, with and without JS.

Screenshots go to /tmp/shots/foundation-*.png for a person to look at.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from peerplan.accounts.models import User
from peerplan.ui.testing import assert_accessible

SHOTS = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def screenshot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"foundation-{name}.png"), full_page=True)


def test_a_person_signs_in_and_sees_their_council_in_the_header(
    page: Page,
    live_server: Any,
    user: User,
    sign_in_through_the_browser: Callable[[Page, User], None],
    console_errors: list[str],
) -> None:
    page.goto(f"{live_server.url}/patterns/")
    expect(page).to_have_url(f"{live_server.url}/account/sign-in/?next=/patterns/")
    sign_in_through_the_browser(page, user)

    expect(page).to_have_url(f"{live_server.url}/patterns/")
    expect(page.locator(".govuk-generic-header__homepage-link")).to_have_text("Wendlebury District Council")
    expect(page.locator(".govuk-header__crown, .govuk-header__logotype")).to_have_count(0)
    expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    screenshot(page, "patterns")
    assert console_errors == []


def test_the_styles_are_govuk_frontend_in_arial(page: Page, live_server: Any, console_errors: list[str]) -> None:
    page.goto(f"{live_server.url}/account/sign-in/")
    body_font = page.evaluate("() => getComputedStyle(document.querySelector('.govuk-body')).fontFamily")
    button_colour = page.evaluate("() => getComputedStyle(document.querySelector('.govuk-button')).backgroundColor")
    assert body_font.lower().startswith("arial"), body_font
    assert "GDS Transport" not in body_font
    assert button_colour == "rgb(15, 122, 82)"  # GOV.UK Frontend 6's green button
    assert page.evaluate("() => [...document.fonts].length") == 0  # no web font is loaded at all
    assert console_errors == []


def test_the_patterns_page_has_no_accessibility_violations(
    page: Page, live_server: Any, user: User, sign_in_through_the_browser: Callable[[Page, User], None]
) -> None:
    sign_in_through_the_browser(page, user)
    page.goto(f"{live_server.url}/patterns/")
    assert_accessible(page)


def test_the_sign_in_page_has_no_accessibility_violations(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/account/sign-in/")
    screenshot(page, "sign-in")
    assert_accessible(page)


def test_a_sign_in_with_errors_focuses_the_summary_and_has_no_accessibility_violations(
    page: Page, live_server: Any, user: User
) -> None:
    page.goto(f"{live_server.url}/account/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title("Error: Sign in – peerplan")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()  # GOV.UK Frontend's script moves focus to the summary
    summary.get_by_role("link", name="Enter a correct email address and password").click()
    expect(page.get_by_label("Email address")).to_be_focused()
    screenshot(page, "sign-in-error")
    assert_accessible(page)


def test_the_other_account_pages_have_no_accessibility_violations(page: Page, live_server: Any) -> None:
    for path in ("/account/password-reset/", "/account/password-reset/sent/", "/accessibility/", "/nowhere/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)


def test_everything_works_with_javascript_switched_off(
    no_js_page: Page, live_server: Any, user: User, sign_in_through_the_browser: Callable[[Page, User], None]
) -> None:
    page = no_js_page
    sign_in_through_the_browser(page, user)
    page.goto(f"{live_server.url}/patterns/")

    expect(page.locator(".govuk-generic-header__homepage-link")).to_have_text("Wendlebury District Council")
    expect(page.locator("body")).not_to_have_class("govuk-frontend-supported")
    expect(page.get_by_role("link", name="Revised due date must include a month")).to_be_visible()
    page.locator("summary", has_text="How timescales are read").click()  # <details> opens without script
    expect(page.get_by_text("A month without a day means the end of that month")).to_be_visible()
    screenshot(page, "patterns-no-js")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/account/sign-in/")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
