"""Factories for report tests: Eastmoor District Council, a fictional council, and its 2025 peer challenge.

Three recommendations, ten actions in a tree, two quarters of updates, one approved revised date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Committee, Organisation, RagDefinition, User
from peerplan.plans.enums import ActionStatus, OwnerKind, RecommendationKind
from peerplan.plans.models import (
    Action,
    ActionOwner,
    DueDateRevision,
    Owner,
    PeerTeamMember,
    Recommendation,
    Review,
    Theme,
)
from peerplan.progress.models import ProgressUpdate, ReportingPeriod
from peerplan.shared.rag import Rag
from peerplan.testing import factories as f

Q1_END = date(2025, 6, 30)
Q2_END = date(2025, 9, 30)

# ref, depth, text, owners, timescale, original due, status when written into the plan
PLAN: dict[str, list[tuple[str, int, str, list[str], str, date | None, str]]] = {
    "1": [
        (
            "1.1",
            1,
            "Agree a shared vision for the district with partners",
            ["Chief Executive"],
            "September 2025",
            date(2025, 9, 30),
            "",
        ),
        ("1.1a", 2, "Hold three partner workshops", ["Head of Policy"], "Summer 2025", date(2025, 8, 31), ""),
        (
            "1.1b",
            2,
            "Publish the vision and consult residents",
            ["Head of Communications"],
            "Q3 2025/26",
            date(2025, 12, 31),
            "",
        ),
        (
            "1.2",
            1,
            "Refresh the Corporate Plan around the vision",
            ["Chief Executive", "Management Board"],
            "March 2026",
            date(2026, 3, 31),
            "",
        ),
    ],
    "2": [
        (
            "2.1",
            1,
            "Close the budget gap in the medium-term financial strategy",
            ["Director of Resources"],
            "2025/26",
            date(2026, 3, 31),
            "",
        ),
        (
            "2.1a",
            2,
            "Agree a savings programme with Cabinet",
            ["Director of Resources"],
            "July 2025",
            date(2025, 7, 31),
            "",
        ),
        (
            "2.2",
            1,
            "Review the capital programme's affordability",
            ["Director of Resources"],
            "June 2025",
            date(2025, 6, 30),
            "",
        ),
    ],
    "3": [
        ("3.1", 1, "Write a communications strategy", ["Head of Communications"], "August 2025", date(2025, 8, 31), ""),
        (
            "3.1a",
            2,
            "Survey residents about how they hear from the council",
            ["Head of Communications"],
            "Spring 2025",
            date(2025, 5, 31),
            "",
        ),
        ("3.2", 1, "Consider a residents' panel", ["Head of Policy"], "Ongoing", None, "proposed"),
    ],
}
RECOMMENDATIONS = [
    ("1", RecommendationKind.KEY, "Develop a shared, long-term vision for Eastmoor with partners and residents."),
    ("2", RecommendationKind.RECOMMENDATION, "Strengthen the medium-term financial strategy and close the gap."),
    ("3", RecommendationKind.RECOMMENDATION, "Tell residents more clearly what the council does and why."),
]
# ref → [(date, status, rag, percent, commentary)]
UPDATES: dict[str, list[tuple[date, str, str, int | None, str]]] = {
    "1.1": [
        (Q1_END, "in-progress", "green", 30, "Workshops booked."),
        (Q2_END, "in-progress", "amber", 60, "Partners asked for another round; slipping."),
    ],
    "1.1a": [
        (Q1_END, "in-progress", "green", 50, "Two workshops held."),
        (Q2_END, "complete", "complete", 100, "All three workshops held."),
    ],
    "1.2": [(Q1_END, "not-started", "", None, "")],
    "2.1": [
        (Q1_END, "in-progress", "amber", 20, "Gap of £2.1m remains."),
        (Q2_END, "in-progress", "red", 25, "Savings proposals delayed by the spending review."),
    ],
    "2.1a": [(Q1_END, "in-progress", "green", 40, "Draft programme to Cabinet in July.")],
    "2.2": [
        (Q1_END, "in-progress", "amber", 70, "Two schemes being re-costed."),
        (Q2_END, "complete", "complete", 100, "Capital programme re-profiled and approved."),
    ],
    "3.1": [
        (Q1_END, "in-progress", "green", 50, "Draft strategy written."),
        (Q2_END, "in-progress", "green", 90, "Strategy out to staff consultation."),
    ],
    "3.1a": [(Q1_END, "complete", "complete", 100, "Survey closed with 1,240 replies.")],
}
LATE_UPDATE = date(2025, 10, 15)  # after Q2: must never show in a Q2 report


@pytest.fixture
def eastmoor(db: Any) -> Organisation:
    organisation = Organisation.objects.create(name="Eastmoor District Council", slug="eastmoor")
    RagDefinition.objects.create(
        organisation=organisation,
        rating=Rag.COMPLETE,
        label="Blue (complete)",
        meaning="Done and embedded",
        colour="#1d70b8",
        order=4,
    )
    return organisation


@pytest.fixture
def cabinet(eastmoor: Organisation) -> Committee:
    return Committee.objects.create(organisation=eastmoor, name="Cabinet")


@pytest.fixture
def plan_manager(eastmoor: Organisation) -> User:
    return f.person(eastmoor, Role.PLAN_MANAGER, "policy@eastmoor.example", "Priya Shah")


@pytest.fixture
def councillor(eastmoor: Organisation) -> User:
    return f.person(eastmoor, Role.COUNCILLOR, "cllr.jones@eastmoor.example", "Cllr Alex Jones")


def _review(organisation: Organisation, title: str = "Corporate Peer Challenge 2025") -> Review:
    review = Review.objects.create(
        organisation=organisation,
        title=title,
        visit_start=date(2025, 1, 14),
        visit_end=date(2025, 1, 17),
        feedback_report_date=date(2025, 3, 20),
        plan_approved_on=date(2025, 4, 10),
    )
    for order, (name, role, council) in enumerate(
        [
            ("Sam Okafor", "Chief Executive", "Westdale Borough Council"),
            ("Cllr Ruth Pemberton", "Leader", "Northfield District Council"),
            ("Dev Mistry", "Director of Finance", "Southbay City Council"),
            ("Jo Allen", "Programme Manager", "Local Government Association"),
        ]
    ):
        PeerTeamMember.objects.create(review=review, name=name, role=role, organisation=council, order=order)
    for order, name in enumerate(["Local priorities and outcomes", "Financial planning and management"]):
        Theme.objects.create(review=review, name=name, order=order)
    return review


def _owner(organisation: Organisation, name: str) -> Owner:
    return f.owner(organisation, name, kind=OwnerKind.BODY if name == "Management Board" else OwnerKind.ROLE)


@pytest.fixture
def review(eastmoor: Organisation) -> Review:
    """Eastmoor's peer challenge plan with two quarters of updates, a revised date and one late update."""
    review = _review(eastmoor)
    q1 = ReportingPeriod.objects.create(review=review, name="Q1 2025/26", start=date(2025, 4, 1), end=Q1_END)
    q2 = ReportingPeriod.objects.create(review=review, name="Q2 2025/26", start=date(2025, 7, 1), end=Q2_END)
    actions: dict[str, Action] = {}
    for order, (ref, kind, text) in enumerate(RECOMMENDATIONS):
        rec = Recommendation.objects.create(review=review, ref=ref, kind=kind, text=text, order=order)
        for position, (a_ref, depth, a_text, owners, timescale, due, status) in enumerate(PLAN[ref]):
            parent = actions[a_ref[:-1]] if depth == 2 else None
            action = Action.objects.create(
                review=review,
                recommendation=rec,
                parent=parent,
                depth=depth,
                ref=a_ref,
                text=a_text,
                sort_key=f"{position:04d}",
                timescale=timescale,
                original_due=due,
                due_date=due,
                status=status or ActionStatus.NOT_STARTED,
            )
            for index, name in enumerate(owners):
                ActionOwner.objects.create(action=action, owner=_owner(eastmoor, name), order=index)
            actions[a_ref] = action
    for ref, updates in UPDATES.items():
        for day, status, rag, percent, commentary in updates:
            ProgressUpdate.objects.create(
                action=actions[ref],
                period=q1 if day == Q1_END else q2,
                date=day,
                status=status,
                rag=rag,
                percent_complete=percent,
                commentary=commentary,
                evidence=["Cabinet minutes"] if status == "complete" else [],
            )
    # 1.1 slipped: a later date was approved in August; a request still waiting does not count.
    DueDateRevision.objects.create(
        action=actions["1.1"],
        previous_due=date(2025, 9, 30),
        new_due=date(2025, 11, 30),
        reason="Partners",
        state="approved",
        requested_on=date(2025, 8, 1),
        decided_on=date(2025, 8, 15),
    )
    DueDateRevision.objects.create(
        action=actions["2.1a"],
        previous_due=date(2025, 7, 31),
        new_due=date(2025, 12, 31),
        reason="Spending review",
        state="requested",
        requested_on=date(2025, 9, 1),
    )
    Action.objects.filter(pk=actions["1.1"].pk).update(due_date=date(2025, 11, 30))
    ProgressUpdate.objects.create(
        action=actions["3.1"],
        date=LATE_UPDATE,
        status="complete",
        rag="complete",
        percent_complete=100,
        commentary="Strategy adopted by Cabinet in October.",
    )
    return review


