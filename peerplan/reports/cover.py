"""The editable texts of a cover report: the council's defaults overlaid with what the author wrote.

A Cover is plain data kept as JSON with the report; building one never touches the database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

from .sections import DEFAULT_SECTIONS, sections_check

DEFAULT_ALTERNATIVE_OPTIONS = (
    "No alternative options are put forward: the report asks members to note progress with a plan the council "
    "has already agreed."
)
DEFAULT_REASONS = "So that members can follow the delivery of the action plan and hold the council to account for it."
DEFAULT_CONSULTATION = "The lead officers named in the action plan have provided the progress updates in this report."
DEFAULT_RISK_IMPLICATIONS = (
    "Actions rated red or amber, or overdue, are reported in {section:exceptions} with how the risk is being managed."
)

COVER_FIELDS_HELP = {
    "meeting": "The committee or meeting, e.g. Cabinet.",
    "meeting_date": "The date of the meeting (YYYY-MM-DD).",
    "subject": "The report's subject line.",
    "report_of": "Who the report is from, e.g. Cabinet Member for Resources.",
    "wards_affected": "Usually All.",
    "key_decision": "Yes or No.",
    "budget_policy_framework": "Whether the decision is within the budget and policy framework, e.g. Yes.",
    "contact_officer": "Name and job title.",
    "contact_details": "Email and telephone.",
    "purpose": "Section 1 (a default is written from the review when empty).",
    "recommendation_wording": "What members are asked to do: note the progress, endorse the progress …",
    "background": "An extra paragraph for the Background section.",
    "next_steps": "The Next steps section's opening paragraph.",
    "alternative_options": "Alternative options considered.",
    "reasons": "Reasons for the recommendations.",
    "consultation": "Consultation.",
    "financial_implications": "Implications: financial.",
    "legal_implications": "Implications: legal.",
    "risk_implications": "Implications: risk. {section:exceptions} prints the Exceptions section's number.",
    "equalities_implications": "Implications: equalities.",
    "environmental_implications": "Implications: environmental.",
    "other_implications": "More implications, heading → text, e.g. {'Health and safety': 'None.'}.",
    "background_papers": "Background papers.",
    "sections": "The sections in order, e.g. ['purpose', 'recommendations', …]; leave one out to switch it off.",
    "section_notes": "An opening paragraph per section, e.g. {'progress': 'Members asked for …'}.",
    "intro": "The position statement's introduction.",
    "impact": "Position statement: early impact per recommendation ref, e.g. {'1': 'Fewer complaints …'}.",
    "done": "Position statement: what has been done, per recommendation ref (else drawn from the plan, marked).",
    "evidence": "Position statement: the evidence, per recommendation ref (else drawn from the updates, marked).",
    "remains": "Position statement: what remains, per recommendation ref (else drawn from the plan, marked).",
}


@dataclass(frozen=True)
class Cover:
    meeting: str = ""
    meeting_date: date | None = None
    subject: str = ""
    report_of: str = ""
    wards_affected: str = "All"
    key_decision: str = "No"
    budget_policy_framework: str = ""
    contact_officer: str = ""
    contact_details: str = ""
    purpose: str = ""
    recommendation_wording: str = "note the progress"
    background: str = ""
    next_steps: str = ""
    alternative_options: str = DEFAULT_ALTERNATIVE_OPTIONS
    reasons: str = DEFAULT_REASONS
    consultation: str = DEFAULT_CONSULTATION
    financial_implications: str = "There are no financial implications arising directly from this report."
    legal_implications: str = "There are no legal implications arising directly from this report."
    risk_implications: str = DEFAULT_RISK_IMPLICATIONS
    equalities_implications: str = "There are no equalities implications arising directly from this report."
    environmental_implications: str = "There are no environmental implications arising directly from this report."
    other_implications: dict[str, str] = field(default_factory=dict)
    background_papers: str = "None."
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    section_notes: dict[str, str] = field(default_factory=dict)
    intro: str = ""
    impact: dict[str, str] = field(default_factory=dict)
    done: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    remains: dict[str, str] = field(default_factory=dict)

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
    "budget_policy_framework",
    "recommendation_wording",
    "alternative_options",
    "reasons",
    "consultation",
    "financial_implications",
    "legal_implications",
    "risk_implications",
    "equalities_implications",
    "environmental_implications",
    "background_papers",
)
_DICT_FIELDS = ("impact", "done", "evidence", "remains", "other_implications", "section_notes")


def cover_from_defaults(defaults: Any | None) -> Cover:
    """A cover starting from the council's ReportDefaults (or the product's own when it has none)."""
    if defaults is None:
        return Cover()
    return replace(
        Cover(),
        **{name: getattr(defaults, name) for name in _DEFAULT_FIELDS},
        sections=tuple(defaults.sections or DEFAULT_SECTIONS),
        section_notes=dict(defaults.section_notes or {}),
        other_implications=dict(defaults.other_implications or {}),
    )


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
    for name in _DICT_FIELDS:
        if name in values:
            if not isinstance(values[name] or {}, dict):
                raise ValueError(f"Cover field {name} must be a mapping of text to text.")
            values[name] = {str(k): str(v) for k, v in (values[name] or {}).items()}
    if "sections" in values:
        if not isinstance(values["sections"], list | tuple):
            raise ValueError("Cover field sections must be a list of section names.")
        values["sections"] = sections_check([str(s) for s in values["sections"]])
    for name, value in values.items():
        if name not in ("meeting_date", "sections", *_DICT_FIELDS) and not isinstance(value, str):
            raise ValueError(f"Cover field {name} must be text.")
    return replace(cover, **values)
