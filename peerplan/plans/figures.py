"""One definition of every figure the product shows: overdue, the headline position of an action, the counts.

The dashboard, every committee report, the workbook's summary and the home page count with these, so a
figure means the same everywhere. Each rule is written twice, side by side: in Python (for snapshots and
pages) and as a database filter (for counting in SQL); a test checks the two agree on every combination.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from django.db import models
from django.db.models import Q

from peerplan.shared.rag import Rag

from .enums import ActionStatus

T = TypeVar("T")
NOT_RATED = ""  # the key under which actions without a RAG rating are counted


def status_of(status: str) -> ActionStatus:
    """An action's status, reading "the plan does not say" as not started."""
    return ActionStatus(status or ActionStatus.NOT_STARTED)


def is_overdue(*, due: date | None, status: str, at: date) -> bool:
    """Overdue: still open (not complete, ongoing or no further action) and due before `at`."""
    return due is not None and due < at and not status_of(status).is_closed


def overdue_q(*, at: date, prefix: str = "") -> Q:
    """`is_overdue` as a filter on actions (`prefix` "actions__" to filter reviews by their actions)."""
    return ~Q(**{f"{prefix}status__in": ActionStatus.closed()}) & Q(**{f"{prefix}due_date__lt": at})


class Headline(models.TextChoices):
    """Where an action stands, for the headline figures: every action is in exactly one.

    Taken in this order, the first that applies: complete; closed without completion; overdue; at risk;
    on track; not started or not yet rated.
    """

    COMPLETE = "complete", "Complete"
    CLOSED = "closed", "Closed without completion"
    OVERDUE = "overdue", "Overdue"
    AT_RISK = "at-risk", "At risk"
    ON_TRACK = "on-track", "On track"
    NOT_STARTED = "not-started", "Not started or not yet rated"

    @property
    def meaning(self) -> str:
        return _HEADLINE_MEANING[self]

    @property
    def rating(self) -> str:
        """The RAG rating whose colour shows this position in charts."""
        return _HEADLINE_RATING[self]


_HEADLINE_MEANING = {
    Headline.COMPLETE: "Status complete",
    Headline.CLOSED: "Ongoing as business as usual, or no further action to be taken",
    Headline.OVERDUE: "Still open and past its due date, whatever its rating",
    Headline.AT_RISK: "Open, not overdue, rated red or amber",
    Headline.ON_TRACK: "Open, not overdue, rated green or blue",
    Headline.NOT_STARTED: "Open, not overdue, with no rating or rated not started",
}
_HEADLINE_RATING = {
    Headline.COMPLETE: Rag.COMPLETE.value,
    Headline.CLOSED: "closed",
    Headline.OVERDUE: Rag.RED.value,
    Headline.AT_RISK: Rag.AMBER.value,
    Headline.ON_TRACK: Rag.GREEN.value,
    Headline.NOT_STARTED: Rag.NOT_STARTED.value,
}
AT_RISK_RATINGS = (Rag.RED.value, Rag.AMBER.value)
ON_TRACK_RATINGS = (Rag.GREEN.value, Rag.COMPLETE.value)


def headline_of(*, status: str, rag: str, overdue: bool) -> Headline:
    state = status_of(status)
    if state == ActionStatus.COMPLETE:
        return Headline.COMPLETE
    if state.is_closed:
        return Headline.CLOSED
    if overdue:
        return Headline.OVERDUE
    if rag in AT_RISK_RATINGS:
        return Headline.AT_RISK
    if rag in ON_TRACK_RATINGS:
        return Headline.ON_TRACK
    return Headline.NOT_STARTED


def headline_q(headline: Headline, *, at: date, prefix: str = "") -> Q:
    """`headline_of` as a filter on actions (`prefix` as in `overdue_q`)."""
    p = prefix
    is_open = ~Q(**{f"{p}status__in": ActionStatus.closed()})
    late = overdue_q(at=at, prefix=p)
    current = is_open & ~late
    return {
        Headline.COMPLETE: Q(**{f"{p}status": ActionStatus.COMPLETE}),
        Headline.CLOSED: Q(**{f"{p}status__in": [ActionStatus.ONGOING, ActionStatus.NO_FURTHER_ACTION]}),
        Headline.OVERDUE: late,
        Headline.AT_RISK: current & Q(**{f"{p}rag__in": AT_RISK_RATINGS}),
        Headline.ON_TRACK: current & Q(**{f"{p}rag__in": ON_TRACK_RATINGS}),
        Headline.NOT_STARTED: current & ~Q(**{f"{p}rag__in": (*AT_RISK_RATINGS, *ON_TRACK_RATINGS)}),
    }[headline]


