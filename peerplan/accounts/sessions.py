"""How long a sign-in lasts, and which address a request comes from behind a trusted proxy.

The idle limit is Django's session age, restarted here by activity (at most once a
PEERPLAN_SESSION_RENEW_AFTER seconds, so a session is not written on every page); the absolute limit is
enforced here too, so a session kept alive by activity still ends PEERPLAN_SESSION_MAX_AGE after signing in.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

SIGNED_IN_AT = "peerplan_signed_in_at"
RENEWED_AT = "peerplan_renewed_at"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or, when a trusted proxy header is configured, the last address in it.

    The last entry is the one our own proxy wrote; earlier entries come from the client and can be forged.
    """
    header: str = getattr(settings, "PEERPLAN_TRUSTED_PROXY_HEADER", "")
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        value: str = request.META.get(key, "")
        forwarded = [part.strip() for part in value.split(",") if part.strip()]
        if forwarded:
            return forwarded[-1][:45]
    remote: str | None = request.META.get("REMOTE_ADDR")
    return remote


@receiver(user_logged_in, dispatch_uid="peerplan-session-clock")
def start_the_session_clock(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """Both clocks start at signing in (saved with the new session), so the pages after it write nothing."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[RENEWED_AT] = now


class SessionLimitMiddleware:
    """Sign a person out once their session is older than PEERPLAN_SESSION_MAX_AGE seconds, however active they
    are; otherwise restart the idle hour when the last restart is more than PEERPLAN_SESSION_RENEW_AFTER old."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie nobody is signed in: leave the session untouched, so public pages are not
        # marked "Vary: Cookie" and stay cacheable.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SIGNED_IN_AT)
            renewed = request.session.get(RENEWED_AT)
            if not isinstance(started, int):
                request.session[SIGNED_IN_AT] = now
            if isinstance(started, int) and now - started > settings.PEERPLAN_SESSION_MAX_AGE:
                logout(request)
            elif not isinstance(renewed, int) or now - renewed > settings.PEERPLAN_SESSION_RENEW_AFTER:
                request.session[RENEWED_AT] = now  # a changed session is saved, and its cookie and expiry restart
        return self.get_response(request)
