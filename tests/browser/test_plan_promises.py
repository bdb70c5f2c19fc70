"""The plan keeps its promises, in a real browser, as the role that meets each one (issue 12).

- an administrator renames and recolours ratings: every page a councillor and a lead officer see, and the
  API, use the new word and colour; a rating switched off is not offered;
- a plan manager cannot move an approved due date by editing the timescale;
- a lead officer withdraws a mistaken update, which stays in the history, marked;
- a plan manager archives a test review and it leaves the councillor's list.
Screenshots: /tmp/shots/plan-promises-*.png. Every page is checked with axe.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation, User
from peerplan.plans.models import Action, Review
from peerplan.progress.models import UpdateWithdrawal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CPC = "Corporate Peer Challenge 2025"
AUDIT = "Internal Audit – Procurement and Contract Management 2026"
ADMIN = "admin@kestrelvale.example"
PLAN_MANAGER = "ruth.ellison@kestrelvale.example"
LEAD_OFFICER = "priya.shah@kestrelvale.example"
COUNCILLOR = "cllr.reid@kestrelvale.example"


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_a_renamed_rating_shows_in_its_new_word_and_colour_everywhere(page: Page, browse: Any) -> None:
    org = Organisation.objects.get()
    browse.sign_in(ADMIN)
    browse.go(reverse("settings:rag", args=[org.slug]))
    page.fill("#id_amber-label", "Watch")
    page.fill("#id_amber-colour", "#f47738")
    page.fill("#id_green-label", "On course")
    page.uncheck("#id_not-started-in_use")
    page.get_by_role("button", name="Save RAG ratings").click()
    browse.check("settings-saved")

    review = Review.objects.get(title=CPC)
    amber = Action.objects.filter(review=review, rag="amber").first()
    assert amber is not None
    browse.sign_in(COUNCILLOR)
    for name, path in (
        ("dashboard", reverse("progress:review", args=[review.pk])),
        ("plan", reverse("progress:plan", args=[review.pk])),
        ("action", reverse("progress:action", args=[amber.pk])),
    ):
        browse.go(path)
        tag = page.locator("main .app-rag-tag--amber").first
        expect(tag).to_have_text("Watch")
        assert tag.evaluate("e => getComputedStyle(e).backgroundColor") == rgb("#f47738"), name
        expect(page.locator("main")).not_to_contain_text(re.compile(r"\bAmber\b"))
        browse.check(f"councillor-{name}")
    answer = page.goto(f"{page.url.split('/actions/')[0]}/api/actions/{amber.pk}")
    assert answer is not None
    api = json.loads(answer.text())
    assert (api["rag_label"], api["rag_colour"]) == ("Watch", "#f47738")

    lead = User.objects.get(email=LEAD_OFFICER)
    own = Action.objects.filter(review=review, lead_officer__user=lead).first()
    assert own is not None
    browse.sign_in(LEAD_OFFICER)
    browse.go(reverse("progress:my-actions"))
    expect(page.locator("main")).not_to_contain_text(re.compile(r"\bAmber\b"))
    browse.check("lead-my-actions")
    browse.go(reverse("progress:action-update", args=[own.pk]))
    rating = page.get_by_role("group", name="RAG rating")
    expect(rating.get_by_label("Watch")).to_have_count(1)
    expect(rating.get_by_label("On course")).to_have_count(1)
    expect(rating.get_by_label("Not started")).to_have_count(0)  # switched off: not offered
    browse.check("lead-update-form")


def test_an_approved_due_date_does_not_move_when_the_timescale_is_edited(page: Page, browse: Any) -> None:
    review = Review.objects.get(title=CPC)
    action = Action.objects.filter(review=review, due_date__isnull=False).order_by("sort_key").first()
    assert action is not None
    before = (action.timescale, action.original_due, action.due_date)
    browse.sign_in(PLAN_MANAGER)
    browse.go(reverse("plans:action-edit", args=[review.pk, action.pk]))
    page.get_by_label("Timescale").fill("December 2031")
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Ask for a revised due date instead")
    browse.check("due-date-refused")
    action.refresh_from_db()
    assert (action.timescale, action.original_due, action.due_date) == before
    browse.go(reverse("progress:action", args=[action.pk]))
    expect(page.locator("main")).to_contain_text("The due date has not been revised")


def test_a_lead_officer_withdraws_a_mistaken_update(page: Page, browse: Any) -> None:
    lead = User.objects.get(email=LEAD_OFFICER)
    action = Action.objects.filter(review__title=CPC, lead_officer__user=lead).order_by("sort_key").first()
    assert action is not None
    browse.sign_in(LEAD_OFFICER)
    browse.go(reverse("progress:action-update", args=[action.pk]))
    expect(page.get_by_role("heading", name="The last update")).to_have_count(1)  # last quarter's words
    page.get_by_label("Progress update").fill("Posted on the wrong action by mistake.")
    page.get_by_role("button", name="Save update").click()
    expect(page.locator("main")).to_contain_text("Posted on the wrong action by mistake.")
    page.get_by_role("link", name=re.compile(r"^Withdraw")).first.click()
    browse.check("withdraw-form")
    page.get_by_role("button", name="Withdraw update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you are withdrawing this update")
    page.get_by_label("Why are you withdrawing this update?").fill("Meant for another action")
    page.get_by_role("button", name="Withdraw update").click()
    expect(page.locator("main")).to_contain_text("(withdrawn)")
    expect(page.locator("main")).to_contain_text("Meant for another action")
    browse.check("withdrawn-in-history")
    assert UpdateWithdrawal.objects.get().reason == "Meant for another action"


def test_a_plan_manager_archives_a_test_review_and_it_leaves_the_councillors_list(page: Page, browse: Any) -> None:
    review = Review.objects.get(title=AUDIT)
    browse.sign_in(PLAN_MANAGER)
    browse.go(reverse("plans:manage", args=[review.pk]))
    page.get_by_role("link", name="Archive this review").click()
    page.get_by_label(re.compile("^Archive it")).check()
    browse.check("archive-form")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("only plan managers and administrators see it")
    browse.sign_in(COUNCILLOR)
    browse.go(reverse("plans:list"))
    expect(page.locator("main")).not_to_contain_text(AUDIT)
    expect(page.locator("main")).to_contain_text(CPC)
    browse.check("councillor-list-after-archive")
