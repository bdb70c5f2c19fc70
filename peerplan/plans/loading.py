"""Store a `peerplan.plan/1` document as a new review: the service behind `peerplan load` and imports.

One transaction; a dry run does all the work, reports it, and rolls it back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from peerplan.accounts.models import Organisation, User
from peerplan.audit.services import audit_record
from peerplan.progress.models import ProgressUpdate, ReportingPeriod

from . import planformat as pf
from .enums import OwnerKind, RecommendationKind, ReviewKind, ThemeSet
from .models import (
    Action,
    ActionOwner,
    DueDateRevision,
    MilestoneMet,
    Owner,
    Recommendation,
    RecommendationOwner,
    RevisionState,
)
from .services import organisation_create, owner_get_or_create, owner_links, review_create, sort_key_for
from .timescales import understand


class LoadError(ValueError):
    """The document cannot be stored as it is; the message says why."""


@dataclass
class LoadReport:
    organisation: str
    review_title: str
    committed: bool
    review_id: int | None = None
    created: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        verb = "Created" if self.committed else "Would create"
        counts = ", ".join(_count(n, what) for what, n in self.created.items() if n)
        return [f"{verb} review “{self.review_title}” for {self.organisation}: {counts or 'nothing else'}."]

    def command_lines(self) -> list[str]:
        """What `peerplan load` and `peerplan import` print: with --commit, the review's identifier last."""
        if self.committed:
            return [*self.lines(), str(self.review_id)]
        return [*self.lines(), "Dry run: nothing was stored. Run again with --commit to store the plan."]


def _count(n: int, plural: str) -> str:
    return f"{n} {plural}" if n != 1 else f"1 {plural.removesuffix('s')}"


class _DryRun(Exception):  # noqa: N818 -- control flow, never escapes plan_load
    pass


def plan_load(
    *,
    document: pf.PlanDocument,
    organisation: Organisation | None = None,
    organisation_name: str | None = None,
    actor: User | None = None,
    commit: bool,
) -> LoadReport:
    """Create the review, its recommendations, actions, owners, revisions and updates.

    The council is `organisation`, else the one named (or slugged) `organisation_name` or in the
    document, created if it does not exist yet.
    """
    name = organisation.name if organisation else (organisation_name or document.organisation or "").strip()
    if not name:
        raise LoadError("The document names no organisation: say which council it belongs to (--organisation).")
    try:
        document = pf.check_document(document)
    except pf.PlanFormatError as exc:
        raise LoadError(_problems(exc.problems)) from None
    report = LoadReport(organisation=name, review_title=document.review.title, committed=commit)
    loader = _Loader(document, organisation, actor, report)
    try:
        with transaction.atomic():
            loader.run()
            if not commit:
                raise _DryRun
    except _DryRun:
        report.review_id = None
    except ValidationError as exc:  # a rule of the models the document check does not know: say where
        raise LoadError(_problems([f"{loader.where}: {m}" for m in _messages(exc)])) from None
    return report


MAX_PROBLEMS = 20
BATCH = 500  # rows an insert carries: well inside SQLite's limit on query parameters
_ACTION_KEYS = ("review", "recommendation", "parent", "lead_officer", "lead_member", "rag_set_by")


def _problems(problems: list[str]) -> str:
    shown = problems[:MAX_PROBLEMS]
    more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
    noun = "problem" if len(problems) == 1 else "problems"
    verb = "is" if len(problems) == 1 else "are"
    return f"The plan cannot be stored until {len(problems)} {noun} {verb} put right{more}: " + "; ".join(shown) + "."


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{name.replace('_', ' ')}: {' '.join(m)}" for name, m in exc.message_dict.items()]
    return list(exc.messages)


