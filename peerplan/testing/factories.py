"""The one set of test builders: councils, people, owners, reviews, recommendations, actions and updates.

Two kinds of builder, both here so a test never writes its own: `council`, `person`, `review`, `recommendation`
and `action` go through the services, as a plan manager would; the `make_*` builders write rows straight to the
database, for tests that need a plan in a given state quickly (a status, a RAG, an update on a given day).
`peerplan.testing.fixtures` offers them as fixtures. Everything here is fictional.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Membership, Organisation, User
from peerplan.plans.enums import ActionStatus, OwnerKind, ReviewKind
from peerplan.plans.models import Action, ActionOwner, Owner, Recommendation, Review, Theme
from peerplan.plans.services import (
    action_create,
    organisation_create,
    owner_get_or_create,
    recommendation_create,
    review_create,
)
from peerplan.progress.models import ProgressUpdate, ReportingPeriod
from peerplan.shared.rag import Rag

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test data

# The day progress tests judge from (15 May 2026): Q1 2026/27 is current, Q4 2025/26 the last period ended.
AT = date(2026, 5, 15)
Q4 = (date(2026, 1, 1), date(2026, 3, 31))
Q1 = (date(2026, 4, 1), date(2026, 6, 30))


# --- councils, people and owners --------------------------------------------------------------------------------


def council(name: str = "Brackenridge District Council", slug: str = "brackenridge") -> Organisation:
    return organisation_create(name=name, slug=slug)


def person(
    organisation: Organisation | None,
    role: Role | None,
    email: str,
    name: str = "",
    *,
    password: str = PASSWORD,
    **extra: Any,
) -> User:
    """A person, with a role in `organisation` if both are given; named after their email unless `name` is."""
    user = User.objects.create_user(email, password, full_name=name or email.split("@", maxsplit=1)[0].title(), **extra)
    if organisation is not None and role is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def owner(
    organisation: Organisation, name: str, *, user: User | None = None, kind: OwnerKind | str = "", **extra: Any
) -> Owner:
    """The council's owner of that name (a person, role or body named in a plan), made if it is new."""
    defaults = {**extra, **({"user": user} if user is not None else {}), **({"kind": kind} if kind else {})}
    return Owner.objects.get_or_create(organisation=organisation, name=name, defaults=defaults)[0]


# --- through the services ---------------------------------------------------------------------------------------


def review(organisation: Organisation, **kwargs: object) -> Review:
    defaults: dict[str, object] = {
        "title": "Corporate Peer Challenge 2025",
        "kind": "corporate-peer-challenge",
        "visit_start": date(2025, 3, 10),
        "visit_end": date(2025, 3, 13),
    }
    return review_create(organisation=organisation, actor=None, **{**defaults, **kwargs})  # type: ignore[arg-type]  # the services take typed keywords; tests pass a dict of them


def recommendation(rev: Review, text: str = "Refresh the constitution.", ref: str = "1") -> Recommendation:
    return recommendation_create(review=rev, actor=None, text=text, ref=ref)


def action(
    rec: Recommendation,
    text: str = "Review the scheme of delegation",
    *,
    parent: Action | None = None,
    timescale: str = "December 2025",
    lead: User | None = None,
    owners: Sequence[str] = (),
) -> Action:
    organisation = rec.review.organisation
    lead_owner: Owner | None = None
    if lead is not None:
        lead_owner = owner_get_or_create(organisation=organisation, name=lead.full_name)
        lead_owner.user = lead
        lead_owner.save()
    return action_create(
        recommendation=rec,
        actor=None,
        text=text,
        parent=parent,
        timescale=timescale,
        lead_officer=lead_owner,
        owners=[owner_get_or_create(organisation=organisation, name=n) for n in owners],
    )


# --- straight to the database -----------------------------------------------------------------------------------


def make_review(organisation: Organisation, *, title: str = "Corporate Peer Challenge 2025") -> Review:
    """An approved peer challenge with two reporting periods, Q4 2025/26 and Q1 2026/27."""
    made = Review.objects.create(
        organisation=organisation,
        kind=ReviewKind.CORPORATE_PEER_CHALLENGE,
        title=title,
        visit_start=date(2025, 11, 4),
        visit_end=date(2025, 11, 7),
        plan_approved_on=date(2026, 1, 20),
    )
    for name, (start, end) in (("Q4 2025/26", Q4), ("Q1 2026/27", Q1)):
        ReportingPeriod.objects.create(review=made, name=name, start=start, end=end)
    return made


def make_recommendation(rev: Review, ref: str, text: str = "", *, theme: Theme | None = None) -> Recommendation:
    order = rev.recommendations.count() + 1
    return Recommendation.objects.create(
        review=rev, ref=ref, text=text or f"Recommendation {ref} text", order=order, theme=theme
    )


def make_action(
    rec: Recommendation,
    ref: str,
    *,
    due: date | None = None,
    status: str = ActionStatus.IN_PROGRESS,
    rag: str = Rag.GREEN,
    lead: Owner | None = None,
    owners: Iterable[Owner] = (),
    text: str = "",
    parent: Action | None = None,
) -> Action:
    position = rec.actions.count() + 1
    made = Action.objects.create(
        review=rec.review,
        recommendation=rec,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        sort_key=f"{position:04d}",
        ref=ref,
        text=text or f"Action {ref} text",
        due_date=due,
        original_due=due,
        timescale=due.strftime("%B %Y") if due else "Ongoing",
        status=status,
        rag=rag,
        lead_officer=lead,
    )
    for order, each in enumerate(owners):
        ActionOwner.objects.create(action=made, owner=each, order=order)
    return made


def make_update(
    on_action: Action,
    on: date,
    *,
    status: str = ActionStatus.IN_PROGRESS,
    rag: str = Rag.GREEN,
    text: str = "Done.",
) -> ProgressUpdate:
    period = ReportingPeriod.objects.filter(review_id=on_action.review_id).current(at=on)
    return ProgressUpdate.objects.create(
        action=on_action, period=period, date=on, status=status, rag=rag, commentary=text, author_name="Officer"
    )


def add_actions(rec: Recommendation, n: int, *, lead: Owner, start: int = 0) -> list[Action]:
    """`n` more actions with an update in each quarter, spread over every group My actions shows."""
    made = []
    for i in range(start, start + n):
        due = AT + timedelta(days=(i % 4) * 20 - 20)  # overdue, due soon, later
        status = ActionStatus.COMPLETE if i % 5 == 0 else ActionStatus.IN_PROGRESS
        each = make_action(rec, f"{rec.ref}.{i + 1}", due=due, status=status, lead=lead, owners=[lead])
        make_update(each, Q4[1] - timedelta(days=3), rag=Rag.AMBER)
        if i % 3:
            make_update(each, Q1[0] + timedelta(days=10), rag=Rag.GREEN)
        made.append(each)
    return made
