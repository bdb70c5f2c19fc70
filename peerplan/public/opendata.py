"""Open data from an issued snapshot: CSV rows and a peerplan.plan/1 document, with only what is public.

Published: the plan's words, owners, dates, status, RAG and the public summary. Never published: internal
commentary, RAG reasons, evidence, update authors.
"""

from __future__ import annotations

from peerplan.plans import planformat as pf
from peerplan.plans.enums import RecommendationKind
from peerplan.reports.plan_table import plan_table, table_csv
from peerplan.reports.snapshot import ActionRow, Snapshot

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def snapshot_csv(snapshot: Snapshot) -> bytes:
    """One row per action in plan order, public columns only; every text cell safe against formulas."""
    return table_csv(*plan_table(snapshot, internal=False))


def snapshot_document(snapshot: Snapshot) -> pf.PlanDocument:
    """The snapshot as peerplan.plan/1: each action's position as at the day, its public summary as the update."""
    children: dict[int | None, list[ActionRow]] = {}
    for action in snapshot.actions:
        children.setdefault(action.parent_id, []).append(action)

    def action_doc(a: ActionRow) -> pf.Action:
        updates = []
        if a.public_summary and a.public_summary_date:
            updates.append(pf.Update(date=a.public_summary_date, public_summary=a.public_summary))
        return pf.Action(
            ref=a.ref or None,
            text=a.text,
            owners=list(a.owners),
            lead_officer=a.lead_officer or None,
            timescale=a.timescale or None,
            due=a.original_due,
            revisions=[pf.Revision(due=a.due, reason="Revised due date")] if a.revised and a.due else [],
            status=a.status or None,
            rag=a.rag or None,
            percent_complete=a.percent,
            updates=updates,
            actions=[action_doc(c) for c in children.get(a.id, [])],
        )

    return pf.PlanDocument(
        organisation=snapshot.organisation,
        review=pf.Review(
            kind=snapshot.review_kind,
            title=snapshot.review_title,
            themes=list(snapshot.themes),
            visit_start=snapshot.visit_start,
            visit_end=snapshot.visit_end,
            feedback_report_date=snapshot.feedback_report_date,
            plan_approved_on=snapshot.plan_approved_on,
            peer_team=[
                pf.PeerTeamMember(name=m.name, role=m.role or None, organisation=m.organisation or None)
                for m in snapshot.peer_team
            ],
            milestones_met=[pf.Milestone(milestone=c.milestone, met_on=c.met_on) for c in snapshot.clock if c.met_on],
        ),
        recommendations=[
            pf.Recommendation(
                ref=rec.ref or None,
                key=rec.kind == RecommendationKind.KEY,
                suggestion=rec.kind == RecommendationKind.SUGGESTION,
                theme=rec.theme or None,
                source=rec.source or None,
                text=rec.text,
                owners=list(rec.owners),
                response=rec.response or None,
                actions=[action_doc(a) for a in rec.actions if a.parent_id is None],
            )
            for rec in snapshot.recommendations
        ],
    )
