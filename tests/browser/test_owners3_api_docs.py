"""/api/docs is peerplan's own page around Swagger UI: lang="en-GB", landmarks, a heading and a link to the
OpenAPI description; axe finds nothing, at desktop width and at 375 px. Screenshots: /tmp/shots/owners3-api-docs-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1200, 375])
def test_the_api_docs_page_has_a_heading_landmarks_and_the_openapi_link_and_passes_axe(
    browse: Any, page: Page, live_server: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    browse.go("/api/docs")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    expect(page.get_by_role("heading", level=1, name="peerplan API documentation")).to_be_visible()
    main = page.get_by_role("main")
    expect(main.locator(".swagger-ui .opblock").first).to_be_visible()  # Swagger UI drew the endpoints
    link = main.get_by_role("link", name="OpenAPI description (JSON)")
    assert link.get_attribute("href") == "/api/openapi.json"
    browse.check(f"{width}")
    main.locator(".swagger-ui .opblock-summary").first.click()  # one endpoint opened, as a reader would
    expect(main.locator(".swagger-ui .opblock-body").first).to_be_visible()
    browse.check(f"{width}-open")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
