"""Recommendation labels and what the words around a plan say: 'Recommendation 3', 'KR2', 'R1',
page/para references, the review's kind, its themes and the document's date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from peerplan.plans.enums import CPC_THEMES_2018, CPC_THEMES_CURRENT, ReviewKind

from .text import clean_line, strip_marker

_LABEL = re.compile(
    r"^(?P<key>key\s+)?recommendation\s*(?:no\.?|number)?\s*(?P<num>\d{1,2}[a-z]?)\b\s*[:.\-–—)]?\s*(?P<rest>.*)$"
    r"|^(?P<code>(?:KR|R|K)\s?\d{1,2}[a-z]?)\b\s*[:.\-–—)]?\s*(?P<rest2>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_BARE = re.compile(r"^(?P<num>\d{1,2})\s*[.)]\s+(?P<rest>\S.*)$", re.DOTALL)
_SOURCE = re.compile(
    r"\(?\b(?P<src>(?:page|pg\.?|p\.?)\s*\d{1,3}(?:\s*[,;]?\s*(?:para(?:graph)?s?\.?|¶)\s*\d{1,3}(?:\.\d+)?"
    r"(?:\s*(?:-|–|and|&)\s*\d{1,3})?)?)\)?",
    re.IGNORECASE,
)
_MONTHS = {m.lower(): n for n, m in enumerate(calendar.month_name) if m} | {
    m.lower(): n for n, m in enumerate(calendar.month_abbr) if m
}
_DAY_MONTH_YEAR = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_KINDS = [
    (re.compile(r"finance peer challenge|financial peer challenge", re.I), ReviewKind.FINANCE_PEER_CHALLENGE),
    (re.compile(r"governance peer challenge", re.I), ReviewKind.GOVERNANCE_PEER_CHALLENGE),
    (re.compile(r"peer challenge|peer review", re.I), ReviewKind.CORPORATE_PEER_CHALLENGE),
    (re.compile(r"internal audit", re.I), ReviewKind.INTERNAL_AUDIT),
    (re.compile(r"external audit|auditor'?s? annual report", re.I), ReviewKind.EXTERNAL_AUDIT),
    (re.compile(r"inspection|ofsted|cqc", re.I), ReviewKind.INSPECTION),
    (re.compile(r"scrutiny review", re.I), ReviewKind.SCRUTINY),
]


@dataclass
class Label:
    ref: str
    key: bool
    rest: str  # the recommendation's text after the label ('' when the label stands alone)


def read_label(text: str, *, bare_numbers: bool = False) -> Label | None:
    """'Recommendation 3: …', 'Key recommendation 2 – …', 'KR1 …', 'R4 …' (and '1. …' in a list
    of recommendations when bare_numbers is set)."""
    line = clean_line(strip_marker(text.strip()))
    if m := _LABEL.match(line):
        if m.group("num"):
            return Label(m.group("num"), bool(m.group("key")), m.group("rest").strip())
        code = m.group("code").replace(" ", "").upper()
        return Label(code, code.startswith("K"), m.group("rest2").strip())
    if bare_numbers and (m := _BARE.match(line)):
        return Label(m.group("num"), False, m.group("rest").strip())
    return None


def split_source(text: str) -> tuple[str, str | None]:
    """Take a '(page 8, para 3)' reference out of a recommendation's text: (text, source)."""
    m = _SOURCE.search(text)
    if not m or not re.search(r"\d", m.group("src")):
        return text, None
    whole = m.group(0)
    bracketed = whole.startswith("(") and whole.endswith(")")
    at_edge = m.start() == 0 or m.end() >= len(text.rstrip(" ."))
    if not (bracketed or at_edge):
        return text, None
    rest = (text[: m.start()] + text[m.end() :]).strip(" -–,;")
    return " ".join(rest.split()), " ".join(m.group("src").split())


_REF_PREFIX = re.compile(r"^(?:key\s+)?(?:recommendation|rec)\.?\s*(?:no\.?\s*)?|^(?:kr|r|k)(?=\s?\d)", re.IGNORECASE)


def ref_key(ref: str | None) -> str:
    """'R3', 'KR3', 'Recommendation 3' and '3.' all read '3'."""
    return _REF_PREFIX.sub("", (ref or "").strip()).strip(" .:)").lower()


def same_ref(a: str | None, b: str | None) -> bool:
    return bool(ref_key(a)) and ref_key(a) == ref_key(b)


def review_kind(text: str) -> ReviewKind:
    for pattern, kind in _KINDS:
        if pattern.search(text):
            return kind
    return ReviewKind.OTHER


def themes_in(lines: list[str]) -> list[str]:
    """The CPC themes a plan lists (current wording first, then the 2018 core questions)."""
    starts = [clean_line(strip_marker(re.sub(r"^\W*\d+[.)]\s*", "", line))).lower() for line in lines]
    for themes in (CPC_THEMES_CURRENT, CPC_THEMES_2018):
        found = [t for t in themes if any(s.startswith(t.lower()) for s in starts)]
        if len(found) >= 3:
            return found
    return []


_POSITION_AS_AT = re.compile(r"\bas\s+(?:at|of)\b\s*:?", re.IGNORECASE)


def document_date(lines: list[str]) -> date | None:
    """The date a plan gives near its top ('ACTION PLAN FEBRUARY 2024', 'Date: 15 October 2014'); a
    'Position as at 1 March 2025' anywhere near the top wins over a meeting date in the title, since
    the progress commentary is dated from it."""
    for line in lines[:40]:
        for found in _POSITION_AS_AT.finditer(line):
            if (when := _first_date(line[found.end() :][:40])) is not None:
                return when
    for line in lines[:15]:
        if (when := _first_date(line)) is not None:
            return when
    return None


def _first_date(line: str) -> date | None:
    for m in _DAY_MONTH_YEAR.finditer(line):
        month = _MONTHS.get(m.group(2).lower())
        year = int(m.group(3))
        if month and 1990 < year < 2100:
            day = int(m.group(1)) if m.group(1) else 1
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None
