"""Text a person wrote, made safe to put in a spreadsheet cell (CSV or XLSX): never run as a formula.

A cell starting with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe, as OWASP advises.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value for a cell: text that a spreadsheet would read as a formula is made literal; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: list[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]