@dataclass(frozen=True)
class Figures:
    """The counts for a set of actions. Each of the three tables adds up to `total`."""

    total: int
    by_headline: tuple[tuple[Headline, int], ...]  # in Headline order
    by_rag: tuple[tuple[str, int], ...]  # every rating, then NOT_RATED
    by_status: tuple[tuple[ActionStatus, int], ...]  # in ActionStatus order

    def headline(self, which: Headline) -> int:
        return dict(self.by_headline)[which]

    @property
    def complete(self) -> int:
        return self.headline(Headline.COMPLETE)

    @property
    def closed(self) -> int:
        return self.headline(Headline.CLOSED)

    @property
    def overdue(self) -> int:
        return self.headline(Headline.OVERDUE)

    @property
    def at_risk(self) -> int:
        return self.headline(Headline.AT_RISK)

    @property
    def on_track(self) -> int:
        return self.headline(Headline.ON_TRACK)

    @property
    def not_started(self) -> int:
        return self.headline(Headline.NOT_STARTED)

    def rag(self, rating: str) -> int:
        return dict(self.by_rag)[rating]

    def sentence(self) -> str:
        """ "12 complete, 2 closed without completion, 1 overdue, 3 at risk, 5 on track and 4 not started or
        not yet rated": every figure, in the key's order, adding up to the total."""
        parts = [f"{count} {headline.label.lower()}" for headline, count in self.by_headline]
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def figures_of(actions: Iterable[tuple[str, str, bool]]) -> Figures:
    """Count actions given as (status, RAG rating, overdue) triples."""
    headlines: Counter[Headline] = Counter()
    ratings: Counter[str] = Counter()
    statuses: Counter[ActionStatus] = Counter()
    for status, rag, overdue in actions:
        headlines[headline_of(status=status, rag=rag, overdue=overdue)] += 1
        ratings[rag or NOT_RATED] += 1
        statuses[status_of(status)] += 1
    return Figures(
        total=sum(headlines.values()),
        by_headline=tuple((h, headlines[h]) for h in Headline),
        by_rag=(*((r.value, ratings[r.value]) for r in Rag), (NOT_RATED, ratings[NOT_RATED])),
        by_status=tuple((s, statuses[s]) for s in ActionStatus),
    )


# What changed between two days -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """An action as it stood on one day, as far as "what changed" cares."""

    status: str
    rag: str
    due: date | None
    overdue: bool

    @property
    def closed(self) -> bool:
        return status_of(self.status).is_closed


@dataclass(frozen=True)
class Move(Generic[T]):
    """An action and what it was before → what it is now: statuses, RAG ratings or due dates."""

    action: T
    before: str | date | None = ""
    after: str | date | None = ""


@dataclass(frozen=True)
class Movement(Generic[T]):
    """What changed, each list in the order the actions were given."""

    completed: tuple[Move[T], ...] = ()
    improved: tuple[Move[T], ...] = ()
    worsened: tuple[Move[T], ...] = ()
    newly_overdue: tuple[Move[T], ...] = ()
    dates_revised: tuple[Move[T], ...] = ()
    added: tuple[T, ...] = ()


def movement(pairs: Iterable[tuple[T, Standing | None, Standing]]) -> Movement[T]:
    """Compare each action then (None: not in the plan then) with now; the one rule for "what changed".

    Completed (or closed): closed now, open then. Otherwise a rating that moved, by severity (an equal
    severity, such as complete and not started, is no move). Newly overdue: overdue now, not then. A due
    date revised: the due date differs.
    """
    completed: list[Move[T]] = []
    improved: list[Move[T]] = []
    worsened: list[Move[T]] = []
    overdue: list[Move[T]] = []
    revised: list[Move[T]] = []
    added: list[T] = []
    for action, then, now in pairs:
        if then is None:
            added.append(action)
            if now.overdue:
                overdue.append(Move(action))
            continue
        if now.closed and not then.closed:
            completed.append(Move(action, then.status, now.status))
        elif now.rag and then.rag and now.rag != then.rag:
            old, new = Rag(then.rag).severity, Rag(now.rag).severity
            if new < old:
                improved.append(Move(action, then.rag, now.rag))
            elif new > old:
                worsened.append(Move(action, then.rag, now.rag))
        if now.overdue and not then.overdue:
            overdue.append(Move(action))
        if now.due != then.due:
            revised.append(Move(action, then.due, now.due))
    return Movement(tuple(completed), tuple(improved), tuple(worsened), tuple(overdue), tuple(revised), tuple(added))
