"""Owners renamed or merged by a plan manager: every action and recommendation follows, and it is audited."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Action, Owner, Review

from .conftest import action


def test_a_plan_manager_renames_an_owner(as_person: Callable[[str], Client], plan: Review) -> None:
    owner = Owner.objects.filter(organisation=plan.organisation).first()
    assert owner is not None
    client = as_person(Role.PLAN_MANAGER.value)
    assert owner.name in client.get(reverse("plans:owners")).content.decode()
    response = client.post(reverse("plans:owner", args=[owner.pk]), {"rename-name": "Head of People"})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.name == "Head of People"
    assert AuditEntry.objects.get(verb="renamed").changes["name"][1] == "Head of People"


def test_merging_moves_every_action_and_lead_role_then_removes_the_owner(
    as_person: Callable[[str], Client], plan: Review
) -> None:
    first = action(plan, "1.1")
    second = action(plan, "1.2")
    duplicate = Owner.objects.create(organisation=plan.organisation, name="HR Manager")
    kept = Owner.objects.create(organisation=plan.organisation, name="Head of HR")
    first.owners.add(duplicate)
    second.owners.add(duplicate, kept)
    Action.objects.filter(pk=first.pk).update(lead_officer=duplicate)
    client = as_person(Role.PLAN_MANAGER.value)
    url = reverse("plans:owner", args=[duplicate.pk])
    assert "Select the owner to merge into" in client.post(url, {"merge": "1"}).content.decode()
    response = client.post(url, {"merge": "1", "merge-into": kept.pk})
    assert response.status_code == 302
    assert not Owner.objects.filter(pk=duplicate.pk).exists()
    assert set(kept.actions.all()) == {first, second}
    first.refresh_from_db()
    assert first.lead_officer_id == kept.pk
    assert AuditEntry.objects.filter(verb="merged owner").exists()


def test_a_name_another_owner_has_is_refused_with_the_way_forward(
    as_person: Callable[[str], Client], plan: Review
) -> None:
    one = Owner.objects.create(organisation=plan.organisation, name="Chief Executive")
    Owner.objects.create(organisation=plan.organisation, name="Monitoring Officer")
    response = as_person(Role.PLAN_MANAGER.value).post(
        reverse("plans:owner", args=[one.pk]), {"rename-name": "monitoring officer"}
    )
    assert "merge this owner into it instead" in response.content.decode()
    one.refresh_from_db()
    assert one.name == "Chief Executive"


def test_lead_officers_and_councillors_may_not_rename_or_merge(
    as_person: Callable[[str], Client], plan: Review
) -> None:
    owner = Owner.objects.create(organisation=plan.organisation, name="Chief Executive")
    for role in (Role.LEAD_OFFICER, Role.COUNCILLOR):
        client = as_person(role.value)
        assert client.get(reverse("plans:owners")).status_code == 403
        assert client.post(reverse("plans:owner", args=[owner.pk]), {"rename-name": "X"}).status_code == 403
