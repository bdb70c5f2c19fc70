"""Load the demo council: its plans from data/*.json and one person for each role.

Everything here is fictional. Used by `peerplan demo` (and so `make demo`) and by the browser tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from peerplan.accounts.enums import RagRule, Role
from peerplan.accounts.models import Committee, Membership, Organisation, User
from peerplan.plans.enums import ReviewKind
from peerplan.plans.loading import plan_load
from peerplan.plans.models import Owner, Review
from peerplan.plans.planformat import parse_json
from peerplan.public.services import review_publish
from peerplan.reports.enums import ReportKind
from peerplan.reports.models import ReportDefaults
from peerplan.reports.renderers.registry import renderers
from peerplan.reports.services import report_issue

DATA = Path(__file__).parent / "data"
COUNCIL = "Kestrel Vale Borough Council"
PASSWORD = "kestrel-vale-demo"  # noqa: S105 -- printed for everyone to use: a fictional demo


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    job_title: str
    role: Role


PEOPLE = [
    DemoPerson("admin@kestrelvale.example", "Dana Cole", "Systems Administrator", Role.ADMINISTRATOR),
    DemoPerson("ruth.ellison@kestrelvale.example", "Ruth Ellison", "Policy and Performance Manager", Role.PLAN_MANAGER),
    DemoPerson("priya.shah@kestrelvale.example", "Priya Shah", "Director of Place", Role.LEAD_OFFICER),
    DemoPerson("tom.okafor@kestrelvale.example", "Tom Okafor", "Head of Finance (S151 Officer)", Role.LEAD_OFFICER),
    DemoPerson(
        "helen.marsh@kestrelvale.example", "Helen Marsh", "Head of HR and Organisational Development", Role.LEAD_OFFICER
    ),
    DemoPerson(
        "gareth.lewis@kestrelvale.example",
        "Gareth Lewis",
        "Assistant Director – Customer and Digital",
        Role.LEAD_OFFICER,
    ),
    DemoPerson("cllr.reid@kestrelvale.example", "Cllr Anna Reid", "Leader of the Council", Role.COUNCILLOR),
    DemoPerson("peer@lga.example", "Jordan Ellis", "LGA peer challenge manager", Role.GUEST),
]
COMMITTEES = ["Cabinet", "Overview and Scrutiny Committee", "Audit and Governance Committee"]


def demo_load() -> tuple[Organisation, list[int]]:
    """Create the council, its people and its plans; run again, it only resets the demo passwords."""
    with transaction.atomic():
        existing = Organisation.objects.filter(name=COUNCIL).first()
        review_ids: list[int] = []
        if existing is None:
            for path in sorted(DATA.glob("*.json")):
                report = plan_load(document=parse_json(path.read_bytes()), commit=True)
                assert report.review_id is not None
                review_ids.append(report.review_id)
        organisation = Organisation.objects.get(name=COUNCIL)
        if review_ids:  # Kestrel Vale suggests ratings by slippage, so people see a suggestion beside their own
            organisation.rag_rule = RagRule.SLIPPAGE
            organisation.rag_amber_days = 30
            organisation.save(update_fields=["rag_rule", "rag_amber_days"])
        for name in COMMITTEES:
            Committee.objects.get_or_create(organisation=organisation, name=name)
        users = [_person(organisation, person) for person in PEOPLE]
        if review_ids:
            _past_reports(
                organisation, planner=next(u for u, p in zip(users, PEOPLE, strict=True) if p.role == Role.PLAN_MANAGER)
            )
    return organisation, review_ids


# The two quarterly reports Kestrel Vale's Cabinet has had on its peer challenge plan so far.
PAST_REPORTS = [("Q1 2026/27", date(2026, 7, 22)), ("Q2 2026/27", date(2026, 10, 21))]


def _past_reports(organisation: Organisation, *, planner: User) -> None:
    ReportDefaults.objects.update_or_create(
        organisation=organisation,
        defaults={
            "report_of": "Leader of the Council",
            "contact_officer": "Ruth Ellison, Policy and Performance Manager",
            "contact_details": "ruth.ellison@kestrelvale.example, 01632 960 418",
            "budget_policy_framework": "Within the budget and policy framework",
        },
    )
    review = Review.objects.get(organisation=organisation, kind=ReviewKind.CORPORATE_PEER_CHALLENGE)
    cabinet = Committee.objects.get(organisation=organisation, name="Cabinet")
    for name, meeting in PAST_REPORTS:
        period = review.reporting_periods.get(name=name)
        report_issue(
            review=review,
            actor=planner,
            as_of=period.end,
            kind=ReportKind.PROGRESS,
            layout="objectives",
            committee=cabinet,
            meeting_date=meeting,
            cover={},
            formats=[r.format for r in renderers()],
            period=period,
        )
    # Kestrel Vale publishes its peer challenge plan's progress for residents and the LGA.
    review_publish(review=review, actor=planner, at=timezone.now(), committee_reports=True)


def _person(organisation: Organisation, person: DemoPerson) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User.objects.create_user(person.email, PASSWORD, full_name=person.full_name, job_title=person.job_title)
    else:
        user.set_password(PASSWORD)
        user.is_active = True
        user.save()
    Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": person.role})
    # Lead officers sign in as the owners the plan names, so "My actions" finds their actions.
    named = Q(name=person.full_name) | Q(name__startswith=f"{person.full_name},")  # "Cllr Anna Reid, Leader of …"
    Owner.objects.filter(named, organisation=organisation, user__isnull=True).update(user=user)
    return user
