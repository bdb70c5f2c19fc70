"""Owners are chosen with GOV.UK's accessible autocomplete, which enhances a plain <select>: a plan manager
types part of a name and picks it; with JavaScript off the select itself works. Screenshots:
/tmp/shots/plan-autocomplete-*.png; axe runs on the enhanced page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation
from peerplan.demo.setup import PASSWORD
from peerplan.plans.models import Action, Owner, Review
from peerplan.ui.testing import assert_accessible, autocomplete_box, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets
CPC = "Corporate Peer Challenge 2025"


def test_a_plan_manager_picks_a_lead_officer_by_typing_part_of_the_name(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]], console_errors: list[str]
) -> None:
    page.set_default_timeout(10_000)
    review = Review.objects.get(title=CPC)
    action = Action.objects.filter(review=review).order_by("sort_key").first()
    assert action is not None
    others = Owner.objects.filter(organisation=review.organisation).exclude(pk=action.lead_officer_id or 0)
    chosen = others.order_by("name")[0]
    sign_in_afresh(page, live_server.url, "ruth.ellison@kestrelvale.example", PASSWORD)
    page.goto(live_server.url + reverse("plans:action-edit", args=[review.pk, action.pk]))
    box = autocomplete_box(page, "Lead officer")
    expect(box).to_be_visible()
    box.fill(chosen.name[:6])
    page.get_by_role("option", name=chosen.name, exact=True).click()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "plan-autocomplete-1-chosen.png"), full_page=True)
    assert_accessible(page)
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    action.refresh_from_db()
    assert action.lead_officer_id == chosen.pk
    assert not console_errors, console_errors  # no Content-Security-Policy refusal, no script error


def test_without_javascript_the_lead_officer_is_a_plain_select(
    browser: Any, live_server: Any, demo: tuple[Organisation, list[int]]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    review = Review.objects.get(title=CPC)
    action = Action.objects.filter(review=review).order_by("sort_key").first()
    assert action is not None
    sign_in_afresh(page, live_server.url, "ruth.ellison@kestrelvale.example", PASSWORD)
    page.goto(live_server.url + reverse("plans:action-edit", args=[review.pk, action.pk]))
    expect(page.locator("select#id_lead_officer")).to_be_visible()
    expect(page.get_by_role("combobox", name="Lead officer")).to_have_count(1)  # the select itself
    page.screenshot(path=str(SHOTS / "plan-autocomplete-2-no-js.png"), full_page=True)
    context.close()
