"""One create and one update per entity: owners typed as names are found or created there, and audited;
a refusal comes back to the form through one helper, ui.forms.refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from peerplan.accounts.models import User
from peerplan.accounts.permissions import signed_in
from peerplan.audit.models import AuditEntry
from peerplan.plans.enums import ReviewKind, ThemeSet
from peerplan.plans.forms import ActionForm
from peerplan.plans.models import Owner
from peerplan.plans.services import action_create, action_update, recommendation_create, review_create, review_update
from peerplan.shared.errors import EditConflictError
from peerplan.testing import factories
from peerplan.ui.forms import refused

pytestmark = pytest.mark.django_db


def test_an_owner_typed_as_a_name_is_created_once_and_the_creation_is_audited_with_who(user: User) -> None:
    organisation = user.memberships.get().organisation
    rec = factories.recommendation(factories.review(organisation))
    action = action_create(
        recommendation=rec,
        actor=user,
        text="Publish the plan",
        new_owner_names=["Head of Policy", "Head of Policy"],
        lead_officer_name="Director of Place",
    )
    assert [o.name for o in action.owners.all()] == ["Head of Policy"]
    assert action.lead_officer is not None and action.lead_officer.name == "Director of Place"
    created = AuditEntry.objects.filter(target_type="owner", verb="created").order_by("pk")
    assert [(e.target_repr, e.actor_id) for e in created] == [
        ("Head of Policy", user.pk),
        ("Director of Place", user.pk),
    ]
    again = recommendation_create(review=rec.review, actor=user, text="Another", new_owner_names=["Head of Policy"])
    assert list(again.owners.all()) == list(action.owners.all())
    assert Owner.objects.filter(organisation=organisation, name="Head of Policy").count() == 1


def test_an_update_keeps_the_owners_unless_told_and_takes_a_lead_typed_as_a_name(user: User) -> None:
    organisation = user.memberships.get().organisation
    action = factories.action(factories.recommendation(factories.review(organisation)), owners=["Chief Executive"])
    updated = action_update(
        action=action, actor=user, version=action.version, on=date(2026, 1, 5), lead_member_name="Cllr Anna Reid"
    )
    assert [o.name for o in updated.owners.all()] == ["Chief Executive"]
    assert updated.lead_member is not None and updated.lead_member.name == "Cllr Anna Reid"


def test_a_review_is_created_with_the_themes_given_as_name_and_source(user: User) -> None:
    organisation = user.memberships.get().organisation
    review = review_create(
        organisation=organisation,
        actor=user,
        title="Finance peer challenge 2026",
        kind=ReviewKind.FINANCE_PEER_CHALLENGE,
        themes=[("Financial sustainability", ThemeSet.LOCAL.value), ("Governance", ThemeSet.LOCAL.value)],
    )
    assert [(t.name, t.source) for t in review.themes.order_by("order")] == [
        ("Financial sustainability", ThemeSet.LOCAL.value),
        ("Governance", ThemeSet.LOCAL.value),
    ]


def test_a_conflict_comes_back_against_the_current_version_and_other_refusals_at_their_field(
    user: User, rf: RequestFactory
) -> None:
    organisation = user.memberships.get().organisation
    request = rf.post("/", {"version": "3", "text": "Publish the plan", "ref": "1"})
    form = ActionForm(data=request.POST, organisation=organisation)
    again = refused(
        form, EditConflictError("This action"), request=request, current_version=4, organisation=organisation
    )
    assert again is not form
    assert again["version"].value() == "4"
    assert "changed by someone else" in again.non_field_errors()[0]

    form = ActionForm(data=request.POST, organisation=organisation)
    form.is_valid()
    same = refused(form, ValidationError({"text": "Say what will be done"}), request=request, current_version=4)
    assert same is form
    assert form.errors["text"] == ["Say what will be done"]


def test_a_review_update_changes_only_the_facts_it_is_given(user: User) -> None:
    organisation = user.memberships.get().organisation
    review = factories.review(organisation)
    updated = review_update(review=review, actor=user, version=review.version, visit_end=None)
    assert updated.visit_end is None
    assert updated.title == "Corporate Peer Challenge 2025"  # left out: kept
    assert updated.visit_start == date(2025, 3, 10)


def test_the_services_actor_is_a_signed_in_person_or_the_view_answers_403() -> None:
    with pytest.raises(PermissionDenied):
        signed_in(AnonymousUser())
