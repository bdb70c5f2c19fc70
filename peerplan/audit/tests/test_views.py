"""The audit trail pages: who may read them, the filters, and each change shown as before → after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.audit.services import audit_record
from peerplan.plans.enums import ActionStatus, ReviewKind
from peerplan.plans.models import Action, Recommendation, Review
from peerplan.progress.services import action_update_post
from peerplan.shared.rag import Rag

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(organisation: Organisation) -> Action:
    review = Review.objects.create(organisation=organisation, kind=ReviewKind.INTERNAL_AUDIT, title="Payroll audit")
    rec = Recommendation.objects.create(review=review, ref="1", text="Reconcile payroll monthly", order=1)
    return Action.objects.create(
        review=review,
        recommendation=rec,
        sort_key="0001",
        ref="1.1",
        text="Monthly reconciliation",
        status=ActionStatus.NOT_STARTED,
        rag=Rag.GREEN,
    )


@pytest.fixture
def posted(action: Action, user: User) -> AuditEntry:
    action_update_post(
        action=action,
        author=user,
        on=date(2026, 4, 1),
        status=ActionStatus.IN_PROGRESS,
        commentary="Started.",
        rag=Rag.AMBER,
        rag_reason="Short of staff.",
        version=action.version,
    )
    return AuditEntry.objects.get(verb="posted an update")


def pages(action: Action) -> list[str]:
    return [
        reverse("audit:list"),
        reverse("audit:review", args=[action.review_id]),
        reverse("audit:action", args=[action.pk]),
    ]


def test_anonymous_people_are_sent_to_sign_in(client: Client, action: Action) -> None:
    for url in pages(action):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_no_role_in_the_council_is_refused(client: Client, make_user: Callable[..., User], action: Action) -> None:
    other = Organisation.objects.create(name="Elsewhere", slug="elsewhere")
    client.force_login(make_user("x@example.gov.uk", organisation=other, role=Role.ADMINISTRATOR))
    for url in pages(action)[1:]:
        assert client.get(url).status_code == 403
    assert client.get(reverse("audit:list"), {"organisation": action.review.organisation.slug}).status_code == 403
    no_council = make_user("nobody@example.gov.uk")
    client.force_login(no_council)
    assert client.get(reverse("audit:list")).status_code == 403


def test_every_role_in_the_council_can_read_the_trail(
    client: Client, make_user: Callable[..., User], organisation: Organisation, action: Action
) -> None:
    Review.objects.filter(pk=action.review_id).update(plan_approved_on=date(2025, 6, 1))  # guests: approved plans only
    for role in Role:
        client.force_login(make_user(f"{role.value}@example.gov.uk", organisation=organisation, role=role))
        for url in pages(action):
            assert client.get(url).status_code == 200, (role, url)


def test_the_trail_shows_who_when_what_and_before_to_after(
    signed_in_client: Client, posted: AuditEntry, action: Action
) -> None:
    for url in pages(action):
        page = signed_in_client.get(url).content.decode()
        assert "Sam Officer" in page
        assert "Posted an update action" in page
        assert "RAG rating: Green → Amber" in page
        assert "Status: Not started → In progress" in page
        assert reverse("progress:action", args=[action.pk]) in page


def test_the_filters_narrow_by_review_person_and_dates(
    signed_in_client: Client,
    posted: AuditEntry,
    action: Action,
    make_user: Callable[..., User],
    organisation: Organisation,
) -> None:
    other_review = Review.objects.create(organisation=organisation, title="Another review")
    someone = make_user("someone@example.gov.uk", full_name="Sally Someone", organisation=organisation)
    audit_record(
        actor=someone, organisation=organisation, verb="created", target=other_review, review_id=other_review.pk
    )
    url = reverse("audit:list")

    def count(**params: Any) -> str:
        page = signed_in_client.get(url, params).content.decode()
        return page.split('role="status">')[1].split(" ")[0]

    assert count() == "2"
    assert count(review=action.review_id) == "1"
    assert count(person=someone.pk) == "1"
    today = timezone.localdate()
    assert count(date_from_day=today.day, date_from_month=today.month, date_from_year=today.year) == "2"
    tomorrow = today + timedelta(days=1)
    assert count(date_from_day=tomorrow.day, date_from_month=tomorrow.month, date_from_year=tomorrow.year) == "0"


def test_a_to_date_before_the_from_date_is_an_error(signed_in_client: Client, posted: AuditEntry) -> None:
    page = signed_in_client.get(
        reverse("audit:list"),
        {
            "date_from_day": "2",
            "date_from_month": "4",
            "date_from_year": "2026",
            "date_to_day": "1",
            "date_to_month": "4",
            "date_to_year": "2026",
        },
    ).content.decode()
    assert "There is a problem" in page and "must be the same as or after" in page


def test_the_trail_is_paginated(signed_in_client: Client, action: Action, user: User) -> None:
    for _ in range(51):
        audit_record(
            actor=user,
            organisation=action.review.organisation,
            verb="updated",
            target=action,
            review_id=action.review_id,
        )
    page = signed_in_client.get(reverse("audit:list")).content.decode()
    assert "51 entries" in page and 'rel="next"' in page


def test_a_guest_reads_no_draft_review_through_the_trail(
    client: Client, make_user: Callable[..., User], organisation: Organisation, posted: AuditEntry, action: Action
) -> None:
    """The probe's finding: /audit/ and /audit/?review=N showed a draft plan's wording to an LGA peer."""
    draft = action.review
    approved = Review.objects.create(
        organisation=organisation, title="Approved plan", plan_approved_on=date(2025, 6, 1)
    )
    audit_record(actor=None, organisation=organisation, verb="created", target=draft, review_id=None)
    audit_record(actor=None, organisation=organisation, verb="created", target=approved, review_id=approved.pk)
    client.force_login(make_user("peer@example.gov.uk", organisation=organisation, role=Role.GUEST))
    params: dict[str, int]
    for params in ({}, {"review": draft.pk}, {"person": posted.actor_id or 0}):
        page = client.get(reverse("audit:list"), params).content.decode()
        assert "Payroll audit" not in page and "Monthly reconciliation" not in page, params
        assert "Approved plan" in page, params
    assert client.get(reverse("audit:review", args=[draft.pk])).status_code == 403
    assert client.get(reverse("audit:action", args=[action.pk])).status_code == 403
    manager = make_user("pm2@example.gov.uk", organisation=organisation, role=Role.PLAN_MANAGER)
    client.force_login(manager)
    page = client.get(reverse("audit:list")).content.decode()
    assert "Payroll audit" in page and "Approved plan" in page


def test_what_was_changed_is_named_in_words_not_by_model_name() -> None:
    from peerplan.audit.views import kind_name

    assert kind_name("peerteammember") == "peer team member"
    assert kind_name("progressupdate") == "progress update"
    assert kind_name("ragdefinition") == "RAG rating"
