from __future__ import annotations

from datetime import date

import pytest

from peerplan.plans.safe_cells import safe_cell, safe_row


@pytest.mark.parametrize("text", ["=1+1", "+44 1234", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_text_a_spreadsheet_would_run_is_made_literal(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Refresh the plan", "", "1 = 1", 42, None, date(2025, 1, 1)])
def test_other_values_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value


def test_a_row_is_made_safe_cell_by_cell() -> None:
    assert safe_row(["=x", "y", 3]) == ["'=x", "y", 3]
