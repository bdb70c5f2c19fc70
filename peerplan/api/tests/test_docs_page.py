"""/api/docs is peerplan's own page around Swagger UI (peerplan.api.docs): lang, landmarks, a heading, the
OpenAPI link, local scripts only and no inline script (the Content-Security-Policy allows none)."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_api_docs_page_is_a_peerplan_page_with_swagger_ui_inside_main() -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en-GB"' in page
    main = page[page.index("<main") : page.index("</main>")]
    assert '<h1 class="govuk-heading-l">peerplan API documentation</h1>' in main
    assert '<a class="govuk-link" href="/api/openapi.json">OpenAPI description (JSON)</a>' in main
    assert '<div id="swagger-ui"' in main
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    sources = [attrs for attrs, body in scripts if "src=" in attrs]
    assert any("/static/ninja/swagger-ui-bundle.js" in s for s in sources)
    assert any("/static/api/swagger-init.js" in s for s in sources)
    inline = [body for attrs, body in scripts if "src=" not in attrs]
    assert all('type="application/json"' in attrs for attrs, body in scripts if "src=" not in attrs), inline
    found = re.search(r'id="swagger-settings" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None, "the page carries its Swagger settings"
    settings = json.loads(found[1])
    assert settings["url"] == "/api/openapi.json"
    assert settings["deepLinking"] is False  # a link inside each endpoint's button fails axe (nested-interactive)
