"""One search selector for every page and database: what a person typed → ranked recommendation and action hits.

A query is words (stemmed: "deliver" finds "delivering"), "quoted phrases" and prefixes ending in `*`; every
term must match. A recommendation or action matches on its own text or ref, on an owner's name or job title
(owners, lead officer, lead member), or, for an action, on the commentary of any of its updates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection
from django.db.models import BooleanField, F, Field, Func, Q, QuerySet, Value

from peerplan.accounts.models import Organisation
from peerplan.plans.models import Action, ActionOwner, Owner, Recommendation, RecommendationOwner, Review
from peerplan.progress.models import ProgressUpdate
from peerplan.progress.selectors import ACTION, REC  # the kinds search_results() loads

from .schema import ACTIONS, OWNERS, RECOMMENDATIONS, UPDATES, Indexed

_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False  # the last word is a prefix ("plann*")


def parse_query(query: str) -> list[Term]:
    """Split a query into terms: "a phrase", word, prefix* (punctuation inside a word makes it a phrase)."""
    terms = []
    for phrase, word in _TERM.findall(query):
        text = phrase if phrase else word
        words = tuple(_WORD.findall(text))
        if words:
            terms.append(Term(words, prefix=not phrase and word.endswith("*")))
    return terms


class _Match:
    """The match condition for one indexed table, in the SQL of the database in use."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.postgresql = connection.vendor == "postgresql"
        if self.postgresql:
            parts, self.params = [], []
            for term in terms:
                if term.prefix:
                    parts.append("to_tsquery('english'::regconfig, %s)")
                    self.params.append(" <-> ".join([*term.words[:-1], f"{term.words[-1]}:*"]))
                else:
                    parts.append("phraseto_tsquery('english'::regconfig, %s)")
                    self.params.append(" ".join(term.words))
            self.tsquery = " && ".join(parts)
        else:  # FTS5: each term a quoted string (quotes doubled), a prefix marked by a trailing *
            self.fts = " ".join(
                '"' + " ".join(t.words).replace('"', '""') + '"' + ("*" if t.prefix else "") for t in terms
            )

    def condition(self, ix: Indexed) -> _OnColumns:
        """The match on one indexed table. PostgreSQL: on the row's own columns, the expression the GIN index
        holds, so the planner may read the index or test the rows it walks in order (and stop early);
        SQLite: the rowids the FTS5 table finds."""
        if self.postgresql:
            sql = f"{ix.document(_placeholders(ix))} @@ ({self.tsquery})"
            return _OnColumns(sql, ix.columns, self.params, BooleanField())
        sql = f"{{0}} IN (SELECT rowid FROM {ix.name} WHERE {ix.name} MATCH %s)"
        return _OnColumns(sql, ("id",), [self.fts], BooleanField())


def _placeholders(ix: Indexed) -> tuple[str, ...]:
    return tuple(f"{{{n}}}" for n in range(len(ix.columns)))


class _OnColumns(Func):
    """SQL around the columns of the row at hand, `{0}`, `{1}` … in the template, compiled by Django so the
    table's alias is right wherever the queryset ends up (a subquery, a union)."""

    def __init__(self, template: str, columns: tuple[str, ...], params: list[str], output_field: Field[Any, Any]):
        super().__init__(*(F(c) for c in columns), output_field=output_field)
        self.sql_template = template
        self.sql_params = params

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:  # type: ignore[override]  # Func's signature has more keywords than this needs
        columns, params = [], []
        for expression in self.get_source_expressions():
            sql, column_params = compiler.compile(expression)
            columns.append(sql)
            params.extend(column_params)
        return self.sql_template.format(*columns), [*params, *self.sql_params]


CAP = 1000  # hits counted and paged; beyond it the page says "more than 1,000" (a count of 42,000 costs a scan)

_Row = tuple[int, int, int, int, int, str]  # id, kind, review id, rank, recommendation order, sort key
_COLUMNS = ("pk", "hit_kind", "in_review", "rank", "rec_order", "key")


def _order(row: _Row) -> tuple[Any, ...]:
    """The order people see: newest review first; within a review, hits on their own words (rank 1) before
    those found through an owner, a ref or an update; then plan order (recommendation before its actions)."""
    pk, kind, review, rank, rec_order, key = row
    return (-review, -rank, rec_order, kind, key, pk)


