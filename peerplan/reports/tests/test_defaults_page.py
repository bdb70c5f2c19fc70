"""/reports/defaults/<council>/: administrators set the usual wording and the sections, in order, per council."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Review
from peerplan.reports.compose import compose
from peerplan.reports.defaults import TEXT_FIELDS
from peerplan.reports.models import ReportDefaults
from peerplan.reports.sections import DEFAULT_SECTIONS
from peerplan.reports.services import report_input_build
from peerplan.testing import factories as f

from .conftest import Q2_END


@pytest.fixture
def administrator(eastmoor: Organisation) -> User:
    return f.person(eastmoor, Role.ADMINISTRATOR, "admin@eastmoor.example", "Ada Min")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def posted(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {name: f"Usual {name}" for name, _, _ in TEXT_FIELDS}
    data |= {f"position_{key}": str(n) for n, key in enumerate(DEFAULT_SECTIONS, start=1)}
    data["other_implications"] = ""
    return data | changes


def url(org: Organisation) -> str:
    return reverse("reports:defaults", args=[org.slug])


def test_only_administrators_change_the_councils_report_defaults(
    eastmoor: Organisation, administrator: User, plan_manager: User
) -> None:
    assert signed_in(administrator).get(url(eastmoor)).status_code == 200
    assert signed_in(plan_manager).get(url(eastmoor)).status_code == 403
    assert signed_in(plan_manager).post(url(eastmoor), posted()).status_code == 403
    assert not ReportDefaults.objects.exists()


def test_sections_reordered_and_left_out_shape_every_later_report(
    eastmoor: Organisation, administrator: User, review: Review
) -> None:
    data = posted(
        position_exceptions="3",
        position_background="",
        position_consultation="",
        position_reasons="",
        position_recommendations="2",
        position_progress="4",
        position_changes="5",
        other_implications="Health and safety: None arising from this report.",
        risk_implications="Exceptions are in {section:exceptions}.",
    )
    response = signed_in(administrator).post(url(eastmoor), data)
    assert response.status_code == 302
    defaults = ReportDefaults.objects.get(organisation=eastmoor)
    assert defaults.sections[:5] == ["purpose", "recommendations", "exceptions", "progress", "changes"]
    assert "background" not in defaults.sections and "consultation" not in defaults.sections
    assert defaults.other_implications == {"Health and safety": "None arising from this report."}
    assert AuditEntry.objects.filter(verb="changed", organisation=eastmoor).count() == 1

    built = report_input_build(
        review=review, as_of=Q2_END, kind="progress", layout="objectives", committee=None, meeting_date=None
    )
    doc = compose(built)
    headings = [s.heading for s in doc.sections]
    assert headings[:3] == ["1. Purpose of the report", "2. Recommendations", "3. Exceptions"]
    assert not any(h.endswith((". Background", ". Consultation")) for h in headings)
    implications = next(s for s in doc.sections if s.heading.endswith("Implications"))
    texts = [getattr(b, "text", "") for b in implications.blocks]
    assert "Exceptions are in section 3." in texts
    assert "None arising from this report." in texts


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"position_progress": "1"}, "are both at position 1"),
        ({"position_purpose": ""}, "must have these sections: Purpose of the report"),
        ({"other_implications": "Health and safety"}, "Line 1 of More implications must be Heading: text"),
        ({"position_changes": "99"}, "Choose a position for Changes since the last report from the list"),
        ({"reasons": "x" * 5001}, "Reasons for the recommendations must be 5,000 characters or fewer"),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_saves_nothing(
    eastmoor: Organisation, administrator: User, changes: dict[str, str], message: str
) -> None:
    response = signed_in(administrator).post(url(eastmoor), posted(**changes))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not ReportDefaults.objects.exists()
