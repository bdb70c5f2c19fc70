"""Writes to a review: its facts and themes, the peer team, CPC milestones met, approval, archive and deletion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.deletion import ProtectedError

from peerplan.accounts.models import Organisation, User
from peerplan.audit.services import audit_record, diff
from peerplan.plans.clock import ClockMilestone
from peerplan.plans.enums import CPC_THEMES_CURRENT, ReviewKind, ThemeSet
from peerplan.plans.models import MilestoneMet, PeerTeamMember, Recommendation, Review, Theme
from peerplan.shared.versioning import save_versioned

from ._common import KEEP, Keep, given


def review_create(
    *,
    organisation: Organisation,
    actor: User | None,
    title: str,
    kind: ReviewKind,
    visit_start: date | None = None,
    visit_end: date | None = None,
    feedback_report_date: date | None = None,
    themes: Sequence[tuple[str, str]] | None = None,
    peer_team: Sequence[dict[str, str]] = (),
) -> Review:
    """A new review; its themes as (name, ThemeSet value) pairs; peer challenges get the five current CPC
    themes unless others are given."""
    with transaction.atomic():
        review = Review(
            organisation=organisation,
            title=title,
            kind=kind,
            visit_start=visit_start,
            visit_end=visit_end,
            feedback_report_date=feedback_report_date,
        )
        review.full_clean()
        review.save()
        if themes is None:
            current = CPC_THEMES_CURRENT if review.review_kind.is_peer_challenge else []
            themes = [(name, ThemeSet.CPC_2023.value) for name in current]
        _themes_apply(review, themes)
        PeerTeamMember.objects.bulk_create(
            PeerTeamMember(review=review, order=i, **{k: v or "" for k, v in member.items()})
            for i, member in enumerate(peer_team)
        )
        audit_record(actor=actor, organisation=organisation, verb="created", target=review, review_id=review.pk)
    return review


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


def review_themes_set(*, review: Review, actor: User | None, themes: Sequence[tuple[str, str]]) -> None:
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


def review_update(
    *,
    review: Review,
    actor: User | None,
    version: int,
    title: str | Keep = KEEP,
    kind: ReviewKind | Keep = KEEP,
    visit_start: date | Keep | None = KEEP,
    visit_end: date | Keep | None = KEEP,
    feedback_report_date: date | Keep | None = KEEP,
) -> Review:
    """Change a review's facts; `version` is the one the editor saw (optimistic locking)."""
    fields = given(
        title=title,
        kind=kind,
        visit_start=visit_start,
        visit_end=visit_end,
        feedback_report_date=feedback_report_date,
    )
    with transaction.atomic():
        before = {k: getattr(review, k) for k in fields}
        for key, value in fields.items():
            setattr(review, key, value)
        review.full_clean()
        save_versioned(review, version, "This review")
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="updated",
            target=review,
            changes=diff(before, fields),
            review_id=review.pk,
        )
    return review


def plan_approve(
    *, review: Review, actor: User | None, on: date, meeting: str = "", today: date | None = None
) -> Review:
    """Approve the plan on the day the meeting agreed it: from then on a recommendation's wording changes only
    with a recorded reason, and a due date only through a revised due date. `today` refuses a day to come."""
    with transaction.atomic():
        if review.plan_approved_on is not None:
            raise ValidationError("This plan was approved already.")
        if not review.recommendations.exists():
            raise ValidationError("A plan needs at least one recommendation before it can be approved.")
        if today is not None and on > today:
            raise ValidationError({"plan_approved_on": "The date the plan was approved must be today or in the past"})
        review.plan_approved_on = on
        review.plan_approved_by = meeting.strip()
        review.full_clean()
        review.save(update_fields=["plan_approved_on", "plan_approved_by"])
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="approved plan",
            target=review,
            changes={"plan_approved_on": [None, on], **({"meeting": [None, meeting.strip()]} if meeting else {})},
            review_id=review.pk,
        )
    return review


def review_archive(*, review: Review, actor: User | None, on: date | None) -> Review:
    """Archive a review (on a day) so it leaves every list but the plan managers', or bring it back (None)."""
    with transaction.atomic():
        before = review.archived_on
        review.archived_on = on
        review.full_clean()
        review.save(update_fields=["archived_on"])
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="archived" if on else "brought back from the archive",
            target=review,
            changes={"archived_on": [before, on]},
            review_id=review.pk,
        )
    return review


def review_delete(*, review: Review, actor: User | None) -> None:
    """Delete a draft that was never approved, with everything in it; the audit trail keeps the record."""
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.plan_approved_on is not None:
            raise ValidationError(
                "This plan has been approved, so it cannot be deleted: archive it instead. "
                "Its history is part of the council's record."
            )
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="deleted",
            target=review,
            changes={"title": [review.title, None]},
        )
        from peerplan.progress.models import UpdateWithdrawal  # progress builds on plans, not the other way

        UpdateWithdrawal.objects.filter(update__action__review=review).delete()
        try:
            review.delete()
        except ProtectedError as error:
            raise ValidationError(
                "This review cannot be deleted because other records point at it (such as issued reports): "
                "archive it instead."
            ) from error


def peer_team_member_add(
    *, review: Review, actor: User | None, name: str, role: str = "", organisation: str = ""
) -> PeerTeamMember:
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


def peer_team_member_remove(*, member: PeerTeamMember, actor: User | None) -> None:
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


def milestone_met_record(*, review: Review, actor: User | None, milestone: ClockMilestone, met_on: date | None) -> None:
    """Record the day a CPC milestone was met; None clears it."""
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
            changes={milestone.value: [before.isoformat() if before else None, met_on.isoformat() if met_on else None]},
            review_id=review.pk,
        )
