"""GET /api/reviews/{id}/figures: the same figures as the dashboard and the committee reports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.plans.models import Action
from peerplan.progress import selectors
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_figures_match_the_dashboards_and_add_up() -> None:
    org = f.council()
    review = f.review(org)
    review.plan_approved_on = review.visit_end  # councillors read approved plans only
    review.save(update_fields=["plan_approved_on"])
    rec = f.recommendation(review)
    councillor = f.person(org, Role.COUNCILLOR, "cllr@brackenridge.example")
    outsider = f.person(f.council("Fernley Borough Council", "fernley"), Role.ADMINISTRATOR, "a@fernley.example")
    today = timezone.localdate()
    for i, (status, rag, due) in enumerate(
        [
            ("complete", "complete", today - timedelta(days=5)),
            ("ongoing", "green", None),
            ("in-progress", "green", today - timedelta(days=1)),  # overdue, though rated green
            ("in-progress", "amber", today + timedelta(days=9)),
            ("in-progress", "green", today + timedelta(days=9)),
            ("", "", None),
        ]
    ):
        action = f.action(rec, f"Action {i}")
        Action.objects.filter(pk=action.pk).update(status=status, rag=rag, due_date=due)

    client = Client()
    client.force_login(councillor)
    figures = client.get(f"/api/reviews/{review.pk}/figures").json()
    assert figures["total"] == 6
    assert figures["by_position"] == {
        "complete": 1,
        "closed": 1,
        "overdue": 1,
        "at-risk": 1,
        "on-track": 1,
        "not-started": 1,
    }
    assert sum(figures["by_rag"].values()) == sum(figures["by_status"].values()) == 6
    assert figures["by_rag"]["not-rated"] == 1
    assert date.fromisoformat(figures["as_at"]) == today
    dashboard = selectors.review_dashboard(review, at=today).overall
    assert {h.value: n for h, n in dashboard.headlines} == figures["by_position"]

    outsider_client = Client()
    outsider_client.force_login(outsider)
    assert outsider_client.get(f"/api/reviews/{review.pk}/figures").status_code == 403
    assert Client().get(f"/api/reviews/{review.pk}/figures").status_code == 401
