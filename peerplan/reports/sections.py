"""The sections a council's committee report template has, and how their numbers and cross-references are made.

A council chooses which sections its reports carry, in what order and under what titles (`ReportDefaults`),
and which implications they set out; each report keeps that choice in its cover. Numbers are computed from
the order, never written: a text may say "{section:exceptions}" and the report prints that section's number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import slugify

TO_BE_COMPLETED = "[to be completed]"
TITLE_MAX = 200  # a section's or an implication's title
IMPLICATION_TEXT_MAX = 5000
IMPLICATIONS_MAX = 30  # kinds of implication a council or a report can set out


class SectionKey(models.TextChoices):
    PURPOSE = "purpose", "Purpose of the report"
    RECOMMENDATIONS = "recommendations", "Recommendations"
    BACKGROUND = "background", "Background"
    PROGRESS = "progress", "Progress summary"
    CHANGES = "changes", "Changes since the last report"
    EXCEPTIONS = "exceptions", "Exceptions"
    NEXT_STEPS = "next-steps", "Next steps"
    ALTERNATIVE_OPTIONS = "alternative-options", "Alternative options considered"
    REASONS = "reasons", "Reasons for the recommendations"
    CONSULTATION = "consultation", "Consultation"
    IMPLICATIONS = "implications", "Implications"
    BACKGROUND_PAPERS = "background-papers", "Background papers"


DEFAULT_SECTIONS: tuple[str, ...] = tuple(key.value for key in SectionKey)
# Sections every report must have: a committee report without them cannot be published.
REQUIRED_SECTIONS = frozenset({SectionKey.PURPOSE.value, SectionKey.RECOMMENDATIONS.value})
# The exception report is the short form: these of the council's sections, in the council's order.
EXCEPTION_REPORT_SECTIONS = frozenset(
    {
        SectionKey.PURPOSE.value,
        SectionKey.RECOMMENDATIONS.value,
        SectionKey.PROGRESS.value,
        SectionKey.EXCEPTIONS.value,
        SectionKey.ALTERNATIVE_OPTIONS.value,
        SectionKey.REASONS.value,
        SectionKey.CONSULTATION.value,
        SectionKey.IMPLICATIONS.value,
        SectionKey.BACKGROUND_PAPERS.value,
    }
)


class ImplicationsAs(models.TextChoices):
    """How a report sets out its implications: every council template numbers each one."""

    SUBSECTIONS = "subsections", "Numbered sub-sections of one Implications section"
    SECTIONS = "sections", "Each implication a numbered section of its own"

    @property
    def hint(self) -> str:
        return {
            "subsections": "11. Implications, then 11.1 Financial implications, 11.2 Legal implications …",
            "sections": "In the Implications section’s place: 11. Financial implications, 12. Legal implications …"
            " (as Gloucester’s and Test Valley’s cover reports do).",
        }[self.value]


@dataclass(frozen=True)
class Implication:
    """One kind of implication a report sets out: financial, legal … or one the council adds."""

    key: str
    title: str
    text: str


STANDARD_IMPLICATIONS: tuple[Implication, ...] = (
    Implication(
        "financial", "Financial implications", "There are no financial implications arising directly from this report."
    ),
    Implication("legal", "Legal implications", "There are no legal implications arising directly from this report."),
    Implication(
        "risk",
        "Risk implications",
        "Actions rated red or amber, or overdue, are reported in {section:exceptions} with how the risk is being"
        " managed.",
    ),
    Implication(
        "equalities",
        "Equalities implications",
        "There are no equalities implications arising directly from this report.",
    ),
    Implication(
        "environmental",
        "Environmental implications",
        "There are no environmental implications arising directly from this report.",
    ),
)
STANDARD_IMPLICATION_TITLES = {i.key: i.title for i in STANDARD_IMPLICATIONS}


def implication_key(title: str, taken: set[str]) -> str:
    """A new kind's key from its title ("Social value" → "social-value"), never one already in use."""
    base = slugify(title)[:50] or "implication"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


