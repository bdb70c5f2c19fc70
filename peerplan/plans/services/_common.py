"""What every plan service shares: the "keep this field" marker, optimistic saving and the acting person."""

from __future__ import annotations

import enum
from typing import Any

from peerplan.accounts.models import User


class Keep(enum.Enum):
    """An argument left out of an update: the field keeps its value (None is a value: "no date")."""

    KEEP = "keep"


KEEP = Keep.KEEP


def given(**values: object) -> dict[str, Any]:
    """The fields an update was given (those not left as KEEP), to set and to audit."""
    return {name: value for name, value in values.items() if value is not KEEP}


def _person(actor: User | None) -> User | None:
    """The person to record as having done it: None for the system (a command, the worker)."""
    return actor if actor is not None and actor.is_authenticated else None
