"""What an Excel user misses, in a real browser as the role that meets it (issue 12, point 5):
last quarter's update on the form and a document as evidence (lead officer); recommendations reordered,
owners merged, a revised date approved as a different date with a note (plan manager).
Screenshots: /tmp/shots/plan-excel-*.png. Every page is checked with axe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerplan.accounts.models import User
from peerplan.plans.models import Action, DueDateRevision, Owner, Recommendation, Review
from peerplan.plans.services import revision_request
from peerplan.progress.models import EvidenceFile
from peerplan.ui.testing import autocomplete_box

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CPC = "Corporate Peer Challenge 2025"
PLAN_MANAGER = "ruth.ellison@kestrelvale.example"
LEAD_OFFICER = "priya.shah@kestrelvale.example"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_lead_officer_sees_last_quarters_update_and_attaches_a_document(
    page: Page, browse: Any, tmp_path: Path
) -> None:
    lead = User.objects.get(email=LEAD_OFFICER)
    action = (
        Action.objects.filter(review__title=CPC, lead_officer__user=lead, updates__isnull=False)
        .distinct()
        .order_by("sort_key")
        .first()
    )
    assert action is not None
    last = action.updates.order_by("-date", "-id").first()
    assert last is not None
    minutes = tmp_path / "Cabinet minutes.pdf"
    minutes.write_bytes(PDF)
    browse.sign_in(LEAD_OFFICER)
    browse.go(reverse("progress:action-update", args=[action.pk]))
    expect(page.get_by_role("heading", name="The last update")).to_be_visible()
    expect(page.locator("main")).to_contain_text(last.commentary[:40])
    page.get_by_label("Progress update").fill("Cabinet agreed the approach; minutes attached.")
    page.locator("input[type=file]").set_input_files(str(minutes))
    browse.check("update-form-with-last-update")
    page.get_by_role("button", name="Save update").click()
    link = page.get_by_role("link", name="Cabinet minutes.pdf")
    expect(link).to_be_visible()
    browse.check("evidence-in-history")
    stored = EvidenceFile.objects.get()
    assert stored.file.name.startswith("evidence/") and stored.content_type == "application/pdf"


def test_a_plan_manager_reorders_merges_owners_and_approves_a_different_date(page: Page, browse: Any) -> None:
    review = Review.objects.get(title=CPC)
    first, second = Recommendation.objects.filter(review=review).order_by("order")[:2]
    browse.sign_in(PLAN_MANAGER)
    browse.go(reverse("plans:editor", args=[review.pk]))
    page.get_by_role("button", name=f"Move up recommendation {second.ref}").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been moved up")
    browse.check("editor-after-move")
    assert list(Recommendation.objects.filter(review=review).order_by("order")[:2]) == [second, first]

    duplicate = Owner.objects.create(organisation=review.organisation, name="Head of Planning (interim)")
    kept = Owner.objects.filter(organisation=review.organisation).exclude(pk=duplicate.pk).order_by("name").first()
    assert kept is not None
    action = Action.objects.filter(review=review).order_by("sort_key").first()
    assert action is not None
    action.owners.add(duplicate)
    browse.go(reverse("plans:owners"))
    browse.check("owners")
    page.get_by_role("link", name="Rename or merge Head of Planning (interim)").click()
    autocomplete_box(page, "Merge into").fill(kept.name[:5])
    page.get_by_role("option", name=kept.name, exact=True).click()
    browse.check("owner-merge")
    page.get_by_role("button", name="Merge").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been merged into")
    assert not Owner.objects.filter(pk=duplicate.pk).exists()
    assert action.owners.filter(pk=kept.pk).exists()

    open_action = Action.objects.filter(review=review, due_date__isnull=False).exclude(status="complete").first()
    assert open_action is not None and open_action.due_date is not None
    today = timezone.localdate()
    asked = max(open_action.due_date, today).replace(year=max(open_action.due_date, today).year + 1)
    revision = revision_request(action=open_action, actor=None, new_due=asked, reason="Consultation ran long", on=today)
    approved = asked.replace(month=12, day=31)
    browse.go(reverse("plans:revision-decide", args=[review.pk, revision.pk]))
    page.get_by_label("Approve a different due date").check()
    page.get_by_label("Day").fill(str(approved.day))
    page.get_by_label("Month").fill(str(approved.month))
    page.get_by_label("Year").fill(str(approved.year))
    page.get_by_label("Note (optional)").fill("Approved to the year end to match the budget cycle")
    browse.check("revision-decide")
    page.get_by_role("button", name="Save decision").click()
    revision = DueDateRevision.objects.get(pk=revision.pk)
    assert (revision.new_due, revision.requested_due) == (approved, asked)
    browse.go(reverse("progress:action", args=[open_action.pk]))
    expect(page.locator("main")).to_contain_text("Approved to the year end to match the budget cycle")
    browse.check("action-with-decided-revision")
