"""Check a parsed plan before it is saved, without touching the database but for one look-up of the
council's owners: what would be created, and values that would not fit (cut to fit, with a doubt).

Linear in the size of the plan, so a plan of 10,000 rows is checked in well under a second; the
real load runs only when the person confirms.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from peerplan.plans.models import Action as ActionModel
from peerplan.plans.models import Owner
from peerplan.plans.models import Recommendation as RecommendationModel
from peerplan.plans.planformat import Action, PlanDocument

from .result import Doubt


def _limit(model: Any, name: str) -> int:
    return int(model._meta.get_field(name).max_length)


def _walk(actions: list[Action]) -> Iterator[Action]:
    for action in actions:
        yield action
        yield from _walk(action.actions)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def document_check(document: PlanDocument, organisation: Any) -> tuple[str, list[Doubt]]:
    """('Would create …' sentence, doubts); values too long for their field are cut to fit."""
    doubts: list[Doubt] = []
    rec_ref, source, section = (_limit(RecommendationModel, f) for f in ("ref", "source", "section"))
    act_ref, timescale, owner_len = _limit(ActionModel, "ref"), _limit(ActionModel, "timescale"), _limit(Owner, "name")

    def fit(value: str | None, limit: int, where: str, what: str) -> str | None:
        if value is None:
            return None
        value = value.replace("\x00", "")
        if len(value) > limit:
            doubts.append(Doubt(where, f"the {what} is longer than {limit} characters and was cut to fit"))
            return value[:limit]
        return value

    names: set[str] = set()
    actions = updates = 0
    for n, rec in enumerate(document.recommendations, start=1):
        where = f"recommendation {rec.ref or n}"
        rec.text = rec.text.replace("\x00", "")
        rec.ref = fit(rec.ref, rec_ref, where, "reference")
        rec.source = fit(rec.source, source, where, "source")
        rec.section = fit(rec.section, section, where, "section")
        rec.owners = [o for o in (fit(o, owner_len, where, "owner") for o in rec.owners) if o]
        names.update(rec.owners)
        for action in _walk(rec.actions):
            at = f"{where}, action {action.ref or action.text[:30]!r}"
            action.text = action.text.replace("\x00", "")
            action.ref = fit(action.ref, act_ref, at, "reference")
            action.timescale = fit(action.timescale, timescale, at, "timescale")
            action.owners = [o for o in (fit(o, owner_len, at, "owner") for o in action.owners) if o]
            action.lead_officer = fit(action.lead_officer, owner_len, at, "lead officer")
            action.lead_member = fit(action.lead_member, owner_len, at, "lead member")
            names.update(action.owners)
            names.update(x for x in (action.lead_officer, action.lead_member) if x)
            actions += 1
            updates += len(action.updates)
    names = {" ".join(n.split()) for n in names}
    known = set(Owner.objects.filter(organisation=organisation).values_list("name", flat=True))
    parts = [
        _count(len(document.recommendations), "recommendation", "recommendations"),
        _count(actions, "action", "actions"),
        _count(len(names - known), "new owner", "new owners"),
    ]
    if updates:
        parts.append(_count(updates, "progress update", "progress updates"))
    return f"Would create {', '.join(parts[:-1])} and {parts[-1]} for {organisation.name}.", doubts
