"""The public progress page in a real browser: a plan manager publishes, anyone reads it signed out, without
JavaScript, and downloads the open data; no internal commentary appears anywhere. Screenshots go to /tmp/shots/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from peerplan.accounts.models import Organisation
from peerplan.demo.setup import PASSWORD as DEMO_PASSWORD
from peerplan.plans.models import Review
from peerplan.progress.models import ProgressUpdate
from peerplan.public.services import review_unpublish
from peerplan.ui.testing import assert_accessible, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")  # noqa: S108 - screenshots for a person to look at, not secrets


def test_a_plan_manager_publishes_and_anyone_reads_the_page_and_its_csv_signed_out(
    page: Page,
    no_js_page: Page,
    live_server: Any,
    demo: tuple[Organisation, list[int]],
) -> None:
    SHOTS.mkdir(exist_ok=True)
    organisation, _ = demo
    review = Review.objects.get(organisation=organisation, kind="corporate-peer-challenge")
    review_unpublish(review=review, actor=None)  # the demo publishes it: start from unpublished
    public_url = f"{live_server.url}/public/{organisation.slug}/{review.pk}/"
    answer = no_js_page.goto(public_url)
    assert answer is not None and answer.status == 404

    # Issued in the Q2 report: the public summary is published, the commentary beside it is not.
    update = ProgressUpdate.objects.get(action__review=review, action__ref="3.4", date="2026-09-25")
    internal, public = update.commentary, update.public_summary
    assert internal and public

    sign_in_afresh(page, live_server.url, "ruth.ellison@kestrelvale.example", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/reviews/{review.pk}/manage/")
    page.get_by_role("link", name="Publish the plan’s progress on a public page").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish on the public page").click()
    expect(page.get_by_text("The review is on the public page.")).to_be_visible()
    assert_accessible(page)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"pub-publication-{width}.png"), full_page=True)

    reader = no_js_page  # signed out (a context of its own) and without JavaScript
    reader.goto(f"{live_server.url}/public/")
    reader.get_by_role("link", name=review.title).click()
    assert reader.url == public_url
    expect(reader.get_by_role("heading", level=1)).to_have_text(review.title)
    expect(reader.get_by_text(public)).to_be_visible()
    body = reader.content()
    assert internal not in body
    assert "as at <strong>30 September 2026</strong>" in body
    reader.set_viewport_size({"width": 1280, "height": 900})
    reader.screenshot(path=str(SHOTS / "pub-public-desktop.png"), full_page=True)
    reader.set_viewport_size({"width": 375, "height": 800})
    assert reader.evaluate("document.documentElement.scrollWidth") <= 375
    reader.screenshot(path=str(SHOTS / "pub-public-375.png"), full_page=True)
    reader.emulate_media(media="print")
    reader.set_viewport_size({"width": 794, "height": 1123})
    reader.screenshot(path=str(SHOTS / "pub-public-print.png"), full_page=True)
    reader.emulate_media(media="screen")

    with reader.expect_download() as download_info:
        reader.get_by_role("link", name="CSV spreadsheet of the plan").click()
    csv_text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert public in csv_text and internal not in csv_text
    assert "Public summary" in csv_text.splitlines()[0]

    page.goto(public_url)  # axe runs where JavaScript is on
    assert_accessible(page)
    page.goto(f"{live_server.url}/public/")
    assert_accessible(page)