class _Loader:
    def __init__(self, doc: pf.PlanDocument, organisation: Organisation | None, actor: User | None, report: LoadReport):
        self.doc, self.organisation, self.actor, self.report = doc, organisation, actor, report
        self.owners: dict[str, Owner] = {}
        self.periods: dict[str, ReportingPeriod] = {}
        self.where = "the review"  # the part being stored, for messages

    def run(self) -> None:
        org = self.organisation or self._organisation(self.report.organisation)
        self.organisation = org
        r = self.doc.review
        review = review_create(
            organisation=org,
            actor=self.actor,
            title=r.title,
            kind=ReviewKind(r.kind),
            visit_start=r.visit_start,
            visit_end=r.visit_end,
            feedback_report_date=r.feedback_report_date,
            themes=[(name, ThemeSet.CPC_2023.value) for name in r.themes],
            peer_team=[m.model_dump() for m in r.peer_team],
        )
        review.plan_approved_on = r.plan_approved_on
        review.save(update_fields=["plan_approved_on"])
        self.review = review
        self.as_of = r.feedback_report_date or r.plan_approved_on or r.visit_end
        MilestoneMet.objects.bulk_create(
            MilestoneMet(review=review, milestone=m.milestone, met_on=m.met_on) for m in r.milestones_met
        )
        for p in r.reporting_periods:
            self.periods[p.name] = ReportingPeriod.objects.create(review=review, name=p.name, start=p.start, end=p.end)
        self.report.created["reporting periods"] += len(r.reporting_periods)
        for person in self.doc.people:
            self._owner(person.name, OwnerKind.PERSON, person.job_title or "", person.email or "")
        self._plan({t.name: t for t in review.themes.all()})
        self.report.review_id = review.pk
        audit_record(
            actor=self.actor,
            organisation=org,
            verb="loaded plan",
            target=review,
            changes={k: [None, v] for k, v in self.report.created.items()},
            review_id=review.pk,
        )

    def _organisation(self, name: str) -> Organisation:
        existing = Organisation.objects.filter(name=name).first() or Organisation.objects.filter(slug=name).first()
        if existing:
            self.report.organisation = existing.name
            return existing
        self.report.created["organisations"] += 1
        base = slugify(name)[:70] or "council"
        slug, n = base, 1
        while Organisation.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return organisation_create(name=name, slug=slug, actor=self.actor)

    def _owner(self, name: str, kind: OwnerKind | None = None, job_title: str = "", email: str = "") -> Owner:
        if name not in self.owners:
            assert self.organisation is not None
            before = Owner.objects.filter(organisation=self.organisation, name=name).exists()
            self.owners[name] = owner_get_or_create(
                organisation=self.organisation, name=name, kind=kind, job_title=job_title, email=email, audit=False
            )  # the load's one audit entry counts the owners it created
            self.report.created["owners"] += 0 if before else 1
        return self.owners[name]

    def _link_owners(
        self,
        through: type[ActionOwner] | type[RecommendationOwner],
        field: str,
        made: Sequence[tuple[pf.Recommendation, Recommendation]] | Sequence[tuple[pf.Action, Action]],
    ) -> None:
        """Each stored item's owners as the file names them, in a few inserts (services.owner_links' rule)."""
        through._default_manager.bulk_create(
            (link for doc, obj in made for link in owner_links(through, field, obj, map(self._owner, doc.owners))),
            batch_size=BATCH,
        )

    # The plan is stored a level at a time, each level in a few inserts: an import of 10,000 rows makes
    # dozens of queries, not twenty per row. Each row is still checked with full_clean() before it is stored.
    def _plan(self, themes: dict[str, Any]) -> None:
        doc_recs = enumerate(self.doc.recommendations, start=1)
        recs = [(rec, self._recommendation(rec, order, themes)) for order, rec in doc_recs]
        Recommendation.objects.bulk_create([obj for _, obj in recs], batch_size=BATCH)
        self._link_owners(RecommendationOwner, "recommendation", recs)
        self.report.created["recommendations"] += len(recs)
        level: list[tuple[pf.Action, Recommendation, Action | None, int]] = [
            (a, obj, None, position) for rec, obj in recs for position, a in enumerate(rec.actions, start=1)
        ]
        revisions: list[DueDateRevision] = []
        updates: list[ProgressUpdate] = []
        while level:
            made = [(a, self._action(a, obj, parent, position)) for a, obj, parent, position in level]
            for a, action in made:
                revisions += self._revisions(action, a.revisions)
            Action.objects.bulk_create([action for _, action in made], batch_size=BATCH)
            self._link_owners(ActionOwner, "action", made)
            for a, action in made:
                updates += self._updates(action, a.updates)
            self.report.created["actions"] += len(made)
            level = [
                (child, action.recommendation, action, position)
                for a, action in made
                for position, child in enumerate(a.actions, start=1)
            ]
        DueDateRevision.objects.bulk_create(revisions, batch_size=BATCH)
        self.report.created["revised due dates"] += len(revisions)
        ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
        self.report.created["progress updates"] += len(updates)

    def _recommendation(self, rec: pf.Recommendation, order: int, themes: dict[str, Any]) -> Recommendation:
        self.where = f"recommendation {rec.ref or order}"
        theme = None
        if rec.theme:
            theme = themes.get(rec.theme)
            if theme is None:
                theme = self.review.themes.create(name=rec.theme, source=ThemeSet.LOCAL, order=len(themes))
                themes[rec.theme] = theme
        kind = (
            RecommendationKind.KEY
            if rec.key
            else RecommendationKind.SUGGESTION
            if rec.suggestion
            else RecommendationKind.RECOMMENDATION
        )
        obj = Recommendation(
            review=self.review,
            text=rec.text,
            ref=rec.ref or "",
            kind=kind,
            theme=theme,
            source=rec.source or "",
            section=rec.section or "",
            response=rec.response or "",
            response_reason=rec.response_reason or "",
            order=order,
        )
        obj.full_clean(exclude=["review", "theme"])  # both were stored by this load a moment ago
        return obj

    def _action(self, a: pf.Action, rec: Recommendation, parent: Action | None, position: int) -> Action:
        """The action as action_create would make it; its owners are stored by the caller."""
        self.where = f"recommendation {rec.ref or rec.order}, action {a.ref or (a.text[:40] or position)}"
        understood = understand(a.timescale or None, as_of=self.as_of)
        action = Action(
            review_id=self.review.pk,
            recommendation=rec,
            parent=parent,
            depth=(parent.depth + 1) if parent else 1,
            sort_key=sort_key_for(parent, position),
            ref=a.ref or "",
            text=a.text,
            lead_officer=self._owner(a.lead_officer) if a.lead_officer else None,
            lead_member=self._owner(a.lead_member) if a.lead_member else None,
            timescale=a.timescale or "",
            timescale_kind=str(understood.kind),
            start_date=understood.start,
            original_due=a.due if a.due is not None else understood.due,
            status=a.status or "",
            rag=a.rag or "",
            rag_reason=a.rag_reason or "",
            percent_complete=a.percent_complete,
        )
        action.due_date = action.original_due
        # Its keys point at rows this load stored; the depth and percentage constraints are the fields'
        # validators too, so the per-row constraint queries are left to the database's own checks.
        action.full_clean(exclude=list(_ACTION_KEYS), validate_constraints=False)
        return action

    def _revisions(self, action: Action, revisions: list[pf.Revision]) -> list[DueDateRevision]:
        """The approved revisions, oldest first; the action's due date becomes the last one's."""
        made = []
        previous: date | None = action.original_due
        for rev in revisions:
            made.append(
                DueDateRevision(
                    action=action,
                    previous_due=previous,
                    new_due=rev.due,
                    reason=rev.reason,
                    state=RevisionState.APPROVED,
                    requested_on=rev.on or rev.due,
                    decided_on=rev.on or rev.due,
                )
            )
            previous = rev.due
        action.due_date = previous
        return made

    def _updates(self, action: Action, updates: list[pf.Update]) -> list[ProgressUpdate]:
        rows = []
        for u in updates:
            if u.period and u.period not in self.periods:
                raise LoadError(
                    f"An update on action {action.ref or action.text[:40]!r} names the reporting "
                    f"period {u.period!r}, which review.reporting_periods does not list."
                )
            rows.append(
                ProgressUpdate(
                    action=action,
                    period=self.periods.get(u.period or ""),
                    date=u.date,
                    author_name=u.author or "",
                    status=u.status or action.status or "not-started",
                    rag=u.rag or "",
                    rag_reason=u.rag_reason or "",
                    percent_complete=u.percent_complete,
                    commentary=u.commentary,
                    public_summary=u.public_summary or "",
                    evidence=list(u.evidence),
                )
            )
        return rows
