"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server.

On a laptop without Chromium or the built styles they skip; with CI=true they fail (peerplan.ui.testing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from peerplan.accounts.models import Organisation, User
from peerplan.conftest import PASSWORD, make_user, organisation, user  # noqa: F401 - fixtures shared with peerplan/
from peerplan.demo.setup import demo_load
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
def no_js_page(browser: Browser) -> Iterator[Page]:
    """A page in a second context with JavaScript switched off."""
    context: BrowserContext = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db: None) -> tuple[Organisation, list[int]]:
    """Kestrel Vale Borough Council, its two reviews and one person per role (peerplan.demo.setup), in ~0.3 s.

    Loaded for each test: with transaction=True the database is emptied after every test.
    """
    return demo_load()
