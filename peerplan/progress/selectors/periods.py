"""Reads about reporting periods: which one is current, which ended last, who has not updated in it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import (
    Exists,
    OuterRef,
)

from peerplan.plans.models import (
    ActionQuerySet,
)
from peerplan.progress.models import ProgressUpdate, ReportingPeriod

if TYPE_CHECKING:
    pass


DUE_SOON_DAYS = 30


# Reporting periods ------------------------------------------------------------------------------


def current_period(periods: Sequence[ReportingPeriod], *, at: date) -> ReportingPeriod | None:
    """The period containing `at`, else the latest that ended before it (as ReportingPeriodQuerySet.current)."""
    containing = [p for p in periods if p.start <= at <= p.end]
    if containing:
        return min(containing, key=lambda p: p.start)
    ended = [p for p in periods if p.end < at]
    return max(ended, key=lambda p: p.end) if ended else None


def last_ended_period(periods: Sequence[ReportingPeriod], *, at: date) -> ReportingPeriod | None:
    """The last reporting period that ended before `at`: the baseline for "what changed"."""
    ended = [p for p in periods if p.end < at]
    return max(ended, key=lambda p: p.end) if ended else None


def updated_since(day: date) -> Exists:
    """True for an action with an update dated on or after `day`."""
    return Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"), date__gte=day))


def not_updated_in(actions: ActionQuerySet, period: ReportingPeriod | None) -> ActionQuerySet:
    """Open actions with no update dated in or after the start of `period` (none when there is no period)."""
    if period is None:
        return actions.none()
    return actions.open().filter(~updated_since(period.start))
