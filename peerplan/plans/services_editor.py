"""Writes behind the plan editor's pages: each wraps the core services with what a page adds.

Owners typed as new names are created in the same transaction as the edit that names them; each
service is one transaction with an audit entry, as in services.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.audit.services import audit_record
from peerplan.shared.dates import long_date

from .clock import ClockMilestone
from .models import Action, MilestoneMet, PeerTeamMember, Review
from .services import (
    renumber_with_steps,
    sort_key_for,
)

# Reviews ------------------------------------------------------------------------------------------


def peer_team_member_add(*, review: Review, actor: Any, name: str, role: str = "", organisation: str = "") -> Any:
    with transaction.atomic():
        order = review.peer_team.count()
        member = PeerTeamMember(review=review, name=name, role=role, organisation=organisation, order=order)
        member.full_clean()
        member.save()
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="added to the peer team",
            target=member,
            changes={"peer": [None, f"{name}, {role}, {organisation}".strip(", ")]},
            review_id=review.pk,
        )
    return member


def peer_team_member_remove(*, member: PeerTeamMember, actor: Any) -> None:
    with transaction.atomic():
        review = member.review
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="removed from the peer team",
            target=member,
            changes={"peer": [member.name, None]},
            review_id=review.pk,
        )
        member.delete()


def milestone_met_record(*, review: Review, actor: Any, milestone: str, met_on: date | None) -> None:
    """Record the day a CPC milestone was met; None clears it."""
    ClockMilestone(milestone)  # an unknown milestone is a programming error, not a person's
    with transaction.atomic():
        current = MilestoneMet.objects.filter(review=review, milestone=milestone).first()
        before = current.met_on if current else None
        if met_on is None:
            if current is not None:
                current.delete()
        else:
            record = current or MilestoneMet(review=review, milestone=milestone)
            record.met_on = met_on
            record.full_clean(validate_unique=False)
            record.save()
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="recorded milestone met" if met_on else "cleared milestone met",
            target=review,
            changes={milestone: [before.isoformat() if before else None, met_on.isoformat() if met_on else None]},
            review_id=review.pk,
        )


# Actions ------------------------------------------------------------------------------------------


def action_delete(*, action: Action, actor: Any) -> None:
    """Delete an action and its steps, only before the plan is approved; later siblings move up."""
    with transaction.atomic():
        review = action.review
        if review.is_approved:
            raise ValidationError(
                f"The plan was approved on {long_date(review.plan_approved_on)}, so its actions are kept for the "
                "record. Set the action's status to 'No further action' instead."
            )
        steps = Action.objects.filter(
            recommendation_id=action.recommendation_id, sort_key__startswith=action.sort_key + "."
        )
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="deleted",
            target=action,
            changes={"text": [action.text, None], "steps deleted": [None, steps.count()]},
            review_id=review.pk,
        )
        parent = action.parent
        action.delete()  # its steps go with it (parent cascades)
        siblings = Action.objects.filter(recommendation_id=action.recommendation_id, parent=parent).order_by("sort_key")
        for position, sibling in enumerate(siblings, start=1):
            renumber_with_steps(sibling, sort_key_for(parent, position))
