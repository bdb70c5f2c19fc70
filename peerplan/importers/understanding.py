"""Which field each column of a table holds, from its heading and from what its cells say, with the
reason for every decision ("read as the timescale: 9 of 10 cells are dates").

The heading decides when it names a field (exactly, or by its words); otherwise the cells do: dates and
timescales, references, RAG ratings, status words, names, job titles and bodies, or sentences (the
recommendation repeats down the rows or spans them; actions do not). A table whose header names
nothing is still read when its cells say it is a plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from peerplan.plans.timescales import TimescaleKind, understand

from .columns import LABELS, field_by_words, field_for, normalise_heading
from .owners import split_owners
from .result import ColumnReading
from .text import has_bullet, one_line
from .vocab import rag_of, status_of

SAMPLE_CELLS = 60  # a column's first cells are enough to say what it holds; reading stays linear
_SHARE = 0.6
_REF = re.compile(
    r"^(?!q[1-4]\b)(?:\(?[a-z]\)|[a-z][.)]|\(?[ivx]{1,4}[.)]|(?:[A-Z]{1,3}\s?)?\d{1,3}(?:\.\d{1,3})*[a-z]?[.):]?"
    r"|(?:rec(?:ommendation)?\.?\s*)\d{1,3}[a-z]?)$",
    re.IGNORECASE,
)
_SENTENCE_WORDS = 4  # words a cell has on average when the column holds text to read, not labels
_QUARTER = re.compile(r"^(?:q[1-4]|quarter\s*[1-4])\b", re.IGNORECASE)
_OWNER_MAX_WORDS = 12
_TITLE_CASE_WORD = re.compile(r"^[A-Z][A-Za-z'’.-]*$")
_OWNER_WORD = re.compile(
    r"\b(head|director|officer|manager|chief|leader|lead|member|portfolio|cabinet|council|board|committee|"
    r"group|panel|team|executive|partnership|service|services|agency|trust|cllr|councillor|ceo|coordinator|"
    r"adviser|advisor|unit|department|directorate|clerk|secretary|mayor|nhs|police|ccg|lscb|all)s?\b",
    re.IGNORECASE,
)
# Headings of a date column that is not when the action is due.
_OTHER_DATE = re.compile(
    r"\b(meeting|review|reviewed|agreed|raised|reported|updated|update|start|started|added|issued|"
    r"received|logged|last|committee|report)\b",
    re.IGNORECASE,
)
_DUE_WORDS = re.compile(
    r"\b(due|target|deadline|timescale|timescales|by when|complete by|completion|timeframe)\b", re.IGNORECASE
)


@dataclass
class Column:
    index: int
    heading: str
    field: str | None
    reason: str
    by: str  # 'person', 'heading', 'content', 'settled' (a heading the cells overruled) or '' (not read)
    long: bool = False  # its cells are sentences
    repeats: bool = False  # its text repeats or spans down the rows
    listed: bool = False  # its cells hold steps as bullets, one a line (several actions in one cell)
    asks: bool = False  # its sentences ask for something: no dates, numbers, status words or past tense first

    @property
    def key(self) -> str:
        return self.heading or f"column {self.index + 1}"


def is_timescale(text: str) -> bool:
    if len(text.split()) > 8:
        return False
    if _QUARTER.match(text):
        return True  # 'Q3' with no year: a timescale still, though no due date can be set
    kind = understand(text).kind
    return kind not in (TimescaleKind.NOT_UNDERSTOOD, TimescaleKind.EMPTY)


def _is_owner(text: str) -> bool:
    words = text.split()
    if not words or len(words) > _OWNER_MAX_WORDS or text.rstrip().endswith((".", "?", "!")):
        return False
    if _OWNER_WORD.search(text):
        return True
    owners = split_owners(text)
    # Names and acronyms: 'Jane Smith', 'CSC, LSCB'; one word in capitals only ('Pilot' is no owner)
    if len(words) == 1 and not (text.isalpha() and text.isupper()):
        return False
    return bool(owners) and all(
        all(_TITLE_CASE_WORD.match(w) or w.isupper() or w in ("of", "and", "for", "the", "&") for w in o.split())
        for o in owners
    )


_TITLE_MAX_WORDS = 7
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "&", "to", "in", "on", "with"})


def _titled(text: str) -> bool:
    """Written as a name or job title is: every word but the small ones capitalised."""
    words = [w for w in text.split() if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _repeats(cells: Sequence[str]) -> bool:
    """The text of a recommendation repeats on the rows of its actions (a merged cell) or is left empty
    below its first row."""
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return False
    same = sum(1 for a, b in pairwise(cells) if b and a == b)
    empty_after = sum(1 for a, b in pairwise(cells) if a and not b)
    return (same + empty_after) * 5 >= len(cells)


def _listed(cells: Sequence[str]) -> bool:
    """Most filled cells start with a bullet: cells of steps, one a line."""
    filled = [c for c in cells if c.strip()]
    bulleted = [c for c in filled if has_bullet(c.strip().split("\n")[0])]
    return bool(filled) and len(bulleted) * 2 > len(filled)


_REPORTS = re.compile(r"^\W*\w+ed\b|\d|\b(?:was|were|has been|have been|is now|are now)\b", re.IGNORECASE)


def _asks(cells: Sequence[str]) -> bool:
    """Sentences that ask for something ('Develop a shared vision …'), not a report of progress
    ('Agreed by cabinet in May', 'Workshops held 3 March 2025', 'Complete')."""
    filled = [one_line(c) for c in cells if c.strip()]
    asking = [t for t in filled if not _REPORTS.search(t) and not status_of(t) and not rag_of(t)]
    return len(filled) >= 2 and len(asking) == len(filled)


def _share(cells: list[str], test: Callable[[str], object]) -> int:
    return sum(1 for c in cells if test(c))


def read_content(cells: Sequence[str]) -> tuple[str | None, str, bool]:
    """(field, reason, cells are sentences) from a column's cells; field None when they do not say."""
    texts = [one_line(c) for c in cells[:SAMPLE_CELLS]]
    filled = [t for t in texts if t]
    n = len(filled)
    if not n:
        return None, "its cells are empty", False
    words = sum(len(t.split()) for t in filled) / n

    def enough(k: int) -> bool:
        return k >= max(2, n * _SHARE) or (n == 1 and k == 1)

    if enough(k := _share(filled, _REF.match)):
        return "ref", f"{k} of {n} cells are numbers or references", False
    rags, statuses = _share(filled, rag_of), _share(filled, status_of)
    if enough(statuses) and statuses >= rags and words <= 6:
        return "status", f"{statuses} of {n} cells are status words", False
    if enough(rags) and words <= 4:
        return "rag", f"{rags} of {n} cells are RAG ratings", False
    if enough(k := _share(filled, is_timescale)):
        return "timescale", f"{k} of {n} cells are dates or timescales", False
    if words < _SENTENCE_WORDS and enough(k := _share(filled, _is_owner)):
        return "owner", f"{k} of {n} cells are names, job titles or bodies", False
    if words <= _TITLE_MAX_WORDS and enough(k := _share(filled, lambda t: _is_owner(t) and _titled(t))):
        return "owner", f"{k} of {n} cells are job titles or bodies", False  # 'Head of Human Resources'
    if words >= _SENTENCE_WORDS:
        return None, f"its cells are sentences (about {round(words)} words each)", True
    return None, "its cells do not say what it holds", False


