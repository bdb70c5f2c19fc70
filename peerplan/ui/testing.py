"""Test support for pages: Chromium through Playwright, the rule for when browser tests may skip, and axe.

Use from tests only. CI=true turns every "skip, no browser here" into a failure, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

UI_DIR = Path(__file__).resolve().parent
REPO_DIR = UI_DIR.parent.parent
BUILT_CSS = UI_DIR / "static" / "ui" / "css" / "app.css"
AXE_CANDIDATES = (
    UI_DIR / "static" / "ui" / "test" / "axe.min.js",
    REPO_DIR / "frontend" / "node_modules" / "axe-core" / "axe.min.js",
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# axe rules switched off everywhere, each with the reason. Keep this empty unless a rule misfires on
# GOV.UK Frontend's own markup that we cannot change; never to hide a fault in peerplan's markup.
AXE_DISABLED_RULES: dict[str, str] = {}

# (rule, CSS selector) pairs ignored only on elements matching the selector, each with the reason.
AXE_KNOWN_GOVUK_ISSUES: dict[tuple[str, str], str] = {
    ("label-content-name-mismatch", ".govuk-file-upload-button"): (
        "GOV.UK Frontend 6.6.0's file upload script builds this button and names it with aria-labelledby "
        "(label + ', ' + its own text); axe 4.14.1 reads that as a mismatch. The markup is not ours to change."
    ),
}


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def axe_path() -> Path | None:
    return next((p for p in AXE_CANDIDATES if p.is_file()), None)


def browser_missing() -> str:
    """Why browser tests cannot run here, or "" when they can."""
    chromium = chromium_path()
    if not (Path(chromium).is_file() or shutil.which(chromium)):
        return f"Chromium not found at {chromium} (set CHROMIUM_PATH)"
    if not BUILT_CSS.is_file():
        return "the GOV.UK styles are not built: cd frontend && npm ci && npm run build"
    if axe_path() is None:
        return "axe-core is missing: cd frontend && npm ci && npm run build"
    return ""


def require_browser() -> None:
    """Skip on a laptop without Chromium or the built styles; under CI=true, fail instead."""
    reason = browser_missing()
    if not reason:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at Debian's Chromium (never `playwright install`)."""
    require_browser()
    # Playwright's sync API runs an event loop in the test thread; Django's ORM then refuses to run
    # unless told that this is safe, which it is here: one thread, no real async code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_ARGS}


def _inject_axe(page: Any, axe: Path) -> None:
    """Load axe as the page's own origin serves it: the CSP refuses an inline <script>, as it should."""
    if axe == AXE_CANDIDATES[0]:
        from django.conf import settings

        page.add_script_tag(url=f"{settings.STATIC_URL}ui/test/axe.min.js")
    else:  # not built into static/: evaluate it through the DevTools protocol, which the CSP does not govern
        page.evaluate(axe.read_text(encoding="utf-8"))


def axe_violations(page: Any, *, disabled_rules: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core in the page (WCAG 2.2 A and AA, and best practice) and return its violations."""
    axe = axe_path()
    assert axe is not None, browser_missing()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        _inject_axe(page, axe)
    rules = {rule: {"enabled": False} for rule in {**AXE_DISABLED_RULES, **(disabled_rules or {})}}
    known = [list(pair) for pair in AXE_KNOWN_GOVUK_ISSUES]
    violations: list[dict[str, Any]] = page.evaluate(
        """async ([rules, known]) => {
            const ignored = (id, node) => known.some(([rule, selector]) =>
                rule === id && node.target.length === 1 && document.querySelector(node.target[0])?.matches(selector));
            const results = await axe.run(document, {rules});
            return results.violations
                .map(v => ({...v, nodes: v.nodes.filter(n => !ignored(v.id, n))}))
                .filter(v => v.nodes.length)
                .map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                            targets: v.nodes.map(n => n.target.join(' '))}));
        }""",
        [rules, known],
    )
    return violations


def assert_accessible(page: Any, *, disabled_rules: dict[str, str] | None = None) -> None:
    """Fail with a readable list if axe finds any violation on the page as it is now.

    disabled_rules: {rule id: why} for this page only; say why in the test too.
    """
    violations = axe_violations(page, disabled_rules=disabled_rules)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    {v['helpUrl']}\n    on: {', '.join(v['targets'][:5])}"
        for v in violations
    )
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n{report}"


def sign_in_afresh(page: Any, base_url: str, email: str, password: str) -> None:
    """Sign in as someone else in the same browser, through the sign-in page.

    A late response to the last page (Chromium's own /favicon.ico request, say) can set the old session
    cookie again just after the cookies are cleared, whenever that response renews the session. Ending every
    session on the server first makes such a cookie worthless.
    """
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()
    page.context.clear_cookies()
    page.goto(f"{base_url}/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


SCREEN_WIDTHS = {"desktop": 1280, "phone": 375}


def look_at_both_widths(page: Any, name: str, shots: Path = Path("/tmp/shots")) -> None:  # noqa: S108 - screenshots
    """Screenshot the page at desktop width and at 375 px, each with no axe violation and nothing wider than
    the screen; leaves the page at desktop width."""
    shots.mkdir(parents=True, exist_ok=True)
    for label, width in SCREEN_WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(shots / f"{name}-{label}.png"), full_page=True)
        assert_accessible(page)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{page.url} is {wide} px wide at {width} px"
    page.set_viewport_size({"width": SCREEN_WIDTHS["desktop"], "height": 900})


def autocomplete_box(page: Any, name: str) -> Any:
    """The accessible autocomplete's text box for the select labelled `name`. The plain select has the combobox
    role too, so this waits for the script to have replaced it: filling the select instead fails at random."""
    return page.get_by_role("combobox", name=name).and_(page.locator("input"))