def implications_check(items: Any) -> tuple[Implication, ...]:
    """Implications as a list of {title, text[, key]}, checked: each titled, at most 200 characters, once."""
    if not isinstance(items, list | tuple):
        raise ValueError("Implications must be a list of {title, text}.")
    if len(items) > IMPLICATIONS_MAX:
        raise ValueError(f"There can be at most {IMPLICATIONS_MAX} implications; there are {len(items)}.")
    checked: list[Implication] = []
    titles: dict[str, int] = {}
    keys: set[str] = set()
    for number, given in enumerate(items, start=1):
        item = {"key": given.key, "title": given.title, "text": given.text} if isinstance(given, Implication) else given
        if not isinstance(item, Mapping):
            raise ValueError(f"Implication {number} must be a mapping with a title and a text.")
        title, text, key = (str(item.get(name) or "").strip() for name in ("title", "text", "key"))
        if not title:
            raise ValueError(f"Implication {number} has no title: give it one, for example Social value.")
        if len(title) > TITLE_MAX:
            raise ValueError(f"Implication {number}'s title must be {TITLE_MAX} characters or fewer.")
        if len(text) > IMPLICATION_TEXT_MAX:
            raise ValueError(f"{title} must be {IMPLICATION_TEXT_MAX:,} characters or fewer.")
        if title.casefold() in titles:
            raise ValueError(f"{title} appears twice (implications {titles[title.casefold()]} and {number}).")
        titles[title.casefold()] = number
        key = slugify(key)[:50] if key else ""
        if not key or key in keys:
            key = implication_key(title, keys | set(STANDARD_IMPLICATION_TITLES))
        keys.add(key)
        checked.append(Implication(key, title, text))
    return tuple(checked)


def section_title(key: str, titles: Mapping[str, str]) -> str:
    """The council's title for a section, or the standard one."""
    return (titles.get(key) or "").strip() or str(SectionKey(key).label)


def section_titles_check(titles: Any) -> dict[str, str]:
    """The council's section titles, checked: known sections, at most 200 characters, no two alike."""
    if not isinstance(titles, Mapping):
        raise ValueError("Section titles must be a mapping of section name to title.")
    unknown = sorted(str(key) for key in titles if key not in DEFAULT_SECTIONS)
    if unknown:
        raise ValueError(f"Unknown section(s): {', '.join(unknown)}. Known: {', '.join(DEFAULT_SECTIONS)}.")
    checked = {str(key): str(title or "").strip() for key, title in titles.items()}
    checked = {key: title for key, title in checked.items() if title and title != SectionKey(key).label}
    for key, title in checked.items():
        if len(title) > TITLE_MAX:
            raise ValueError(f"The title for {SectionKey(key).label} must be {TITLE_MAX} characters or fewer.")
    seen: dict[str, str] = {}
    for key in DEFAULT_SECTIONS:
        title = section_title(key, checked)
        if title.casefold() in seen:
            raise ValueError(
                f"{SectionKey(seen[title.casefold()]).label} and {SectionKey(key).label} are both titled {title}:"
                " give each section its own title."
            )
        seen[title.casefold()] = key
    return checked


_REFERENCE = re.compile(r"\{section:([a-z-]+)\}")
# The appendix holds the plan, so a reference to the progress or exceptions section a report leaves out points
# there; a reference to any other section left out has nothing to point at.
SHOWN_IN_THE_APPENDIX = frozenset({SectionKey.PROGRESS.value, SectionKey.EXCEPTIONS.value})


def sections_check(sections: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The council's chosen sections, checked: known keys, each once, purpose and recommendations kept."""
    unknown = [s for s in sections if s not in DEFAULT_SECTIONS]
    if unknown:
        raise ValueError(f"Unknown section(s): {', '.join(unknown)}. Known: {', '.join(DEFAULT_SECTIONS)}.")
    if len(set(sections)) != len(sections):
        raise ValueError("Each section can appear only once.")
    missing = [str(SectionKey(s).label) for s in DEFAULT_SECTIONS if s in REQUIRED_SECTIONS and s not in sections]
    if missing:
        raise ValueError(f"A committee report must have these sections: {', '.join(missing)}.")
    return tuple(sections)


def cross_reference(text: str, numbers: Mapping[str, str]) -> str:
    """Write each "{section:KEY}" as "section N". A section the report leaves out is "Appendix 1" when the
    appendix shows it (progress, exceptions); otherwise the reference is marked to be completed, which the
    preview lists before issue."""

    def number(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in DEFAULT_SECTIONS:
            return match.group(0)
        if key in numbers:
            return f"section {numbers[key]}"
        if key in SHOWN_IN_THE_APPENDIX:
            return "Appendix 1"
        return f"{TO_BE_COMPLETED} (this report has no {SectionKey(key).label} section)"

    return _REFERENCE.sub(number, text)
