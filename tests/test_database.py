"""The suite runs on the database DATABASE_URL names, so a PostgreSQL run cannot silently fall back to SQLite."""

import os

from django.db import connection


def test_the_suite_runs_on_the_database_that_database_url_names():
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
