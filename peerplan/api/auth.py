"""How the API knows who is calling: a bearer API token (scripts, BI tools) or the web app's signed-in session.

A token acts as its person; session writes need the CSRF token (ninja's SessionAuth checks it).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken
from .services import api_token_used, token_digest


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token or len(token) > 200:
            return None
        found = ApiToken.objects.select_related("user", "organisation").filter(digest=token_digest(token)).first()
        now = timezone.now()
        if found is None or not found.is_live(at=now) or not found.user.is_active:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]  # read by permissions.api_token_allows
        api_token_used(token=found, at=now, method=request.method or "", path=request.path)
        return found


def token_of(request: HttpRequest) -> Any:
    """The API token the request came with, or None for a signed-in session."""
    return getattr(request, "api_token", None)


AUTH = [TokenAuth(), SessionAuth(csrf=True)]
