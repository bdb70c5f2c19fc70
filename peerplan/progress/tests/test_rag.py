"""The RAG a council's rule suggests, with the date passed in."""

from datetime import date

import pytest

from peerplan.accounts.enums import RagRule
from peerplan.progress.rag import RuleSettings, suggest_rag
from peerplan.shared.rag import Rag

AT = date(2026, 6, 30)
PERCENT = RuleSettings(rule=RagRule.PERCENTAGE)
SLIPPAGE = RuleSettings(rule=RagRule.SLIPPAGE, amber_days=30)


def test_the_manual_rule_suggests_nothing() -> None:
    assert suggest_rag(RuleSettings(rule=RagRule.MANUAL), status="in-progress", percent=10, due=None, at=AT) is None


@pytest.mark.parametrize(
    ("percent", "expected"), [(0, Rag.RED), (25, Rag.RED), (26, Rag.AMBER), (75, Rag.AMBER), (76, Rag.GREEN)]
)
def test_the_percentage_rule_uses_the_councils_thresholds(percent: int, expected: Rag) -> None:
    assert suggest_rag(PERCENT, status="in-progress", percent=percent, due=date(2026, 12, 31), at=AT) == expected


def test_less_than_half_done_and_past_due_is_red_under_the_percentage_rule() -> None:
    assert suggest_rag(PERCENT, status="in-progress", percent=49, due=date(2026, 6, 1), at=AT) == Rag.RED
    assert suggest_rag(PERCENT, status="in-progress", percent=60, due=date(2026, 6, 1), at=AT) == Rag.AMBER


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 7, 31), Rag.GREEN),
        (date(2026, 6, 30), Rag.GREEN),
        (date(2026, 5, 31), Rag.AMBER),
        (date(2026, 5, 30), Rag.RED),
    ],
)
def test_the_slippage_rule_is_amber_up_to_n_days_late_and_red_beyond(due: date, expected: Rag) -> None:
    assert suggest_rag(SLIPPAGE, status="in-progress", percent=None, due=due, at=AT) == expected


def test_a_complete_action_is_suggested_complete_whatever_its_dates() -> None:
    assert suggest_rag(SLIPPAGE, status="complete", percent=None, due=date(2020, 1, 1), at=AT) == Rag.COMPLETE
