"""Column headings as councils write them, mapped to the fields of the plan format.

`FIELDS` is the vocabulary a person may use to override a mapping (`--mapping 'Lead=owner'`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .errors import PlanImportError

FIELDS: dict[str, tuple[str, ...]] = {
    "ref": (
        "ref",
        "ref no",
        "reference",
        "number",
        "no",
        "rec no",
        "rec ref",
        "id",
        "item",
        "#",
        "recommendation number",
        "recommendation no",
        "recommendation ref",
        "recommendation reference",
    ),
    "recommendation": (
        "recommendation",
        "recommendations",
        "peer challenge recommendation",
        "peer recommendation",
        "peer team recommendation",
        "details",
        "details of recommendation",
        "recommendation details",
        "recommendation text",
        "finding",
        "findings",
        "issue",
        "area for improvement",
        "what the peers said",
        "description",
        "key recommendation",
        "key recommendations",
        "lga recommendation",
    ),
    "objective": (
        "what we want to achieve",
        "what do we want to achieve",
        "what we will achieve",
        "what will we achieve",
        "objective",
        "objectives",
        "outcome",
        "outcomes",
        "desired outcome",
        "expected outcome",
        "aim",
    ),
    "action": (
        "action",
        "actions",
        "how",
        "how are we going to do it",
        "how will we do it",
        "how we will do it",
        "action to be taken",
        "actions to be taken",
        "proposed action",
        "proposed actions",
        "agreed action",
        "agreed actions",
        "management response",
        "council response",
        "response",
        "steps",
        "tasks",
        "activity",
        "activities",
        "what we will do",
        "planned action",
        "planned actions",
        "action required",
    ),
    "current": ("current actions", "current action", "current activity", "actions already taken", "existing actions"),
    "further": (
        "options for further action",
        "options for further actions",
        "further action",
        "further actions",
        "future actions",
        "next steps",
        "proposed further action",
    ),
    "owner": (
        "lead officer",
        "responsible officer",
        "responsibility",
        "responsible",
        "owner",
        "owners",
        "lead",
        "officer",
        "who",
        "action owner",
        "lead member",
        "accountable officer",
        "responsible person",
        "by whom",
        "lead responsibility",
        "lead officers",
        "responsible officers",
        "who is responsible",
    ),
    "timescale": (
        "timescale",
        "timescales",
        "target date",
        "implementation date",
        "deadline",
        "due date",
        "date",
        "by when",
        "when",
        "completion date",
        "target",
        "timeframe",
        "time frame",
        "target completion date",
        "due",
        "target timescale",
        "delivery date",
        "date due",
    ),
    "status": ("status", "current status", "progress status", "action status"),
    "rag": ("rag", "rag status", "rag rating", "rating", "rag score"),
    "progress": (
        "progress",
        "update",
        "progress update",
        "commentary",
        "comments",
        "comment",
        "progress to date",
        "latest update",
        "current position",
        "progress report",
        "update on progress",
        "progress commentary",
        "notes",
        "position statement",
        "progress made",
    ),
    "evidence": ("evidence", "evidence of completion", "evidence of progress", "supporting evidence"),
    "theme": ("theme", "cpc theme", "themes", "workstream", "priority", "area", "focus area"),
    "source": (
        "source",
        "page",
        "paragraph",
        "page ref",
        "report reference",
        "reference in report",
        "para",
        "page and paragraph",
        "page para",
        "report ref",
    ),
    "key": ("key", "key rec", "key yn"),
    "section": ("section",),
    "ignore": (),
}

_SYNONYMS = {syn: field for field, syns in FIELDS.items() for syn in syns}
_PUNCT = re.compile(r"[^\w#\s]")


def normalise_heading(text: str) -> str:
    text = text.replace("&", " and ").replace("\u2019", "'").lower()
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(_PUNCT.sub(" ", text).split())


def field_for(heading: str) -> str | None:
    """The field a column heading names, or None when it names none we know."""
    norm = normalise_heading(heading)
    if not norm or len(norm.split()) > 9:
        return None
    if norm in _SYNONYMS:
        return _SYNONYMS[norm]
    has_digits = any(ch.isdigit() for ch in norm)
    padded = f" {norm} "
    best: tuple[int, str] | None = None
    for syn, field in _SYNONYMS.items():
        words = syn.split()
        if f" {syn} " in padded:
            if has_digits and len(words) == 1:
                continue  # "Recommendation 3" is a label, not a heading
            if len(syn) * 3 < len(norm):
                continue  # a long sentence that merely mentions a word
        elif len(norm.split()) >= 3 and syn.startswith(norm + " "):
            pass  # a heading cut short by a line break: "What do we want to"
        else:
            continue
        if best is None or len(syn) > best[0]:
            best = (len(syn), field)
    return best[1] if best else None


def is_exact(heading: str) -> bool:
    """A heading written exactly as one of the synonyms."""
    return normalise_heading(heading) in _SYNONYMS


def header_score(cells: Sequence[str]) -> int:
    """How many distinct fields a row of cells names; 2 or more makes it a header row."""
    found = {f for f in (field_for(c) for c in cells if c.strip()) if f}
    return len(found)


def is_header(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    named = [c for c in filled if field_for(c)]
    return header_score(filled) >= 2 and len(named) * 2 >= len(filled)


def check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """A person's override, keyed by normalised heading; unknown fields are refused."""
    out: dict[str, str] = {}
    for heading, field in (mapping or {}).items():
        if field not in FIELDS:
            raise PlanImportError(
                f"the mapping names an unknown field {field!r}; the fields are {', '.join(FIELDS)}",
                f"mapping {heading!r}",
            )
        out[normalise_heading(heading)] = field
    return out


def map_columns(header: Sequence[str], overrides: Mapping[str, str]) -> list[tuple[int, str, str]]:
    """(column index, heading as found, field) for each column read; 'ignore' columns left out."""
    out = []
    for col, heading in enumerate(header):
        text = " ".join(heading.split())
        if not text:
            continue
        field = overrides.get(normalise_heading(text)) or field_for(text)
        if field and field != "ignore":
            out.append((col, text, field))
    return out
