"""Invitations: adding a person emails a one-time link; it sets a password once, expires, and can be resent.

Also: "forgotten password" works for people who never set one, and deactivating keeps the history.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.accounts.invitations import invitation_token
from peerplan.accounts.models import Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.notifications.models import EmailKind, EmailLog, EmailStatus
from peerplan.testing import factories as f

NEW_PASSWORD = "lapwing-meadow-72-orchard"  # test data


@pytest.fixture
def admin(client: Client, make_user: Callable[..., User], organisation: Organisation) -> Client:
    client.force_login(make_user("admin@wendlebury.example", organisation=organisation, role=Role.ADMINISTRATOR))
    return client


def add_person(admin: Client, organisation: Organisation, email: str = "Lee.Ward@Wendlebury.example") -> User:
    response = admin.post(
        reverse("settings:person-add", args=[organisation.slug]),
        {"email": email, "full_name": "Lee  Ward", "job_title": "Head of Housing", "role": Role.LEAD_OFFICER},
    )
    assert response.status_code == 302, response.content.decode()
    return User.objects.get(email=email.lower())


def link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"http://\S+/account/\S+/", str(message.body))
    assert found, message.body
    return found.group(0).removeprefix("http://127.0.0.1:8000")


def test_adding_a_person_emails_them_an_invitation_and_logs_it(admin: Client, organisation: Organisation) -> None:
    lee = add_person(admin, organisation)
    assert lee.job_title == "Head of Housing"
    assert not lee.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lee.ward@wendlebury.example"]
    assert message.subject == "Wendlebury District Council has invited you to peerplan"
    assert "/account/invitation/" in message.body
    log = EmailLog.objects.get()
    assert (log.kind, log.status, log.recipient, log.attempts) == (EmailKind.INVITATION, EmailStatus.SENT, lee, 1)
    assert AuditEntry.objects.filter(verb="sent an invitation", target_id=str(lee.pk)).exists()
    people = admin.get(reverse("settings:people", args=[organisation.slug])).content.decode()
    assert "Invited" in people
    assert "Send the invitation again" in people


def test_the_invitation_link_sets_a_password_signs_in_and_lands_on_my_actions(
    admin: Client, organisation: Organisation
) -> None:
    lee = add_person(admin, organisation)
    link = link_in(mail.outbox[0])
    guest = Client()
    assert guest.get(link).status_code == 200
    response = guest.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("progress:my-actions")
    assert guest.get(reverse("progress:my-actions")).status_code == 200
    lee.refresh_from_db()
    assert lee.check_password(NEW_PASSWORD)
    assert lee.accepted_at is not None
    # One time only: the same link now says it has expired.
    again = Client().get(link)
    assert again.status_code == 404
    assert "This invitation has expired" in again.content.decode()
    assert "Active" in admin.get(reverse("settings:people", args=[organisation.slug])).content.decode()


def test_a_weak_password_is_refused_with_a_message(admin: Client, organisation: Organisation) -> None:
    add_person(admin, organisation)
    response = Client().post(link_in(mail.outbox[0]), {"new_password1": "password", "new_password2": "password"})
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    assert not User.objects.get(email="lee.ward@wendlebury.example").has_usable_password()


def test_the_invitation_expires_after_14_days(
    admin: Client, organisation: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_person(admin, organisation)
    link = link_in(mail.outbox[0])
    later = timezone.now() + timedelta(days=15)
    monkeypatch.setattr("django.core.signing.time.time", later.timestamp)
    assert Client().get(link).status_code == 404


def test_sending_again_replaces_the_old_link(admin: Client, organisation: Organisation) -> None:
    lee = add_person(admin, organisation)
    old = link_in(mail.outbox[0])
    membership = lee.memberships.get()
    lee.invited_at = timezone.now() - timedelta(minutes=5)  # the resend must change the invitation time
    lee.save()
    response = admin.post(reverse("settings:person-invite", args=[organisation.slug, membership.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert Client().get(old).status_code == 404
    assert Client().get(link_in(mail.outbox[1])).status_code == 200


def test_a_forged_token_is_refused() -> None:
    assert Client().get(reverse("accounts:invitation", args=["not-a-token"])).status_code == 404


def test_forgotten_password_reaches_someone_who_never_set_one(admin: Client, organisation: Organisation) -> None:
    lee = add_person(admin, organisation)
    mail.outbox.clear()
    Client().post(reverse("accounts:password-reset"), {"email": "LEE.WARD@wendlebury.example"})
    assert len(mail.outbox) == 1
    assert EmailLog.objects.filter(kind=EmailKind.PASSWORD_RESET, recipient=lee, status=EmailStatus.SENT).exists()
    guest = Client()
    form = guest.get(link_in(mail.outbox[0]), follow=True)
    assert form.status_code == 200
    response = guest.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    lee.refresh_from_db()
    assert lee.check_password(NEW_PASSWORD)
    assert lee.accepted_at is not None


def test_deactivated_people_get_no_reset_email_and_cannot_sign_in(
    admin: Client, organisation: Organisation, make_user: Callable[..., User]
) -> None:
    sam = make_user("sam@wendlebury.example", organisation=organisation, role=Role.LEAD_OFFICER)
    url = reverse("settings:person-deactivate", args=[organisation.slug, sam.memberships.get().pk])
    assert "Deactivate Sam Officer?" in admin.get(url).content.decode()
    assert admin.post(url).status_code == 302
    sam.refresh_from_db()
    assert not sam.is_active
    assert sam.memberships.exists()  # history and role stay
    assert AuditEntry.objects.filter(verb="deactivated", target_id=str(sam.pk)).exists()
    Client().post(reverse("accounts:password-reset"), {"email": sam.email})
    assert mail.outbox == []
    assert admin.post(url).status_code == 302  # the same page reactivates
    sam.refresh_from_db()
    assert sam.is_active


def test_the_only_administrator_cannot_be_deactivated(admin: Client, organisation: Organisation) -> None:
    me = organisation.memberships.get(role=Role.ADMINISTRATOR)
    response = admin.post(reverse("settings:person-deactivate", args=[organisation.slug, me.pk]))
    assert response.status_code == 200
    assert "You cannot deactivate yourself" in response.content.decode()
    me.user.refresh_from_db()
    assert me.user.is_active


def test_invitation_token_is_bound_to_the_person(admin: Client, organisation: Organisation) -> None:
    lee = add_person(admin, organisation)
    lee.set_password(NEW_PASSWORD)
    lee.save()
    assert Client().get(reverse("accounts:invitation", args=[invitation_token(lee)])).status_code == 200
    lee.set_password("another-long-password-99")
    token = invitation_token(lee)
    lee.set_password(NEW_PASSWORD)
    lee.save()
    assert Client().get(reverse("accounts:invitation", args=[token])).status_code == 404


def test_an_administrator_names_a_line_manager_from_the_council(
    admin: Client, organisation: Organisation, make_user: Callable[..., User]
) -> None:
    lee = make_user("lee@wendlebury.example", organisation=organisation, role=Role.LEAD_OFFICER)
    dana = make_user("dana@wendlebury.example", full_name="Dana Director", organisation=organisation)
    stranger = make_user("someone@elsewhere.example")
    url = reverse("settings:person-role", args=[organisation.slug, lee.memberships.get().pk])
    refused = admin.post(url, {"role": Role.LEAD_OFFICER, "line_manager": stranger.pk})
    assert "Select a valid choice" in refused.content.decode()
    assert admin.post(url, {"role": Role.LEAD_OFFICER, "line_manager": dana.pk}).status_code == 302
    lee.refresh_from_db()
    assert lee.line_manager == dana
    assert AuditEntry.objects.filter(verb="changed line manager", target_id=str(lee.pk)).exists()
    assert "Dana Director" in admin.get(reverse("settings:people", args=[organisation.slug])).content.decode()


def test_asking_for_reset_links_again_and_again_sends_one_every_five_minutes(
    make_user: Callable[..., User], organisation: Organisation
) -> None:
    sam = make_user("sam@wendlebury.example", organisation=organisation)
    for _ in range(3):
        Client().post(reverse("accounts:password-reset"), {"email": sam.email})
    assert len(mail.outbox) == 1
    EmailLog.objects.update(created_at=timezone.now() - timedelta(minutes=6))
    Client().post(reverse("accounts:password-reset"), {"email": sam.email})
    assert len(mail.outbox) == 2


def test_someone_who_never_set_a_password_is_invited_when_given_a_role_at_another_council(
    admin: Client, organisation: Organisation
) -> None:
    lee = add_person(admin, organisation)
    other = Organisation.objects.create(name="Fernley Borough Council", slug="fernley")
    other_admin = Client()

    boss = f.person(other, Role.ADMINISTRATOR, "admin@fernley.example", "Fern Admin")
    other_admin.force_login(boss)
    add_person(other_admin, other, email=lee.email)
    assert [m.subject for m in mail.outbox] == [
        "Wendlebury District Council has invited you to peerplan",
        "Fernley Borough Council has invited you to peerplan",
    ]
