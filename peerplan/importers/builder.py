"""Read a file's paragraphs and tables, in order, into a plan document: a list of recommendations,
the tables of actions under them, sections from headings, and the doubts met on the way.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from datetime import date
from itertools import pairwise

from peerplan.plans.enums import CPC_THEMES_2018, CPC_THEMES_CURRENT, ReviewKind
from peerplan.plans.planformat import Action, PlanDocument, Recommendation, Review

from .blocks import Block, Paragraph, Row
from .columns import check_mapping
from .errors import PlanImportError
from .labels import document_date, read_label, ref_key, review_kind, same_ref, split_source, themes_in
from .result import ColumnReading, Doubt, ParseResult, RowReading
from .rows import RowReader
from .tables import PlanTable, gather, is_furniture, join_broken_rows
from .text import clean_cell, one_line

_SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d+)*[.)]?|[A-Z][.)]|\(?[ivx]{1,4}\))\s+")
_COUNT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_KEY_COUNT = re.compile(r"\b(\d{1,2}|" + "|".join(_COUNT_WORDS.split()) + r")\s+key\s+recommendations", re.I)
_TITLE_WORDS = re.compile(r"action plan|peer challenge|peer review|\b(19|20)\d\d\b", re.IGNORECASE)
_KNOWN_THEMES = {t.lower(): t for t in [*CPC_THEMES_CURRENT, *CPC_THEMES_2018]}

# How a person said a table row is to be read: row (as named in RowReading.where) → one of ROW_MARKS.
ROW_MARKS = {
    "recommendation": "A new recommendation",
    "action": "An action of the recommendation above",
    "continuation": "The rest of the row above",
    "section": "A section heading",
    "ignore": "Not part of the plan",
}
_MARKS: ContextVar[Mapping[str, str] | None] = ContextVar("row_marks", default=None)


@contextlib.contextmanager
def row_marks(marks: Mapping[str, str] | None) -> Iterator[None]:
    """Read table rows as a person marked them while a file is parsed in this context."""
    token = _MARKS.set(dict(marks or {}))
    try:
        yield
    finally:
        _MARKS.reset(token)


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (text or "").lower()).split())


def _similar(a: str, b: str) -> float:
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return 0.0
    return difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio()


class Builder:
    def __init__(self, filename: str, *, mapping: Mapping[str, str] | None, as_of: date | None):
        self.filename = filename
        self.overrides = check_mapping(mapping)
        self.given_as_of = as_of
        self.as_of: date | None = as_of
        self.recs: list[Recommendation] = []
        self.listed: list[Recommendation] = []  # recommendations met as labels ('Recommendation 3 …')
        self.doubts: list[Doubt] = []
        self.columns: dict[str, str] = {}
        self.section: str | None = None
        self.seen_heading = False
        self.title = ""
        self.rows_of: dict[int, tuple[Recommendation, list[list[Action]]]] = {}  # a table's rows per rec
        self.marks: Mapping[str, str] = _MARKS.get() or {}
        self.readings: list[ColumnReading] = []
        self.row_readings: list[RowReading] = []
        self._next_row: dict[int, Row] = {}

    def build(self, blocks: list[Block]) -> ParseResult:
        items, doubts = gather(blocks, self.overrides)
        self.doubts.extend(doubts)
        texts = [b.text for b in items if isinstance(b, Paragraph)]
        headings = [" ".join(t.header) for t in items if isinstance(t, PlanTable)]  # 'Progress as at 1 May 2025'
        self.as_of = self.given_as_of or document_date(texts + headings)
        run: list[Paragraph] = []
        for item in items:
            if isinstance(item, Paragraph):
                run.append(item)
                continue
            heading, pointer = self._run(run, before_table=True)
            self._table(item, heading, pointer)
            run = []
        self._run(run, before_table=False)
        return self._result(texts)

    # --- paragraphs: the list of recommendations, headings, sections -----------------------------
    def _run(self, paragraphs: list[Paragraph], *, before_table: bool) -> tuple[str | None, Recommendation | None]:
        """Read the paragraphs between two tables; return the heading and the recommendation label
        that introduce the next table."""
        bare = False
        texts: list[tuple[int, Paragraph]] = []
        labels: list[tuple[int, Recommendation, bool]] = []  # (position, recommendation, newly listed)
        for n, para in enumerate(paragraphs):
            text = one_line(para.text)
            if not text or is_furniture(para):
                continue
            label = read_label(text, bare_numbers=bare)
            if label is None:
                if para.heading or (len(text.split()) <= 8 and not text.endswith(".")):
                    bare = "recommendation" in text.lower()
                if para.heading:
                    self._heading(text)
                texts.append((n, para))
                continue
            existing = next((r for r in self.listed if same_ref(r.ref, label.ref)), None)
            rest, source = split_source(label.rest)
            if existing is not None:
                if rest and not existing.text:
                    existing.text = rest
                labels.append((n, existing, False))
                continue
            rec = Recommendation(ref=label.ref, key=label.key, text=rest, source=source, section=self.section)
            labels.append((n, self._add(rec, listed=True), True))
        heading: str | None = None
        if before_table and texts and (not labels or texts[-1][0] > labels[-1][0]):
            heading = one_line(texts.pop()[1].text)
        self._orphans(texts, labels)
        self._key_hint(paragraphs, labels)
        if not (before_table and labels):
            return heading, None
        _, rec, new = labels[-1]
        if heading and new and not rec.text:
            rec.text, rec.source = split_source(heading)
            return None, rec
        return heading, (rec if heading is None or not new else None)

    def _orphans(self, texts: list[tuple[int, Paragraph]], labels: list[tuple[int, Recommendation, bool]]) -> None:
        """Text between labels: the words of a label that stood alone (a table cell laid out beside
        its label), or the wrapped end of the recommendation before."""
        if not labels:
            return
        empty = [(n, rec) for n, rec, new in labels if new and not rec.text]
        first, last = labels[0][0], labels[-1][0]
        for n, para in texts:
            if not (first < n < last or (n > last and empty)):
                continue
            text = one_line(para.text)
            if empty:
                target = min(empty, key=lambda e: abs(e[0] - n))[1]
            else:
                target = max((lab for lab in labels if lab[0] < n), key=lambda lab: lab[0])[1]
                if not (text[:1].islower() or not target.text.endswith((".", "?", "!"))):
                    continue
            target.text = f"{target.text} {text}".strip()
            self.doubts.append(Doubt(para.where, f"read as part of recommendation {target.ref}: {text[:60]!r}"))

    def _key_hint(self, paragraphs: list[Paragraph], labels: list[tuple[int, Recommendation, bool]]) -> None:
        """'The peers made eight key recommendations' followed by a list of eight marks them key."""
        if not labels:
            return
        for para in paragraphs[: labels[0][0]]:
            if m := _KEY_COUNT.search(para.text):
                word = m.group(1).lower()
                count = int(word) if word.isdigit() else _COUNT_WORDS.split().index(word)
                if count == len(self.listed):
                    for rec in self.listed:
                        rec.key = True

    def _heading(self, text: str) -> None:
        if not self.seen_heading:
            self.seen_heading = True  # the document's title, not a section
            self.title = text[:300]
            return
        self.section = _SECTION_NUMBER.sub("", text).strip() or text

    def _add(self, rec: Recommendation, *, listed: bool = False) -> Recommendation:
        if rec.section and rec.section.lower() in _KNOWN_THEMES and not rec.theme:
            rec.theme = _KNOWN_THEMES[rec.section.lower()]
        self.recs.append(rec)
        if listed:
            self.listed.append(rec)
        return rec

    # --- tables ----------------------------------------------------------------------------------
    def _table(self, table: PlanTable, heading: str | None, pointer: Recommendation | None) -> None:
        join_broken_rows(table)
        self._apply_continuations(table)
        self._next_row = {id(a): b for a, b in pairwise(table.rows)}
        self.doubts.extend(table.doubts)
        for _, found, field in table.columns:
            self.columns[found] = field
        self.readings.extend(table.readings)
        reader = RowReader(table, self.as_of, self.given_as_of or self.as_of)
        fields = table.fields()
        by_rec = "recommendation" in fields or ("ref" in fields and self._refs_name_listed(table))
        if by_rec:
            self._rec_table(table, reader, heading)
            return
        if not fields & {"objective", "action", "current", "further"}:
            self.doubts.append(Doubt(table.where, "the table has no recommendation or action column; not read"))
            return
        before = len(self.recs)
        target = self._target(table, heading, pointer)
        made = self.recs[-1] if len(self.recs) > before else None  # from the text above the table
        for row in table.rows:
            mark = self.marks.get(row.where)
            if mark == "recommendation":
                target = self._add(Recommendation(text=_row_text(row), section=self.section))
                self._row(row, "a new recommendation (as you marked it)")
                continue
            handled, after = self._set_apart(table, row, mark, target)
            if handled:
                target = after or target
                continue
            got = reader.read(row)
            self._row(row, f"{_count(len(got.actions), 'action')} of recommendation {target.ref or ''}".strip())
            self.doubts.extend(got.doubts)
            if got.objective_ref and "." in got.objective_ref:
                number = got.objective_ref.split(".")[0]
                target = next((r for r in self.listed if same_ref(r.ref, number)), target)
            if got.many:
                for action in got.actions:
                    action.owners = list(got.owners)
            _append(target.actions, got.actions)
        if made is not None and not made.actions and self.recs[-1] is not made:
            self.recs.remove(
                made
            )  # the text above was a title or a key: the rows across the table are the recommendations

    def _rec_table(self, table: PlanTable, reader: RowReader, heading: str | None) -> None:
        if heading and len(heading.split()) <= 12 and not _TITLE_WORDS.search(heading):
            self.section = _SECTION_NUMBER.sub("", heading).strip() or heading
        current: Recommendation | None = None
        self.rows_of = {}
        for row in table.rows:
            current = self._rec_row(table, row, reader, current)
        for rec, rows in self.rows_of.values():
            if len(rows) == 1 and len(rows[0]) == 1:  # one row for the recommendation: its owners too
                # The action keeps them as well, so its lead officer finds it in My actions.
                rec.owners.extend(o for o in rows[0][0].owners if o not in rec.owners)

    def _refs_name_listed(self, table: PlanTable) -> bool:
        col = table.col("ref")
        refs = [one_line(r.text(col)) for r in table.rows] if col is not None else []
        refs = [r for r in refs if r]
        return bool(refs) and all(any(ref_key(r) == ref_key(x.ref) for x in self.listed) for r in refs)

    def _target(self, table: PlanTable, heading: str | None, pointer: Recommendation | None) -> Recommendation:
        """The recommendation a table of objectives and actions belongs to."""
        first = next(
            (
                one_line(clean_cell(r.text(c)))
                for r in table.rows
                for c in table.cols("objective", "ref")
                if r.text(c).strip()
            ),
            "",
        )
        prefix = re.match(r"^\s*(?:R|KR)?(\d{1,2})\.\d", first or "")
        used = {id(r) for r in self.recs if r.actions}
        if prefix and (found := next((r for r in self.listed if same_ref(r.ref, prefix.group(1))), None)):
            return found
        if pointer is not None:
            return pointer
        if heading and self.listed:
            best = max(self.listed, key=lambda r: _similar(r.text, heading))
            if _similar(best.text, heading) >= 0.6:
                return best
        if self.listed and not heading:
            unused = [r for r in self.listed if id(r) not in used]
            if unused:
                return unused[0]
        ref = prefix.group(1) if prefix else None
        if not heading:
            self.doubts.append(Doubt(table.where, "no heading or recommendation found above this table"))
        text, source = split_source(heading or "")
        return self._add(Recommendation(ref=ref, text=text, source=source, section=self.section))

    def _rec_row(
        self, table: PlanTable, row: Row, reader: RowReader, current: Recommendation | None
    ) -> Recommendation | None:
        """A row of a table with a recommendation column: a new recommendation, or more actions for
        the one above (same text repeated, as merged cells come out, or the cell left empty)."""
        text, ref, key, source = self._rec_cells(table, row)
        mark = self.marks.get(row.where)
        handled, after = self._set_apart(table, row, mark, current)
        if handled:
            return after
        rec = current
        if mark == "action" and current is not None:
            text, ref = "", None
        elif mark == "recommendation":
            text = text or _row_text(row)
            rec = self._add(Recommendation(ref=ref, key=key, text=text, source=source, section=self.section))
            text, ref = "", None
        rec = self._which_rec(row, rec, text, ref, key=key, source=source)
        if rec is None:
            if any(row.text(c).strip() for c in range(len(row.cells))):
                self.doubts.append(Doubt(row.where, "row before any recommendation; not read"))
                self._row(row, "not read: it comes before any recommendation")
            return None
        rec.key = rec.key or key
        rec.source = rec.source or source
        for col in table.cols("theme"):
            rec.theme = rec.theme or one_line(row.text(col)) or None
        for col in table.cols("section"):
            rec.section = rec.section or one_line(row.text(col))[:300] or None
        got = reader.read(row, fallback=rec.text if mark != "action" else None)
        self.doubts.extend(got.doubts)
        if got.many or not got.actions:
            rec.owners.extend(o for o in got.owners if o not in rec.owners)
        rec.section = rec.section or self.section
        self.rows_of.setdefault(id(rec), (rec, []))[1].append(got.actions)
        new = rec is not current
        how = "recommendation " + (rec.ref or "") if new else f"more for recommendation {rec.ref or ''}"
        if mark:
            how += " (as you marked it)"
        self._row(row, f"{how.strip()}: {_count(len(got.actions), 'action')}")
        _append(rec.actions, got.actions)
        return rec

    def _which_rec(
        self, row: Row, current: Recommendation | None, text: str, ref: str | None, *, key: bool, source: str | None
    ) -> Recommendation | None:
        """The recommendation a row's cells name: the one above (its text repeated or left empty), one
        listed earlier in the document, or a new one."""
        if text:
            same = current is not None and _norm(text) == _norm(current.text)
            if not (same and (not ref or same_ref(ref, current.ref if current else None))):
                rec = self._listed_match(ref, text)
                if rec is None:
                    rec = self._add(Recommendation(ref=ref, key=key, text=text, source=source, section=self.section))
                return rec
        elif ref and not (current is not None and same_ref(ref, current.ref)):
            rec = self._listed_match(ref, None)
            if rec is None:
                self.doubts.append(Doubt(row.where, f"recommendation {ref} has no text"))
                rec = self._add(Recommendation(ref=ref, key=key, text="", section=self.section))
            return rec
        return current

    def _set_apart(
        self, table: PlanTable, row: Row, mark: str | None, current: Recommendation | None
    ) -> tuple[bool, Recommendation | None]:
        """A row not read for its cells: marked to be ignored or as a section, or written across the
        table (a merged row: a recommendation, or a section when short and the table has a recommendation
        column). (handled, the recommendation rows below belong to)."""
        if mark == "ignore":
            self._row(row, "not read (as you marked it)")
            return True, current
        if mark == "section":
            self.section = _row_text(row)
            self._row(row, "a section heading (as you marked it)")
            return True, current
        full = _full_width(table, row) if mark is None else None
        if not full:
            return False, current
        # with no recommendation column, a numbered row across the table is a recommendation: '1. …'
        label = read_label(full, bare_numbers="recommendation" not in table.fields())
        after = self._next_row.get(id(row))
        rec_first = table.col("recommendation") == 0
        if _NOTE.match(full) or (after is None and not label and len(table.rows) > 1 and not rec_first):
            self._row(row, "a note below the table; not read")
            return True, current
        if rec_first and (after is None or _full_width(table, after)):
            return False, current  # short recommendations with nothing beside them yet, not sections
        if label or "recommendation" not in table.fields() or not _is_heading_like(full):
            body, src = _split_para_tail(label.rest if label and label.rest else full)
            rec = Recommendation(ref=label.ref if label else None, text=body, source=src, section=self.section)
            self._row(row, "a new recommendation (a row across the table)")
            return True, self._add(rec)
        self.section = full
        self._row(row, "a section heading (a row across the table)")
        return True, current

    def _rec_cells(self, table: PlanTable, row: Row) -> tuple[str, str | None, bool, str | None]:
        rec_col, ref_col = table.col("recommendation"), table.col("ref")
        text = one_line(clean_cell(row.text(rec_col))) if rec_col is not None else ""
        ref_text = one_line(clean_cell(row.text(ref_col))) if ref_col is not None else ""
        ref: str | None = None
        key = False
        source: str | None = None
        if ref_text:
            ref_text, source = split_source(ref_text)
            label = read_label(ref_text, bare_numbers=True)
            ref = label.ref if label and not label.rest else ref_text.strip(" .:()") or None
            key = bool(label and label.key)
        if text and (label := read_label(text)) and label.rest:
            ref, key, text = ref or label.ref, key or label.key, label.rest
        text, found = _split_para_tail(text)
        source = source or found
        for col in table.cols("source"):
            source = source or one_line(row.text(col)) or None
        for col in table.cols("key"):
            key = key or one_line(row.text(col)).lower() in {"yes", "y", "key", "true", "x", "✓"}
        return text, ref, key, source

    def _listed_match(self, ref: str | None, text: str | None) -> Recommendation | None:
        """A recommendation listed earlier in the document that this row gives the actions for."""
        for rec in self.listed:
            if ref and same_ref(rec.ref, ref):
                if text and not rec.text:
                    rec.text = text
                return rec
        if text:
            best = max(self.listed, key=lambda r: _similar(r.text, text), default=None)
            if best is not None and _similar(best.text, text) >= 0.9:
                return best
        return None

    def _apply_continuations(self, table: PlanTable) -> None:
        """Rows a person marked as the rest of the row above are joined to it before reading."""
        if not self.marks:
            return
        joined: list[Row] = []
        for row in table.rows:
            if joined and self.marks.get(row.where) == "continuation":
                joined[-1].extend(row)
                self._row(row, "the rest of the row above (as you marked it)")
            else:
                joined.append(row)
        table.rows = joined

    def _row(self, row: Row, how: str) -> None:
        text = " ".join(" ".join(seg for cell in row.cells for seg in cell).split())
        self.row_readings.append(RowReading(row.where, how, text[:120]))

    # --- the document ----------------------------------------------------------------------------
    def _result(self, texts: list[str]) -> ParseResult:
        recs = [r for r in self.recs if r.text or r.actions]
        if not recs:
            raise PlanImportError(
                "no action plan found: no table with headings such as 'Recommendation', 'Action', "
                "'Lead officer' or 'Timescale', and no numbered recommendations",
                self.filename,
            )
        keys = [ref_key(r.ref) for r in recs]
        if all(k.isdigit() for k in keys):
            recs.sort(key=lambda r: int(ref_key(r.ref)))  # a list laid out in columns can come out of order
        for rec in recs:
            if not rec.text:
                self.doubts.append(Doubt(f"recommendation {rec.ref}", "no text found for this recommendation"))
        kind = review_kind(" ".join(texts[:200]))
        # A title the document gives (its first heading); never the file's name, which says nothing.
        title = self.title or (kind.label.capitalize() if kind != ReviewKind.OTHER else "Action plan")
        review = Review(kind=kind.value, title=title, themes=themes_in(texts))
        return ParseResult(
            PlanDocument(review=review, recommendations=recs),
            self.doubts,
            self.columns,
            self.readings,
            self.row_readings,
        )


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _row_text(row: Row) -> str:
    return " ".join(t for t in (one_line(clean_cell(row.text(c))) for c in range(len(row.cells))) if t)


_NOTE = re.compile(r"^\s*(?:notes?|nb|n\.b\.|key|source|please note)\b\s*[:.-]", re.IGNORECASE)
_PARA_TAIL = re.compile(r"(?<=[.!?])\s*((?:paras?|paragraphs?|page|p)\.?\s*\d.*)$", re.IGNORECASE)


def _split_para_tail(text: str) -> tuple[str, str | None]:
    """'…being pursued.Para 13; Para 15' → ('…being pursued.', 'Para 13; Para 15'), else split_source."""
    if m := _PARA_TAIL.search(text):
        return text[: m.start()].strip(), m.group(1).strip()
    return split_source(text)


def _full_width(table: PlanTable, row: Row) -> str | None:
    """The text of a row written across the whole table (a merged row): only its first cell is filled,
    or every filled cell repeats the same text."""
    if len(table.header) < 3 or len(row.cells) < 3:
        return None
    filled = [c for c in range(len(row.cells)) if row.text(c).strip()]
    texts = {one_line(row.text(c)) for c in filled}
    if not filled or filled[0] != 0 or (len(filled) > 1 and (len(texts) > 1 or len(filled) < len(row.cells) - 1)):
        return None
    text = one_line(clean_cell(row.text(0)))
    if not re.search(r"[^\W\d_]{3}", text):
        return None  # a reference or a number on its own is no recommendation or section
    if table.col("recommendation") == 0 and not _is_heading_like(text):
        return None  # a recommendation in its own column, with no actions yet
    return text or None


def _is_heading_like(text: str) -> bool:
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ";"))


def _append(actions: list[Action], new: list[Action]) -> None:
    """Add a row's actions; an objective repeated from the row above (a merged cell) takes the new steps."""
    for action in new:
        last = actions[-1] if actions else None
        if last is not None and action.actions and (last.ref, _norm(last.text)) == (action.ref, _norm(action.text)):
            last.actions.extend(action.actions)
        else:
            actions.append(action)


def build(
    blocks: list[Block], filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    """The plan document that a file's paragraphs and tables describe."""
    return Builder(filename, mapping=mapping, as_of=as_of).build(blocks)
