"""Timescales as councils write them ("Spring 2024", "Q3 2024/25", "Ongoing"), understood as dates.

Pure functions: the text is always kept as written; `understand` adds its kind, start and due date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

MAX_CHARS = 1_000  # a timescale is a phrase; past this it is a paragraph, and reading on only costs time
FIRST_YEAR, LAST_YEAR = 1900, 2199  # a year written outside these is a slip of the keyboard, not a plan

Span = tuple[date, date]


class TimescaleKind(StrEnum):
    """What a timescale names; the values are the strings the API and the plan format carry."""

    DATE = "date"
    RANGE = "range"
    MILESTONES = "milestones"
    ONGOING = "ongoing"
    COMPLETE = "complete"
    TBC = "to-be-confirmed"
    RELATIVE = "relative"
    NOT_UNDERSTOOD = "not-understood"
    EMPTY = "empty"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    TimescaleKind.DATE: "A date",
    TimescaleKind.RANGE: "A period",
    TimescaleKind.MILESTONES: "Several milestones",
    TimescaleKind.ONGOING: "Ongoing",
    TimescaleKind.COMPLETE: "Complete",
    TimescaleKind.TBC: "To be confirmed",
    TimescaleKind.RELATIVE: "Counted from the report's date",
    TimescaleKind.NOT_UNDERSTOOD: "Not understood",
    TimescaleKind.EMPTY: "No timescale",
}


@dataclass(frozen=True)
class Milestone:
    """One step of a cell that names several ("Working Group – March 2024")."""

    label: str
    text: str
    start: date | None
    due: date | None

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text, "start": _iso(self.start), "due": _iso(self.due)}


@dataclass(frozen=True)
class Timescale:
    """A timescale as written, and what it means: the due date is the end of the last period named."""

    text: str
    kind: TimescaleKind
    start: date | None = None
    due: date | None = None
    milestones: tuple[Milestone, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind.value,
            "start": _iso(self.start),
            "due": _iso(self.due),
            "milestones": [m.as_json() for m in self.milestones],
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def understand(text: str | None, *, as_of: date | None = None) -> Timescale:
    """Read a timescale; `as_of` (the report's date) places "next year" or "March". Never raises."""
    written = text or ""
    if isinstance(as_of, datetime):  # a datetime cannot be compared with the dates read from the text
        as_of = as_of.date()
    try:
        return _read(written, as_of)
    except Exception:  # the promise is never to raise: a slip here must not stop an import or a page
        return Timescale(written, TimescaleKind.NOT_UNDERSTOOD)


def _read(written: str, as_of: date | None) -> Timescale:
    norm, where = _normalise(written[:MAX_CHARS])
    if not norm:
        return Timescale(written, TimescaleKind.EMPTY)
    found = _join_ranges(norm, _scan(norm, as_of))
    if not any(f.invalid for f in found):  # "April/May" can be joined once as_of has given them a year
        found = _join_ranges(norm, _place_yearless(norm, found, as_of))
    if any(f.invalid for f in found):  # "31/02/2025": an impossible date is not guessed at
        return Timescale(written, TimescaleKind.NOT_UNDERSTOOD)
    if not found:
        return Timescale(written, _status_in(norm) or TimescaleKind.NOT_UNDERSTOOD)
    return _assemble(written, norm, where, found)


# Normalising ----------------------------------------------------------------------------------------

_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_QUOTES = frozenset("\u2018\u2019\u02bc`")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower case, one dash, one quote and single spaces, remembering where each character came from."""
    chars: list[str] = []
    where: list[int] = []
    for i, raw in enumerate(text):
        c = _plain(raw)
        if c == " " and (not chars or chars[-1] == " "):
            continue
        chars.append(c)
        where.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    return "".join(chars), where


def _plain(c: str) -> str:
    if c in _DASHES:
        return "-"
    if c in _QUOTES:
        return "'"
    if c.isspace() or not c.isprintable():
        return " "
    low = c.lower()
    return low if len(low) == 1 else c  # a few letters lower to two characters; keep the text aligned


# Periods --------------------------------------------------------------------------------------------


def _day(year: int, month: int, day: int) -> date | None:
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _months(year: int, month: int, count: int = 1) -> Span | None:
    """`count` whole months from `month` of `year`; a month past December runs into the next year."""
    first_year, first_month = divmod(year * 12 + month - 1, 12)
    last_year, last_month = divmod(year * 12 + month - 1 + count - 1, 12)
    first = _day(first_year, first_month + 1, 1)
    last = _day(last_year, last_month + 1, 1)
    if first is None or last is None:
        return None
    return first, last.replace(day=calendar.monthrange(last.year, last.month)[1])


def _year(text: str) -> int | None:
    """A year as written: two digits are this century ("Mar 24" is March 2024)."""
    year = 2000 + int(text) if len(text) == 2 else int(text)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _second_year(first: int, text: str) -> int:
    """The second year of "2024/25" or "2024/2025"; two digits run on from the first year's century."""
    if len(text) != 2:
        return int(text)
    second = first // 100 * 100 + int(text)
    return second + 100 if second < first else second


def _financial_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _add(day: date, count: int, unit: str) -> date | None:
    """`count` days, weeks, months or years after `day`; a month end is kept where the month is short."""
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return day + timedelta(days) if (date.max - day).days >= days else None
    year, month = divmod(day.year * 12 + day.month - 1 + count * (12 if unit == "year" else 1), 12)
    if not 1 <= year <= 9999:
        return None
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class _Yearless:
    """A day, month or season written without its year ("2 June", "March", "Spring")."""

    month: int
    day: int = 0  # 0: the whole month
    count: int = 1  # months: 3 for a season

    def in_year(self, year: int) -> Span | None:
        if not self.day:
            return _months(year, self.month, self.count)
        day = _day(year, self.month, self.day)
        return None if day is None else (day, day)

    def before(self, anchor: date) -> Span | None:
        """The latest one starting on or before `anchor` ("April" in "April-June 2024")."""
        span = self.in_year(anchor.year)
        return span if span is None or span[0] <= anchor else self.in_year(anchor.year - 1)

    def after(self, anchor: date) -> Span | None:
        """The first one ending on or after `anchor`; 29 February waits for a leap year."""
        for year in range(anchor.year, anchor.year + 9):
            span = self.in_year(year)
            if span is not None and span[1] >= anchor:
                return span
        return None


# Scanning: every pattern proposes periods; the earliest and longest win ------------------------------


@dataclass(frozen=True)
class _Found:
    """A period named in the cell, with where it stands in the normalised text."""

    lo: int
    hi: int
    span: Span | None = None  # None: it needs the clock (as_of) to be placed
    ranged: bool = False  # a season, quarter, year or range, rather than a day or a month
    yearless: _Yearless | None = None
    relative: bool = False
    invalid: bool = False
    end_of: bool = False
    onwards: bool = False
    week: bool = False

    @property
    def start(self) -> date | None:
        return None if self.span is None else self.span[0]

    @property
    def due(self) -> date | None:
        return None if self.span is None or self.onwards else self.span[1]


Handler = Callable[[re.Match[str], date | None], _Found | None]

_MONTH = (
    r"(?<![a-z])(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NUMBERS = {name: i for i, name in enumerate(_MONTH_ABBREVIATIONS, 1)}  # not calendar's: it follows the locale
_SEASON = r"(?<![a-z])(?P<season>spring|summer|autumn|winter)(?![a-z])"
_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_DAY = r"(?<![0-9.,/])(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_END = r"(?![0-9]|[/.-][0-9])"  # not followed by more of a number or a date
_BEGIN = r"(?<![0-9/.-])"
_WHEN = r"(?P<when>(?:fy ?)?[0-9]{2}(?:[0-9]{2})?(?:[/-][0-9]{2}(?:[0-9]{2})?)?)" + _END
_QUARTER = r"(?<![a-z])(?:q ?|quarter )(?P<q>[0-9]{1,3})(?![0-9])"
_OF_YEAR = r"(?: of| in)?(?: the)?(?: financial year)? ?"
_NUMBERED = re.compile(r"(?<![a-z])(?:phase|stage|step|part|tranche|wave|round|option|year|no\.?|number|#) ?$")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
}  # fmt: skip


def _month_of(m: re.Match[str]) -> int:
    return _MONTH_NUMBERS[m["month"][:3]]


def _period(m: re.Match[str], span: Span | None, *, ranged: bool = False) -> _Found:
    return _Found(m.start(), m.end(), span, ranged=ranged, invalid=span is None)


def _on_day(m: re.Match[str], year: int | None, month: int, day: int) -> _Found:
    found = None if year is None else _day(year, month, day)
    return _period(m, None if found is None else (found, found))


def _counts_something(m: re.Match[str]) -> bool:
    """A number after "phase", "stage" … counts phases ("Phase 2 March 2024"); it is not a day."""
    return bool(_NUMBERED.search(m.string, max(0, m.start() - 16), m.start()))


def _read_day_month_year(m: re.Match[str], _: date | None) -> _Found | None:
    if _counts_something(m):
        return None
    return _on_day(m, _year(m["year"]), _month_of(m), int(m["day"]))


def _read_numeric_date(m: re.Match[str], _: date | None) -> _Found:
    return _on_day(m, _year(m["year"]), int(m["mon"]), int(m["day"]))


def _read_month_year(m: re.Match[str], _: date | None) -> _Found:
    year = _year(m["year"])
    month = int(m["mon"]) if "mon" in m.re.groupindex else _month_of(m)
    return _period(m, _months(year, month) if year is not None and 1 <= month <= 12 else None)


def _read_season(m: re.Match[str], _: date | None) -> _Found:
    """A season of a financial year ("Winter 2024/25") is the one that begins in it."""
    start = _SEASON_STARTS[m["season"]]
    year, financial = _when(m["when"])
    if year is not None and financial and start < 4:
        year += 1
    return _period(m, None if year is None else _months(year, start, 3), ranged=True)


def _when(text: str) -> tuple[int | None, bool]:
    """The year in "2025", "24", "2024/25" or "fy24/25", and whether it is a financial year."""
    parts = re.fullmatch(r"(fy ?)?([0-9]{2,4})(?:[/-]([0-9]{2,4}))?", text)
    if parts is None:
        return None, False
    first = _year(parts[2])
    if parts[3] is None:
        return (None if parts[1] else first), False  # "FY2024" could mean either of two years
    if first is None or _second_year(first, parts[3]) != first + 1:
        return None, True
    return first, True


def _read_quarter(m: re.Match[str], _: date | None) -> _Found:
    """Q1 of a financial year is April-June; of a calendar year ("Q1 2025"), January-March."""
    quarter = int(m["q"])
    year, financial = _when(m["when"])
    if year is None or not 1 <= quarter <= 4:
        return _period(m, None)
    return _period(m, _months(year, (4 if financial else 1) + 3 * (quarter - 1), 3), ranged=True)


def _read_financial_year(m: re.Match[str], _: date | None) -> _Found:
    """A financial year "2024/25" runs 1 April 2024 to 31 March 2025; "2013-16" runs over three of them."""
    first = _year(m["y1"])
    if first is None:
        return _period(m, None)
    last = _second_year(first, m["y2"])
    if m["sep"] == "-" and len(m["y2"]) == 2 and last != first + 1 and 1 <= int(m["y2"]) <= 12:
        return _period(m, _months(first, int(m["y2"])))  # ISO year and month, "2024-03"
    if not first < last <= first + 10:
        return _period(m, None)
    return _period(m, _months(first, 4, 12 * (last - first)), ranged=True)


def _read_bare_year(m: re.Match[str], _: date | None) -> _Found:
    return _period(m, _months(int(m["year"]), 1, 12), ranged=True)


def _read_day_month(m: re.Match[str], _: date | None) -> _Found | None:
    month, day = _month_of(m), int(m["day"])
    if _counts_something(m) or _day(2000, month, day) is None:  # 2000: any day a leap year allows
        return None
    return _Found(m.start(), m.end(), yearless=_Yearless(month, day))


def _read_month(m: re.Match[str], _: date | None) -> _Found:
    return _Found(m.start(), m.end(), yearless=_Yearless(_month_of(m)))


def _read_bare_season(m: re.Match[str], _: date | None) -> _Found:
    return _Found(m.start(), m.end(), ranged=True, yearless=_Yearless(_SEASON_STARTS[m["season"]], count=3))


def _relative(m: re.Match[str], as_of: date | None, span: Span | None) -> _Found:
    return _Found(m.start(), m.end(), span, ranged=True, relative=True, invalid=as_of is not None and not span)


def _around(unit: str, step: int) -> Handler:
    """This or next year, financial year, quarter or month, counted from as_of."""

    def read(m: re.Match[str], as_of: date | None) -> _Found:
        if as_of is None:
            return _relative(m, as_of, None)
        if unit == "year":
            span = _months(as_of.year + step, 1, 12)
        elif unit == "financial year":
            span = _months(_financial_year_of(as_of) + step, 4, 12)
        elif unit == "quarter":
            span = _months(as_of.year, (as_of.month - 1) // 3 * 3 + 1 + 3 * step, 3)
        else:
            span = _months(as_of.year, as_of.month + step)
        return _relative(m, as_of, span)

    return read


def _read_within(m: re.Match[str], as_of: date | None) -> _Found:
    """From as_of to some days, weeks, months or years after it ("within 6 months")."""
    count = _NUMBER_WORDS.get(m["n"]) or int(m["n"])
    due = None if as_of is None else _add(as_of, count, m["unit"])
    return _relative(m, as_of, None if as_of is None or due is None else (as_of, due))


def _read_immediately(m: re.Match[str], as_of: date | None) -> _Found:
    return _relative(m, as_of, None if as_of is None else (as_of, as_of))


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


_YEAR = r"(?P<year>[0-9]{4}|[0-9]{2})" + _END
_THIS = r"(?<![a-z])(?:this|the current|current) "
_NEXT = r"(?<![a-z])next "
_FY = r"(?:financial year|fy)(?! ?(?:[0-9]|fy))"
_NUMBER = r"(?P<n>[0-9]{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_IN = r"(?:(?:within|in|over|inside|during)(?: the)?(?: next| following| coming)?|(?:the )?next) "
_NUMERIC_DATE = r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<mon>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4}|[0-9]{2})"
_ISO_DATE = r"(?P<year>[0-9]{4})(?P<sep>[/-])(?P<mon>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
_FINANCIAL_YEAR = r"(?<![a-z])(?:" + _BEGIN + r"fy ?)?(?P<y1>[0-9]{4})(?P<sep>[/-])(?P<y2>[0-9]{4}|[0-9]{2})"

