"""Setting up and editing a review: its facts, themes, peer team and CPC milestones."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerplan.accounts.models import Organisation
from peerplan.audit.models import AuditEntry
from peerplan.plans.enums import CPC_THEMES_CURRENT, ThemeSet
from peerplan.plans.models import MilestoneMet, PeerTeamMember, Recommendation, Review, Theme

SETUP = {
    "kind": "corporate-peer-challenge",
    "title": "Corporate Peer Challenge 2026",
    "visit_start_day": "10",
    "visit_start_month": "3",
    "visit_start_year": "2026",
    "visit_end_day": "13",
    "visit_end_month": "3",
    "visit_end_year": "2026",
    "themes_current": CPC_THEMES_CURRENT,
    "local_focus": "Housing delivery\n\nClimate emergency\n",
}


def test_the_set_up_page_ticks_the_five_current_cpc_themes(manager: Client, organisation: Organisation) -> None:
    page = manager.get(reverse("plans:review-new")).content.decode()
    assert page.count(" checked") == 5 + 1  # the five themes and the kind of review
    assert "Capacity for improvement" in page
    assert "Capacity to deliver" in page  # the 2018 wording can be chosen


def test_setting_up_a_review_saves_it_with_its_themes_and_local_focus(
    manager: Client, organisation: Organisation
) -> None:
    response = manager.post(reverse("plans:review-new"), SETUP)
    review = Review.objects.get(title="Corporate Peer Challenge 2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:manage", args=[review.pk])
    assert review.visit_end == date(2026, 3, 13)
    themes = list(review.themes.values_list("name", "source"))
    assert themes[:5] == [(name, ThemeSet.CPC_2023) for name in CPC_THEMES_CURRENT]
    assert themes[5:] == [("Housing delivery", ThemeSet.LOCAL), ("Climate emergency", ThemeSet.LOCAL)]
    assert AuditEntry.objects.filter(verb="created", target_type="review", target_id=str(review.pk)).exists()


def test_setting_up_a_review_whose_visit_ends_before_it_starts_saves_nothing(
    manager: Client, organisation: Organisation
) -> None:
    response = manager.post(reverse("plans:review-new"), {**SETUP, "visit_end_day": "9"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The last day of the visit must be the same as or after the first day" in page
    assert not Review.objects.exists()


def test_setting_up_a_review_without_a_title_says_so(manager: Client, organisation: Organisation) -> None:
    response = manager.post(reverse("plans:review-new"), {**SETUP, "title": ""})
    assert "Enter title" in response.content.decode()
    assert not Review.objects.exists()


def test_setting_up_a_review_with_an_impossible_date_says_so(manager: Client, organisation: Organisation) -> None:
    response = manager.post(reverse("plans:review-new"), {**SETUP, "visit_start_day": "31", "visit_start_month": "2"})
    assert "First day of the visit must be a real date" in response.content.decode()
    assert not Review.objects.exists()


def edit_data(review: Review, **changes: str) -> dict[str, object]:
    return {
        "version": review.version,
        "kind": review.kind,
        "title": review.title,
        "visit_start_day": "14",
        "visit_start_month": "1",
        "visit_start_year": "2025",
        "visit_end_day": "17",
        "visit_end_month": "1",
        "visit_end_year": "2025",
        **changes,
    }


def test_editing_a_review_saves_the_change_with_an_audit_entry(manager: Client, plan: Review) -> None:
    response = manager.post(reverse("plans:review-edit", args=[plan.pk]), edit_data(plan, title="CPC January 2025"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "CPC January 2025"
    assert plan.version == 2
    entry = AuditEntry.objects.get(verb="updated", target_type="review")
    assert entry.changes["title"] == ["Corporate Peer Challenge 2025", "CPC January 2025"]


def test_two_edits_from_the_same_version_the_second_is_told_and_the_first_is_kept(
    manager: Client, plan: Review
) -> None:
    url = reverse("plans:review-edit", args=[plan.pk])
    first = edit_data(plan, title="First person's title")
    second = edit_data(plan, title="Second person's title")
    assert manager.post(url, first).status_code == 302
    response = manager.post(url, second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "was changed by someone else after you opened it" in page
    assert "First person&#x27;s title" in page  # what is saved now is shown
    assert 'value="Second person&#x27;s title"' in page  # and the second person's typing is not lost
    assert 'name="version" value="2"' in page  # saving again is a deliberate choice over the new version
    plan.refresh_from_db()
    assert plan.title == "First person's title"


def test_changing_the_themes_keeps_those_in_use_and_adds_a_local_focus(manager: Client, plan: Review) -> None:
    response = manager.post(
        reverse("plans:review-themes", args=[plan.pk]),
        {"themes_current": ["Governance and culture", "Capacity for improvement"], "local_focus": "Housing"},
    )
    assert response.status_code == 302
    assert list(plan.themes.values_list("name", flat=True)) == [
        "Governance and culture",
        "Capacity for improvement",
        "Housing",
    ]


def test_a_theme_a_recommendation_uses_cannot_be_removed(manager: Client, plan: Review) -> None:
    response = manager.post(
        reverse("plans:review-themes", args=[plan.pk]), {"themes_current": ["Local priorities and outcomes"]}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Governance and culture cannot be removed: recommendations 1 use it" in page
    assert Theme.objects.filter(review=plan, name="Governance and culture").exists()
    assert Recommendation.objects.get(review=plan, ref="1").theme is not None
    assert not Theme.objects.filter(review=plan, name="Local priorities and outcomes").exists()


def test_adding_peers_one_page_at_a_time(manager: Client, plan: Review) -> None:
    url = reverse("plans:peer-add", args=[plan.pk])
    response = manager.post(
        url, {"name": "Cllr Ruth Pemberton", "role": "Leader", "organisation": "Northfield", "add_another": "1"}
    )
    assert response["Location"] == url
    manager.post(url, {"name": "Jo Allen", "role": "Programme Manager", "organisation": "LGA"})
    assert list(plan.peer_team.values_list("name", flat=True)) == ["Sam Okafor", "Cllr Ruth Pemberton", "Jo Allen"]


def test_a_peer_needs_a_name(manager: Client, plan: Review) -> None:
    response = manager.post(reverse("plans:peer-add", args=[plan.pk]), {"name": "", "role": "Leader"})
    assert "Enter name" in response.content.decode()
    assert plan.peer_team.count() == 1


def test_removing_a_peer_asks_first_then_removes_them(manager: Client, plan: Review) -> None:
    peer = plan.peer_team.get()
    url = reverse("plans:peer-remove", args=[plan.pk, peer.pk])
    assert "Remove Sam Okafor from the peer team?" in manager.get(url).content.decode()
    manager.post(url)
    assert not PeerTeamMember.objects.filter(pk=peer.pk).exists()
    assert AuditEntry.objects.filter(verb="removed from the peer team").exists()


def test_marking_a_cpc_milestone_met_records_the_day(manager: Client, plan: Review) -> None:
    url = reverse("plans:milestone", args=[plan.pk, "report-published"])
    response = manager.post(url, {"met_on_day": "10", "met_on_month": "4", "met_on_year": "2025"})
    assert response.status_code == 302
    assert MilestoneMet.objects.get(review=plan).met_on == date(2025, 4, 10)
    page = manager.get(reverse("plans:manage", args=[plan.pk])).content.decode()
    assert "met 10 April 2025" in page


def test_a_milestone_cannot_be_met_in_the_future(manager: Client, plan: Review) -> None:
    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    response = manager.post(
        reverse("plans:milestone", args=[plan.pk, "progress-review"]),
        {"met_on_day": str(tomorrow.day), "met_on_month": str(tomorrow.month), "met_on_year": str(tomorrow.year)},
    )
    assert "must be today or in the past" in response.content.decode()
    assert not MilestoneMet.objects.exists()


def test_the_review_list_shows_only_the_persons_own_councils(manager: Client, plan: Review) -> None:
    other = Organisation.objects.create(name="Elsewhere District Council", slug="elsewhere")
    Review.objects.create(organisation=other, title="Elsewhere's secret review")
    page = manager.get(reverse("plans:list")).content.decode()
    assert plan.title in page
    assert "Elsewhere&#x27;s secret review" not in page
