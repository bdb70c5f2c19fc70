"""Errors the plan services raise for a person to read (defined in shared/, below every app)."""

from peerplan.shared.errors import EditConflictError  # noqa: F401 - re-exported for the plan services
