"""What a parser hands back: the plan document, the doubts a person should check, the column mapping.

Plain dataclasses, so a UI can show the doubts and let a person override the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peerplan.plans.planformat import PlanDocument


@dataclass(frozen=True)
class Doubt:
    """Something the parser was unsure about, e.g. where="row 14", message="timescale not understood"."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ParseResult:
    document: PlanDocument
    doubts: list[Doubt] = field(default_factory=list)
    # Heading as found in the file → field it was read as (see importers.columns.FIELDS).
    columns: dict[str, str] = field(default_factory=dict)
