"""What every plan update shares: the "keep this field" marker and the fields an update was given."""

from __future__ import annotations

import enum
from typing import Any


class Keep(enum.Enum):
    """An argument left out of an update: the field keeps its value (None is a value: "no date")."""

    KEEP = "keep"


KEEP = Keep.KEEP


def given(**values: object) -> dict[str, Any]:
    """The fields an update was given (those not left as KEEP), to set and to audit."""
    return {name: value for name, value in values.items() if value is not KEEP}
