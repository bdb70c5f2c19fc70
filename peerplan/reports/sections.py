"""The sections a council's committee report template has, and how their numbers and cross-references are made.

A council chooses which sections its reports carry and in what order (`ReportDefaults.sections`); each report
keeps that choice in its cover. Numbers are computed from the order, never written: a text may say
"{section:exceptions}" and the report prints the number that section has in it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.db import models

TO_BE_COMPLETED = "[to be completed]"


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

_REFERENCE = re.compile(r"\{section:([a-z-]+)\}")


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


def numbers_of(order: tuple[str, ...]) -> dict[str, str]:
    """Each section's printed number, from its place in the report."""
    return {key: str(index) for index, key in enumerate(order, start=1)}


def cross_reference(text: str, numbers: Mapping[str, str]) -> str:
    """Write each "{section:KEY}" as "section N"; a section the report leaves out is "Appendix 1"."""

    def number(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in DEFAULT_SECTIONS:
            return match.group(0)
        return f"section {numbers[key]}" if key in numbers else "Appendix 1"

    return _REFERENCE.sub(number, text)
