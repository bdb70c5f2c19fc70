"""An administrator invites a person; the invitation arrives at a real SMTP server (aiosmtpd on loopback);
the person follows the link, sets a password, lands on My actions, signs in again and posts an update.

Every page on the way is photographed (/tmp/shots/journey-invitation-<n>.png) and checked with axe.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from journeys import Journey
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation, User
from peerplan.notifications.models import EmailKind, EmailLog, EmailStatus
from peerplan.notifications.testing import SmtpServer, smtp_server_fixture  # noqa: F401 - the fixture
from peerplan.plans.models import Action, Owner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN = "admin@kestrelvale.example"
NEW_PASSWORD = "heron-estuary-4417-lantern"  # test data


def test_an_invited_person_sets_a_password_signs_in_and_posts_an_update(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]], smtp_server: SmtpServer, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    organisation, _ = demo
    j = Journey(page, live_server.url, "invitation")

    # The administrator adds Omar Bell as a lead officer.
    j.sign_in(ADMIN)
    j.go(f"/settings/{organisation.slug}/people/add/")
    j.check("add a person")
    page.get_by_label("Email address").fill("omar.bell@kestrelvale.example")
    page.get_by_label("Full name").fill("Omar Bell")
    page.get_by_label("Job title (optional)").fill("Head of Regeneration")
    page.get_by_label("Lead officer").check()
    page.get_by_role("button", name="Add person").click()
    expect(page).to_have_url(j.url(f"/settings/{organisation.slug}/people/"))
    j.success("An invitation to set a password is being emailed to omar.bell@kestrelvale.example")
    card = page.locator(".govuk-summary-card", has_text="Omar Bell")
    expect(card).to_contain_text("Invited")
    expect(card.get_by_role("button", name="Send the invitation again to Omar Bell")).to_be_visible()
    j.check("people, one invited")
    j.sign_out()

    # The invitation arrived at the mail server, and the log says so.
    [message] = smtp_server.messages
    assert message["To"] == "omar.bell@kestrelvale.example"
    assert message["Subject"] == f"{organisation.name} has invited you to peerplan"
    link = re.search(r"http://\S+/account/invitation/\S+/", smtp_server.bodies()[0])
    assert link, smtp_server.bodies()[0]
    log = EmailLog.objects.get(kind=EmailKind.INVITATION)
    assert (log.to, log.status) == ("omar.bell@kestrelvale.example", EmailStatus.SENT)

    # The plan manager gives Omar an action to lead (the plan editor's own journey covers how).
    omar = User.objects.get(email="omar.bell@kestrelvale.example")
    action = Action.objects.filter(review__organisation=organisation, status="in-progress").order_by("pk").first()
    assert action is not None
    action.lead_officer = Owner.objects.create(organisation=organisation, name="Omar Bell", user=omar)
    action.save()

    # Omar follows the link, sets a password and lands on My actions, signed in.
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set your password")
    j.check("set your password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page).to_have_url(j.url("/my-actions/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    j.success("Your password has been set and you are signed in.")
    j.check("my actions, first time")

    # The link worked once.
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation has expired")
    j.check("used invitation")

    # He signs out and in again with his new password, then posts an update on his action.
    j.go("/my-actions/")
    j.sign_out()
    page.get_by_label("Email address").fill("omar.bell@kestrelvale.example")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(j.url("/my-actions/"))
    page.locator("main").get_by_role("link", name=re.compile(rf"^{re.escape(action.ref)} ")).first.click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/"))
    page.get_by_role("button", name="Post an update").click()
    page.get_by_label("Progress update").fill("Met the developers; the masterplan goes to Cabinet in March.")
    page.get_by_role("button", name="Save update").click()
    expect(page).to_have_url(j.url(f"/actions/{action.pk}/"))
    j.success(f"Your update on action {action.ref} has been saved.")
    j.check("the action after the update")
    assert action.updates.filter(author=omar).count() == 1
    j.finish()
