"""Helpers for the journeys in tests/browser/test_journeys.py: sign in as a demo person, visit, look, check."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import ConsoleMessage, Page, Response, Route, expect

from peerplan.demo.setup import PASSWORD
from peerplan.ui.testing import assert_accessible

SHOTS = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets

# What a browser logs by itself when a page answers 403 or 404: expected on the refusal pages.
_STATUS_LOG = re.compile(r"Failed to load resource: the server responded with a status of 40[34]")


@dataclass
class Journey:
    """One person's way through the service in one browser page.

    check() photographs the page (/tmp/shots/journey-<role>-<n>.png) and runs axe on it. Violations and
    console errors are collected rather than raised at once, so one run lists every page with a problem;
    finish() fails the test with all of them.
    """

    page: Page
    base_url: str
    role: str
    shots: int = 0
    problems: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    # With JavaScript switched off axe cannot run in the page itself: it runs instead in this page (script on),
    # on the very HTML the script-less page shows, served at the same address with peerplan's own script blocked.
    axe_page: Page | None = None

    def __post_init__(self) -> None:
        self.page.on("console", self._keep)
        self.page.set_default_timeout(15_000)  # local pages, yet a busy 2-core CI machine can be slow

    def _keep(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not _STATUS_LOG.search(message.text):
            self.console_errors.append(f"{self.page.url}: {message.text}")

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def path(self) -> str:
        """The page's address without the live server's origin."""
        return self.page.url.removeprefix(self.base_url)

    def go(self, path: str, *, status: int = 200) -> Response:
        response = self.page.goto(self.url(path))
        assert response is not None
        assert response.status == status, f"{path}: expected HTTP {status}, got {response.status}"
        return response

    def check(self, what: str, *, disabled_rules: dict[str, str] | None = None) -> None:
        """Photograph the page as it is now, then run axe on it."""
        self.page.wait_for_load_state()
        self.shots += 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / f"journey-{self.role}-{self.shots}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        self.visited.append(f"{shot.name}: {what} ({self.path()})")
        try:
            assert_accessible(self._page_for_axe(), disabled_rules=disabled_rules)
        except AssertionError as failure:
            self.problems.append(f"{what}: {failure}")

    def _page_for_axe(self) -> Page:
        if self.axe_page is None:
            return self.page
        html, address = self.page.content(), self.page.url
        helper = self.axe_page

        def serve(route: Route) -> None:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

        def block(route: Route) -> None:
            route.abort()

        helper.route(lambda url: url == address, serve)
        helper.route("**/*.mjs", block)
        try:
            helper.goto(address)
        finally:
            helper.unroute_all()
        assert helper.evaluate("() => !document.body.classList.contains('js-enabled')"), "peerplan's script ran"
        return helper

    def sign_in(self, email: str, *, then: str = "/") -> None:
        """Through the sign-in form, as a person does: the page is checked too."""
        self.go("/account/sign-in/")
        self.check("sign-in page")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        expect(self.page).to_have_url(self.url(then))

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()
        expect(self.page.get_by_text("You have signed out.")).to_be_visible()

    def success(self, text: str | re.Pattern[str]) -> None:
        """The GOV.UK notification banner that says something was done."""
        banner = self.page.locator(".govuk-notification-banner--success")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text(text)

    def refused(self, path: str) -> None:
        """The address answers with the 403 page."""
        self.go(path, status=403)
        expect(self.page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
        expect(self.page).to_have_title("You cannot see this page – peerplan")
        self.check(f"403 page for {path}")

    def date(self, legend: str, day: Any) -> None:
        """Fill in a GOV.UK date input (Day, Month, Year) found by its legend."""
        group = self.page.get_by_role("group", name=legend, exact=True)
        group.get_by_label("Day").fill(str(day.day))
        group.get_by_label("Month").fill(str(day.month))
        group.get_by_label("Year").fill(str(day.year))

    def finish(self) -> None:
        """Fail with every accessibility violation and console error met on the way."""
        report = [*self.problems, *(f"console error: {e}" for e in self.console_errors)]
        assert not report, "\n\n".join(report)
