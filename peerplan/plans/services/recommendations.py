"""Writes to recommendations: add, edit (a reason once the plan is approved and the wording changes), move."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F

from peerplan.accounts.models import User
from peerplan.audit.services import audit_record, diff
from peerplan.plans.enums import RecommendationKind, Response
from peerplan.plans.models import Owner, Recommendation, RecommendationOwner, Review, Theme, WordingCorrection
from peerplan.shared.versioning import save_versioned

from ._common import KEEP, Keep, given
from .owners import _set_owners, owners_replace, owners_resolve


def recommendation_create(
    *,
    review: Review,
    actor: User | None,
    text: str,
    ref: str = "",
    kind: RecommendationKind = RecommendationKind.RECOMMENDATION,
    theme: Theme | None = None,
    source: str = "",
    section: str = "",
    response: Response | None = None,
    response_reason: str = "",
    owners: Sequence[Owner] = (),
    new_owner_names: Sequence[str] = (),
    order: int | None = None,
    audit: bool = True,
) -> Recommendation:
    """Add a recommendation; owners typed as names are found or created at the council."""
    with transaction.atomic():
        owners = owners_resolve(organisation=review.organisation, actor=actor, chosen=owners, new_names=new_owner_names)
        if order is None:
            order = (review.recommendations.aggregate(m=models.Max("order"))["m"] or 0) + 1
        rec = Recommendation(
            review=review,
            ref=ref,
            kind=kind,
            text=text,
            theme=theme,
            source=source,
            section=section,
            response=response or "",
            response_reason=response_reason,
            order=order,
        )
        rec.full_clean()
        rec.save()
        _set_owners(RecommendationOwner, "recommendation", rec, owners)
        if audit:
            audit_record(actor=actor, organisation=review.organisation, verb="created", target=rec, review_id=review.pk)
    return rec


def recommendation_update(
    *,
    recommendation: Recommendation,
    actor: User | None,
    version: int,
    ref: str | Keep = KEEP,
    kind: RecommendationKind | Keep = KEEP,
    text: str | Keep = KEEP,
    theme: Theme | Keep | None = KEEP,
    source: str | Keep = KEEP,
    section: str | Keep = KEEP,
    response: Response | Keep | None = KEEP,
    response_reason: str | Keep = KEEP,
    owners: Sequence[Owner] | None = None,
    new_owner_names: Sequence[str] = (),
    correction_reason: str = "",
) -> Recommendation:
    """Edit a recommendation. Once the plan is approved, changing the wording needs a reason.
    A field left as KEEP keeps its value; a response of None means not decided yet (blank).
    `owners` None keeps them; owners typed as names are found or created and added."""
    rec = recommendation
    fields = given(
        ref=ref,
        kind=kind,
        text=text,
        theme=theme,
        source=source,
        section=section,
        response="" if response is None else response,
        response_reason=response_reason,
    )
    with transaction.atomic():
        if owners is not None or new_owner_names:
            organisation = rec.review.organisation
            owners = owners_resolve(
                organisation=organisation, actor=actor, chosen=owners or (), new_names=new_owner_names
            )
        before = {k: getattr(rec, k) for k in fields}
        wording_changed = "text" in fields and fields["text"] != rec.text
        if wording_changed and rec.review.is_approved:
            if not correction_reason.strip():
                raise ValidationError(
                    {"correction_reason": "The plan is approved: say why the recommendation's wording is corrected."}
                )
            WordingCorrection.objects.create(
                recommendation=rec,
                old_text=rec.text,
                new_text=fields["text"],
                reason=correction_reason,
                by=actor,
            )
        for key, value in fields.items():
            setattr(rec, key, value)
        rec.full_clean()
        save_versioned(rec, version, "This recommendation")
        changes = diff(before, fields)
        if owners is not None and (moved := owners_replace(RecommendationOwner, "recommendation", rec, owners)):
            changes["owners"] = moved
        if correction_reason and wording_changed:
            changes["correction_reason"] = [None, correction_reason]
        audit_record(
            actor=actor,
            organisation=rec.review.organisation,
            verb="updated",
            target=rec,
            changes=changes,
            review_id=rec.review_id,
        )
    return rec


def recommendation_move(*, recommendation: Recommendation, actor: User | None, direction: int) -> None:
    """Swap a recommendation with the one before (-1) or after (+1) it; its actions go with it. Audited."""
    with transaction.atomic():
        order = list(
            Recommendation.objects.select_for_update()
            .filter(review_id=recommendation.review_id)
            .order_by("order", "pk")
        )
        index = next(i for i, r in enumerate(order) if r.pk == recommendation.pk)
        other = index + direction
        if not 0 <= other < len(order):
            return
        order[index], order[other] = order[other], order[index]
        for position, rec in enumerate(order, start=1):
            if rec.order != position:
                Recommendation.objects.filter(pk=rec.pk).update(order=position, version=F("version") + 1)
        audit_record(
            actor=actor,
            organisation=recommendation.review.organisation,
            verb="moved up" if direction < 0 else "moved down",
            target=recommendation,
            changes={"position": [index + 1, other + 1]},
            review_id=recommendation.review_id,
        )
