"""The pages whose markup moved from views into ui (issue #15): each drawn, photographed at desktop width and
at 375 px, and checked with axe. Screenshots: /tmp/shots/house3-pages-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Action, DueDateRevision, Review
from peerplan.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)
CPC = "Corporate Peer Challenge 2025"


def both_widths(page: Page, browse: Any, name: str) -> None:
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        browse.check(f"{name}-{width}")
        wider = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wider, f"{name} is wider than a {width} px screen"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_plan_manager_sees_the_pages_whose_cells_ui_now_draws(page: Page, browse: Any) -> None:
    cpc = Review.objects.get(title=CPC)
    action = Action.objects.filter(review=cpc, updates__isnull=False).order_by("sort_key").first()
    assert action is not None
    browse.sign_in("ruth.ellison@kestrelvale.example")

    browse.go("/patterns/")
    expect(page.locator("#dates ~ dl").get_by_text("3 March 2026").first).to_be_visible()
    both_widths(page, browse, "patterns")

    browse.go(f"/reviews/{cpc.pk}/plan/")
    expect(page.get_by_role("link", name=action.text[:30]).first).to_be_visible()
    both_widths(page, browse, "plan")

    browse.go(f"/actions/{action.pk}/")
    expect(page.get_by_role("link", name=action.recommendation.ref, exact=False).first).to_be_visible()
    both_widths(page, browse, "action")

    assert AuditEntry.objects.filter(organisation=cpc.organisation).exists()
    browse.go("/audit/")
    both_widths(page, browse, "audit")

    assert Report.objects.filter(review=cpc).exists()
    browse.go("/reports/")
    expect(page.get_by_role("button", name=f"Prepare a report on {CPC}")).to_be_visible()
    both_widths(page, browse, "reports")
    browse.go(f"/reports/{Report.objects.filter(review=cpc).first().pk}/")  # type: ignore[union-attr]
    both_widths(page, browse, "report")

    browse.go("/reviews/")
    expect(page.get_by_role("link", name="Manage").first).to_be_visible()
    both_widths(page, browse, "reviews")
    browse.go(f"/reviews/{cpc.pk}/manage/")
    both_widths(page, browse, "manage")
    browse.go(f"/reviews/{cpc.pk}/periods/")
    both_widths(page, browse, "periods")
    if DueDateRevision.objects.filter(action__review=cpc).exists():
        browse.go(f"/reviews/{cpc.pk}/revisions/")
        both_widths(page, browse, "revisions")
    browse.go("/owners/")
    both_widths(page, browse, "owners")
