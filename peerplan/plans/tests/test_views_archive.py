"""Archiving and deleting draft and test reviews, so they leave councillors' dashboards and lists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Action, Review


def test_a_plan_manager_archives_a_test_review_and_it_leaves_the_councillors_lists(
    as_person: Callable[[str], Client], plan: Review
) -> None:
    Review.objects.filter(pk=plan.pk).update(plan_approved_on=date(2025, 5, 1))
    councillor = as_person(Role.COUNCILLOR.value)
    assert plan.title in councillor.get(reverse("plans:list")).content.decode()
    manager = as_person(Role.PLAN_MANAGER.value)
    url = reverse("plans:review-archive", args=[plan.pk])
    page = manager.get(url).content.decode()
    assert 'value="archive"' in page and 'value="delete"' not in page  # approved: archive only
    response = manager.post(url, {"choice": "archive"})
    assert response.status_code == 302
    assert "only plan managers and administrators see it" in manager.get(response["Location"]).content.decode()
    councillor = as_person(Role.COUNCILLOR.value)
    assert plan.title not in councillor.get(reverse("plans:list")).content.decode()
    assert councillor.get(reverse("progress:review", args=[plan.pk])).status_code == 403
    assert AuditEntry.objects.filter(verb="archived", target_id=str(plan.pk)).exists()
    manager = as_person(Role.PLAN_MANAGER.value)
    manager.post(url, {"choice": "restore"})
    plan.refresh_from_db()
    assert plan.archived_on is None


def test_a_draft_never_approved_can_be_deleted_with_everything_in_it(
    as_person: Callable[[str], Client], plan: Review
) -> None:
    manager = as_person(Role.PLAN_MANAGER.value)
    url = reverse("plans:review-archive", args=[plan.pk])
    asked_again = manager.post(url, {"choice": ""})  # nothing chosen: asked again, one error summary at the top
    assert asked_again.status_code == 200
    assert asked_again.content.decode().count('class="govuk-error-summary"') == 1
    response = manager.post(url, {"choice": "delete"})
    assert response.status_code == 302 and response["Location"] == reverse("plans:list")
    assert not Review.objects.filter(pk=plan.pk).exists()
    assert not Action.objects.filter(review_id=plan.pk).exists()
    assert AuditEntry.objects.filter(verb="deleted", target_id=str(plan.pk)).exists()


def test_an_approved_plan_cannot_be_deleted(as_person: Callable[[str], Client], plan: Review) -> None:
    Review.objects.filter(pk=plan.pk).update(plan_approved_on=date(2025, 5, 1))
    response = as_person(Role.PLAN_MANAGER.value).post(
        reverse("plans:review-archive", args=[plan.pk]), {"choice": "delete"}
    )
    assert response.status_code == 200
    assert Review.objects.filter(pk=plan.pk).exists()


def test_councillors_do_not_see_unapproved_drafts_and_cannot_archive(
    as_person: Callable[[str], Client], plan: Review
) -> None:
    councillor = as_person(Role.COUNCILLOR.value)
    assert plan.title not in councillor.get(reverse("plans:list")).content.decode()
    assert councillor.get(reverse("progress:review", args=[plan.pk])).status_code == 403
    assert councillor.post(reverse("plans:review-archive", args=[plan.pk]), {"choice": "archive"}).status_code == 403
