"""The database's own full-text structures, created and kept current after every migrate.

PostgreSQL: GIN indexes on `to_tsvector('english', …)` expressions over the plan's tables (English stemming);
the queries in `selectors.py` repeat exactly these expressions, so the planner uses the indexes. Both: the plain
indexes in INDEXES (a ref in any case; recommendations newest review first, in plan order).
SQLite: FTS5 tables with external content (the plan's tables) and triggers that keep them current.

They are created here, after every migrate, rather than in a migration: a migration that alters one of these
tables makes SQLite rebuild it (dropping its triggers) and would stop a PostgreSQL column type change; doing it
after every migrate puts them back whatever the migrations did, and rebuilds an FTS table whose triggers
were lost. Every statement is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections


@dataclass(frozen=True)
class Indexed:
    """One table's searchable text: the FTS/index name, the table and its text columns."""

    name: str
    table: str
    columns: tuple[str, ...]

    def document(self, columns: tuple[str, ...] | None = None) -> str:
        """The PostgreSQL expression indexed and searched: the columns (as given, or as the query names
        them) as one English text search vector."""
        joined = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns or self.columns)
        return f"to_tsvector('english'::regconfig, {joined})"


ACTIONS = Indexed("search_action", "plans_action", ("text",))
RECOMMENDATIONS = Indexed("search_recommendation", "plans_recommendation", ("text",))
OWNERS = Indexed("search_owner", "plans_owner", ("name", "job_title"))
UPDATES = Indexed("search_update", "progress_progressupdate", ("commentary",))
INDEXED = (ACTIONS, RECOMMENDATIONS, OWNERS, UPDATES)
# Plain indexes the search's queries need: name → (table, what is indexed, the databases that use it).
INDEXES = {
    # a ref typed in any case: `ref__iexact` is `UPPER(ref) = UPPER(%s)` on PostgreSQL (SQLite's LIKE cannot use one)
    "search_action_ref": ("plans_action", "upper(ref::text)", ("postgresql",)),
    "search_recommendation_ref": ("plans_recommendation", "upper(ref::text)", ("postgresql",)),
    # hits in the order people see them (newest review, then plan order): read from the start and stop at a page
    "search_recommendation_newest": ("plans_recommendation", 'review_id DESC, "order"', ("postgresql", "sqlite")),
}


def _postgresql(cursor: Any) -> None:
    cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    present = {row[0] for row in cursor.fetchall()}
    for ix in INDEXED:
        if f"{ix.name}_gin" not in present:
            cursor.execute(f"CREATE INDEX {ix.name}_gin ON {ix.table} USING gin ({ix.document()})")
    _indexes(cursor, "postgresql", present)


def _indexes(cursor: Any, vendor: str, present: set[str]) -> None:
    for name, (table, columns, vendors) in INDEXES.items():
        if vendor in vendors and name not in present:
            cursor.execute(f"CREATE INDEX {name} ON {table} ({columns})")


def _sqlite_triggers(ix: Indexed) -> dict[str, str]:
    cols = ", ".join(ix.columns)
    new = ", ".join(f"new.{c}" for c in ix.columns)
    old = ", ".join(f"old.{c}" for c in ix.columns)
    insert = f"INSERT INTO {ix.name}(rowid, {cols}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {ix.name}({ix.name}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    return {
        f"{ix.name}_ai": f"AFTER INSERT ON {ix.table} BEGIN {insert} END",
        f"{ix.name}_ad": f"AFTER DELETE ON {ix.table} BEGIN {delete} END",
        f"{ix.name}_au": f"AFTER UPDATE OF {cols} ON {ix.table} BEGIN {delete} {insert} END",
    }


def _sqlite(cursor: Any) -> None:
    cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index')")
    present = {row[0] for row in cursor.fetchall()}
    if "plans_recommendation" in present:
        _indexes(cursor, "sqlite", present)
    for ix in INDEXED:
        if ix.table not in present:
            continue
        triggers = _sqlite_triggers(ix)
        if ix.name in present and all(name in present for name in triggers):
            continue
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {ix.name} USING fts5({', '.join(ix.columns)}, "
            f"content='{ix.table}', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
        )
        for name, body in triggers.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        cursor.execute(f"INSERT INTO {ix.name}({ix.name}) VALUES ('rebuild')")  # rows written while it was missing


def ensure_search_structures(*, using: str = DEFAULT_DB_ALIAS, **_: Any) -> None:
    """Create whatever search structure is missing on the database `using` (post_migrate's receiver)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _postgresql(cursor)
        elif connection.vendor == "sqlite":
            _sqlite(cursor)
