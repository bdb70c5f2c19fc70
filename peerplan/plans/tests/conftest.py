"""Fixtures for the plan manager's pages: a council's people in every role, and a small plan to edit.

Builds on peerplan.testing (organisation, people, as_person; the owner builder). Everything is fictional.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.plans.models import (
    Action,
    ActionOwner,
    DueDateRevision,
    PeerTeamMember,
    Recommendation,
    Review,
    Theme,
)
from peerplan.progress.models import ReportingPeriod
from peerplan.testing import factories as f


@pytest.fixture
def manager(as_person: Callable[[str], Client]) -> Client:
    return as_person(Role.PLAN_MANAGER.value)


@pytest.fixture
def plan(organisation: Organisation, people: dict[str, User]) -> Review:
    """A peer challenge with two recommendations: 1 has action 1.1 with step 1.1a, and 1.2; 2 has 2.1."""
    review = Review.objects.create(
        organisation=organisation,
        title="Corporate Peer Challenge 2025",
        visit_start=date(2025, 1, 14),
        visit_end=date(2025, 1, 17),
    )
    theme = Theme.objects.create(review=review, name="Governance and culture", order=0)
    PeerTeamMember.objects.create(review=review, name="Sam Okafor", role="Chief Executive", organisation="Westdale")
    lead = f.owner(organisation, "Head of Policy", user=people[Role.LEAD_OFFICER.value])
    board = f.owner(organisation, "Management Board", kind="body")
    rec1 = Recommendation.objects.create(
        review=review, ref="1", text="Refresh the corporate plan.", theme=theme, order=1
    )
    rec2 = Recommendation.objects.create(review=review, ref="2", text="Strengthen scrutiny.", order=2)
    a11 = Action.objects.create(
        review=review,
        recommendation=rec1,
        ref="1.1",
        text="Draft the plan",
        sort_key="0001",
        lead_officer=lead,
        timescale="March 2026",
        timescale_kind="date",
        original_due=date(2026, 3, 31),
        due_date=date(2026, 3, 31),
    )
    Action.objects.create(
        review=review,
        recommendation=rec1,
        parent=a11,
        depth=2,
        ref="1.1a",
        text="Consult residents",
        sort_key="0001.0001",
        lead_officer=lead,
    )
    Action.objects.create(review=review, recommendation=rec1, ref="1.2", text="Adopt the plan", sort_key="0002")
    a21 = Action.objects.create(review=review, recommendation=rec2, ref="2.1", text="Train members", sort_key="0001")
    ActionOwner.objects.create(action=a21, owner=board)
    ReportingPeriod.objects.create(review=review, name="Q3 2025/26", start=date(2025, 10, 1), end=date(2025, 12, 31))
    DueDateRevision.objects.create(
        action=a11,
        previous_due=date(2026, 3, 31),
        new_due=date(2026, 6, 30),
        reason="Elections in May",
        requested_on=date(2025, 11, 1),
        requested_by=people[Role.LEAD_OFFICER.value],
    )
    return review


def action(review: Review, ref: str) -> Action:
    return Action.objects.get(review=review, ref=ref)


@pytest.fixture
def plan_of(organisation: Organisation) -> Callable[[int], Review]:
    """A plan of n actions over 3 recommendations: objectives with two steps each, every one with owners."""

    def make(n: int) -> Review:
        review = Review.objects.create(organisation=organisation, title=f"Plan of {n} actions")
        owners = [f.owner(organisation, name) for name in ("Chief Executive", "Head of Finance", "Cabinet")]
        recs = [
            Recommendation.objects.create(review=review, ref=str(i + 1), text=f"Recommendation {i + 1}", order=i)
            for i in range(3)
        ]
        parent: Action | None = None
        for i in range(n):
            depth = 1 if i % 3 == 0 else 2
            rec = recs[(i // 3) % 3] if depth == 1 or parent is None else parent.recommendation
            made = Action.objects.create(
                review=review,
                recommendation=rec,
                parent=parent if depth == 2 else None,
                depth=depth,
                ref=f"A{i + 1}",
                text=f"Action {i + 1}",
                sort_key=f"{parent.sort_key}.{i:04d}" if depth == 2 and parent is not None else f"{i:04d}",
                lead_officer=owners[i % 3],
                lead_member=owners[2],
                timescale="March 2026",
                timescale_kind="date",
                due_date=date(2026, 3, 31),
            )
            if depth == 1:
                parent = made
            ActionOwner.objects.create(action=made, owner=owners[i % 3])
        return review

    return make
