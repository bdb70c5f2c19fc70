"""The CPC clock: the LGA's deadlines counted from the last day of the peer visit.

Pure functions; the date to judge against is always passed in.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

DUE_SOON_DAYS = 30


class ClockMilestone(models.TextChoices):
    REPORT_PUBLISHED = "report-published", "Feedback report and action plan published"
    ACTION_PLAN_LATEST = "action-plan-latest", "Action plan published (at the latest)"
    PROGRESS_REVIEW = "progress-review", "Progress review by the peer team"
    PROGRESS_REVIEW_REPORT = "progress-review-report", "Progress review report published"
    NEXT_CPC = "next-cpc", "Next corporate peer challenge"

    @property
    def months(self) -> int:
        """Months after the end of the visit by which this milestone is due."""
        return _MONTHS[self]


_MONTHS = {
    ClockMilestone.REPORT_PUBLISHED: 3,
    ClockMilestone.ACTION_PLAN_LATEST: 5,
    ClockMilestone.PROGRESS_REVIEW: 10,
    ClockMilestone.PROGRESS_REVIEW_REPORT: 12,
    ClockMilestone.NEXT_CPC: 60,
}


class ClockState(models.TextChoices):
    MET = "met", "Met"
    MET_LATE = "met-late", "Met late"
    LATE = "late", "Late"
    DUE_SOON = "due-soon", "Due soon"
    UPCOMING = "upcoming", "Upcoming"

    @property
    def tag_colour(self) -> str:
        return {"met": "green", "met-late": "yellow", "late": "red", "due-soon": "orange"}.get(self.value, "grey")


@dataclass(frozen=True)
class ClockEntry:
    milestone: ClockMilestone
    due: date
    met_on: date | None
    state: ClockState

    @property
    def label(self) -> str:
        return str(self.milestone.label)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the end of a shorter month (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Quarter:
    """A quarter of the UK financial year (April to March): Q3 2025/26 is October to December 2025."""

    name: str
    start: date
    end: date


def quarter_containing(day: date) -> Quarter:
    first_year = day.year if day.month >= 4 else day.year - 1
    number = (day.month - 4) % 12 // 3 + 1
    start = add_months(date(first_year, 4, 1), (number - 1) * 3)
    end = add_months(start, 3) - timedelta(days=1)
    return Quarter(f"Q{number} {first_year}/{(first_year + 1) % 100:02d}", start, end)


def state_of(due: date, met_on: date | None, at: date) -> ClockState:
    if met_on is not None:
        return ClockState.MET if met_on <= due else ClockState.MET_LATE
    if at > due:
        return ClockState.LATE
    if at >= due - timedelta(days=DUE_SOON_DAYS):
        return ClockState.DUE_SOON
    return ClockState.UPCOMING


def cpc_clock(visit_end: date, met: Mapping[str, date], *, at: date) -> list[ClockEntry]:
    """Every milestone with its due date and its state as of `at`; `met` maps milestone → date met."""
    entries = []
    for milestone in ClockMilestone:
        due = add_months(visit_end, milestone.months)
        met_on = met.get(milestone.value)
        entries.append(ClockEntry(milestone, due, met_on, state_of(due, met_on, at)))
    return entries
