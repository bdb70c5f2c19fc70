"""Status and RAG words as councils write them, read into the plan format's closed vocabularies."""

from __future__ import annotations

import re

from peerplan.plans.enums import ActionStatus
from peerplan.shared.rag import Rag

_STATUS = [
    (r"no further action|nfa|closed|not (?:being )?progressed|withdrawn|superseded", ActionStatus.NO_FURTHER_ACTION),
    (r"not (?:yet )?started|not commenced|not due|yet to start", ActionStatus.NOT_STARTED),
    (r"complete[d]?|actioned|done|achieved|implemented|finished|delivered", ActionStatus.COMPLETE),
    (r"on[- ]?going|business as usual|bau|continuous|embedded", ActionStatus.ONGOING),
    (r"paused|on hold|deferred|suspended", ActionStatus.PAUSED),
    (r"in progress|underway|under way|started|on track|progressing|in hand|partially", ActionStatus.IN_PROGRESS),
    (r"proposed|planned|agreed|to do", ActionStatus.PROPOSED),
]
_RAG = [
    (r"red|r|off track|overdue", Rag.RED),
    (r"amber|a|at risk|some slippage", Rag.AMBER),
    (r"green|g|on track", Rag.GREEN),
    (r"blue|b|complete[d]?|done|achieved", Rag.COMPLETE),
    (r"grey|gray|not (?:yet )?started|not due|not yet due", Rag.NOT_STARTED),
]


def _first_words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s/-]", " ", text.lower()).split())


def status_of(text: str | None) -> str | None:
    """'Completed', 'On hold', 'In progress – on track' → the plan format's status, or None."""
    words = _first_words(text or "")
    if not words:
        return None
    for pattern, status in _STATUS:
        if re.match(rf"(?:{pattern})\b", words):
            return status.value
    return None


def rag_of(text: str | None) -> str | None:
    """'Red', 'G', 'Amber/Green', 'Blue (complete)' → the plan format's RAG rating, or None."""
    words = _first_words(text or "")
    if not words:
        return None
    for pattern, rag in _RAG:
        if re.fullmatch(rf"(?:{pattern})\b.*", words):
            return rag.value
    return None
