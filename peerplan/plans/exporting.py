"""Write a stored review back out as a `peerplan.plan/1` document, in a fixed number of queries.

The document carries no database identity, so export → load → export gives the same JSON.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from peerplan.progress.models import ProgressUpdate

from . import planformat as pf
from .enums import RecommendationKind
from .models import (
    Action,
    ActionOwner,
    DueDateRevision,
    Owner,
    Recommendation,
    RecommendationOwner,
    Review,
    RevisionState,
)


def export_review(review: Review) -> pf.PlanDocument:
    review = (
        Review.objects.select_related("organisation")
        .prefetch_related("themes", "peer_team", "milestones_met", "reporting_periods")
        .get(pk=review.pk)
    )
    recs = list(Recommendation.objects.filter(review=review).select_related("theme").order_by("order", "pk"))
    actions: list[dict[str, Any]] = [
        dict(row)
        for row in Action.objects.filter(review=review)
        .order_by("sort_key")
        .values(
            "pk", "parent_id", "recommendation_id", "ref", "text", "timescale", "original_due", "status", "rag",
            "rag_reason", "percent_complete", "lead_officer_id", "lead_member_id",
        )
    ]  # fmt: skip
    # Plain rows, not model instances: a 1,000-action plan with 8,000 updates is served by the API.
    owners_of = _names_by(ActionOwner.objects.filter(action__review=review), "action_id")
    revisions_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in (
        DueDateRevision.objects.filter(action__review=review, state=RevisionState.APPROVED)
        .order_by("decided_on", "pk")
        .values("action_id", "new_due", "reason", "decided_on")
    ):
        revisions_of[r["action_id"]].append({"due": r["new_due"], "reason": r["reason"], "on": r["decided_on"]})
    updates_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for u in (
        ProgressUpdate.objects.filter(action__review=review)
        .order_by("date", "pk")
        .values(
            "action_id", "date", "author_name", "author__full_name", "author__email", "period__name", "status",
            "rag", "rag_reason", "percent_complete", "commentary", "public_summary", "evidence",
        )
    ):  # fmt: skip
        author = (u["author__full_name"] or u["author__email"]) if u["author__email"] else u["author_name"]
        updates_of[u["action_id"]].append(
            {  # plain data, validated with the whole document below
                "date": u["date"],
                "author": author or None,
                "period": u["period__name"],
                "status": u["status"] or None,
                "rag": u["rag"] or None,
                "rag_reason": u["rag_reason"] or None,
                "percent_complete": u["percent_complete"],
                "commentary": u["commentary"],
                "public_summary": u["public_summary"] or None,
                "evidence": list(u["evidence"] or []),
            }
        )
    rec_owners = _names_by(RecommendationOwner.objects.filter(recommendation__review=review), "recommendation_id")
    lead_ids = {a[k] for a in actions for k in ("lead_officer_id", "lead_member_id") if a[k]}
    leads = dict(Owner.objects.filter(pk__in=lead_ids).values_list("pk", "name"))
    children: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    by_rec: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for action in actions:
        if action["parent_id"] is None:
            by_rec[action["recommendation_id"]].append(action)
        else:
            children[action["parent_id"]].append(action)

    def action_doc(a: dict[str, Any]) -> dict[str, Any]:
        return {
            "ref": a["ref"] or None,
            "text": a["text"],
            "owners": owners_of.get(a["pk"], []),
            "timescale": a["timescale"] or None,
            "due": a["original_due"],
            "status": a["status"] or None,
            "actions": [action_doc(c) for c in children[a["pk"]]],
            "lead_officer": leads.get(a["lead_officer_id"]),
            "lead_member": leads.get(a["lead_member_id"]),
            "revisions": revisions_of.get(a["pk"], []),
            "rag": a["rag"] or None,
            "rag_reason": a["rag_reason"] or None,
            "percent_complete": a["percent_complete"],
            "updates": updates_of.get(a["pk"], []),
        }

    people: dict[str, pf.Person] = {}
    named = {n for names in [*owners_of.values(), *rec_owners.values()] for n in names} | set(leads.values())
    for name, job_title, email in (
        Owner.objects.filter(organisation_id=review.organisation_id, name__in=named, kind="person")
        .exclude(job_title="", email="")
        .values_list("name", "job_title", "email")
    ):
        people[name] = pf.Person(name=name, job_title=job_title or None, email=email or None)

    document = {
        "format": pf.FORMAT,
        "organisation": review.organisation.name,
        "review": pf.Review(
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
        "recommendations": [
            {
                "ref": r.ref or None,
                "key": r.kind == RecommendationKind.KEY,
                "suggestion": r.kind == RecommendationKind.SUGGESTION,
                "section": r.section or None,
                "theme": r.theme.name if r.theme else None,
                "source": r.source or None,
                "text": r.text,
                "owners": rec_owners.get(r.pk, []),
                "actions": [action_doc(a) for a in by_rec[r.pk]],
                "response": r.response or None,
                "response_reason": r.response_reason or None,
            }
            for r in recs
        ],
        "people": sorted(people.values(), key=lambda p: p.name),
    }
    return pf.PlanDocument.model_validate(document)  # the plain data validated once, as a whole


def _names_by(through: QuerySet[Any], key: str) -> dict[int, list[str]]:
    """Owner names per action or recommendation, in the order the plan gives them."""
    names: dict[int, list[str]] = defaultdict(list)
    for holder, name in through.order_by(key, "order", "pk").values_list(key, "owner__name"):
        names[holder].append(name)
    return names
