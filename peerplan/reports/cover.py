"""The editable texts of a cover report: the council's defaults overlaid with what the author wrote.

A Cover is plain data kept as JSON with the report; building one never touches the database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

COVER_FIELDS_HELP = {
    "meeting": "The committee or meeting, e.g. Cabinet.",
    "meeting_date": "The date of the meeting (YYYY-MM-DD).",
    "subject": "The report's subject line.",
    "report_of": "Who the report is from, e.g. Cabinet Member for Resources.",
    "wards_affected": "Usually All.",
    "key_decision": "Yes or No.",
    "contact_officer": "Name and job title.",
    "contact_details": "Email and telephone.",
    "purpose": "Section 1 (a default is written from the review when empty).",
    "recommendation_wording": "What members are asked to do: note the progress, endorse the progress …",
    "background": "An extra paragraph for section 3.",
    "next_steps": "Section 7's opening paragraph.",
    "financial_implications": "Section 8.1.",
    "legal_implications": "Section 8.2.",
    "risk_implications": "Section 8.3.",
    "equalities_implications": "Section 8.4.",
    "environmental_implications": "Section 8.5.",
    "background_papers": "Section 9.",
    "intro": "The position statement's introduction.",
    "impact": "Position statement: early impact per recommendation ref, e.g. {'1': 'Fewer complaints …'}.",
}


@dataclass(frozen=True)
class Cover:
    meeting: str = ""
    meeting_date: date | None = None
    subject: str = ""
    report_of: str = ""
    wards_affected: str = "All"
    key_decision: str = "No"
    contact_officer: str = ""
    contact_details: str = ""
    purpose: str = ""
    recommendation_wording: str = "note the progress"
    background: str = ""
    next_steps: str = ""
    financial_implications: str = "There are no financial implications arising directly from this report."
    legal_implications: str = "There are no legal implications arising directly from this report."
    risk_implications: str = "Actions rated red or amber are reported in section 6 with how the risk is being managed."
    equalities_implications: str = "There are no equalities implications arising directly from this report."
    environmental_implications: str = "There are no environmental implications arising directly from this report."
    background_papers: str = "None."
    intro: str = ""
    impact: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["meeting_date"] = self.meeting_date.isoformat() if self.meeting_date else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cover:
        return cover_apply(cls(), data)


_DEFAULT_FIELDS = (
    "report_of",
    "contact_officer",
    "contact_details",
    "wards_affected",
    "key_decision",
    "recommendation_wording",
    "financial_implications",
    "legal_implications",
    "risk_implications",
    "equalities_implications",
    "environmental_implications",
    "background_papers",
)


def cover_from_defaults(defaults: Any | None) -> Cover:
    """A cover starting from the council's ReportDefaults (or the product's own when it has none)."""
    if defaults is None:
        return Cover()
    return replace(Cover(), **{name: getattr(defaults, name) for name in _DEFAULT_FIELDS})


def cover_apply(cover: Cover, changes: dict[str, Any]) -> Cover:
    """The cover with `changes` written over it; unknown keys and bad dates raise ValueError."""
    known = {f.name for f in fields(Cover)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise ValueError(f"Unknown cover field(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}.")
    values = dict(changes)
    if isinstance(values.get("meeting_date"), str):
        try:
            values["meeting_date"] = date.fromisoformat(values["meeting_date"])
        except ValueError as error:
            raise ValueError(f"meeting_date {values['meeting_date']!r} is not a date (YYYY-MM-DD).") from error
    if "impact" in values:
        values["impact"] = {str(k): str(v) for k, v in (values["impact"] or {}).items()}
    for name, value in values.items():
        if name not in ("meeting_date", "impact") and not isinstance(value, str):
            raise ValueError(f"Cover field {name} must be text.")
    return replace(cover, **values)
