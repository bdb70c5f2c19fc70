"""A plan manager chooses an action's and a recommendation's owners from 40 names: with JavaScript, a type-ahead
adds each owner to a list of chosen owners with a "Remove <name>" button; without it, checkboxes. The form sends
the same either way. Keyboard only, at desktop width and at 375 px; axe on every state.
Screenshots: /tmp/shots/owners3-owners-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation
from peerplan.demo.setup import PASSWORD
from peerplan.plans.models import Action, Owner, Recommendation, Review
from peerplan.ui.testing import assert_accessible, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CPC = "Corporate Peer Challenge 2025"
PLAN_MANAGER = "ruth.ellison@kestrelvale.example"
PHONE = 375
SHOTS = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets


def owner_names(item: Action | Recommendation) -> set[str]:
    return {o.name for o in item.owners.all()}


def first_action() -> Action:
    review = Review.objects.get(title=CPC)
    action = Action.objects.filter(review=review).order_by("sort_key").first()
    assert action is not None
    return action


def unchosen(item: Action | Recommendation, count: int) -> list[Owner]:
    """Owners of the council not yet owning the item, whose names no other owner's name contains."""
    names = list(Owner.objects.filter(organisation=item.review.organisation).values_list("name", flat=True))
    candidates = Owner.objects.filter(organisation=item.review.organisation).exclude(pk__in=item.owners.all())
    unique = [o for o in candidates.order_by("name") if sum(o.name.lower() in n.lower() for n in names) == 1]
    assert len(unique) >= count
    return unique[:count]


def test_with_javascript_a_plan_manager_adds_and_removes_owners_by_keyboard_and_saves(
    browse: Any, page: Page, live_server: Any, console_errors: list[str]
) -> None:
    action = first_action()
    before = owner_names(action)
    assert len(before) >= 2, "the demo's first action has owners to remove"
    removed = sorted(before)[0]
    added, added_too = unchosen(action, 2)
    browse.sign_in(PLAN_MANAGER)
    browse.go(reverse("plans:action-edit", args=[action.review_id, action.pk]))

    # The checkboxes are hidden; the owners already chosen are a list, each with its own Remove button.
    expect(page.locator(".govuk-checkboxes[data-app-autocomplete]")).to_be_hidden()
    chosen = page.get_by_role("list", name="Chosen")
    for name in before:
        expect(chosen.get_by_role("button", name=f"Remove {name}", exact=True)).to_be_visible()
    box = page.get_by_role("combobox", name="Add an owner")
    expect(box).to_be_visible()
    browse.check("desktop-before")

    # Add by typing part of a name, then the arrow and Enter keys.
    box.focus()
    page.keyboard.type(added.name[:-1])
    expect(page.get_by_role("option", name=added.name, exact=True)).to_be_visible()
    browse.check("desktop-suggestions")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(chosen.get_by_role("button", name=f"Remove {added.name}", exact=True)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text=f"{added.name} added.")).to_have_count(1)
    expect(box).to_have_value("")  # ready for the next owner
    expect(box).to_be_focused()
    # An owner already chosen is not offered again.
    page.keyboard.type(added.name[:-1])
    expect(page.get_by_role("option", name=added.name, exact=True)).to_have_count(0)
    box.fill("")
    # Typing the whole name, then the arrow and Enter keys, picks it too.
    box.fill(added_too.name)
    expect(page.get_by_role("option", name=added_too.name, exact=True)).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(chosen.get_by_role("button", name=f"Remove {added_too.name}", exact=True)).to_be_visible()

    # Remove by keyboard: focus moves to a neighbouring Remove button, and the change is announced.
    chosen.get_by_role("button", name=f"Remove {removed}", exact=True).focus()
    page.keyboard.press("Enter")
    expect(chosen.get_by_role("button", name=f"Remove {removed}", exact=True)).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text=f"{removed} removed.")).to_have_count(1)
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("Remove "), focused
    # The hidden checkboxes are what the form sends.
    checked = page.locator(".govuk-checkboxes[data-app-autocomplete] input:checked")
    expect(checked).to_have_count(len(before) + 1)
    browse.check("desktop-chosen")

    page.get_by_label("Other owners").fill("Place Scrutiny Panel")
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    action.refresh_from_db()
    assert owner_names(action) == (before - {removed}) | {added.name, added_too.name, "Place Scrutiny Panel"}
    assert not console_errors, console_errors  # no Content-Security-Policy refusal, no script error