@dataclass(frozen=True)
class _Branch:
    """One way of matching, over one table: its hits all share a kind and a rank, so the database can return
    them already in the order people see (review, plan order) and stop after the first few."""

    hits: QuerySet[Any]  # the matching rows, in the reviews the person may read
    kind: int
    rank: int  # 1: its own words match; 0: found another way (own-word rows found so are also in an own branch)

    def ids(self, limit: int) -> QuerySet[Any, int]:
        """The first `limit` ids in any order: what counting needs."""
        return self.hits.order_by().values_list("pk", flat=True)[:limit]

    def first(
        self, limit: int, *, after_review: int | None = None, among: list[int] | None = None
    ) -> QuerySet[Any, _Row]:
        """The first `limit` rows in the order people see (only in reviews newer than `after_review`, and only
        those of the ids `among`, if given)."""
        hits = self.hits if after_review is None else self.hits.filter(review_id__gt=after_review)
        hits = hits if among is None else hits.filter(pk__in=among)
        rec_order, key = (F("order"), Value("")) if self.kind == REC else (F("recommendation__order"), F("sort_key"))
        # Ordered as search_recommendation_newest is (an action's review is its recommendation's), so the database
        # walks recommendations from the newest review, reads each one's actions in plan order, and stops.
        order = (
            ("-review_id", "order")
            if self.kind == REC
            else ("-recommendation__review_id", "recommendation__order", "sort_key")
        )
        rows: QuerySet[Any, _Row] = (
            hits.annotate(hit_kind=Value(self.kind), in_review=F("review_id"), rank=Value(self.rank))
            .annotate(rec_order=rec_order, key=key)
            .order_by(*order, "pk")
            .values_list(*_COLUMNS)[:limit]
        )
        return rows


