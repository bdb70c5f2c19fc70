"""One search selector for every page and database: what a person typed → ranked recommendation and action hits.

A query is words (stemmed: "deliver" finds "delivering"), "quoted phrases" and prefixes ending in `*`; every
term must match. A recommendation or action matches on its own text or ref, on an owner's name or job title
(owners, lead officer, lead member), or, for an action, on the commentary of any of its updates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection
from django.db.models import BooleanField, Case, F, Field, Func, IntegerField, Q, QuerySet, Value, When

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

    def condition(self, ix: Indexed, *, direct: bool = False) -> _OnColumns:
        """The match on one indexed table. `direct`: on the row's own columns, for a query whose only
        condition it is (PostgreSQL then reads the GIN index); otherwise a subquery of its own, so the
        database answers it from the index whatever else the query asks."""
        if self.postgresql:
            if direct:
                sql = f"{ix.document(_placeholders(ix))} @@ ({self.tsquery})"
                return _OnColumns(sql, ix.columns, self.params, BooleanField())
            sql = f"{{0}} IN (SELECT id FROM {ix.table} WHERE {ix.document()} @@ ({self.tsquery}))"
            return _OnColumns(sql, ("id",), self.params, BooleanField())
        sql = f"{{0}} IN (SELECT rowid FROM {ix.name} WHERE {ix.name} MATCH %s)"
        return _OnColumns(sql, ("id",), [self.fts], BooleanField())

    def rank(self, ix: Indexed) -> Case:
        """1 where the row's own words match, 0 where it matched only through an owner, a ref or an update:
        cheap on both databases (the same indexed subquery), where a text-search score per row is not."""
        return Case(When(self.condition(ix), then=Value(1)), default=Value(0), output_field=IntegerField())


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


class SearchHits:
    """The ordered hits as a sequence the paginator can page: counted without sorting, sliced in the database."""

    def __init__(self, matches: QuerySet[Any], ordered: QuerySet[Any]):
        self._matches = matches
        self._ordered = ordered

    def count(self) -> int:
        return self._matches.count()

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, key: int) -> tuple[Any, ...]: ...
    @overload
    def __getitem__(self, key: slice) -> list[tuple[Any, ...]]: ...
    def __getitem__(self, key: int | slice) -> tuple[Any, ...] | list[tuple[Any, ...]]:
        return self._ordered[key] if isinstance(key, int) else list(self._ordered[key])

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self._ordered)


def _none() -> SearchHits:
    empty = Action.objects.none().values_list("pk")
    return SearchHits(empty, empty)


def search(query: str, organisations: Sequence[Organisation], *, within: Q | None = None) -> SearchHits:
    """Matching recommendations and actions as (id, kind, review id, …) rows: newest review first; within a
    review, those whose own words match before those found through an owner or an update; then plan order."""
    terms = parse_query(query)
    if not terms:
        return _none()
    match = _Match(terms)
    reviews = Review.objects.filter(organisation__in=organisations).filter(within or Q()).values("pk")
    owners = Owner.objects.filter(organisation__in=organisations).filter(match.condition(OWNERS)).values("pk")
    ref = query.strip()
    recs = Recommendation.objects.filter(review__in=reviews).filter(
        match.condition(RECOMMENDATIONS)
        | Q(ref__iexact=ref)
        | Q(pk__in=RecommendationOwner.objects.filter(owner__in=owners).values("recommendation_id"))
    )
    # Every way an action can match, as one UNION of ids: the database joins it once (a semi-join), where
    # an OR of IN-subqueries made it probe each action against each list (seconds at 100,000 actions).
    matched = (
        Action.objects.filter(match.condition(ACTIONS, direct=True))
        .order_by()
        .values_list("pk")
        .union(
            Action.objects.filter(ref__iexact=ref).order_by().values_list("pk"),
            Action.objects.filter(Q(lead_officer__in=owners) | Q(lead_member__in=owners)).order_by().values_list("pk"),
            ActionOwner.objects.filter(owner__in=owners).order_by().values_list("action_id"),
            ProgressUpdate.objects.filter(match.condition(UPDATES, direct=True)).order_by().values_list("action_id"),
        )
    )
    actions = Action.objects.filter(review__in=reviews, pk__in=matched)
    counted = recs.order_by().values_list("pk").union(actions.order_by().values_list("pk"), all=True)
    ranked_recs = (
        recs.annotate(
            hit_kind=Value(REC),
            in_review=F("review_id"),
            rank=match.rank(RECOMMENDATIONS),
            rec_order=F("order"),
            key=Value(""),
        )
        .order_by()
        .values_list("pk", "hit_kind", "in_review", "rank", "rec_order", "key")
    )
    ranked_actions = (
        actions.annotate(
            hit_kind=Value(ACTION),
            in_review=F("review_id"),
            rank=match.rank(ACTIONS),
            rec_order=F("recommendation__order"),
            key=F("sort_key"),
        )
        .order_by()
        .values_list("pk", "hit_kind", "in_review", "rank", "rec_order", "key")
    )
    ordered = ranked_recs.union(ranked_actions, all=True).order_by(
        "-in_review", "-rank", "rec_order", "hit_kind", "key"
    )
    return SearchHits(counted, ordered)
