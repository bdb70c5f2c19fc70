"""Publishing a review on the council's public page, and taking it off again. One transaction each, audited."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from peerplan.accounts.models import User
from peerplan.audit.services import audit_record
from peerplan.plans.models import Review

from .models import Publication


def review_publish(*, review: Review, actor: User | None, at: datetime, committee_reports: bool = False) -> Publication:
    """Show the review on the public page (as at its last issued report). Publishing twice changes nothing."""
    with transaction.atomic():
        existing = Publication.objects.select_for_update().filter(review=review).first()
        if existing is not None:
            return existing
        publication = Publication(
            review=review,
            published_at=at,
            published_by=actor,
            committee_reports=committee_reports,
        )
        publication.full_clean()
        publication.save()
        audit_record(
            actor=actor,
            organisation=review.organisation,
            verb="published on the public page",
            target=review,
            changes={"published": [False, True], "committee_reports": [None, committee_reports]},
            review_id=review.pk,
        )
    return publication


def review_unpublish(*, review: Review, actor: User | None) -> None:
    """Take the review off the public page: its public address answers 404 from now on."""
    with transaction.atomic():
        deleted, _ = Publication.objects.filter(review=review).delete()
        if deleted:
            audit_record(
                actor=actor,
                organisation=review.organisation,
                verb="took off the public page",
                target=review,
                changes={"published": [True, False]},
                review_id=review.pk,
            )


def publication_committee_reports_set(
    *, publication: Publication, actor: User | None, offer: bool, at: datetime
) -> Publication:
    """Offer the committee reports' files on the public page, or stop offering them."""
    with transaction.atomic():
        if publication.committee_reports != offer:
            before = publication.committee_reports
            publication.committee_reports = offer
            publication.changed_at = at  # the page changed: caches revalidate (Last-Modified, ETag)
            publication.full_clean()
            publication.save(update_fields=["committee_reports", "changed_at"])
            audit_record(
                actor=actor,
                organisation=publication.review.organisation,
                verb="changed the public page",
                target=publication.review,
                changes={"committee_reports": [before, offer]},
                review_id=publication.review_id,
            )
    return publication
