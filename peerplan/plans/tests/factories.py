"""Small builders for tests: a fictional council (Brackenridge) with a review, people and a plan."""

from __future__ import annotations

from datetime import date

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Membership, Organisation, User
from peerplan.plans.models import Action, Owner, Recommendation, Review
from peerplan.plans.services import (
    action_create,
    organisation_create,
    owner_get_or_create,
    recommendation_create,
    review_create,
)


def council(name: str = "Brackenridge District Council", slug: str = "brackenridge") -> Organisation:
    return organisation_create(name=name, slug=slug)


def person(organisation: Organisation | None, role: Role | None, email: str, name: str = "") -> User:
    user = User.objects.create_user(
        email, "a-long-test-password", full_name=name or email.split("@", maxsplit=1)[0].title()
    )
    if organisation is not None and role is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def review(organisation: Organisation, **kwargs: object) -> Review:
    defaults: dict[str, object] = {
        "title": "Corporate Peer Challenge 2025",
        "kind": "corporate-peer-challenge",
        "visit_start": date(2025, 3, 10),
        "visit_end": date(2025, 3, 13),
    }
    return review_create(organisation=organisation, actor=None, **{**defaults, **kwargs})  # type: ignore[arg-type]


def recommendation(rev: Review, text: str = "Refresh the constitution.", ref: str = "1") -> Recommendation:
    return recommendation_create(review=rev, actor=None, text=text, ref=ref)


def action(
    rec: Recommendation,
    text: str = "Review the scheme of delegation",
    *,
    parent: Action | None = None,
    timescale: str = "December 2025",
    lead: User | None = None,
    owners: list[str] = (),  # type: ignore[assignment]
) -> Action:
    organisation = rec.review.organisation
    lead_owner: Owner | None = None
    if lead is not None:
        lead_owner = owner_get_or_create(organisation=organisation, name=lead.full_name)
        lead_owner.user = lead
        lead_owner.save()
    return action_create(
        recommendation=rec,
        actor=None,
        text=text,
        parent=parent,
        timescale=timescale,
        lead_officer=lead_owner,
        owners=[owner_get_or_create(organisation=organisation, name=n) for n in owners],
    )
