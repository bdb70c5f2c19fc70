"""The pages whose markup moved from views into ui (issue #15): each drawn, photographed at desktop width and
at 375 px, and checked with axe. Screenshots: /tmp/shots/house3-pages-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Action, DueDateRevision, Review
from peerplan.reports.models import Report
from peerplan.ui.testing import look_at_both_widths

pytestmark = pytest.mark.django_db(transaction=True)
CPC = "Corporate Peer Challenge 2025"


def test_the_plan_manager_sees_the_pages_whose_cells_ui_now_draws(page: Page, browse: Any) -> None:
    cpc = Review.objects.get(title=CPC)
    action = Action.objects.filter(review=cpc, updates__isnull=False).order_by("sort_key").first()
    assert action is not None
    browse.sign_in("ruth.ellison@kestrelvale.example")

    browse.go("/patterns/")
    expect(page.locator("#dates ~ dl").get_by_text("3 March 2026").first).to_be_visible()
    look_at_both_widths(page, "house3-pages-patterns")

    browse.go(f"/reviews/{cpc.pk}/plan/")
    expect(page.get_by_role("link", name=action.text[:30]).first).to_be_visible()
    look_at_both_widths(page, "house3-pages-plan")

    browse.go(f"/actions/{action.pk}/")
    expect(page.get_by_role("link", name=action.recommendation.ref, exact=False).first).to_be_visible()
    look_at_both_widths(page, "house3-pages-action")

    assert AuditEntry.objects.filter(organisation=cpc.organisation).exists()
    browse.go("/audit/")
    look_at_both_widths(page, "house3-pages-audit")

    assert Report.objects.filter(review=cpc).exists()
    browse.go("/reports/")
    expect(page.get_by_role("button", name=f"Prepare a report on {CPC}")).to_be_visible()
    look_at_both_widths(page, "house3-pages-reports")
    report = Report.objects.filter(review=cpc).first()
    assert report is not None
    browse.go(f"/reports/{report.pk}/")
    look_at_both_widths(page, "house3-pages-report")

    browse.go("/reviews/")
    expect(page.get_by_role("link", name="Manage").first).to_be_visible()
    look_at_both_widths(page, "house3-pages-reviews")
    browse.go(f"/reviews/{cpc.pk}/manage/")
    look_at_both_widths(page, "house3-pages-manage")
    browse.go(f"/reviews/{cpc.pk}/periods/")
    look_at_both_widths(page, "house3-pages-periods")
    if DueDateRevision.objects.filter(action__review=cpc).exists():
        browse.go(f"/reviews/{cpc.pk}/revisions/")
        look_at_both_widths(page, "house3-pages-revisions")
    browse.go("/owners/")
    look_at_both_widths(page, "house3-pages-owners")
