"""Writes behind the plan editor's pages: each wraps the core services with what a page adds.

Owners typed as new names are created in the same transaction as the edit that names them; each
service is one transaction with an audit entry, as in services.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from peerplan.audit.services import audit_record
from peerplan.shared.dates import long_date

from .clock import ClockMilestone
from .enums import ThemeSet
from .models import Action, MilestoneMet, Owner, PeerTeamMember, Recommendation, Review, Theme
from .services import (
    action_create,
    action_update,
    owner_get_or_create,
    recommendation_create,
    recommendation_update,
    review_create,
    sort_key_for,
)


def owners_resolve(*, organisation: Any, chosen: Sequence[Owner], new_names: Sequence[str]) -> list[Owner]:
    """The owners picked from the list, then those typed as names (found, or created with a guessed kind)."""
    typed = [owner_get_or_create(organisation=organisation, name=name) for name in new_names if name.strip()]
    return list(dict.fromkeys([*chosen, *typed]))


def _one_owner(organisation: Any, chosen: Owner | None, name: str) -> Owner | None:
    if name.strip():
        return owner_get_or_create(organisation=organisation, name=name)
    return chosen


# Reviews ------------------------------------------------------------------------------------------


def _themes_apply(review: Review, themes: Sequence[tuple[str, str]]) -> list[str]:
    """Make the review's themes exactly `themes` (name, source) in that order; refuse to drop one in use."""
    wanted = list(dict.fromkeys((" ".join(name.split()), source) for name, source in themes if name.strip()))
    names = [name for name, _ in wanted]
    existing = {t.name: t for t in review.themes.all()}
    dropped = [t for name, t in existing.items() if name not in names]
    in_use = Recommendation.objects.filter(theme__in=dropped).select_related("theme").order_by("order")
    if in_use:
        theme_names = sorted({str(r.theme) for r in in_use})
        refs = ", ".join(r.ref or str(r.order) for r in in_use)
        raise ValidationError(
            {
                "themes": f"{', '.join(theme_names)} cannot be removed: recommendations {refs} use it. "
                "Give them another theme first."
            }
        )
    Theme.objects.filter(pk__in=[t.pk for t in dropped]).delete()
    for order, (name, source) in enumerate(wanted):
        theme = existing.get(name) or Theme(review=review, name=name, source=source)
        theme.order = order
        theme.full_clean(validate_unique=False)
        theme.save()
    return names


def review_setup(
    *,
    organisation: Any,
    actor: Any,
    title: str,
    kind: str,
    visit_start: date | None,
    visit_end: date | None,
    feedback_report_date: date | None,
    themes: Sequence[tuple[str, str]],
) -> Review:
    """Set up a review with the themes chosen on the form: (name, ThemeSet value) pairs."""
    with transaction.atomic():
        review = review_create(
            organisation=organisation,
            actor=actor,
            title=title,
            kind=kind,
            visit_start=visit_start,
            visit_end=visit_end,
            feedback_report_date=feedback_report_date,
            themes=[],
        )
        _themes_apply(review, themes)
    return review


def review_themes_set(*, review: Review, actor: Any, themes: Sequence[tuple[str, str]]) -> None:
    """Replace the review's themes; a theme a recommendation uses cannot be removed."""
    with transaction.atomic():
        before = [t.name for t in review.themes.all()]
        after = _themes_apply(review, themes)
        if before != after:
            audit_record(
                actor=actor,
                organisation=review.organisation,
                verb="changed themes",
                target=review,
                changes={"themes": [before, after]},
                review_id=review.pk,
            )


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


def default_theme_pairs(kind_is_peer_challenge: bool) -> list[tuple[str, str]]:
    from .enums import CPC_THEMES_CURRENT

    return [(name, ThemeSet.CPC_2023.value) for name in CPC_THEMES_CURRENT] if kind_is_peer_challenge else []


# Recommendations ----------------------------------------------------------------------------------


def recommendation_add(
    *,
    review: Review,
    actor: Any,
    owners: Sequence[Owner] = (),
    new_owner_names: Sequence[str] = (),
    **fields: Any,
) -> Recommendation:
    with transaction.atomic():
        everyone = owners_resolve(organisation=review.organisation, chosen=owners, new_names=new_owner_names)
        return recommendation_create(review=review, actor=actor, owners=everyone, **fields)


def recommendation_edit(
    *,
    recommendation: Recommendation,
    actor: Any,
    version: int,
    owners: Sequence[Owner] = (),
    new_owner_names: Sequence[str] = (),
    correction_reason: str = "",
    **fields: Any,
) -> Recommendation:
    with transaction.atomic():
        organisation = recommendation.review.organisation
        everyone = owners_resolve(organisation=organisation, chosen=owners, new_names=new_owner_names)
        return recommendation_update(
            recommendation=recommendation,
            actor=actor,
            version=version,
            owners=everyone,
            correction_reason=correction_reason,
            **fields,
        )


# Actions ------------------------------------------------------------------------------------------


def action_add(
    *,
    recommendation: Recommendation,
    actor: Any,
    on: date,
    parent: Action | None = None,
    owners: Sequence[Owner] = (),
    new_owner_names: Sequence[str] = (),
    lead_officer: Owner | None = None,
    lead_officer_name: str = "",
    lead_member: Owner | None = None,
    lead_member_name: str = "",
    **fields: Any,
) -> Action:
    """Add an action (or a step under `parent`); `on` places timescales such as "next year"."""
    with transaction.atomic():
        organisation = recommendation.review.organisation
        return action_create(
            recommendation=recommendation,
            actor=actor,
            parent=parent,
            owners=owners_resolve(organisation=organisation, chosen=owners, new_names=new_owner_names),
            lead_officer=_one_owner(organisation, lead_officer, lead_officer_name),
            lead_member=_one_owner(organisation, lead_member, lead_member_name),
            understood_as_of=on,
            **fields,
        )


def action_edit(
    *,
    action: Action,
    actor: Any,
    version: int,
    on: date,
    owners: Sequence[Owner] = (),
    new_owner_names: Sequence[str] = (),
    lead_officer: Owner | None = None,
    lead_officer_name: str = "",
    lead_member: Owner | None = None,
    lead_member_name: str = "",
    **fields: Any,
) -> Action:
    with transaction.atomic():
        organisation = action.review.organisation
        return action_update(
            action=action,
            actor=actor,
            version=version,
            on=on,
            owners=owners_resolve(organisation=organisation, chosen=owners, new_names=new_owner_names),
            lead_officer=_one_owner(organisation, lead_officer, lead_officer_name),
            lead_member=_one_owner(organisation, lead_member, lead_member_name),
            **fields,
        )


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
            _renumber(sibling, sort_key_for(parent, position))


def _renumber(action: Action, key: str) -> None:
    """Give an action a new position, carrying its steps' keys with it."""
    old = action.sort_key
    if old == key:
        return
    Action.objects.filter(pk=action.pk).update(sort_key=key)
    for child in Action.objects.filter(recommendation_id=action.recommendation_id, sort_key__startswith=old + "."):
        Action.objects.filter(pk=child.pk).update(sort_key=key + child.sort_key[len(old) :])
