"""Column headings as councils write them, mapped to the fields of the plan format.

`FIELDS` is the vocabulary a person may use to override a mapping (`--mapping 'Lead=owner'`).
"""

from __future__ import annotations

import difflib
import functools
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
        "key tasks",
        "key task",
        "key actions",
        "task",
        "action taken",
        "action taken or planned",
        "actions taken",
        "measures",
        "what will be done",
    ),
    "current": (
        "action to date",
        "actions to date",
        "action taken to date",
        "actions taken to date",
        "current actions",
        "current action",
        "current activity",
        "actions already taken",
        "existing actions",
    ),
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
        "leads",
        "lead s",
        "lead officer agency",
        "recommendation made to",
        "made to",
        "responsible officer",
        "responsibility",
        "responsible",
        "owner",
        "owners",
        "lead",
        "officer",
        "who",
        "action owner",
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
    "lead_member": (
        "lead member",
        "lead members",
        "portfolio holder",
        "portfolio holders",
        "cabinet member",
        "cabinet lead",
        "lead councillor",
        "executive member",
        "portfolio",
        "lead cabinet member",
        "member lead",
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

# What each field is called where the reasons for a reading are shown.
LABELS = {
    "ref": "reference",
    "recommendation": "recommendation",
    "objective": "objective",
    "action": "action",
    "current": "current action",
    "further": "further action",
    "owner": "owner (lead officer)",
    "lead_member": "lead member",
    "timescale": "timescale",
    "status": "status",
    "rag": "RAG rating",
    "progress": "progress commentary",
    "evidence": "evidence",
    "theme": "theme",
    "source": "source in the report",
    "key": "key recommendation",
    "section": "section",
    "ignore": "not read",
}
_PUNCT = re.compile(r"[^\w#\s]")


@functools.lru_cache(maxsize=8192)
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


# The words of a heading that point to a field, when the heading as a whole is not a known one.
_WORDS: dict[str, set[str]] = {
    "action": {
        "action",
        "task",
        "step",
        "activity",
        "activitie",
        "taken",
        "planned",
        "response",
        "measure",
        "intervention",
        "doing",
    },
    "owner": {
        "lead",
        "officer",
        "owner",
        "responsible",
        "responsibility",
        "who",
        "whom",
        "agency",
        "accountable",
        "manager",
        "director",
    },
    "timescale": {
        "timescale",
        "date",
        "deadline",
        "when",
        "due",
        "completion",
        "timeframe",
        "target",
        "month",
        "quarter",
        "delivery",
    },
    "progress": {"progress", "update", "comment", "commentary", "position", "note", "achieved", "achievement"},
    "status": {"status"},
    "rag": {"rag", "rating"},
    "ref": {"ref", "number", "id", "reference"},
    "recommendation": {"recommendation", "finding", "issue", "weakness", "improvement", "concern", "area"},
    "objective": {"objective", "outcome", "aim", "achieve", "goal"},
    "evidence": {"evidence"},
    "theme": {"theme", "workstream", "priority", "prioritie"},
    "source": {"page", "para", "paragraph", "source"},
    "lead_member": {"portfolio", "cabinet", "councillor", "member"},
    "section": {"section", "panel", "committee", "directorate", "department"},
}
_VOCAB = {word: field for field, words in _WORDS.items() for word in words}


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def field_by_words(heading: str) -> str | None:
    """The field most of a heading's words point to ('Action taken or planned to date' → action), with
    plural forms and small misspellings allowed; None when no word points anywhere."""
    words = [_stem(w) for w in normalise_heading(heading).split()]
    if not words or len(words) > 9:
        return None
    votes: dict[str, int] = {}
    first: dict[str, int] = {}
    for n, word in enumerate(words):
        field = _VOCAB.get(word)
        if field is None and len(word) >= 6:
            close = difflib.get_close_matches(word, list(_VOCAB), n=1, cutoff=0.85)
            field = _VOCAB[close[0]] if close else None
        if field:
            votes[field] = votes.get(field, 0) + 1
            first.setdefault(field, n)
    if not votes:
        return None
    return max(votes, key=lambda f: (votes[f], -first[f]))


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