def read_columns(header: Sequence[str], rows: Sequence[Sequence[str]], overrides: Mapping[str, str]) -> list[Column]:
    """How each column is read; `overrides` (normalised heading or 'column N' → field) come first."""
    width = max([len(header), *(len(r) for r in rows[:SAMPLE_CELLS])], default=0)
    columns: list[Column] = []
    for col in range(width):
        heading = " ".join(header[col].split()) if col < len(header) else ""
        key = heading or f"column {col + 1}"
        cells = [r[col] if col < len(r) else "" for r in rows]
        override = overrides.get(normalise_heading(key))
        content, why, long = read_content(cells)
        repeats = long and _repeats([one_line(c) for c in cells[: SAMPLE_CELLS * 2]])
        listed = long and _listed(cells[:SAMPLE_CELLS])
        asks = long and not listed and _asks(cells[:SAMPLE_CELLS])
        shape = {"long": long, "repeats": repeats, "listed": listed, "asks": asks}
        if override:
            columns.append(Column(col, heading, override, "as you set it", "person", **shape))
        elif heading and (found := field_for(heading)):
            columns.append(Column(col, heading, found, f"the heading “{heading}” names it", "heading", **shape))
        elif heading and (found := field_by_words(heading)):
            columns.append(Column(col, heading, found, f"the words of the heading “{heading}”", "heading", **shape))
        else:
            columns.append(Column(col, heading, content, why, "content" if content else "", **shape))
    _settle_headed(columns, rows)
    _settle_worded_sections(columns)
    _settle_dates(columns, rows)
    _settle_sentences(columns)
    _settle_sections(columns, rows)
    for c in columns:
        if (c.by == "content" and c.field) or (c.by == "heading" and c.field):
            c.reason = f"read as the {LABELS[c.field]}: {c.reason}"
        elif c.by == "person" and c.field:
            c.reason = (
                f"read as the {LABELS[c.field]}: {c.reason}" if c.field != "ignore" else "not read: as you set it"
            )
        elif not c.field:
            c.reason = f"not read: {c.reason}"
    return columns


