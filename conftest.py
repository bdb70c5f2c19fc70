"""Fixtures for the whole suite (peerplan/ and tests/)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest_plugins = ["peerplan.testing.fixtures"]  # the builders as fixtures, for peerplan/ and tests/


@pytest.fixture(scope="session", autouse=True)
def _end_stray_postgresql_sessions(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The browser tests' live-server thread can leave a connection open, and PostgreSQL will not drop a
    database someone is connected to: end such sessions before the test database is dropped."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: a rolled-back database can reuse the ids a cached key holds."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
