"""The plan page's filters, now plain selects written from their choices: they still filter, pass axe and fit.

Screenshots: /tmp/shots/perf-plan-desktop.png, /tmp/shots/perf-plan-phone.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from peerplan.accounts.models import Organisation
from peerplan.demo.setup import PASSWORD
from peerplan.plans.models import Action, Owner, Review
from peerplan.ui.testing import assert_accessible, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets
PHONE = 375
CPC = "Corporate Peer Challenge 2025"


def test_the_owner_filter_narrows_the_plan_and_the_page_passes_axe_at_both_widths(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]]
) -> None:
    base = live_server.url
    review = Review.objects.get(title=CPC)
    owner = Owner.objects.filter(actionowner__action__review=review).order_by("name").first()
    assert owner is not None
    theirs = Action.objects.filter(review=review).filter(actionowner__owner=owner).distinct().count()
    led = Action.objects.filter(review=review, lead_officer=owner).exclude(actionowner__owner=owner).count()
    expected = theirs + led
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_default_timeout(5_000)
    sign_in_afresh(page, base, "ruth.ellison@kestrelvale.example", PASSWORD)
    page.goto(base + reverse("progress:plan", args=[review.pk]))
    page.get_by_label("Owner").select_option(label=owner.name)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert f"owner={owner.pk}" in page.url
    noun = "action matches" if expected == 1 else "actions match"
    assert page.get_by_role("status").inner_text().startswith(f"{expected} {noun} the filters")
    assert page.get_by_label("Owner").input_value() == str(owner.pk)
    page.screenshot(path=str(SHOTS / "perf-plan-desktop.png"), full_page=False)
    assert_accessible(page)
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.screenshot(path=str(SHOTS / "perf-plan-phone.png"), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert_accessible(page)