@pytest.fixture
def plan_of(eastmoor: Organisation) -> Callable[[int], Review]:
    """A plan of n actions (objectives with two steps each) over 5 recommendations, each with two updates."""

    def make(n: int) -> Review:
        review = _review(eastmoor, title=f"Plan of {n} actions")
        recs = [
            Recommendation.objects.create(review=review, ref=str(i + 1), text=f"Recommendation {i + 1}", order=i)
            for i in range(5)
        ]
        owners = [_owner(eastmoor, name) for name in ("Chief Executive", "Director of Resources", "Head of Policy")]
        parent: Action | None = None
        for i in range(n):
            rec = recs[i % 5]
            depth = 1 if i % 3 == 0 else 2
            action = Action.objects.create(
                review=review,
                recommendation=rec,
                parent=parent if depth == 2 else None,
                depth=depth,
                ref=f"{i + 1}",
                text=f"Action {i + 1}",
                sort_key=f"{i:04d}",
                original_due=date(2025, 6 + i % 6, 1),
                due_date=date(2025, 6 + i % 6, 1),
            )
            if depth == 1:
                parent = action
            ActionOwner.objects.create(action=action, owner=owners[i % 3])
            for day, rag in ((Q1_END, "green"), (Q2_END, "amber")):
                ProgressUpdate.objects.create(
                    action=action, date=day, status="in-progress", rag=rag, commentary=f"Update on {day}"
                )
            if i % 4 == 0:
                DueDateRevision.objects.create(
                    action=action,
                    new_due=date(2026, 1, 31),
                    reason="Later",
                    state="approved",
                    requested_on=date(2025, 7, 1),
                    decided_on=date(2025, 7, 2),
                )
        return review

    return make


@pytest.fixture
def snapshot_q2(review: Review) -> Any:
    from peerplan.reports.snapshot import snapshot_take

    return snapshot_take(review, as_of=Q2_END)


@pytest.fixture
def snapshot_q1(review: Review) -> Any:
    from peerplan.reports.snapshot import snapshot_take

    return snapshot_take(review, as_of=Q1_END)
