"""What a parser hands back: the plan document, the doubts a person should check, how each column and
row was read and why.

Plain dataclasses, so a UI can show the doubts and reasons and let a person override the reading; a
result turns into JSON and back, so a draft import is parsed once and kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from peerplan.plans.planformat import PlanDocument


@dataclass(frozen=True)
class Doubt:
    """Something the parser was unsure about, e.g. where="row 14", message="timescale not understood"."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ColumnReading:
    """How one column of a table was read: `key` names it in a mapping (its heading, or 'column N'
    when it has none), `field` is what it was read as ('ignore' when not read), `reason` says why."""

    table: str
    key: str
    heading: str
    field: str
    reason: str


@dataclass(frozen=True)
class RowReading:
    """How one table row was read: as a recommendation, an action, a continuation, a section, or not."""

    where: str
    read_as: str
    text: str


@dataclass
class ParseResult:
    document: PlanDocument
    doubts: list[Doubt] = field(default_factory=list)
    # Heading as found in the file → field it was read as (see importers.columns.FIELDS).
    columns: dict[str, str] = field(default_factory=dict)
    readings: list[ColumnReading] = field(default_factory=list)
    rows: list[RowReading] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.model_dump(mode="json"),
            "doubts": [[d.where, d.message] for d in self.doubts],
            "columns": self.columns,
            "readings": [[c.table, c.key, c.heading, c.field, c.reason] for c in self.readings],
            "rows": [[r.where, r.read_as, r.text] for r in self.rows],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParseResult:
        return cls(
            document=PlanDocument.model_validate(data["document"]),
            doubts=[Doubt(*d) for d in data.get("doubts", [])],
            columns=dict(data.get("columns", {})),
            readings=[ColumnReading(*c) for c in data.get("readings", [])],
            rows=[RowReading(*r) for r in data.get("rows", [])],
        )