# Most specific first: at the same place and length, the earlier pattern wins.
_PATTERNS: list[tuple[str, Handler]] = [
    (_DAY + r"(?: of)?[ -]?" + _MONTH + r"[ ,'-]{0,3}" + _YEAR, _read_day_month_year),  # 31st March 2025
    (_MONTH + r" " + _DAY + r",? (?P<year>[0-9]{4})" + _END, _read_day_month_year),  # March 31, 2025
    (_BEGIN + _NUMERIC_DATE + _END, _read_numeric_date),  # 01/02/26, day first
    (_BEGIN + _ISO_DATE + _END, _read_numeric_date),  # 2025-03-31
    (_MONTH + r"[ ,'-]{0,3}" + _YEAR, _read_month_year),  # March 2024, Mar-24
    (_BEGIN + r"(?P<mon>[0-9]{1,2})/(?P<year>[0-9]{4})" + _END, _read_month_year),  # 03/2024
    (_SEASON + r"(?: term)?[ ,'-]{0,3}(?:of )?" + _WHEN, _read_season),  # Spring 2024, Winter 2024/25
    (_QUARTER + _OF_YEAR + _WHEN, _read_quarter),  # Q3 2024/25
    (r"(?<![0-9])(?P<q>[0-9])(?:st|nd|rd|th) quarter" + _OF_YEAR + _WHEN, _read_quarter),  # 3rd quarter 2024/25
    (r"(?<![a-z0-9/])" + _WHEN + r" (?:q ?|quarter )(?P<q>[0-9]{1,3})(?![0-9])", _read_quarter),  # 2024/25 Q3
    (_FINANCIAL_YEAR + _END, _read_financial_year),  # 2024/25, 2013-16
    (r"(?<![a-z])fy ?(?P<y1>[0-9]{2})(?P<sep>[/-])(?P<y2>[0-9]{2})" + _END, _read_financial_year),  # FY24/25
    (
        r"(?<![0-9/.,$\u00a3])(?<![0-9]-)(?<!fy)(?<!fy )(?P<year>(?:19|20|21)[0-9]{2})(?![0-9%]|[/.,-][0-9])",
        _read_bare_year,
    ),
    (_DAY + r"(?: of)?[ -]?" + _MONTH, _read_day_month),  # 2 June
    (_MONTH, _read_month),  # March
    (_SEASON, _read_bare_season),  # Spring
    (_THIS + r"(?:calendar )?year(?![a-z])|(?<=end of )the (?:calendar )?year(?![a-z]| ?[0-9])", _around("year", 0)),
    (_NEXT + r"(?:calendar )?year(?![a-z])", _around("year", 1)),
    (_THIS + _FY + r"|(?<=end of )(?:the )?" + _FY, _around("financial year", 0)),
    (_NEXT + _FY, _around("financial year", 1)),
    (_THIS + r"quarter(?![a-z])|(?<=end of )the quarter(?![a-z])", _around("quarter", 0)),
    (_NEXT + r"quarter(?![a-z])", _around("quarter", 1)),
    (_THIS + r"month(?![a-z])|(?<=end of )the month(?![a-z])", _around("month", 0)),
    (_NEXT + r"month(?![a-z])", _around("month", 1)),
    (r"(?<![a-z])" + _IN + _NUMBER + r" (?P<unit>day|week|month|year)s?(?![a-z])(?:'s?)?(?: time)?", _read_within),
    (r"(?<![a-z])(?:immediate(?:ly)?|with immediate effect)(?![a-z])", _read_immediately),
]
_COMPILED = [(_compile(pattern), read) for pattern, read in _PATTERNS]

