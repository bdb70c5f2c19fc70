"""Timescale cells: split a cell holding several timescales, line them up with the steps they belong to,
and read each one's due date through peerplan.plans.timescales.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from .outline import Item

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|autumn|winter)"
_PERIOD = rf"(?:(?:early|mid|late|end(?:\s+of)?)[\s-]+)?(?:{_MONTH}|{_SEASON})"
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
_YEAR = r"(?:\d{4}(?:/\d{2,4})?)"
_PHRASE = (
    rf"(?:(?:by|from|before|end\s+of)\s+)?"
    rf"(?:{_DAY}{_PERIOD}(?:\s*[-/–]\s*{_DAY}{_PERIOD})?,?\s+{_YEAR}"
    rf"|q[1-4]\s+{_YEAR}|{_YEAR}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|ongoing|on-going|completed?|tbc|tbd|immediate(?:ly)?)"
)
_ONE = re.compile(_PHRASE, re.IGNORECASE)
_SEVERAL = re.compile(rf"{_PHRASE}(?:[\s;,]+{_PHRASE})+", re.IGNORECASE)


def split_timescales(text: str) -> list[str]:
    """Timescales in one cell segment: 'May 2024 Ongoing' is two, 'Working Group – March 2024 Final
    strategy – October 2024' one (with milestones), each kept as written."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split()).strip(" ;,")
        if not line:
            continue
        if _SEVERAL.fullmatch(line):
            out.extend(m.group(0) for m in _ONE.finditer(line))
        else:
            out.append(line)
    return out


@dataclass
class Placed:
    """Where the timescales of one row go: to the row's own item (objective) or to its steps."""

    parent: str | None
    steps: dict[int, str]  # index in the flat step list → timescale
    surplus: bool = False


def _unwrap(segments: list[str]) -> list[str]:
    """In wrapped text 'March' / '2026' is one timescale over two lines: join a line that is not a
    complete timescale to the next, keeping it on the first line."""
    out = list(segments)
    for n in range(len(out) - 1):
        text = " ".join(out[n].split())
        if text and not (_SEVERAL.fullmatch(text) or _ONE.fullmatch(text)):
            nxt = next((m for m in range(n + 1, len(out)) if out[m].strip()), None)
            if nxt is not None:
                out[n], out[nxt] = f"{text} {out[nxt].strip()}", ""
    return out


def place_timescales(steps: list[Item], segments: list[str], *, wrapped: bool = False) -> Placed:
    """One timescale belongs to the whole row; as many as steps go one each; otherwise each line's
    timescales go to the steps starting on (or carried on to) that line, spread first to last."""
    per_seg = [split_timescales(s) for s in (_unwrap(segments) if wrapped else segments)]
    found = [t for ts in per_seg for t in ts]
    if not found:
        return Placed(None, {})
    if len(found) == 1 or not steps:
        return Placed(" ".join(found), {})
    if len(found) == len(steps):
        return Placed(None, dict(enumerate(found)))
    placed: dict[int, str] = {}
    surplus = False
    for seg, written in enumerate(per_seg):
        dates = list(written)
        if not dates:
            continue
        starting = [n for n, s in enumerate(steps) if s.seg == seg]
        before = [n for n, s in enumerate(steps) if s.seg < seg]
        carried = before[-1] if before and not any(steps[n].at_start for n in starting) else None
        cands = ([carried] if carried is not None and carried not in placed else []) + starting
        if not cands:
            cands = [n for n in before if n not in placed][-1:] or before[-1:]
        if not cands:
            surplus = True
            continue
        if len(dates) > len(cands):
            surplus = True
            dates = [*dates[: len(cands) - 1], " ".join(dates[len(cands) - 1 :])]
        spots = [0] if len(dates) == 1 else [round(i * (len(cands) - 1) / (len(dates) - 1)) for i in range(len(dates))]
        for spot, text in zip(spots, dates, strict=True):
            n = cands[spot]
            placed[n] = f"{placed[n]} {text}" if n in placed else text
    return Placed(None, placed, surplus)


@dataclass(frozen=True)
class Reading:
    due: date | None
    kind: str


@functools.lru_cache(maxsize=4096)
def read_timescale(text: str | None, as_of: date | None) -> Reading:
    """The due date and kind of a timescale, as peerplan.plans.timescales understands it (remembered:
    a long plan repeats its timescales)."""
    from peerplan.plans.timescales import understand

    ts = understand(text, as_of=as_of)
    return Reading(ts.due, str(ts.kind))
