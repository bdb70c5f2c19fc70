"""Roles a person can hold in an organisation, with what each may broadly do."""

from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    PLAN_MANAGER = "plan-manager", "Plan manager"
    LEAD_OFFICER = "lead-officer", "Lead officer"
    COUNCILLOR = "councillor", "Councillor"
    GUEST = "guest", "Guest (read only)"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    Role.ADMINISTRATOR: "Manages people, roles and the council's settings; can do everything a plan manager can.",
    Role.PLAN_MANAGER: "Sets up reviews, edits plans, opens reporting periods and produces committee reports.",
    Role.LEAD_OFFICER: "Posts progress updates on the actions they own.",
    Role.COUNCILLOR: "Reads plans, progress and reports.",
    Role.GUEST: "Reads plans and progress, for example LGA peers reviewing progress.",
}


class RagRule(models.TextChoices):
    """How the product suggests a RAG rating; a person's rating always stands."""

    MANUAL = "manual", "Manual: no suggestion"
    PERCENTAGE = "percentage", "Percentage complete against thresholds"
    SLIPPAGE = "slippage", "Days past the due date"