_PREFIX = _compile(
    r"(?<![a-z0-9])(?:(?P<end_of>(?:the )?end(?: of)?[ -]?(?:the )?(?:(?:financial |calendar )?year |fy ?)?)"
    r"|(?P<onwards>(?:from|starting|starting from|commencing|beginning|with effect from) (?:the )?)"
    r"|(?P<week>(?:w/c|w/b|wc|week commencing|week beginning) ?))?"
    r"(?:(?:early|mid|late|(?:the )?middle of)[ -]?)?$"
)
_SUFFIX = _compile(r"(?: ?-)? ?(?:on ?wards|and beyond|and ongoing)(?![a-z])")


def _scan(norm: str, as_of: date | None) -> list[_Found]:
    candidates = [
        found for pattern, read in _COMPILED for m in pattern.finditer(norm) if (found := read(m, as_of)) is not None
    ]
    candidates.sort(key=lambda f: (f.lo, f.lo - f.hi))  # stable: among equals, the earlier pattern
    chosen: list[_Found] = []
    for found in candidates:
        if not chosen or found.lo >= chosen[-1].hi:
            chosen.append(_with_edges(norm, found, chosen[-1].hi if chosen else 0))
    return chosen


def _with_edges(norm: str, found: _Found, floor: int) -> _Found:
    """Take in "end of", "from", "w/c", "early" before a period and "onwards" after it."""
    prefix = _PREFIX.search(norm, max(floor, found.lo - 48), found.lo)
    suffix = _SUFFIX.match(norm, found.hi)
    return replace(
        found,
        lo=prefix.start() if prefix else found.lo,
        hi=suffix.end() if suffix else found.hi,
        end_of=bool(prefix and prefix["end_of"]),
        onwards=bool(suffix or (prefix and prefix["onwards"])),
        week=bool(prefix and prefix["week"]),
    )


