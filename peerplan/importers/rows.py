"""One table row → the actions it holds: an objective with its lettered steps, or the items of the
action columns, each with owners, timescale, due date, status, RAG and progress from the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from peerplan.plans.planformat import Action, Update

from .blocks import Row
from .outline import Item, is_no_further_action, nest, split_items
from .owners import split_owners
from .result import Doubt
from .tables import PlanTable
from .text import clean_cell, one_line
from .timescale_cells import place_timescales, read_timescale
from .vocab import rag_of, status_of

_CONNECTOR = re.compile(r"(?:\b(?:of|and|for|the|to|with|by|&)|[/,&-])\s*$", re.IGNORECASE)
# A line of a wrapped owner cell that starts a new owner rather than carrying on the one above.
_OWNER_START = re.compile(
    r"^(?:head|director|assistant|deputy|chief|cabinet|corporate|service|strategic|executive|lead|all|"
    r"cllr|councillor|the\s+(?:head|director|chief|leader))\b|^[A-Z]{2,}\b",
    re.IGNORECASE,
)
_DONE = re.compile(r"\b(?:completed?|done|achieved|in place)\.?$", re.IGNORECASE)
COLUMN_STATUS = {"current": "in-progress", "further": "proposed", "action": None}


@dataclass
class RowActions:
    """What a row holds: the actions (with their steps) and the row-wide values read from it."""

    actions: list[Action]
    owners: list[str]
    objective_ref: str | None = None
    many: bool = False  # the row gave several top-level actions (its owners describe the whole row)
    doubts: list[Doubt] = field(default_factory=list)


@dataclass
class RowReader:
    table: PlanTable
    as_of: date | None
    update_date: date | None

    def segments(self, row: Row, col: int) -> list[str]:
        return [clean_cell(s) for s in (row.cells[col] if col < len(row.cells) else [])]

    def read(self, row: Row, *, fallback: str | None = None) -> RowActions:
        """The row's actions; `fallback` names the single action of a row that gives a timescale,
        status or progress but no action text (a plan with one action per recommendation)."""
        t = self.table
        doubts: list[Doubt] = []
        parent: Action | None = None
        obj_ref: str | None = None
        if (obj_col := t.col("objective")) is not None:
            obj_items = split_items(self.segments(row, obj_col), wrapped=t.wrapped)
            if obj_items:
                obj_ref = obj_items[0].ref
                parent = Action(ref=obj_ref, text=" ".join(i.text for i in obj_items))
        tops: list[Action] = []
        flat: list[tuple[Item, Action]] = []
        for col in t.cols("action", "current", "further"):
            field_name = next(f for c, _, f in t.columns if c == col)
            depth = 2 if parent is not None else 3  # the objective is the first of three levels
            items = nest(split_items(self.segments(row, col), wrapped=t.wrapped), max_depth=depth)
            found = self._actions(items, COLUMN_STATUS[field_name], obj_ref, flat)
            if field_name != "action" and t.cols("action") and tops:
                tops[-1].actions.extend(found)  # what was done and what comes next, under the task
            else:
                tops.extend(found)
        owners = [o for col in t.cols("owner") for o in split_owners(self._owner_text(row, col))]
        if parent is not None:
            parent.actions = tops
            main = [parent]
        elif not tops and fallback and self._has_values(row):
            main = [Action(text=fallback)]
        else:
            main = tops
        self._timescales(row, main, flat, doubts)
        self._row_values(row, main, doubts)
        many = len(main) > 1
        lead = any(w in t.heading(c).lower() for c in t.cols("owner") for w in ("lead", "responsible officer"))
        members = [m for col in t.cols("lead_member") for m in split_owners(self._owner_text(row, col))]
        if parent is not None or len(main) == 1:
            for action in main:
                action.owners = list(owners)
                action.lead_officer = owners[0] if lead and owners else None
        for action in main:
            action.lead_member = ", ".join(members)[:200] or None
        return RowActions(main, owners, obj_ref, many, doubts)

    def _owner_text(self, row: Row, col: int) -> str:
        """Owners one a line; in wrapped text 'Head of' / 'Service' is one owner over two lines."""
        lines = [s for s in self.segments(row, col) if s.strip()]
        if not self.table.wrapped:
            joined: list[str] = []
            for line in lines:
                if joined and _CONNECTOR.search(joined[-1]):
                    joined[-1] = f"{joined[-1]} {line}"  # 'SM Fieldwork and' / 'SM Business Support'
                else:
                    joined.append(line)
            return "\n".join(joined)
        out: list[str] = []
        for line in lines:
            new_owner = bool(_OWNER_START.match(line)) and not out[-1].endswith(("-", "–")) if out else True
            if out and (
                _CONNECTOR.search(out[-1])
                or line[:1].islower()
                or line[:1] == "("
                or len(line.split()) == 1
                or not (new_owner or out[-1].endswith((".", ";", ",")))
            ):
                out[-1] = f"{out[-1]} {line}"
            else:
                out.append(line)
        return "\n".join(out)

    def _has_values(self, row: Row) -> bool:
        cols = self.table.cols("timescale", "status", "rag", "progress", "evidence")
        return any(row.text(c).strip() for c in cols)

    def _actions(
        self, items: list[Item], status: str | None, parent_ref: str | None, flat: list[tuple[Item, Action]]
    ) -> list[Action]:
        out = []
        for item in items:
            ref = item.ref
            if parent_ref and ref and item.kind == "letter":
                ref = f"{parent_ref}{ref}"
            own = "no-further-action" if is_no_further_action(item.text) else status
            if own == "in-progress" and _DONE.search(item.text):
                own = "complete"  # 'Template for the data completed
            action = Action(ref=ref, text=item.text, status=own)
            flat.append((item, action))
            action.actions = self._actions(item.children, status, ref or parent_ref, flat)
            out.append(action)
        return out

    def _timescales(self, row: Row, main: list[Action], flat: list[tuple[Item, Action]], doubts: list[Doubt]) -> None:
        for col in self.table.cols("timescale"):
            placed = place_timescales([i for i, _ in flat], self.segments(row, col), wrapped=self.table.wrapped)
            where = f"{row.where}, column '{self.table.heading(col)}'"
            if placed.surplus:
                doubts.append(Doubt(where, "more timescales than steps; check which step each belongs to"))
            if placed.parent:
                for action in main:
                    self._set_timescale(action, placed.parent, where, doubts)
            for n, text in placed.steps.items():
                self._set_timescale(flat[n][1], text, where, doubts)

    def _set_timescale(self, action: Action, text: str, where: str, doubts: list[Doubt]) -> None:
        action.timescale = f"{action.timescale} {text}" if action.timescale else text
        reading = read_timescale(action.timescale, self.as_of)
        action.due = reading.due
        if reading.kind == "not-understood":
            doubts.append(Doubt(where, f"timescale {text!r} not understood; no due date set"))
        elif reading.kind == "complete" and action.status is None:
            action.status = "complete"

    def _row_values(self, row: Row, main: list[Action], doubts: list[Doubt]) -> None:
        t = self.table
        status = rag = None
        for col in t.cols("status"):
            text = one_line(clean_cell(row.text(col)))
            status = status or status_of(text)
            if status is None:
                rag = rag or rag_of(text)  # some plans keep the RAG rating in the status column
            if text and not (status or rag):
                doubts.append(Doubt(f"{row.where}, column '{t.heading(col)}'", f"status {text!r} not recognised"))
        for col in t.cols("rag"):
            text = one_line(clean_cell(row.text(col)))
            rag = rag_of(text) or rag
            if text and not rag_of(text):
                doubts.append(Doubt(f"{row.where}, column '{t.heading(col)}'", f"RAG rating {text!r} not recognised"))
        commentary = [clean_cell(row.text(c)) for c in t.cols("progress")]
        if status is None and any(_DONE.search(c.split("\n")[0].split(". ")[0]) for c in commentary if c):
            status = "complete"  # progress that opens with 'Action completed.'
        evidence = [e for c in t.cols("evidence") if (e := clean_cell(row.text(c)))]
        status, rag = _agree(status, rag, row.where, doubts)
        for action in main:
            if status:
                action.status = status
            if rag:
                action.rag = rag
        notes = [c for c in commentary if c]
        if notes or evidence:
            if self.update_date is None:
                doubts.append(
                    Doubt(
                        row.where,
                        "progress commentary not kept: the plan gives no date for it (give the date with --as-of)",
                    )
                )
                return
            for action in main:
                action.updates.append(
                    Update(
                        date=self.update_date, commentary="\n\n".join(notes), evidence=evidence, status=status, rag=rag
                    )
                )


def _agree(status: str | None, rag: str | None, where: str, doubts: list[Doubt]) -> tuple[str | None, str | None]:
    """A status and a RAG rating that contradict each other: a plan's 'Not started' left in every row
    while the rating says the work is under way; 'Complete' rated red or amber."""
    if status == "not-started" and rag in ("red", "amber", "green"):
        doubts.append(Doubt(where, f"status 'not started' but rated {rag}: read as in progress"))
        return "in-progress", rag
    if status == "complete" and rag in ("red", "amber"):
        doubts.append(Doubt(where, f"status 'complete' but rated {rag}: the rating was read as complete"))
        return status, "complete"
    return status, rag
