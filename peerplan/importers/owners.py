"""Split a responsibility cell into owners: officer roles, named people and bodies, as written.

"Head of Corporate Services/Head of Development" is two owners; "Director of Finance and Resources" one.
"""

from __future__ import annotations

import re

from .text import strip_marker

_OWNER_WORD = re.compile(
    r"\b(head|heads|director|directors|officer|officers|manager|managers|chief|leader|leaders|lead|member|"
    r"members|portfolio|holder|cabinet|council|board|committee|group|party|panel|team|executive|forum|"
    r"services|service|partnership|slt|cmt|smt|clt|elt|hr|ict|ceo|s151|monitoring|mayor|clerk|secretary|"
    r"cllr|councillor|ad|ads|ed|eds|adviser|advisor|coordinator|unit|department|directorate|communications|"
    r"scrutiny|audit|finance|legal|policy|democratic|matron|matrons|nurse|nurses|doctor|doctors|practitioner|"
    r"practitioners|worker|workers|staff|consultant|consultants|inspector|inspectors|analyst|analysts|"
    r"agency|agencies|police|nhs|trust|safeguarding)\b",
    re.IGNORECASE,
)
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_SLASH = re.compile(r"\s*/\s*")
_PERSON = re.compile(r"^(?:cllr|councillor|mr|mrs|ms|dr)\.?\s|^[A-Z][a-z]+ [A-Z][a-z'-]+$")
_NONE = re.compile(r"^(?:n/?a|none|tbc|tbd|-+|all)\.?$", re.IGNORECASE)


def _ownerish(part: str) -> bool:
    return bool(_OWNER_WORD.search(part) or _PERSON.search(part.strip()))


def _split_pair(parts: list[str], sep: re.Pattern[str], *, spaced_always: bool) -> list[str]:
    out: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in sep.split(part) if p.strip()]
        spaced = spaced_always and bool(re.search(r"\s/\s", part))
        # 'SM Fieldwork and SM Business Support': both sides start alike, so they are two owners
        alike = len(pieces) > 1 and len({p.split()[0] for p in pieces}) == 1 and all(len(p.split()) > 1 for p in pieces)
        if len(pieces) > 1 and (spaced or alike or all(_ownerish(p) for p in pieces)):
            out.extend(pieces)
        else:
            out.append(part.strip())
    return out


_NAME = re.compile(r"^(?:(?:cllr|councillor|mr|mrs|ms|miss|dr)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")
_TITLE = re.compile(
    r"^(?:the\s+)?(?:head|director|assistant|deputy|chief|service|senior|principal|interim|acting|corporate|"
    r"strategic|programme|project|team|operations|business|group|executive|monitoring|section)\b|"
    r"\b(?:manager|officer|lead|director|head|leader|coordinator|adviser|advisor)\b",
    re.IGNORECASE,
)


def _is_name(text: str) -> bool:
    return bool(_NAME.match(text.strip())) and not _OWNER_WORD.search(text)


def _name_with_title(parts: list[str]) -> list[str]:
    """'Jo Smith' followed by 'Head of Housing' is one person with their job title: 'Jo Smith, Head of Housing'."""
    out: list[str] = []
    for part in parts:
        if out and _is_name(out[-1]) and _TITLE.search(part) and not _is_name(part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def _list_of_bodies(parts: list[str]) -> list[str]:
    """'Police, Health and Education': a list whose last two items are joined by 'and' is several."""
    if len(parts) < 2 or not _AND.search(parts[-1]):
        return parts
    pieces = [p.strip() for p in _AND.split(parts[-1]) if p.strip()]
    if all(len(p.split()) <= 3 for p in [*parts[:-1], *pieces]) and not any(" of " in p for p in parts):
        return [*parts[:-1], *pieces]
    return parts


def split_owners(cell: str) -> list[str]:
    """Each line is an owner; within a line, '/', ',' , ';' and 'and' separate owners that each name a role,
    a body or a person, so 'Finance and Resources' stays whole."""
    owners: list[str] = []
    for raw in cell.replace("\r", "\n").split("\n"):
        line = strip_marker(raw).strip().strip(",;").strip()
        if not line or _NONE.match(line):
            continue
        parts = [p.strip() for p in line.split(";") if p.strip()]
        parts = _list_of_bodies(_split_commas(parts)) if len(parts) == 1 else _split_commas(parts)
        parts = _split_pair(parts, _SLASH, spaced_always=True)
        parts = _split_pair(parts, _AND, spaced_always=False)
        for part in parts:
            if part and not _NONE.match(part) and part not in owners:
                owners.append(part)
    return _name_with_title(owners)


def _split_commas(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) == 1:
            out.append(part)
            continue
        # "Head of Planning, Housing and Regeneration": a piece naming no role belongs to the one before
        merged: list[str] = []
        for piece in pieces:
            code = bool(re.fullmatch(r"\([^()]{1,12}\)", piece))  # 'Operations Managers (SF), (CD)'
            if merged and (code or (not _ownerish(piece) and re.search(r" (?:of|for) ", merged[-1]))):
                merged[-1] += ", " + piece
            else:
                merged.append(piece)
        out.extend(merged)
    return out