# Joining ranges: "April-Sept 2024", "Spring/early Summer 2024", "Dec 2024 / Jan 2025" ----------------

_LIST_JOIN = re.compile(r" ?(?:(?:-|/|to|until|till|through|thru|and|&|or|,) ?)?")
_RANGE_JOIN = re.compile(r" ?(?:-|/|to|until|till|through|thru|up to) ?")


def _join_ranges(norm: str, found: list[_Found]) -> list[_Found]:
    out = list(found)
    for i in range(len(out) - 2, -1, -1):  # right to left, so "April/May/June 2024" chains
        a, b = out[i], out[i + 1]
        if a.yearless and _fixed(b) and b.start and _LIST_JOIN.fullmatch(norm, a.hi, b.lo):
            out[i : i + 2] = [_range(a, a.yearless.before(b.start), b, b.span)]
    i = 0
    while i < len(out) - 1:
        joined = _joined(norm, out[i], out[i + 1])
        if joined is None:
            i += 1
        else:
            out[i : i + 2] = [joined]
    return out


def _fixed(found: _Found) -> bool:
    return found.span is not None and not found.relative


def _joined(norm: str, a: _Found, b: _Found) -> _Found | None:
    if not (_fixed(a) and a.span):
        return None
    joins = _RANGE_JOIN.fullmatch(norm, a.hi, b.lo) or (
        norm.startswith(" and ", a.hi, b.lo) and b.lo - a.hi == 5 and norm.endswith("between ", 0, a.lo)
    )
    if not joins:
        return None
    if b.yearless:
        return _range(a, a.span, b, b.yearless.after(a.span[1]))
    if _fixed(b) and b.span and a.span[0] <= b.span[0]:
        return _range(a, a.span, b, b.span)
    return None


