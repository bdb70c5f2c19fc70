"""Write a stored review back out as a `peerplan.plan/1` document, in a fixed number of queries.

The document carries no database identity, so export → load → export gives the same JSON.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch

from peerplan.progress.models import ProgressUpdate

from . import planformat as pf
from .enums import RecommendationKind
from .models import Action, DueDateRevision, Owner, Recommendation, Review, RevisionState


def export_review(review: Review) -> pf.PlanDocument:
    review = (
        Review.objects.select_related("organisation")
        .prefetch_related("themes", "peer_team", "milestones_met", "reporting_periods")
        .get(pk=review.pk)
    )
    recs = list(
        Recommendation.objects.filter(review=review)
        .select_related("theme")
        .prefetch_related(Prefetch("owners", queryset=Owner.objects.order_by("recommendationowner__order")))
        .order_by("order", "pk")
    )
    actions = list(
        Action.objects.filter(review=review)
        .select_related("lead_officer", "lead_member")
        .prefetch_related(
            Prefetch("owners", queryset=Owner.objects.order_by("actionowner__order")),
            Prefetch(
                "revisions",
                queryset=DueDateRevision.objects.filter(state=RevisionState.APPROVED).order_by("decided_on", "pk"),
            ),
            Prefetch(
                "updates", queryset=ProgressUpdate.objects.select_related("period", "author").order_by("date", "pk")
            ),
        )
        .order_by("sort_key")
    )
    children: dict[int | None, list[Action]] = defaultdict(list)
    by_rec: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        if action.parent_id is None:
            by_rec[action.recommendation_id].append(action)
        else:
            children[action.parent_id].append(action)

    def action_doc(a: Action) -> pf.Action:
        return pf.Action(
            ref=a.ref or None,
            text=a.text,
            owners=[o.name for o in a.owners.all()],
            timescale=a.timescale or None,
            due=a.original_due,
            status=a.status or None,
            actions=[action_doc(c) for c in children[a.pk]],
            lead_officer=a.lead_officer.name if a.lead_officer else None,
            lead_member=a.lead_member.name if a.lead_member else None,
            revisions=[pf.Revision(due=r.new_due, reason=r.reason, on=r.decided_on) for r in a.revisions.all()],
            rag=a.rag or None,
            rag_reason=a.rag_reason or None,
            percent_complete=a.percent_complete,
            updates=[
                pf.Update(
                    date=u.date,
                    author=u.author_display or None,
                    period=u.period.name if u.period else None,
                    status=u.status or None,
                    rag=u.rag or None,
                    rag_reason=u.rag_reason or None,
                    percent_complete=u.percent_complete,
                    commentary=u.commentary,
                    public_summary=u.public_summary or None,
                    evidence=list(u.evidence or []),
                )
                for u in a.updates.all()
            ],
        )

    people: dict[str, pf.Person] = {}
    for owner in [o for r in recs for o in r.owners.all()] + [
        o for a in actions for o in [*a.owners.all(), a.lead_officer, a.lead_member] if o
    ]:
        if owner.kind == "person" and (owner.job_title or owner.email):
            people[owner.name] = pf.Person(
                name=owner.name, job_title=owner.job_title or None, email=owner.email or None
            )

    return pf.PlanDocument(
        organisation=review.organisation.name,
        review=pf.Review(
            kind=review.kind,
            title=review.title,
            themes=[t.name for t in review.themes.all()],
            visit_start=review.visit_start,
            visit_end=review.visit_end,
            feedback_report_date=review.feedback_report_date,
            plan_approved_on=review.plan_approved_on,
            peer_team=[
                pf.PeerTeamMember(name=m.name, role=m.role or None, organisation=m.organisation or None)
                for m in review.peer_team.all()
            ],
            milestones_met=[pf.Milestone(milestone=m.milestone, met_on=m.met_on) for m in review.milestones_met.all()],
            reporting_periods=[
                pf.ReportingPeriod(name=p.name, start=p.start, end=p.end) for p in review.reporting_periods.all()
            ],
        ),
        recommendations=[
            pf.Recommendation(
                ref=r.ref or None,
                key=r.kind == RecommendationKind.KEY,
                suggestion=r.kind == RecommendationKind.SUGGESTION,
                section=r.section or None,
                theme=r.theme.name if r.theme else None,
                source=r.source or None,
                text=r.text,
                owners=[o.name for o in r.owners.all()],
                actions=[action_doc(a) for a in by_rec[r.pk]],
                response=r.response or None,
                response_reason=r.response_reason or None,
            )
            for r in recs
        ],
        people=sorted(people.values(), key=lambda p: p.name),
    )
