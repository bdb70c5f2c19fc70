"""Errors any service raises for a person to read: the plans, progress and council settings all use these."""

from django.core.exceptions import ValidationError


class EditConflictError(ValidationError):
    """Someone else saved this record after you opened it; nothing of yours was saved."""

    def __init__(self, what: str):
        super().__init__(
            f"{what} was changed by someone else after you opened it. "
            "Your changes have not been saved: check the current version below and make them again."
        )
