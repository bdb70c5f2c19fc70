"""The editable texts of a cover report: the council's defaults overlaid with what the author wrote.

A Cover is plain data kept as JSON with the report; building one never touches the database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

from .sections import (
    DEFAULT_SECTIONS,
    STANDARD_IMPLICATION_TITLES,
    STANDARD_IMPLICATIONS,
    Implication,
    ImplicationsAs,
    implications_check,
    section_titles_check,
    sections_check,
)

DEFAULT_ALTERNATIVE_OPTIONS = (
    "No alternative options are put forward: the report asks members to note progress with a plan the council "
    "has already agreed."
)
DEFAULT_REASONS = "So that members can follow the delivery of the action plan and hold the council to account for it."
DEFAULT_CONSULTATION = "The lead officers named in the action plan have provided the progress updates in this report."

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
    "recommendations": "The recommendations to members in full, one paragraph each (a blank line between), e.g."
    " 'Cabinet is asked to RESOLVE that …'; they replace the sentence made from recommendation_wording.",
    "background": "An extra paragraph for the Background section.",
    "next_steps": "The Next steps section's opening paragraph.",
    "alternative_options": "Alternative options considered.",
    "reasons": "Reasons for the recommendations.",
    "consultation": "Consultation.",
    "implications": "The implications in order, each {'title': …, 'text': …}, e.g. [{'title': 'Financial"
    " implications', 'text': 'None.'}, {'title': 'Social value', 'text': 'None.'}]; leave one out to switch it off."
    " {section:exceptions} in a text prints the Exceptions section's number.",
    "implications_as": "subsections (11.1 Financial implications …) or sections (each its own numbered section).",
    "financial_implications": "Sets the text of the Financial implications (as legal_, risk_, equalities_ and"
    " environmental_implications do theirs).",
    "other_implications": "Adds implications, title → text, e.g. {'Health and safety': 'None.'}.",
    "section_titles": "Section titles for this report, e.g. {'recommendations': 'Recommendation(s) to Cabinet'};"
    " empty for the standard title.",
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
    recommendations: str = ""
    background: str = ""
    next_steps: str = ""
    alternative_options: str = DEFAULT_ALTERNATIVE_OPTIONS
    reasons: str = DEFAULT_REASONS
    consultation: str = DEFAULT_CONSULTATION
    implications: tuple[Implication, ...] = STANDARD_IMPLICATIONS
    implications_as: str = ImplicationsAs.SUBSECTIONS.value
    background_papers: str = "None."
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    section_titles: dict[str, str] = field(default_factory=dict)
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
    "recommendations",
    "alternative_options",
    "reasons",
    "consultation",
    "background_papers",
    "implications_as",
)
_DICT_FIELDS = ("impact", "done", "evidence", "remains", "section_notes", "section_titles")
# Cover keys from before implications were a list, still read: issued reports and --cover files use them.
_LEGACY_IMPLICATIONS = {f"{key}_implications": key for key in STANDARD_IMPLICATION_TITLES}


def implications_of(defaults: Any) -> tuple[Implication, ...]:
    """The implications a council's reports set out, in its order: those it has not switched off."""
    return implications_check(
        [item for item in (defaults.implications or []) if isinstance(item, dict) and item.get("on", True)]
    )


def cover_from_defaults(defaults: Any | None) -> Cover:
    """A cover starting from the council's ReportDefaults (or the product's own when it has none)."""
    if defaults is None:
        return Cover()
    return replace(
        Cover(),
        **{name: getattr(defaults, name) for name in _DEFAULT_FIELDS},
        sections=tuple(defaults.sections or DEFAULT_SECTIONS),
        section_notes=dict(defaults.section_notes or {}),
        section_titles=dict(defaults.section_titles or {}),
        implications=implications_of(defaults),
    )


def _legacy_implications(implications: tuple[Implication, ...], values: dict[str, Any]) -> tuple[Implication, ...]:
    """Apply financial_implications … and other_implications (title → text) to the list of implications."""
    items = [{"key": i.key, "title": i.title, "text": i.text} for i in implications]
    by_key = {item["key"]: item for item in items}
    for name, key in _LEGACY_IMPLICATIONS.items():
        if name in values:
            if not isinstance(values[name], str):
                raise ValueError(f"Cover field {name} must be text.")
            if key in by_key:
                by_key[key]["text"] = values.pop(name)
            else:
                items.append({"key": key, "title": STANDARD_IMPLICATION_TITLES[key], "text": values.pop(name)})
    other = values.pop("other_implications", None) or {}
    if not isinstance(other, dict):
        raise ValueError("Cover field other_implications must be a mapping of title to text.")
    by_title = {str(item["title"]).casefold(): item for item in items}
    for title, text in other.items():
        if str(title).casefold() in by_title:
            by_title[str(title).casefold()]["text"] = str(text)
        else:
            items.append({"title": str(title).rstrip(":"), "text": str(text)})
    return implications_check(items)


def _check_implications_and_titles(cover: Cover, values: dict[str, Any]) -> None:
    """Check (in place) the implications, however given, how they are set out, and the section titles."""
    if "implications" in values:
        values["implications"] = implications_check(values["implications"])
    if set(values) & {*_LEGACY_IMPLICATIONS, "other_implications"}:
        values["implications"] = _legacy_implications(values.get("implications", cover.implications), values)
    if "implications_as" in values and values["implications_as"] not in ImplicationsAs.values:
        raise ValueError(f"Cover field implications_as must be one of: {', '.join(ImplicationsAs.values)}.")
    if "section_titles" in values:
        values["section_titles"] = section_titles_check(values["section_titles"])


def cover_apply(cover: Cover, changes: dict[str, Any]) -> Cover:
    """The cover with `changes` written over it; unknown keys and bad dates raise ValueError."""
    known = {f.name for f in fields(Cover)} | {*_LEGACY_IMPLICATIONS, "other_implications"}
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
    _check_implications_and_titles(cover, values)
    if "sections" in values:
        if not isinstance(values["sections"], list | tuple):
            raise ValueError("Cover field sections must be a list of section names.")
        values["sections"] = sections_check([str(s) for s in values["sections"]])
    for name, value in values.items():
        if name not in ("meeting_date", "sections", "implications", *_DICT_FIELDS) and not isinstance(value, str):
            raise ValueError(f"Cover field {name} must be text.")
    return replace(cover, **values)
