"""Builders and fixtures for the progress page tests: a small plan at Wendlebury with two quarters.

The day the tests judge from is AT (15 May 2026): Q1 2026/27 is current, Q4 2025/26 the last period ended.
Imported by the other test modules; it holds no tests itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import pytest

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.plans.enums import ActionStatus, Rag, ReviewKind
from peerplan.plans.models import Action, ActionOwner, Owner, Recommendation, Review, Theme
from peerplan.progress.models import ProgressUpdate, ReportingPeriod

AT = date(2026, 5, 15)
Q4 = (date(2026, 1, 1), date(2026, 3, 31))
Q1 = (date(2026, 4, 1), date(2026, 6, 30))


def make_review(organisation: Organisation, *, title: str = "Corporate Peer Challenge 2025") -> Review:
    review = Review.objects.create(
        organisation=organisation,
        kind=ReviewKind.CORPORATE_PEER_CHALLENGE,
        title=title,
        visit_start=date(2025, 11, 4),
        visit_end=date(2025, 11, 7),
        plan_approved_on=date(2026, 1, 20),
    )
    for name, (start, end) in (("Q4 2025/26", Q4), ("Q1 2026/27", Q1)):
        ReportingPeriod.objects.create(review=review, name=name, start=start, end=end)
    return review


def make_recommendation(review: Review, ref: str, text: str = "", *, theme: Theme | None = None) -> Recommendation:
    order = review.recommendations.count() + 1
    return Recommendation.objects.create(
        review=review, ref=ref, text=text or f"Recommendation {ref} text", order=order, theme=theme
    )


def make_owner(organisation: Organisation, name: str, user: User | None = None) -> Owner:
    return Owner.objects.create(organisation=organisation, name=name, user=user)


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
    action = Action.objects.create(
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
    for order, owner in enumerate(owners):
        ActionOwner.objects.create(action=action, owner=owner, order=order)
    return action


def make_update(
    action: Action, on: date, *, status: str = ActionStatus.IN_PROGRESS, rag: str = Rag.GREEN, text: str = "Done."
) -> ProgressUpdate:
    period = ReportingPeriod.objects.filter(review_id=action.review_id).current(at=on)
    return ProgressUpdate.objects.create(
        action=action, period=period, date=on, status=status, rag=rag, commentary=text, author_name="Officer"
    )


def add_actions(rec: Recommendation, n: int, *, lead: Owner, start: int = 0) -> list[Action]:
    """`n` more actions with an update in each quarter, spread over every group My actions shows."""
    made = []
    for i in range(start, start + n):
        due = AT + timedelta(days=(i % 4) * 20 - 20)  # overdue, due soon, later
        status = ActionStatus.COMPLETE if i % 5 == 0 else ActionStatus.IN_PROGRESS
        action = make_action(rec, f"{rec.ref}.{i + 1}", due=due, status=status, lead=lead, owners=[lead])
        make_update(action, Q4[1] - timedelta(days=3), rag=Rag.AMBER)
        if i % 3:
            make_update(action, Q1[0] + timedelta(days=10), rag=Rag.GREEN)
        made.append(action)
    return made


@pytest.fixture
def review(organisation: Organisation) -> Review:
    return make_review(organisation)


@pytest.fixture
def lead_officer(make_user: Callable[..., User], organisation: Organisation) -> User:
    return make_user(
        "lead.officer@example.gov.uk", full_name="Lena Lead", organisation=organisation, role=Role.LEAD_OFFICER
    )


@pytest.fixture
def lead_owner(organisation: Organisation, lead_officer: User) -> Owner:
    return make_owner(organisation, "Head of Place", lead_officer)


@pytest.fixture
def councillor(make_user: Callable[..., User], organisation: Organisation) -> User:
    return make_user("cllr@example.gov.uk", full_name="Cllr Cole", organisation=organisation, role=Role.COUNCILLOR)


@pytest.fixture
def outsider(make_user: Callable[..., User]) -> User:
    """A plan manager at another council: no role at Wendlebury."""
    other = Organisation.objects.create(name="Other Borough Council", slug="other")
    return make_user("outsider@example.gov.uk", full_name="Olly Outsider", organisation=other, role=Role.PLAN_MANAGER)


@pytest.fixture
def action(review: Review, lead_owner: Owner) -> Action:
    rec = make_recommendation(review, "1")
    return make_action(rec, "1.1", due=date(2026, 9, 30), lead=lead_owner, owners=[lead_owner])
