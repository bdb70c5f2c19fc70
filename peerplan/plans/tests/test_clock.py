"""The CPC clock: deadlines from the end of the visit, judged against a date passed in."""

from datetime import date

import pytest

from peerplan.plans.clock import ClockMilestone, ClockState, add_months, cpc_clock

VISIT_END = date(2025, 11, 7)


def states(at: date, met: dict[str, date] | None = None) -> dict[ClockMilestone, tuple[date, ClockState]]:
    return {e.milestone: (e.due, e.state) for e in cpc_clock(VISIT_END, met or {}, at=at)}


def test_each_milestone_falls_due_the_right_number_of_months_after_the_visit() -> None:
    dues = {m: due for m, (due, _) in states(date(2025, 11, 8)).items()}
    assert dues == {
        ClockMilestone.REPORT_PUBLISHED: date(2026, 2, 7),
        ClockMilestone.ACTION_PLAN_LATEST: date(2026, 4, 7),
        ClockMilestone.PROGRESS_REVIEW: date(2026, 9, 7),
        ClockMilestone.PROGRESS_REVIEW_REPORT: date(2026, 11, 7),
        ClockMilestone.NEXT_CPC: date(2030, 11, 7),
    }


def test_a_milestone_within_thirty_days_is_due_soon_and_after_its_date_late() -> None:
    assert states(date(2026, 1, 20))[ClockMilestone.REPORT_PUBLISHED][1] == ClockState.DUE_SOON
    assert states(date(2026, 2, 8))[ClockMilestone.REPORT_PUBLISHED][1] == ClockState.LATE
    assert states(date(2025, 12, 1))[ClockMilestone.REPORT_PUBLISHED][1] == ClockState.UPCOMING


def test_a_milestone_met_on_time_is_met_and_met_after_its_date_is_met_late() -> None:
    met = {"report-published": date(2026, 2, 3), "progress-review": date(2026, 9, 22)}
    result = states(date(2026, 11, 22), met)
    assert result[ClockMilestone.REPORT_PUBLISHED][1] == ClockState.MET
    assert result[ClockMilestone.PROGRESS_REVIEW][1] == ClockState.MET_LATE
    assert result[ClockMilestone.ACTION_PLAN_LATEST][1] == ClockState.LATE


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
    ],
)
def test_adding_months_clips_to_the_end_of_a_shorter_month(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
