"""Calendar feeds: secret, revocable addresses; a person's deadlines; a review's clock and committee dates."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Committee, Organisation, User
from peerplan.notifications.models import CalendarFeed
from peerplan.plans.models import Action, Review
from peerplan.progress.services import reporting_period_create, reporting_period_open
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db

World = tuple[Organisation, Review, User, Action]  # the council, its review, Lee (a lead officer), Lee's action


@pytest.fixture
def world() -> World:
    org = f.council()
    pat = f.person(org, Role.PLAN_MANAGER, "pat@brackenridge.example", "Pat Manager")
    lee = f.person(org, Role.LEAD_OFFICER, "lee@brackenridge.example", "Lee Ward")
    review = f.review(org, title="Corporate Peer Challenge 2025")
    rec = f.recommendation(review)
    mine = f.action(rec, "Refresh the scheme of delegation", lead=lee, timescale="December 2025")
    f.action(rec, "Not Lee's action", lead=pat, timescale="March 2026")
    period = reporting_period_create(
        review=review, actor=None, name="Q3 2025/26", start=date(2025, 10, 1), end=date(2025, 12, 31)
    )
    reporting_period_open(period=period, actor=pat, on=date(2025, 12, 1), updates_due=date(2026, 1, 23))
    Committee.objects.create(organisation=org, name="Cabinet")
    return org, review, lee, mine


def get_link(client: Client, review_pk: int | None = None) -> str:
    data = {"review": str(review_pk)} if review_pk else {}
    page = client.post(reverse("notifications:calendars"), data, follow=True).content.decode()
    start = page.index("http://127.0.0.1:8000/calendar/feed/")
    return page[start : page.index(".ics", start) + 4].removeprefix("http://127.0.0.1:8000")


def events(body: bytes) -> dict[str, date]:
    calendar = Calendar.from_ical(body)
    return {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}


def test_a_person_gets_their_deadlines_at_a_secret_address_that_a_reset_revokes(client: Client, world: World) -> None:
    _, _, lee, mine = world
    client.force_login(lee)
    link = get_link(client)
    token = link.split("/")[-1].removesuffix(".ics")
    assert token not in CalendarFeed.objects.get().token_digest  # only a digest is stored
    feed = Client().get(link)
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert events(feed.content) == {
        f"Due: {mine.ref} Refresh the scheme of delegation": date(2025, 12, 31),
        "Updates due for Q3 2025/26 (Corporate Peer Challenge 2025)": date(2026, 1, 23),
    }
    new = get_link(client)
    assert new != link
    assert Client().get(link).status_code == 404
    assert Client().get(new).status_code == 200


def test_a_review_feed_has_the_cpc_clock_and_stops_when_the_person_is_deactivated(client: Client, world: World) -> None:
    _, review, lee, _ = world
    client.force_login(lee)
    link = get_link(client, review.pk)
    found = events(Client().get(link).content)
    assert found["Updates due for Q3 2025/26"] == date(2026, 1, 23)
    assert any("progress review" in name.lower() for name in found), found
    lee.is_active = False
    lee.save()
    assert Client().get(link).status_code == 404


def test_nobody_gets_a_link_to_another_councils_review(client: Client, world: World) -> None:
    _, review, _, _ = world
    stranger = f.person(f.council("Fernley Borough Council", "fernley"), Role.ADMINISTRATOR, "admin@fernley.example")
    client.force_login(stranger)
    assert client.post(reverse("notifications:calendars"), {"review": review.pk}).status_code == 403
    assert not CalendarFeed.objects.exists()
    assert Client().get("/calendar/feed/guessed-token.ics").status_code == 404
