"""The interactive API documentation at /api/docs: Swagger UI inside peerplan's own page.

ninja's own page has no lang, no landmarks and no heading (axe fails it); this one is the usual GOV.UK page
with a heading, a link to the OpenAPI description, and Swagger UI in <main>, drawn from local static files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class PeerplanSwagger(Swagger):
    """ninja's Swagger renderer, with peerplan's template (api/docs.html) and script (api/swagger-init.js)."""

    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        openapi_url = self.get_openapi_url(api, kwargs)
        auth = api.auth if isinstance(api.auth, list | tuple) else []
        context = {
            "api": api,
            "openapi_url": openapi_url,
            "swagger_settings": {**self.settings, "url": openapi_url},
            # Session sign-in needs the CSRF token on writes ("Try it out"); API tokens do not.
            "add_csrf": any(getattr(a, "csrf", False) for a in auth),
            "nav_current": "",
        }
        return render(request, self.template, context)
