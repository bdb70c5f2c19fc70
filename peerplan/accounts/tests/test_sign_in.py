"""Signing in with an email address, the lock-out after repeated failures, signing out and resetting a password."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from peerplan.accounts.models import User
from peerplan.testing.factories import PASSWORD

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

SIGN_IN = "/account/sign-in/"
LOCKED_OUT_TEMPLATE = "accounts/locked_out.html"


def sign_in(client: Client, email: str, password: str, **extra: str) -> _MonkeyPatchedWSGIResponse:
    return client.post(SIGN_IN, {"username": email, "password": password, **extra})


def test_sign_in_is_the_login_url_and_asks_for_an_email_address_and_password(client: Client) -> None:
    assert reverse("accounts:sign-in") == SIGN_IN
    page = client.get(SIGN_IN).content.decode()
    assert '<label class="govuk-label govuk-label--s" for="id_username">Email address</label>' in page
    assert 'type="email" name="username"' in page
    assert 'name="password"' in page


@pytest.mark.django_db
def test_signing_in_with_email_and_password_goes_to_the_next_page(client: Client, user: User) -> None:
    response = sign_in(client, user.email, PASSWORD, next="/patterns/")
    assert response.status_code == 302
    assert response["Location"] == "/patterns/"
    assert client.get("/patterns/").context["user"] == user


@pytest.mark.django_db
def test_the_email_address_can_be_typed_in_any_case(client: Client, user: User) -> None:
    response = sign_in(client, "  Plan.Manager@Example.GOV.UK ", PASSWORD)
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_wrong_password_shows_the_error_summary_linked_to_the_email_field(client: Client, user: User) -> None:
    response = sign_in(client, user.email, "not-the-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in – peerplan</title>" in page
    assert 'class="govuk-error-summary" data-module="govuk-error-summary"' in page
    assert '<a href="#id_username">Enter a correct email address and password</a>' in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_an_empty_form_asks_for_each_field_in_the_summary_and_at_the_field(client: Client) -> None:
    page = sign_in(client, "", "").content.decode()
    assert '<a href="#id_username">Enter your email address</a>' in page
    assert '<a href="#id_password">Enter your password</a>' in page
    assert (
        '<p id="id_username-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> Enter your email address</p>'
    ) in page
    assert 'class="govuk-input govuk-input--error" aria-describedby="id_username-error"' in page


@pytest.mark.django_db
def test_five_failed_sign_ins_lock_the_account_for_30_minutes(client: Client, user: User, settings: Settings) -> None:
    settings.AXES_LOCKOUT_TEMPLATE = LOCKED_OUT_TEMPLATE
    for _ in range(4):
        assert sign_in(client, user.email, "wrong-password").status_code == 200
    fifth = sign_in(client, user.email, "wrong-password")
    after = sign_in(client, user.email, PASSWORD)

    for response in (fifth, after):
        page = response.content.decode()
        assert response.status_code == 429
        assert "Your account is locked" in page
        assert "you cannot sign in for 30 minutes" in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_success_before_the_limit_clears_the_failures(client: Client, user: User) -> None:
    for _ in range(4):
        sign_in(client, user.email, "wrong-password")
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.post("/account/sign-out/")
    for _ in range(4):
        assert sign_in(client, user.email, "wrong-password").status_code == 200


def test_sign_out_refuses_get(client: Client) -> None:
    assert client.get("/account/sign-out/").status_code == 405


@pytest.mark.django_db
def test_sign_out_by_post_signs_the_person_out_and_says_so(signed_in_client: Client) -> None:
    response = signed_in_client.post("/account/sign-out/", follow=True)
    assert response.redirect_chain[-1][0] == SIGN_IN
    assert "_auth_user_id" not in signed_in_client.session
    assert "You have signed out." in response.content.decode()


@pytest.mark.django_db
def test_the_header_offers_sign_out_as_a_form_that_posts(signed_in_client: Client) -> None:
    page = signed_in_client.get("/patterns/").content.decode()
    assert '<form method="post" action="/account/sign-out/" class="app-sign-out">' in page


@pytest.mark.django_db
def test_a_reset_email_is_sent_and_its_link_sets_a_new_password(client: Client, user: User) -> None:
    response = client.post("/account/password-reset/", {"email": "PLAN.manager@example.gov.uk"})
    assert response.status_code == 302
    assert response["Location"] == "/account/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your peerplan password"
    assert message.to == [user.email]
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", str(message.body))
    assert link, message.body

    form_page = client.get(link.group(1), follow=True)  # Django swaps the token for a session key
    assert "Set a new password" in form_page.content.decode()
    new_password = "a-much-longer-new-password-2025"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done["Location"] == "/account/password-reset/complete/"
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert sign_in(client, user.email, new_password).status_code == 302


@pytest.mark.django_db
def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client: Client) -> None:
    response = client.post("/account/password-reset/", {"email": "nobody@example.gov.uk"})
    assert response["Location"] == "/account/password-reset/sent/"
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_used_reset_link_says_it_has_expired(client: Client, user: User) -> None:
    page = client.get("/account/password-reset/MQ/not-a-token/").content.decode()
    assert "This link has expired" in page


@pytest.mark.django_db
def test_changing_the_password_needs_the_current_one(signed_in_client: Client, user: User) -> None:
    wrong = signed_in_client.post(
        "/account/password/",
        {
            "old_password": "nope",
            "new_password1": "another-long-password-1",
            "new_password2": "another-long-password-1",
        },
    )
    assert "Your current password is not correct. Enter it again." in wrong.content.decode()
    right = signed_in_client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-password-1",
            "new_password2": "another-long-password-1",
        },
    )
    assert right["Location"] == "/account/password/changed/"
    user.refresh_from_db()
    assert user.check_password("another-long-password-1")


def from_address(client: Client, email: str, password: str, **meta: str) -> _MonkeyPatchedWSGIResponse:
    """Sign in with request headers (REMOTE_ADDR, HTTP_X_FORWARDED_FOR) set."""
    return client.post(SIGN_IN, {"username": email, "password": password}, **meta)  # type: ignore[arg-type]  # meta holds only WSGI environ keys, never post()'s follow/secure/headers


@pytest.mark.django_db
def test_behind_a_trusted_proxy_a_stranger_cannot_lock_a_colleague_out(
    client: Client, user: User, settings: Settings
) -> None:
    settings.PEERPLAN_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        from_address(client, user.email, "wrong-password", **proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert from_address(client, user.email, PASSWORD, **proxy, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    # The colleague, at their own desk behind the same proxy; a forged earlier entry is not believed.
    colleague = from_address(Client(), user.email, PASSWORD, **proxy, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert colleague.status_code == 302


@pytest.mark.django_db
def test_without_the_setting_the_forwarded_header_is_not_believed(
    client: Client, user: User, settings: Settings
) -> None:
    settings.PEERPLAN_TRUSTED_PROXY_HEADER = ""
    for n in range(5):
        from_address(
            client, user.email, "wrong-password", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
    assert from_address(client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.1").status_code == 429


@pytest.mark.django_db
def test_a_session_ends_after_an_idle_hour_and_eight_hours_after_signing_in(client: Client, user: User) -> None:
    from django.conf import settings as conf

    from peerplan.accounts.sessions import SIGNED_IN_AT

    assert conf.SESSION_COOKIE_AGE == 3600  # idle: restarted by activity (see the next test)
    assert conf.PASSWORD_RESET_TIMEOUT == 2 * 3600
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    assert client.get("/").context["user"] == user
    session = client.session
    session[SIGNED_IN_AT] -= 8 * 3600 + 1
    session.save()
    response = client.get("/")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)


@pytest.mark.django_db
def test_activity_restarts_the_idle_hour_but_writes_the_session_at_most_once_a_minute(
    client: Client, user: User
) -> None:
    from django.contrib.sessions.models import Session

    from peerplan.accounts.sessions import RENEWED_AT

    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.get("/")
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    client.get("/")  # within the minute: nothing written
    assert Session.objects.get(session_key=key).expire_date == first
    session = client.session
    session[RENEWED_AT] -= 61
    session.save()
    saved = Session.objects.get(session_key=key).expire_date
    client.get("/")  # more than a minute since the last restart: the idle hour starts again from now
    renewed = Session.objects.get(session_key=key)
    assert renewed.expire_date > saved
    assert renewed.get_decoded()[RENEWED_AT] > session[RENEWED_AT]
    assert "sessionid" in client.cookies and client.cookies["sessionid"]["max-age"] == 3600