def _settle_headed(columns: list[Column], rows: Sequence[Sequence[str]]) -> None:
    """Where the cells contradict the heading: a meeting or review date is not when an action is due;
    an 'Outcome' of one or two words ('Actioned.', 'Pending') is a status, not an objective."""
    for c in columns:
        if c.by != "heading":
            continue
        if c.field == "timescale" and _OTHER_DATE.search(c.heading) and not _DUE_WORDS.search(c.heading):
            c.field, c.by = None, "settled"
            c.reason = f"the heading “{c.heading}” names a date that is not when the action is due"
        elif c.field == "objective":
            cells = [one_line(r[c.index]) for r in rows[:SAMPLE_CELLS] if c.index < len(r) and r[c.index].strip()]
            short = cells and sum(len(t.split()) for t in cells) / len(cells) <= 4
            if short and any(status_of(t) for t in cells) and not any(_REF.match(t.split()[0]) for t in cells):
                c.field = "status"
                c.reason = f"the heading “{c.heading}” over cells of a few words each (a status, not an objective)"


def _settle_worded_sections(columns: list[Column]) -> None:
    """A heading whose words only point to a section ('What the panel found') over sentences, in a
    table with no recommendation: the sentences are the recommendation."""
    if {c.field for c in columns} & {"recommendation", "objective"}:
        return
    for c in columns:
        if c.by == "heading" and c.field == "section" and c.long and not field_for(c.heading):
            c.field = "recommendation"
            c.reason = f"its cells are sentences (the words of the heading “{c.heading}” said section)"
            return


def _settle_sections(columns: list[Column], rows: Sequence[Sequence[str]]) -> None:
    """A column no heading named that holds the same short text on row after row (a committee, a
    service, a theme) is the section the recommendations belong to."""
    if "recommendation" not in {c.field for c in columns}:
        return
    for c in columns:
        if c.field or c.by in ("person", "settled"):
            continue
        cells = [one_line(r[c.index]) for r in rows[:SAMPLE_CELLS] if c.index < len(r) and r[c.index].strip()]
        distinct = set(cells)
        if len(cells) >= 2 and len(distinct) * 2 <= len(cells) and all(len(t.split()) <= 12 for t in distinct):
            c.field, c.by = "section", "content"
            c.reason = f"{len(distinct)} short text{'s' if len(distinct) > 1 else ''} repeated down {len(cells)} rows"


def _settle_dates(columns: list[Column], rows: Sequence[Sequence[str]]) -> None:
    """One timescale: a date column that is not a due date ('Meeting date') gives way to a better one."""
    dated = [c for c in columns if c.field == "timescale" and c.by != "person"]
    if len(dated) < 2:
        return

    def score(c: Column) -> tuple[int, int, int, int]:
        due = 2 if _DUE_WORDS.search(c.heading) else 0 if _OTHER_DATE.search(c.heading) else 1
        cells = {one_line(r[c.index]) for r in rows[:SAMPLE_CELLS] if c.index < len(r) and r[c.index].strip()}
        # A meeting date is often the same on every row; due dates differ. Then the later column.
        return (due, 1 if c.by == "heading" else 0, min(len(cells), 3), c.index)

    best = max(dated, key=score)
    for c in dated:
        if c is not best:
            c.field, c.by = None, "settled"
            c.reason = f"a date that is not when the action is due; “{best.key}” is the timescale"