def _range(a: _Found, a_span: Span | None, b: _Found, b_span: Span | None) -> _Found:
    span = None if a_span is None or b_span is None else (a_span[0], b_span[1])
    return _Found(a.lo, b.hi, span, ranged=True, invalid=span is None, end_of=b.end_of, onwards=b.onwards)


_FILLER_WORDS = frozenset({
    "by", "the", "in", "on", "at", "before", "during", "no", "not", "later", "than", "due", "target", "deadline",
    "date", "until", "till", "to", "and", "or", "of", "end", "approx", "approximately", "around", "circa", "c",
    "est", "estimated", "expected", "planned", "from", "onwards", "term",
})  # fmt: skip


def _place_yearless(norm: str, found: list[_Found], as_of: date | None) -> list[_Found]:
    """Give a year to a day, month or season written without one, from as_of."""
    edges = [0, *(e for f in found for e in (f.lo, f.hi)), len(norm)]
    rest = " ".join(norm[lo:hi] for lo, hi in zip(edges[::2], edges[1::2], strict=True))
    alone = set(re.findall(r"[a-z0-9]+", rest)) <= _FILLER_WORDS
    placed: list[_Found] = []
    for f in found:
        if f.yearless is None:
            placed.append(_finished(f))
        elif f.yearless.day or alone:  # a month or season name inside a sentence is a word, not a date
            placed.append(_finished(replace(f, span=_yearless_span(f.yearless, f.onwards, as_of))))
    return placed