@contextmanager
def _planner(*off: str) -> Iterator[None]:
    """PostgreSQL: the planner's `enable_*` settings named turned off for the queries inside, then put back as they
    were (the old values are read before the new ones are set: a materialised CTE is computed first).

    Why it is needed: the planner prices recomputing a row's text-search vector at 25 times a row's read where it
    costs ~100 times, so it walks rows where it should read the index, and the reverse.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        olds = ", ".join(f"current_setting('{name}') AS {name}" for name in off)
        sets = ", ".join(f"set_config('{name}', 'off', false)" for name in off)
        cursor.execute(f"WITH before AS MATERIALIZED (SELECT {olds}) SELECT {', '.join(off)}, {sets} FROM before")
        before = list(cursor.fetchone() or ())[: len(off)]
        try:
            yield
        finally:
            cursor.execute("SELECT " + ", ".join(f"set_config('{name}', %s, false)" for name in off), before)


def _through_indexes() -> AbstractContextManager[None]:
    """Count through the text-search index (bitmap scans only): asked for the first 1,001 actions with a common
    word, the planner would walk the table (20 ms) rather than read the index (3 ms)."""
    return _planner("enable_seqscan", "enable_indexscan")


def _in_order() -> AbstractContextManager[None]:
    """Read a branch in the order shown and stop at the page, not match every row of the reviews it may search and
    sort them: the planner, misjudging how many rows match several common words, does the latter (seconds)."""
    return _planner("enable_sort", "enable_material")


class SearchHits:
    """The hits as a sequence the paginator can page: counted up to CAP, each page read branch by branch.

    Every branch is asked only for as many rows as the page needs, in order, so the database reads the newest
    reviews' rows and stops, rather than matching, sorting and counting 42,000 rows to show 25. The hits a page
    shows are the first of the branches' first rows: a row found by several branches keeps its best place.
    """

    def __init__(self, own: list[_Branch], other: list[_Branch], reviews: QuerySet[Review] | None = None):
        self._own = own
        self._other = other
        self._reviews = reviews  # those searched
        self._counted: int | None = None
        self._found: dict[int, list[int]] = {}  # branch (by position in own + other) → its ids, up to CAP + 1

    def _count_to_cap(self) -> int:
        """Distinct hits up to CAP + 1; each branch stops at CAP + 1 rows and later ones are skipped once past it."""
        if self._counted is None:
            seen: set[tuple[int, int]] = set()
            with _through_indexes():
                for n, branch in enumerate(self._own):
                    self._found[n] = list(branch.ids(CAP + 1))
                    seen.update((branch.kind, pk) for pk in self._found[n])
            for n, branch in enumerate(self._other, start=len(self._own)):
                if len(seen) > CAP:
                    break
                self._found[n] = list(branch.ids(CAP + 1))
                seen.update((branch.kind, pk) for pk in self._found[n])
            self._counted = min(len(seen), CAP + 1)
        return self._counted

    def _first_of(self, n: int, branch: _Branch, limit: int, after_review: int | None = None) -> list[_Row]:
        """A branch's first rows: from the ids counted when they were all of them (a few, sorted at once); in
        the reviews newer than `after_review`, read in order and stopped at the page (never more work than
        matching all of those reviews' rows, which the planner may choose instead); else as the planner sees fit."""
        found = self._found.get(n)
        if found is not None and len(found) <= CAP:
            return list(branch.first(limit, after_review=after_review, among=found)) if found else []
        if after_review is None:
            return list(branch.first(limit))
        with _in_order():
            return list(branch.first(limit, after_review=after_review))

    def count(self) -> int:
        """How many hits can be paged: all of them, or the first CAP when there are more (see `more`)."""
        return min(self._count_to_cap(), CAP)

    @property
    def more(self) -> bool:
        """There are more than CAP hits: the page says so and shows the first CAP."""
        return self._count_to_cap() > CAP

    def __len__(self) -> int:
        return self.count()

    def _first(self, limit: int) -> list[_Row]:
        best: dict[tuple[int, int], _Row] = {}

        def keep(rows: Iterable[_Row]) -> None:
            for row in rows:
                seen = best.get((row[1], row[0]))
                if seen is None or _order(row) < _order(seen):
                    best[(row[1], row[0])] = row

        self._count_to_cap()  # what each branch holds decides how its first rows are read
        for n, branch in enumerate(self._own):
            keep(self._first_of(n, branch, limit))
        own = sorted(best.values(), key=_order)
        # Hits found another way rank below a review's own-word hits: once `limit` own-word hits are in hand,
        # only newer reviews than the last of them can put another-way hits on this page.
        after_review = own[limit - 1][2] if len(own) >= limit else None
        if after_review is not None and self._reviews is not None:
            newest = self._reviews.order_by("-pk").values_list("pk", flat=True).first()
            if newest is None or newest <= after_review:
                return own[:limit]  # the usual case for a common word: the newest review fills the page
        for n, branch in enumerate(self._other, start=len(self._own)):
            keep(self._first_of(n, branch, limit, after_review))
        return sorted(best.values(), key=_order)[:limit]

    @overload
    def __getitem__(self, key: int) -> _Row: ...
    @overload
    def __getitem__(self, key: slice) -> list[_Row]: ...
    def __getitem__(self, key: int | slice) -> _Row | list[_Row]:
        if isinstance(key, int):
            return self[key : key + 1][0]
        start, stop, step = key.indices(self.count())
        return self._first(stop)[start:stop:step] if stop > start else []

    def __iter__(self) -> Iterator[_Row]:
        return iter(self[0 : self.count()])


def search(query: str, organisations: Sequence[Organisation], *, within: Q | None = None) -> SearchHits:
    """Matching recommendations and actions in the organisations' reviews (only those `within` allows: pass
    the person's `reviews_visible_to`) as (id, kind, review id, …) rows, in the order of `_order`."""
    terms = parse_query(query)
    if not terms:
        return SearchHits([], [])
    match = _Match(terms)
    searched = Review.objects.filter(organisation__in=organisations).filter(within or Q())
    reviews = searched.values("pk")
    recs = Recommendation.objects.filter(review__in=reviews)
    actions = Action.objects.filter(review__in=reviews)
    ref = query.strip()
    own = [
        _Branch(recs.filter(match.condition(RECOMMENDATIONS)), REC, 1),
        _Branch(actions.filter(match.condition(ACTIONS)), ACTION, 1),
    ]
    owners = list(
        Owner.objects.filter(organisation__in=organisations)
        .filter(match.condition(OWNERS))
        .values_list("pk", flat=True)
    )
    other = []
    if owners:  # owners, lead officers and lead members named by the query; first, as they find the most
        owned_recs = RecommendationOwner.objects.filter(owner__in=owners).values("recommendation_id")
        owned = ActionOwner.objects.filter(owner__in=owners).values("action_id")
        other += [
            _Branch(actions.filter(Q(lead_officer__in=owners) | Q(lead_member__in=owners)), ACTION, 0),
            _Branch(actions.filter(pk__in=owned), ACTION, 0),
            _Branch(recs.filter(pk__in=owned_recs), REC, 0),
        ]
    updated = ProgressUpdate.objects.filter(match.condition(UPDATES)).values("action_id")
    other += [
        _Branch(actions.filter(pk__in=updated), ACTION, 0),
        _Branch(recs.filter(ref__iexact=ref), REC, 0),
        _Branch(actions.filter(ref__iexact=ref), ACTION, 0),
    ]
    return SearchHits(own, other, searched)
