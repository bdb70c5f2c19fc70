"""Write a stored review back out as a `peerplan.plan/1` document, in a fixed number of queries.

The document carries no database identity, so export → load → export gives the same JSON.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from peerplan.accounts.models import User
from peerplan.progress.models import ProgressUpdate, ReportingPeriod
from peerplan.safetext import clean_characters

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
    """The review as a validated `peerplan.plan/1` document (for `peerplan export` and the download)."""
    return pf.PlanDocument.model_validate(plan_data(review))


def plan_json(review: Review) -> bytes:
    """The review's document as compact JSON bytes, exactly `dump(export_review(review))` (the API's plan).

    Built from trusted rows without pydantic: validating and dumping a 1,000-action plan's 19,000 objects
    took longer than reading them. A test holds it to the schema and to `dump(export_review(…))`.
    """
    return orjson.dumps(plan_data(review))


def _kept(value: dict[str, Any]) -> dict[str, Any]:
    """As `planformat.dump` writes an object: core keys always, the others only when they say something."""
    return {k: v for k, v in value.items() if v or k in pf.CORE_KEYS}


def _clean(value: str | None) -> str | None:
    """What validating the document does to stored text: characters that may not be stored are dropped."""
    return clean_characters(value) if value else value


def _cleaned(values: list[Any]) -> list[Any]:
    return [clean_characters(v) if isinstance(v, str) else v for v in values]


def plan_data(review: Review) -> dict[str, Any]:
    """The document as plain JSON data (dates left as dates), in `planformat.dump`'s shape: keys in the
    schema's order, text cleaned as validation cleans it, extension keys only when they say something.

    Plain rows, not model instances, in a fixed number of queries: the API serves 1,000-action plans with
    8,000 updates.
    """
    review = (
        Review.objects.select_related("organisation")
        .prefetch_related("themes", "peer_team", "milestones_met", "reporting_periods")
        .get(pk=review.pk)
    )
    recs = Recommendation.objects.filter(review=review).order_by("order", "pk")
    actions = list(
        Action.objects.filter(review=review)
        .order_by("sort_key")
        .values_list(
            "pk", "parent_id", "recommendation_id", "ref", "text", "timescale", "original_due", "status", "rag",
            "rag_reason", "percent_complete", "lead_officer_id", "lead_member_id",
        )
    )  # fmt: skip
    owners_of = _names_by(ActionOwner.objects.filter(action__review=review), "action_id")
    revisions_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for action_id, new_due, reason, decided_on in (
        DueDateRevision.objects.filter(action__review=review, state=RevisionState.APPROVED)
        .order_by("decided_on", "pk")
        .values_list("action_id", "new_due", "reason", "decided_on")
    ):
        revisions_of[action_id].append(_kept({"due": new_due, "reason": _clean(reason), "on": decided_on}))
    updates_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = list(
        ProgressUpdate.objects.filter(action__review=review)
        .order_by("action_id", "date", "pk")  # each action's oldest first; sorting by action first is cheaper
        # Author and period by id, named from two small queries; evidence as its JSON text, almost always "[]".
        .annotate(evidence_json=Cast("evidence", TextField()))
        .values_list(
            "action_id", "date", "author_name", "author_id", "period_id", "status", "rag", "rag_reason",
            "percent_complete", "commentary", "public_summary", "evidence_json",
        )
    )  # fmt: skip
    authors = {
        pk: (full_name or email) if email else None
        for pk, full_name, email in User.objects.filter(pk__in={r[3] for r in rows if r[3]}).values_list(
            "pk", "full_name", "email"
        )
    }
    periods = dict(ReportingPeriod.objects.filter(pk__in={r[4] for r in rows if r[4]}).values_list("pk", "name"))
    for (
        action_id, on, author_name, author_id, period_id, status, rag, rag_reason, percent, commentary,
        public_summary, evidence,
    ) in rows:  # fmt: skip
        author = authors.get(author_id) or author_name  # as recorded, for imported history
        updates_of[action_id].append(
            _kept(
                {
                    "date": on,
                    "author": _clean(author or None),
                    "period": _clean(periods.get(period_id)) if period_id else None,
                    "status": status or None,
                    "rag": rag or None,
                    "rag_reason": _clean(rag_reason or None),
                    "percent_complete": percent,
                    "commentary": _clean(commentary),
                    "public_summary": _clean(public_summary or None),
                    "evidence": _cleaned(list(orjson.loads(evidence) or [])) if evidence != "[]" else [],
                }
            )
        )
    rec_owners = _names_by(RecommendationOwner.objects.filter(recommendation__review=review), "recommendation_id")
    lead_ids = {lead for a in actions for lead in (a[11], a[12]) if lead}
    leads = dict(Owner.objects.filter(pk__in=lead_ids).values_list("pk", "name"))
    children: dict[int | None, list[tuple[Any, ...]]] = defaultdict(list)
    by_rec: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for action in actions:
        if action[1] is None:
            by_rec[action[2]].append(action)
        else:
            children[action[1]].append(action)

    def action_doc(a: tuple[Any, ...]) -> dict[str, Any]:
        pk, _, _, ref, text, timescale, due, status, rag, rag_reason, percent, lead_officer, lead_member = a
        return _kept(
            {
                "ref": _clean(ref or None),
                "text": clean_characters(text),
                "owners": _cleaned(owners_of.get(pk, [])),
                "timescale": _clean(timescale or None),
                "due": due,
                "status": status or None,
                "actions": [action_doc(c) for c in children[pk]],
                "lead_officer": _clean(leads.get(lead_officer)),
                "lead_member": _clean(leads.get(lead_member)),
                "revisions": revisions_of.get(pk, []),
                "rag": rag or None,
                "rag_reason": _clean(rag_reason or None),
                "percent_complete": percent,
                "updates": updates_of.get(pk, []),
            }
        )

    named = {n for names in [*owners_of.values(), *rec_owners.values()] for n in names} | set(leads.values())
    people: dict[str, dict[str, Any]] = {}  # one entry per name, the last one found winning
    for name, job_title, email in (
        Owner.objects.filter(organisation_id=review.organisation_id, name__in=named, kind="person")
        .exclude(job_title="", email="")
        .values_list("name", "job_title", "email")
    ):
        people[name] = _kept(
            {"name": clean_characters(name), "job_title": _clean(job_title or None), "email": _clean(email or None)}
        )
    document = {
        "format": pf.FORMAT,
        "organisation": _clean(review.organisation.name),
        "review": _kept(
            {
                "kind": review.kind,
                "title": clean_characters(review.title),
                "themes": _cleaned([t.name for t in review.themes.all()]),
                "visit_start": review.visit_start,
                "visit_end": review.visit_end,
                "feedback_report_date": review.feedback_report_date,
                "plan_approved_on": review.plan_approved_on,
                "peer_team": [
                    _kept(
                        {
                            "name": _clean(m.name),
                            "role": _clean(m.role or None),
                            "organisation": _clean(m.organisation or None),
                        }
                    )
                    for m in review.peer_team.all()
                ],
                "milestones_met": [
                    _kept({"milestone": m.milestone, "met_on": m.met_on}) for m in review.milestones_met.all()
                ],
                "reporting_periods": [
                    _kept({"name": _clean(p.name), "start": p.start, "end": p.end})
                    for p in review.reporting_periods.all()
                ],
            }
        ),
        "recommendations": [
            _kept(
                {
                    "ref": _clean(ref or None),
                    "key": kind == RecommendationKind.KEY,
                    "section": _clean(section or None),
                    "theme": _clean(theme),
                    "source": _clean(source or None),
                    "text": clean_characters(text),
                    "owners": _cleaned(rec_owners.get(pk, [])),
                    "actions": [action_doc(a) for a in by_rec[pk]],
                    "suggestion": kind == RecommendationKind.SUGGESTION,
                    "response": response or None,
                    "response_reason": _clean(response_reason or None),
                }
            )
            for pk, ref, kind, section, theme, source, text, response, response_reason in recs.values_list(
                "pk", "ref", "kind", "section", "theme__name", "source", "text", "response", "response_reason"
            )
        ],
        "people": sorted(people.values(), key=lambda p: p["name"]),
    }
    return _kept(document)


def _names_by(through: QuerySet[Any], key: str) -> dict[int, list[str]]:
    """Owner names per action or recommendation, in the order the plan gives them."""
    names: dict[int, list[str]] = defaultdict(list)
    for holder, name in through.order_by(key, "order", "pk").values_list(key, "owner__name"):
        names[holder].append(name)
    return names
