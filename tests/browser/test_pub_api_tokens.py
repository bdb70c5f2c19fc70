"""API tokens and the API's docs in a real browser: an administrator makes a token, sees it once, and revokes
it; /api/docs draws Swagger UI from peerplan's own files under the strict Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation
from peerplan.api.models import ApiToken
from peerplan.demo.setup import PASSWORD as DEMO_PASSWORD
from peerplan.plans.models import Review
from peerplan.ui.testing import assert_accessible, look_at_both_widths, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets


def test_an_administrator_makes_a_token_sees_it_once_uses_it_and_revokes_it(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]]
) -> None:
    organisation, _ = demo
    sign_in_afresh(page, live_server.url, "admin@kestrelvale.example", DEMO_PASSWORD)
    page.get_by_role("link", name="API tokens").click()
    assert_accessible(page)
    page.get_by_role("button", name="Make a token").click()
    page.get_by_role("button", name="Make the token").click()  # nothing filled in: errors say what is missing
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what the token is for")
    look_at_both_widths(page, "pub-token-new")
    page.get_by_label("What is the token for?").fill("Power BI dashboard")
    page.get_by_label("Kestrel Vale Borough Council: Priya Shah (Lead officer)").check()
    page.get_by_label("Read only", exact=True).check()
    page.get_by_label("90 days").check()
    page.get_by_role("button", name="Make the token").click()
    secret = page.get_by_label("Token").input_value()
    assert secret.startswith("pp_")
    look_at_both_widths(page, "pub-token-created")

    review = Review.objects.get(organisation=organisation, kind="corporate-peer-challenge")
    listed = Client().get(
        f"/api/reviews/{review.pk}/actions?overdue=true", headers={"authorization": f"Bearer {secret}"}
    )
    assert listed.status_code == 200 and listed.json()["count"] >= 1

    page.get_by_role("link", name="Back to API tokens").click()
    assert secret not in page.content()
    look_at_both_widths(page, "pub-token-list")
    page.get_by_role("link", name="Revoke Power BI dashboard").click()
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_text("has been revoked")).to_be_visible()
    assert ApiToken.objects.get().revoked_at is not None
    assert Client().get("/api/reviews", headers={"authorization": f"Bearer {secret}"}).status_code == 401


def test_the_api_docs_draw_from_local_files_under_the_strict_policy(page: Page, live_server: Any) -> None:
    blocked: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    expect(page.get_by_text("/api/reviews/{review_id}/actions")).to_be_visible()
    page.screenshot(path=str(SHOTS / "pub-api-docs.png"))
    assert not outside, outside
    assert not [m for m in blocked if "script" in m], blocked
