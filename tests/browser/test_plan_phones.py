"""Every page type at 375 px, as the role that meets it: nothing scrolls sideways and axe finds nothing.

A lead officer's update carries a 3,000-character word, so a page that does not wrap long words fails too.
Screenshots: /tmp/shots/plan-phone-<role>-<n>.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from peerplan.accounts.models import Organisation, User
from peerplan.demo.setup import PASSWORD
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, Review
from peerplan.progress.services import action_update_post
from peerplan.reports.models import Report
from peerplan.ui.testing import assert_accessible, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets
PHONE = 375
CPC = "Corporate Peer Challenge 2025"
LONG_WORD = "Regeneration" * 250  # 3,000 characters, no space to break at


def sign_in(page: Page, base: str, email: str) -> None:
    sign_in_afresh(page, base, email, PASSWORD)


def fits_and_passes_axe(page: Page, base: str, role: str, paths: list[str]) -> list[str]:
    """Visit each path; return what went wrong (too wide, axe), so one run names every page."""
    problems = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for n, path in enumerate(paths, start=1):
        response = page.goto(base + path)
        assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
        page.screenshot(path=str(SHOTS / f"plan-phone-{role}-{n}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            problems.append(f"{path}: the page is {width} px wide at {PHONE} px")
        try:
            assert_accessible(page)
        except AssertionError as failure:
            problems.append(f"{path}: {failure}")
    return problems


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.set_default_timeout(5_000)
    return page


def test_every_page_type_fits_a_phone_and_passes_axe_for_each_role(
    phone: Page, live_server: Any, demo: tuple[Organisation, list[int]]
) -> None:
    base = live_server.url
    review = Review.objects.get(title=CPC)
    lead = User.objects.get(email="priya.shah@kestrelvale.example")
    mine = Action.objects.filter(review=review, lead_officer__user=lead).order_by("sort_key").first()
    assert mine is not None
    update = action_update_post(
        action=mine,
        author=lead,
        on=timezone.localdate(),
        status=ActionStatus(mine.status or ActionStatus.IN_PROGRESS),
        commentary=LONG_WORD,
    )
    rec = mine.recommendation
    report = Report.objects.filter(review=review).first()
    slug = demo[0].slug

    problems = []
    sign_in(phone, base, lead.email)
    problems += fits_and_passes_axe(
        phone,
        base,
        "lead-officer",
        [
            "/",
            reverse("progress:my-actions"),
            reverse("progress:action", args=[mine.pk]),
            reverse("progress:action-update", args=[mine.pk]),
            reverse("progress:action-revise-date", args=[mine.pk]),
            reverse("progress:update-withdraw", args=[update.pk]),
        ],
    )
    sign_in(phone, base, "cllr.reid@kestrelvale.example")
    problems += fits_and_passes_axe(
        phone,
        base,
        "councillor",
        [
            "/",
            reverse("progress:review", args=[review.pk]),
            reverse("progress:plan", args=[review.pk]),
            reverse("progress:recommendation", args=[rec.pk]),
            reverse("progress:action", args=[mine.pk]),
            reverse("search") + "?q=plan",
            reverse("plans:list"),
            reverse("reports:list"),
            *([reverse("reports:detail", args=[report.pk])] if report else []),
            reverse("audit:list"),
        ],
    )
    sign_in(phone, base, "ruth.ellison@kestrelvale.example")
    problems += fits_and_passes_axe(
        phone,
        base,
        "plan-manager",
        [
            reverse("plans:manage", args=[review.pk]),
            reverse("plans:editor", args=[review.pk]),
            reverse("plans:action-edit", args=[review.pk, mine.pk]),
            reverse("plans:review-archive", args=[review.pk]),
            reverse("plans:revisions", args=[review.pk]),
            reverse("plans:periods", args=[review.pk]),
            reverse("audit:action", args=[mine.pk]),
        ],
    )
    sign_in(phone, base, "admin@kestrelvale.example")
    problems += fits_and_passes_axe(
        phone,
        base,
        "administrator",
        [reverse("settings:overview", args=[slug]), reverse("settings:rag", args=[slug])],
    )
    assert not problems, "\n".join(problems)
