"""Correcting an import in the browser, with JavaScript off: a column read as something else (one with
no heading too), a row marked as an action of the recommendation above; the preview is read again and
nothing is stored before the confirmation. Every page is photographed at desktop width and at 375 px
(/tmp/shots/journey-import-*.png) and checked with axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from journeys import Journey
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation
from peerplan.importers.models import DraftState, ImportDraft
from peerplan.plans.models import Action, Review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN_MANAGER = "ruth.ellison@kestrelvale.example"
# A made-up tracker: the fifth column has no heading, and row 3 restates recommendation 1 in other words.
PLAN = (
    "No.,Recommendation,Action,Who,\n"
    "1,Make the planning service quicker for householders,Publish service standards,Head of Planning,Pilot\n"
    ",Make planning faster for residents,Add online pre-application advice,Head of Planning,Live\n"
    "2,Improve the council's website for residents,Rewrite the top 100 pages,Head of Digital,Draft\n"
)


def look(j: Journey, page: Page, what: str) -> None:
    """Photograph and check the page at desktop width, then at 375 px."""
    page.set_viewport_size({"width": 1280, "height": 900})
    j.check(what)
    page.set_viewport_size({"width": 375, "height": 800})
    j.check(f"{what}, at 375 px")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_plan_manager_corrects_a_column_and_a_row_then_saves(
    page: Page, no_js_page: Page, live_server: Any, demo: tuple[Organisation, list[int]], tmp_path: Path
) -> None:
    j = Journey(no_js_page, live_server.url, "import", axe_page=page)
    j.sign_in(PLAN_MANAGER)
    plan_file = tmp_path / "planning-and-web.csv"
    plan_file.write_text(PLAN, encoding="utf-8")
    j.go("/import/")
    no_js_page.locator("input[type=file]").set_input_files(plan_file)
    no_js_page.get_by_role("button", name="Upload and check").click()
    expect(no_js_page).to_have_url(j.url("/import/check/"))
    main = no_js_page.locator("main")
    expect(main).to_contain_text("Would create 3 recommendations")
    expect(main).to_contain_text("Read as the owner (lead officer): the heading “Who” names it.")
    look(j, no_js_page, "import: check the plan found")

    # The column with no heading holds each recommendation's theme: say so.
    column = no_js_page.get_by_label("Column 5 (no heading)")
    expect(column).to_have_value("ignore")
    column.select_option(label="Theme")
    no_js_page.locator("button[name=apply_mapping]").click()
    expect(no_js_page.locator(".govuk-notification-banner--success")).to_contain_text("columns as you set them")
    expect(no_js_page.get_by_label("Column 5 (no heading)")).to_have_value("theme")

    # Row 3 restates recommendation 1: read it as another action of the recommendation above.
    no_js_page.get_by_label("Which row?").select_option("row 3")
    no_js_page.get_by_label("An action of the recommendation above").check()
    no_js_page.locator("button[name=mark_row]").click()
    expect(main).to_contain_text("Would create 2 recommendations, 3 actions")
    expect(main).to_contain_text("more for recommendation 1 (as you marked it): 1 action")
    look(j, no_js_page, "import: check the plan, corrected")
    assert not Review.objects.filter(title="Planning and web 2026").exists(), "nothing stored before confirming"

    no_js_page.get_by_label("Name of the review").fill("Planning and web 2026")
    no_js_page.get_by_role("button", name="Confirm and save the plan").click()
    review = Review.objects.get(title="Planning and web 2026")
    expect(no_js_page).to_have_url(j.url(f"/reviews/{review.pk}/"))
    actions = Action.objects.filter(review=review)
    assert sorted(actions.values_list("text", flat=True)) == [
        "Add online pre-application advice",
        "Publish service standards",
        "Rewrite the top 100 pages",
    ]
    theme = review.recommendations.get(ref="2").theme
    assert theme is not None and theme.name == "Draft"
    j.finish()


def test_the_waiting_and_could_not_be_read_pages(
    page: Page, live_server: Any, demo: tuple[Organisation, list[int]], tmp_path: Path
) -> None:
    j = Journey(page, live_server.url, "import-states")
    j.sign_in(PLAN_MANAGER)
    plan_file = tmp_path / "planning-and-web.csv"
    plan_file.write_text(PLAN, encoding="utf-8")
    j.go("/import/")
    page.locator("input[type=file]").set_input_files(plan_file)
    page.get_by_role("button", name="Upload and check").click()
    ImportDraft.objects.update(state=DraftState.READING, progress="Reading the file")  # as while the worker reads
    j.go("/import/check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading planning-and-web.csv")
    expect(page.get_by_role("status")).to_have_text("Reading the file…")
    look(j, page, "import: waiting for the worker")
    page.get_by_role("link", name="Refresh this page by itself every few seconds").click()
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(1)
    # WCAG 2.2.1 lets a person turn on a page that refreshes by itself, and off again (the link below).
    j.check("import: waiting, refreshing by itself", disabled_rules={"meta-refresh": "turned on by the person"})
    page.get_by_role("link", name="Stop refreshing this page").click()
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    ImportDraft.objects.update(state=DraftState.FAILED, error="planning-and-web.csv: the file is damaged")
    j.go("/import/check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("planning-and-web.csv could not be read")
    look(j, page, "import: the file could not be read")
    page.get_by_role("button", name="Upload another file").click()
    expect(page).to_have_url(j.url("/import/"))
    assert not ImportDraft.objects.exists()
    j.finish()
