"""Generate large fictional data for benchmarks: councils, reviews of many actions, quarters of updates.

Writes with bulk_create in batches; never used by the product itself, only by bench/ and its tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db import transaction

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Membership, Organisation, User
from peerplan.plans.enums import ActionStatus, RecommendationKind, ReviewKind
from peerplan.plans.models import Action, ActionOwner, Owner, Recommendation, Review
from peerplan.plans.services import organisation_create
from peerplan.progress.models import ProgressUpdate, ReportingPeriod
from peerplan.shared.rag import Rag

BATCH = 2000
WORDS = [
    *("review", "deliver", "engage", "residents", "partners", "strategy", "budget", "savings", "workforce"),
    *("digital", "housing", "climate", "governance", "scrutiny", "members", "officers", "training"),
    *("performance", "data", "transformation", "community", "town", "centre"),
]
# A large council's plans name about fifty officers and bodies; the benchmark's lead officer is one of them.
ROLES = [
    "Management Board",
    *(f"Head of Service {n}" for n in range(1, 40)),
    *(f"Assistant Director {n}" for n in range(1, 11)),
]


@dataclass(frozen=True)
class Spec:
    councils: int = 1
    reviews: int = 1
    recommendations: int = 10
    actions: int = 500
    quarters: int = 8
    start: date = date(2024, 4, 1)
    seed: int = 1
    large_review_actions: int = 0  # > 0: the first council also gets one review this large (the API benchmark)


@dataclass
class Generated:
    organisations: int = 0
    reviews: int = 0
    actions: int = 0
    updates: int = 0
    first_review_id: int | None = None
    large_review_id: int | None = None


def quarter_bounds(start: date, n: int) -> tuple[date, date]:
    month = start.month - 1 + 3 * n
    begin = date(start.year + month // 12, month % 12 + 1, 1)
    nxt = date(begin.year + (begin.month + 2) // 12, (begin.month + 2) % 12 + 1, 1)
    return begin, nxt - timedelta(days=1)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(spec: Spec) -> Generated:
    rng = random.Random(spec.seed)
    out = Generated()
    for c in range(spec.councils):
        with transaction.atomic():
            org = _council(c, spec)
            out.organisations += 1
            owners = [Owner.objects.create(organisation=org, name=name) for name in ROLES]
            lead = User.objects.filter(email=f"lead{c}@bench.example").first()
            owners[1].user = lead  # "Head of Service 1": the lead officer whose My actions is timed
            owners[1].save(update_fields=["user"])
            for r in range(spec.reviews):
                review = _review(org, r, spec=spec, rng=rng, owners=owners, out=out)
                out.first_review_id = out.first_review_id or review.pk
            if c == 0 and spec.large_review_actions:
                large = replace(spec, actions=spec.large_review_actions)
                out.large_review_id = _review(org, spec.reviews, spec=large, rng=rng, owners=owners, out=out).pk
    return out


def _council(c: int, spec: Spec) -> Organisation:
    org = organisation_create(name=f"Benchmark Council {spec.seed}-{c}", slug=f"bench-{spec.seed}-{c}")
    for role in Role:
        user = User.objects.create_user(
            f"{role.value.split('-')[0]}{c}@bench.example", "bench-password", full_name=f"Bench {role.label} {c}"
        )
        Membership.objects.create(user=user, organisation=org, role=role)
    return org


def _review(
    org: Organisation, r: int, *, spec: Spec, rng: random.Random, owners: list[Owner], out: Generated
) -> Review:
    review = Review.objects.create(
        organisation=org,
        kind=ReviewKind.CORPORATE_PEER_CHALLENGE,
        title=f"Benchmark review {r + 1}",
        visit_start=spec.start - timedelta(days=60),
        visit_end=spec.start - timedelta(days=57),
        plan_approved_on=spec.start,
    )
    out.reviews += 1
    periods = [
        ReportingPeriod(review=review, name=f"Quarter {q + 1}", start=b, end=e)
        for q, (b, e) in ((q, quarter_bounds(spec.start, q)) for q in range(spec.quarters))
    ]
    ReportingPeriod.objects.bulk_create(periods)
    recs = Recommendation.objects.bulk_create(
        Recommendation(
            review=review,
            ref=str(i + 1),
            kind=RecommendationKind.KEY if i < 3 else RecommendationKind.RECOMMENDATION,
            text=_sentence(rng, 14),
            order=i + 1,
        )
        for i in range(spec.recommendations)
    )
    per_rec = max(1, spec.actions // len(recs))
    actions = []
    for i in range(spec.actions):
        rec = recs[min(i // per_rec, len(recs) - 1)]
        due = spec.start + timedelta(days=rng.randint(30, 90 * spec.quarters))
        actions.append(
            Action(
                review=review,
                recommendation=rec,
                depth=1,
                sort_key=f"{i + 1:04d}",
                ref=f"{rec.ref}.{i % per_rec + 1}",
                text=_sentence(rng, 12),
                timescale=due.strftime("%B %Y"),
                timescale_kind="date",
                original_due=due,
                due_date=due,
                status=rng.choice([ActionStatus.IN_PROGRESS, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETE]),
                rag=rng.choice([Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.RED]),
                percent_complete=rng.randint(0, 100),
                lead_officer=owners[i % len(owners)],
            )
        )
    Action.objects.bulk_create(actions, batch_size=BATCH)
    ActionOwner.objects.bulk_create(
        (ActionOwner(action=a, owner=owners[(n + 7) % len(owners)]) for n, a in enumerate(actions)), batch_size=BATCH
    )
    out.actions += len(actions)
    updates = []
    for action in actions:
        for period in periods:
            updates.append(
                ProgressUpdate(
                    action=action,
                    period=period,
                    date=period.end - timedelta(days=3),
                    author_name="Bench officer",
                    status=action.status,
                    rag=action.rag,
                    percent_complete=action.percent_complete,
                    commentary=_sentence(rng, 25),
                )
            )
        if len(updates) >= BATCH * 5:
            ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
            out.updates += len(updates)
            updates = []
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    out.updates += len(updates)
    return review
