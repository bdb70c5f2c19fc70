"""The RAG a council's rule suggests for an action, shown beside the rating a person set.

Pure functions: the date to judge against is passed in; a person's rating always stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from peerplan.accounts.enums import RagRule
from peerplan.plans.enums import ActionStatus
from peerplan.shared.rag import Rag

if TYPE_CHECKING:
    from peerplan.accounts.models import Organisation


@dataclass(frozen=True)
class RuleSettings:
    rule: RagRule
    red_max_percent: int = 25
    amber_max_percent: int = 75
    red_when_behind_and_overdue: bool = True
    amber_days: int = 30

    @classmethod
    def of(cls, organisation: Organisation) -> RuleSettings:
        return cls(
            rule=RagRule(organisation.rag_rule),
            red_max_percent=organisation.rag_red_max_percent,
            amber_max_percent=organisation.rag_amber_max_percent,
            red_when_behind_and_overdue=organisation.rag_red_when_behind_and_overdue,
            amber_days=organisation.rag_amber_days,
        )


def suggest_rag(settings: RuleSettings, *, status: str, percent: int | None, due: date | None, at: date) -> Rag | None:
    """The suggested rating, or None when the rule is manual or has nothing to go on."""
    if settings.rule == RagRule.MANUAL:
        return None
    state = ActionStatus(status)
    if state == ActionStatus.COMPLETE:
        return Rag.COMPLETE
    if state.is_closed:
        return Rag.GREEN
    days_late = (at - due).days if due is not None else 0
    if settings.rule == RagRule.SLIPPAGE:
        if due is None:
            return None
        if days_late <= 0:
            return Rag.NOT_STARTED if state in (ActionStatus.NOT_STARTED, ActionStatus.PROPOSED) else Rag.GREEN
        return Rag.AMBER if days_late <= settings.amber_days else Rag.RED
    return _by_percentage(settings, percent, days_late)


def _by_percentage(settings: RuleSettings, percent: int | None, days_late: int) -> Rag | None:
    if percent is None:
        return None
    if settings.red_when_behind_and_overdue and days_late > 0 and percent < 50:
        return Rag.RED
    if percent <= settings.red_max_percent:
        return Rag.RED
    if percent <= settings.amber_max_percent:
        return Rag.AMBER
    return Rag.GREEN


def why_no_suggestion(settings: RuleSettings, *, percent: int | None, due: date | None) -> str:
    """Why the rule suggests nothing for this action, in words an officer can act on."""
    if settings.rule == RagRule.MANUAL:
        return "Your council rates actions by hand, so peerplan does not suggest a rating."
    if settings.rule == RagRule.SLIPPAGE and due is None:
        return "Your council’s rule suggests a rating from the due date, and this action has none yet."
    if settings.rule == RagRule.PERCENTAGE and percent is None:
        return (
            "Your council’s rule suggests a rating from the percentage complete, and this action has none yet: "
            "give one below to see the suggestion next time."
        )
    return "Your council’s rule has nothing to suggest for this action."
