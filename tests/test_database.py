"""The suite runs on the database DATABASE_URL names, so a PostgreSQL run cannot silently fall back to SQLite."""

import os

from django.db import connection


def test_the_suite_runs_on_the_database_that_database_url_names():
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_a_sqlite_transaction_that_reads_then_writes_waits_for_another_writer_instead_of_failing(tmp_path):
    """The demo and small sites run on SQLite with a worker beside the web server: two writers at once.

    A deferred transaction that read before another connection wrote cannot upgrade to a write and fails at
    once with "database is locked" (seen accepting an invitation while the site was busy). The settings begin
    every transaction IMMEDIATE, so the second writer waits for the lock instead.
    """
    import sqlite3
    import threading

    from peerplan.config.settings.base import SQLITE_OPTIONS

    begin = f"BEGIN {SQLITE_OPTIONS['transaction_mode']}"
    path = tmp_path / "busy.sqlite3"
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE person (id integer primary key, name text)")
    setup.execute("INSERT INTO person VALUES (1, 'before')")
    setup.close()

    request = sqlite3.connect(path, isolation_level=None, timeout=5)
    worker = sqlite3.connect(path, isolation_level=None, timeout=5, check_same_thread=False)
    request.execute(begin)
    request.execute("SELECT name FROM person WHERE id = 1").fetchone()  # the request reads ...
    worker_done = threading.Event()

    def worker_writes() -> None:
        worker.execute(begin)
        worker.execute("INSERT INTO person VALUES (2, 'worker')")
        worker.execute("COMMIT")
        worker_done.set()

    thread = threading.Thread(target=worker_writes)
    thread.start()
    worker_done.wait(0.5)  # ... the worker writes meanwhile (or waits, with IMMEDIATE) ...
    request.execute("UPDATE person SET name = 'after' WHERE id = 1")  # ... then the request writes
    request.execute("COMMIT")
    thread.join(10)

    assert worker_done.is_set()
    rows = request.execute("SELECT id, name FROM person ORDER BY id").fetchall()
    assert rows == [(1, "after"), (2, "worker")]
    request.close()
    worker.close()
