"""The API tested against its own OpenAPI description with schemathesis: for every operation, generated
requests with a read-write token on a fictional council never get a 500, and every response matches the schema.

Runs through the WSGI application directly (no server), with a bounded number of examples per operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Committee
from peerplan.api.services import api_token_create
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action
from peerplan.progress.services import action_update_post, reporting_period_create
from peerplan.reports.services import report_issue
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db

EXAMPLES = 20  # per operation: about 30 seconds for the whole API on a busy two-core machine


@pytest.fixture
def app() -> Iterator[WSGIHandler]:
    """Django's WSGI application, kept from closing the test's database connection after each request
    (what Django's own test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world() -> dict[str, Any]:
    """Harbourside District Council (fictional): a review with a plan, an update, a period and an issued report."""
    org = f.council("Harbourside District Council", "harbourside")
    manager = f.person(org, Role.PLAN_MANAGER, "pm@harbourside.example")
    review = f.review(org)
    action = f.action(f.recommendation(review), "Refresh the constitution", timescale="March 2020", owners=["Clerk"])
    period = reporting_period_create(
        review=review, actor=None, name="Q1", start=date(2025, 4, 1), end=date(2025, 6, 30)
    )
    action_update_post(
        action=action, author=None, on=date(2025, 6, 1), status=ActionStatus.IN_PROGRESS, commentary="Begun"
    )
    report = report_issue(
        review=review,
        actor=manager,
        as_of=date(2025, 6, 30),
        kind="progress",
        layout="ref-details",
        committee=Committee.objects.create(organisation=org, name="Cabinet"),
        meeting_date=None,
        cover={},
        formats=["csv"],
        period=period,
    )
    now = timezone.now()
    _, secret = api_token_create(
        user=manager,
        organisation=org,
        name="schemathesis",
        access="read-write",
        expires_at=now + timedelta(days=1),
        actor=manager,
        at=now,
    )
    return {
        "headers": {"Authorization": f"Bearer {secret}"},
        "version": lambda: Action.objects.get(pk=action.pk).version,
        "ids": {"review_id": review.pk, "action_id": action.pk, "report_id": report.pk, "file_format": "csv"},
    }


def check(operation: Any, world: dict[str, Any]) -> None:
    """Generated requests (half of them aimed at real objects), then one plain request that must succeed."""
    known = {name: value for name, value in world["ids"].items() if f"{{{name}}}" in operation.path}
    is_post = operation.method.upper() == "POST"
    # A rule no schema can say (a change of RAG needs a reason) turns some schema-valid updates into a 422 that
    # names the field; every other operation must accept whatever its schema allows.
    excluded = [positive_data_acceptance] if is_post else []

    def with_real_ids(pair: tuple[Any, bool]) -> Any:
        case, real = pair
        if real and known:  # random ids are almost always a 404
            case.path_parameters = {**(case.path_parameters or {}), **known}
        return case

    @given(case=st.tuples(operation.as_strategy(), st.booleans()).map(with_real_ids))
    @settings(
        max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    def generated(case: Any) -> None:
        case.call_and_validate(headers=world["headers"], excluded_checks=excluded)

    generated()
    if is_post:
        body = {"status": "in-progress", "commentary": "From schemathesis", "version": world["version"]()}
        real = operation.Case(path_parameters=known, body=body, media_type="application/json")
    else:
        real = operation.Case(path_parameters=known)
    response = real.call_and_validate(headers=world["headers"])
    assert response.status_code in (200, 201), f"{response.status_code}: {response.text[:300]}"


def test_every_operation_answers_generated_requests_without_a_500_and_as_its_schema_says(
    app: WSGIHandler, world: dict[str, Any]
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]  # Err raises
    assert len(operations) >= 12
    failures: list[str] = []
    for operation in operations:
        try:
            check(operation, world)
        except Exception as error:  # report every operation's failure, not only the first
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n\n".join(failures)
