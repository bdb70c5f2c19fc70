"""Migration 0004 carries a council's five implication texts and its "more implications" into the new list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reports", "0003_issue_renders_in_the_background")]
AFTER = [("reports", "0004_implications_each_titled_and_section_titles")]


@pytest.mark.django_db(transaction=True)
def test_the_councils_implication_texts_survive_the_migration_in_order() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    organisation = apps.get_model("accounts", "Organisation").objects.create(name="Eastmoor", slug="eastmoor-m")
    apps.get_model("reports", "ReportDefaults").objects.create(
        organisation=organisation,
        financial_implications="Finance: none.",
        legal_implications="Legal: none.",
        risk_implications="See {section:exceptions}.",
        equalities_implications="Equalities: none.",
        environmental_implications="Environment: none.",
        other_implications={"Health and safety": "None.", "Social value": "Some."},
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    defaults = apps.get_model("reports", "ReportDefaults").objects.get(organisation__slug="eastmoor-m")
    carried = [(i["key"], i["title"], i["text"], i["on"]) for i in defaults.implications]
    assert carried[:5] == [
        ("financial", "Financial implications", "Finance: none.", True),
        ("legal", "Legal implications", "Legal: none.", True),
        ("risk", "Risk implications", "See {section:exceptions}.", True),
        ("equalities", "Equalities implications", "Equalities: none.", True),
        ("environmental", "Environmental implications", "Environment: none.", True),
    ]
    # PostgreSQL's jsonb never kept the old mapping's order, so the council's own kinds follow in either order.
    assert sorted(carried[5:]) == [
        ("health-and-safety", "Health and safety", "None.", True),
        ("social-value", "Social value", "Some.", True),
    ]
    assert defaults.section_titles == {} and defaults.implications_as == "subsections"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