def _settle_marked_sentences(columns: list[Column], have: set[str], free: list[Column]) -> list[Column]:
    """Columns of sentences whose shape says what they are: steps listed as bullets are the actions,
    and sentences repeating down the rows are the recommendation. The columns still free."""
    listed = [c for c in free if c.listed]
    if listed and not have & {"action", "current", "further"}:
        steps = listed[0]
        steps.field, steps.by = "action", "content"
        steps.reason = "its cells list steps as bullets, one a line"
        have.add("action")
        free = [c for c in free if c is not steps]
    if any(c.listed and c.field == "action" for c in columns):
        # steps as bullets in a cell are the actions; the row then holds one recommendation, so
        # another column of sentences is the recommendation wherever it stands
        rest = [c for c in free if not c.listed]
        if rest and not have & {"recommendation", "objective"}:
            rest[0].field, rest[0].by = "recommendation", "content"
            rest[0].reason = "its sentences stand beside the listed steps"
            have.add("recommendation")
            free = [c for c in free if c is not rest[0]]
    if "recommendation" not in have and "objective" not in have:
        # The recommendation repeats or spans down the rows of its actions, wherever it stands: when
        # a column of sentences repeats and the actions are elsewhere, the first that repeats is it.
        repeating = [c for c in free if c.repeats]
        has_actions = bool(have & {"action", "current", "further"})
        if repeating and (len(repeating) < len(free) or has_actions):
            first = repeating[0]
            first.field, first.by = "recommendation", "content"
            first.reason = "its sentences repeat or span down the rows"
            have.add("recommendation")
            free = [c for c in free if c is not first]
    return free


def _settle_sentences(columns: list[Column]) -> None:
    """Columns of sentences no heading named: the recommendation (it repeats or spans down the rows,
    or stands left of the actions), the action, then progress commentary."""
    have = {c.field for c in columns if c.field}
    free = [c for c in columns if c.long and not c.field]
    if not free:
        return
    has_ref = "ref" in have
    free = _settle_marked_sentences(columns, have, free)
    first_action = min((c.index for c in columns if c.field in ("action", "current", "further")), default=None)
    for n, c in enumerate(free):
        left_of_actions = first_action is None or c.index < first_action
        if (
            "recommendation" not in have
            and "objective" not in have
            and left_of_actions
            and (c.repeats or first_action is not None or len(free) - n > 1 or has_ref)
        ):
            c.field = "recommendation"
            c.reason = "its sentences " + ("repeat or span down the rows" if c.repeats else "come first in each row")
        elif "recommendation" not in have and "objective" not in have and has_ref and first_action is not None:
            # each row numbered, with its actions elsewhere: these sentences are what was recommended
            c.field = "recommendation"
            c.reason = "its sentences stand beside the numbered rows' actions"
        elif (
            first_action is not None
            and c.asks
            and not have & {"recommendation", "objective", "current", "further", "progress", "rag", "status"}
        ):
            # a simple plan (actions, owners, dates) with no recommendation column: sentences that ask
            # for something rather than report on it are the recommendation ('How will we know?'
            # measures stand beside progress and RAG columns, so those tables are left alone)
            c.field = "recommendation"
            c.reason = "its sentences ask for something (no dates or progress words) beside the actions"
        elif first_action is None:
            c.field = "action"
            c.reason = "its sentences differ on each row" + (" and follow the recommendation" if n else "")
            first_action = c.index
        elif "progress" not in have and c.index > max(
            (x.index for x in columns if x.field in ("action", "current", "further")), default=-1
        ):
            c.field = "progress"
            c.reason = "its sentences follow the actions"
        else:
            continue
        c.by = "content"
        have.add(c.field)


def is_plan(columns: list[Column]) -> bool:
    """Columns that make a table an action plan even when its header named nothing."""
    fields = {c.field for c in columns if c.field}
    texts = fields & {"recommendation", "action", "objective"}
    return bool(texts) and len(fields & {"owner", "timescale", "ref", "status", "rag", "progress"}) >= 1


def readings(columns: list[Column], where: str) -> list[ColumnReading]:
    return [ColumnReading(where, c.key, c.heading, c.field or "ignore", c.reason) for c in columns]