def _yearless_span(yearless: _Yearless, onwards: bool, as_of: date | None) -> Span | None:
    """A start ("from 2 June onwards") is in as_of's year; a due date is the next one on or after as_of."""
    if as_of is None:
        return None
    return (onwards and yearless.in_year(as_of.year)) or yearless.after(as_of)


def _finished(found: _Found) -> _Found:
    """Apply "end of" (a single day) and "w/c" (the week that day begins)."""
    if found.span is None:
        return found
    first, last = found.span
    if found.week and first == last and first <= date.max - timedelta(6):
        return replace(found, span=(first, first + timedelta(6)))
    if found.end_of:
        return replace(found, span=(last, last))
    return found


# Words: ongoing, complete, to be confirmed --------------------------------------------------------

_NOT = r"(?<!not )(?<!not yet )(?<!to be )(?<!yet to be )(?<![a-z])"
_STATUSES = (
    (
        TimescaleKind.ONGOING,
        (
            r"on-?going|on going|business as usual|bau|continuous(?:ly)?|continuing|continual(?:ly)?"
            r"|current practice|no change is anticipated|rolling(?: programme| program)?|annually|quarterly"
            r"|monthly|weekly|regularly|(?:every|each) (?:year|month|quarter|week)"
        ),
    ),
    (TimescaleKind.COMPLETE, r"completed?|done|achieved|closed|finished"),
    (
        TimescaleKind.TBC,
        (
            r"tbc|t\.b\.c\.?|tba|t\.b\.a\.?|tbd|to be (?:confirmed|agreed|arranged|determined|decided|set)"
            r"|not yet (?:known|set|agreed)"
        ),
    ),
)
_STATUS_PATTERNS = [(kind, _compile(_NOT + f"(?:{words})(?![a-z])")) for kind, words in _STATUSES]


def _status_in(norm: str) -> TimescaleKind | None:
    """The first status word in a cell that names no date ("Ongoing - reviewed annually")."""
    hits = [(m.start(), kind) for kind, pattern in _STATUS_PATTERNS if (m := pattern.search(norm))]
    return min(hits)[1] if hits else None