def test_at_375_px_a_recommendations_owners_fit_and_are_chosen_with_the_type_ahead(
    browse: Any, page: Page, live_server: Any
) -> None:
    page.set_viewport_size({"width": PHONE, "height": 800})
    rec = Recommendation.objects.filter(review__title=CPC).order_by("order").first()
    assert rec is not None
    before = owner_names(rec)
    (added,) = unchosen(rec, 1)
    browse.sign_in(PLAN_MANAGER)
    browse.go(reverse("plans:recommendation-edit", args=[rec.review_id, rec.pk]))
    box = page.get_by_role("combobox", name="Add an owner")
    box.fill(added.name[:-1])
    page.get_by_role("option", name=added.name, exact=True).click()
    expect(page.get_by_role("list", name="Chosen").get_by_role("button", name=f"Remove {added.name}")).to_be_visible()
    box.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    browse.check("phone-chosen")
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    rec.refresh_from_db()
    assert owner_names(rec) == before | {added.name}


def test_without_javascript_owners_are_checkboxes_and_the_form_sends_the_same(
    no_js_page: Page, page: Page, live_server: Any, demo: tuple[Organisation, list[int]]
) -> None:
    action = first_action()
    before = owner_names(action)
    removed = sorted(before)[0]
    (added,) = unchosen(action, 1)
    edit = live_server.url + reverse("plans:action-edit", args=[action.review_id, action.pk])
    owners = Owner.objects.filter(organisation=action.review.organisation).count()

    # Playwright cannot measure or run axe with JavaScript off, so a second page refuses peerplan's own scripts:
    # it shows what a browser without JavaScript shows, and can still be measured.
    page.set_default_timeout(15_000)
    page.route("**/static/ui/js/**", lambda route: route.abort())
    sign_in_afresh(page, live_server.url, PLAN_MANAGER, PASSWORD)
    for width in (1000, PHONE):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(edit)
        expect(page.get_by_role("group", name="Owners").get_by_role("checkbox")).to_have_count(owners)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"owners3-owners-no-js-{width}.png"), full_page=True)
        assert_accessible(page)

    no_js_page.set_default_timeout(15_000)
    sign_in_afresh(no_js_page, live_server.url, PLAN_MANAGER, PASSWORD)
    no_js_page.goto(edit)
    expect(no_js_page.get_by_role("combobox", name="Add an owner")).to_have_count(0)
    expect(no_js_page.get_by_role("group", name="Owners").get_by_role("checkbox")).to_have_count(owners)
    no_js_page.get_by_role("checkbox", name=removed, exact=True).uncheck()
    no_js_page.get_by_role("checkbox", name=added.name, exact=True).check()
    no_js_page.get_by_label("Other owners").fill("Place Scrutiny Panel")
    no_js_page.get_by_role("button", name="Save action").click()
    expect(no_js_page.locator(".govuk-notification-banner--success")).to_be_visible()
    action.refresh_from_db()
    assert owner_names(action) == (before - {removed}) | {added.name, "Place Scrutiny Panel"}


def test_an_owner_merged_away_while_the_page_was_open_is_named_and_the_error_leads_to_the_type_ahead(
    browse: Any, page: Page, live_server: Any
) -> None:
    action = first_action()
    (vanishing,) = unchosen(action, 1)
    browse.sign_in(PLAN_MANAGER)
    browse.go(reverse("plans:action-edit", args=[action.review_id, action.pk]))
    box = page.get_by_role("combobox", name="Add an owner")
    box.fill(vanishing.name[:-1])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    vanishing.delete()  # someone else merges it away before this person saves
    page.get_by_role("button", name="Save action").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("An owner you chose has been merged or removed since you opened this page")
    link = summary.get_by_role("link", name="An owner you chose has been merged or removed", exact=False)
    assert link.get_attribute("href") == "#id_owners-add"
    browse.check("error")
    link.click()
    expect(page.get_by_role("combobox", name="Add an owner")).to_be_focused()
