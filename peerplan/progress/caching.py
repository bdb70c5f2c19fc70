"""A review's dashboard figures, kept in Django's cache until something in the council is written.

Every write goes through a service that writes an audit entry in the same transaction (the house rule), so
the council's latest audit entry names its latest change. The key holds that entry's id, the review's
version and the day: a write, a new day or a changed review each give a new key, so a write shows at once,
in every worker, whatever cache backend is configured (per-process locmem by default; a shared cache such
as Redis or Memcached saves work when several workers serve the same council). Old keys are never read
again and leave the cache when they time out or are culled.
"""

from __future__ import annotations

from datetime import date

from django.core.cache import cache

from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Review

from . import selectors

TIMEOUT_SECONDS = 15 * 60  # a bound on memory, not on freshness: the key changes with every write


def latest_change(review: Review) -> int:
    """The id of the council's latest audit entry (0 if none): one indexed query."""
    latest = (
        AuditEntry.objects.filter(organisation_id=review.organisation_id)
        .order_by("-at", "-id")
        .values_list("id", flat=True)
        .first()
    )
    return latest or 0


def dashboard_key(review: Review, *, at: date) -> str:
    return f"peerplan:dashboard:{review.pk}:v{review.version}:c{latest_change(review)}:{at.isoformat()}"


def review_dashboard(review: Review, *, at: date) -> selectors.Dashboard:
    """selectors.review_dashboard, from the cache when nothing in the council has changed since it was built."""
    key = dashboard_key(review, at=at)
    dashboard = cache.get(key)
    if not isinstance(dashboard, selectors.Dashboard):
        dashboard = selectors.review_dashboard(review, at=at)
        cache.set(key, dashboard, TIMEOUT_SECONDS)
    return dashboard