def _status_alone(text: str) -> TimescaleKind | None:
    """The status a segment between dates is, when it is nothing else ("May 2024 Ongoing")."""
    return next((kind for kind, pattern in _STATUS_PATTERNS if pattern.fullmatch(text)), None)


# Assembling the answer ----------------------------------------------------------------------------

_EDGE = frozenset(" ,;:.-/&()[]*|+")
_LEADING_WORDS = re.compile(r"(?:and|then|or|followed by)(?![a-z])")
_TRAILING_WORDS = re.compile(
    r"(?<![a-z])(?:by|in|on|at|due|before|during|for|deadline|target|date|until|of|no later than|not later than)$"
)


def _trimmed(norm: str, lo: int, hi: int, *, words: bool) -> tuple[int, int]:
    """Bounds of a segment without separators at its edges (and, with `words`, without "and" … "by")."""
    while lo < hi:
        if norm[lo] in _EDGE:
            lo += 1
        elif norm[hi - 1] in _EDGE:
            hi -= 1
        elif words and (lead := _LEADING_WORDS.match(norm, lo, hi)):
            lo = lead.end()
        elif words and (trail := _TRAILING_WORDS.search(norm, max(lo, hi - 16), hi)):
            hi = trail.start()
        else:
            break
    return lo, hi


@dataclass(frozen=True)
class _Step:
    """One milestone in the making: a period with its label, or a status standing on its own."""

    lo: int
    hi: int
    found: _Found | None = None
    status: TimescaleKind | None = None


def _steps(norm: str, found: list[_Found]) -> list[_Step]:
    """The words before each period are its label, unless they are a status standing on its own."""
    steps: list[_Step] = []
    for after, f in zip([0, *(f.hi for f in found)], found, strict=False):
        lo, hi = _trimmed(norm, after, f.lo, words=False)
        status = _status_alone(norm[lo:hi])
        if status is None:
            steps.append(_Step(*_trimmed(norm, after, f.lo, words=True), found=f))
            continue
        if status != TimescaleKind.TBC:  # a date "to be confirmed" is still the date: no step of its own
            steps.append(_Step(lo, hi, status=status))
        steps.append(_Step(f.lo, f.lo, found=f))
    lo, hi = _trimmed(norm, found[-1].hi, len(norm), words=False)
    status = _status_alone(norm[lo:hi])
    return [*steps, _Step(lo, hi, status=status)] if status and status != TimescaleKind.TBC else steps


def _assemble(written: str, norm: str, where: list[int], found: list[_Found]) -> Timescale:
    steps = _steps(norm, found)
    statuses = [s.status for s in steps if s.status]
    if len(found) == 1 and statuses == [TimescaleKind.COMPLETE]:  # "Completed March 2024"
        return Timescale(written, TimescaleKind.COMPLETE, found[0].start, found[0].due)
    if len(steps) == 1:
        return Timescale(written, _kind_of(found[0]), found[0].start, found[0].due)
    milestones = tuple(_milestone(written, where, step) for step in steps)
    starts = [m.start for m in milestones if m.start]
    dues = [m.due for m in milestones if m.due]
    return Timescale(written, TimescaleKind.MILESTONES, min(starts, default=None), max(dues, default=None), milestones)


def _kind_of(found: _Found) -> TimescaleKind:
    if found.relative or (found.onwards and found.yearless):
        return TimescaleKind.RELATIVE
    if found.span is None:
        return TimescaleKind.NOT_UNDERSTOOD  # a month without a year, and no as_of to place it
    if found.onwards:
        return TimescaleKind.ONGOING
    if found.ranged and not (found.end_of or found.week):
        return TimescaleKind.RANGE
    return TimescaleKind.DATE


def _milestone(written: str, where: list[int], step: _Step) -> Milestone:
    def original(lo: int, hi: int) -> str:
        return written[where[lo] : where[hi - 1] + 1] if lo < hi else ""

    if step.found is None:
        return Milestone("", original(step.lo, step.hi), None, None)
    label = " ".join(original(step.lo, step.hi).split())
    text = original(step.lo if step.lo < step.hi else step.found.lo, step.found.hi)
    return Milestone(label, text, step.found.start, step.found.due)
