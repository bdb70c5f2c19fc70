"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server.

On a laptop without Chromium or the built styles they skip; with CI=true they fail (peerplan.ui.testing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

from peerplan.accounts.models import Organisation, User
from peerplan.demo.setup import demo_load
from peerplan.testing.factories import PASSWORD
from peerplan.testing.rendering import each_report_rendered_once
from peerplan.ui.testing import browser_type_launch_args, require_browser  # noqa: F401 - a fixture


@pytest.fixture(autouse=True)
def _browser_available() -> None:
    """Every test here needs the browser: skip or fail once, with the reason, before anything starts."""
    require_browser()


@pytest.fixture
def sign_in_through_the_browser(live_server: Any) -> Callable[[Page, User], None]:
    """sign_in(page, user): fills in the sign-in page, or opens it first, then lands on /patterns/."""

    def sign_in(page: Page, person: User) -> None:
        if "/account/sign-in/" not in page.url:
            page.goto(f"{live_server.url}/account/sign-in/?next=/patterns/")
        page.get_by_label("Email address").fill(person.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return sign_in


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Errors the page logs, such as a Content-Security-Policy refusal; a test asserts there are none."""
    errors: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", keep)
    return errors


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    """A page in a second context with JavaScript switched off."""
    context: BrowserContext = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(django_db_reset_sequences: None) -> tuple[Organisation, list[int]]:
    """Kestrel Vale Borough Council, its two reviews, two issued reports and one person per role (peerplan.demo.setup).

    Loaded for each test: with transaction=True the database is emptied after every test. Its ids start again
    from 1 each time, so each past report's input is the same in every test and its files are rendered once
    (the PDF alone took ~12 s of each test's set-up): peerplan.testing.rendering.
    """
    with each_report_rendered_once():
        return demo_load()


@pytest.fixture
def browse(request: pytest.FixtureRequest, page: Page, live_server: Any, demo: tuple[Organisation, list[int]]) -> Any:
    """The demo council in the browser: sign in as anyone, open a page, photograph it and run axe on it.
    Screenshots go to /tmp/shots, named after the test module."""
    from pathlib import Path

    from peerplan.demo.setup import PASSWORD as DEMO_PASSWORD
    from peerplan.ui.testing import assert_accessible, sign_in_afresh

    shots_dir = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets
    prefix = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_").replace("_", "-")
    page.set_default_timeout(15_000)  # local pages, yet a busy 2-core CI machine can be slow

    class Browse:
        shots = 0

        def sign_in(self, email: str) -> None:
            sign_in_afresh(page, live_server.url, email, DEMO_PASSWORD)

        def go(self, path: str) -> None:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path

        def check(self, name: str) -> None:
            page.wait_for_load_state()
            self.shots += 1
            shots_dir.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots_dir / f"{prefix}-{self.shots}-{name}.png"), full_page=True)
            assert_accessible(page)

    return Browse()
