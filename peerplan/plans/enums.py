"""The closed vocabularies of the plan domain, each value carrying its own metadata.

Models, forms, templates, reports, the API and the plan format all read these one definitions.
"""

from __future__ import annotations

from django.db import models


class ReviewKind(models.TextChoices):
    CORPORATE_PEER_CHALLENGE = "corporate-peer-challenge", "Corporate peer challenge"
    FINANCE_PEER_CHALLENGE = "finance-peer-challenge", "Finance peer challenge"
    GOVERNANCE_PEER_CHALLENGE = "governance-peer-challenge", "Governance peer challenge"
    INTERNAL_AUDIT = "internal-audit", "Internal audit"
    EXTERNAL_AUDIT = "external-audit", "External audit"
    INSPECTION = "inspection", "Inspection"
    SCRUTINY = "scrutiny", "Scrutiny review"
    OTHER = "other", "Other review"

    @property
    def is_peer_challenge(self) -> bool:
        """Peer challenges run on the LGA's clock (report in 3 months, progress review at 10 …)."""
        return self.value.endswith("peer-challenge")


class RecommendationKind(models.TextChoices):
    KEY = "key", "Key recommendation"
    RECOMMENDATION = "recommendation", "Recommendation"
    SUGGESTION = "suggestion", "Suggestion"


class Response(models.TextChoices):
    """The council's answer to a recommendation."""

    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly-accepted", "Partly accepted"
    NOT_ACCEPTED = "not-accepted", "Not accepted"


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    NOT_STARTED = "not-started", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETE = "complete", "Complete"
    ONGOING = "ongoing", "Ongoing / business as usual"
    PAUSED = "paused", "Paused"
    NO_FURTHER_ACTION = "no-further-action", "No further action"

    @classmethod
    def closed(cls) -> list[ActionStatus]:
        """Statuses for which nothing is due any more: an overdue rule never applies to them."""
        return [cls.COMPLETE, cls.ONGOING, cls.NO_FURTHER_ACTION]

    @property
    def is_closed(self) -> bool:
        return self in ActionStatus.closed()

    @property
    def tag_colour(self) -> str:
        """The GOV.UK tag modifier used to show this status."""
        return _STATUS_TAG[self]


_STATUS_TAG = {
    ActionStatus.PROPOSED: "grey",
    ActionStatus.NOT_STARTED: "grey",
    ActionStatus.IN_PROGRESS: "light-blue",
    ActionStatus.COMPLETE: "green",
    ActionStatus.ONGOING: "turquoise",
    ActionStatus.PAUSED: "yellow",
    ActionStatus.NO_FURTHER_ACTION: "purple",
}


class OwnerKind(models.TextChoices):
    PERSON = "person", "Named person"
    ROLE = "role", "Officer role"
    BODY = "body", "Body (board, committee, group)"


class ThemeSet(models.TextChoices):
    """Where a review's theme comes from."""

    CPC_2023 = "cpc-2023", "Current CPC themes"
    CPC_2018 = "cpc-2018", "CPC core questions (2018 wording)"
    LOCAL = "local", "Local focus"


CPC_THEMES_CURRENT = [
    "Local priorities and outcomes",
    "Organisational and place leadership",
    "Governance and culture",
    "Financial planning and management",
    "Capacity for improvement",
]
CPC_THEMES_2018 = [
    "Understanding of the local place and priority setting",
    "Leadership of place",
    "Organisational leadership and governance",
    "Financial planning and viability",
    "Capacity to deliver",
]
