"""Fixtures for the progress page tests: a small plan at Wendlebury with two quarters.

Built with peerplan.testing.factories (AT, 15 May 2026, is the day the tests judge from). Registered by the
test modules that use it (`pytest_plugins`); it holds no tests itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.plans.models import Action, Owner, Review
from peerplan.testing import factories as f


@pytest.fixture
def review(organisation: Organisation) -> Review:
    return f.make_review(organisation)


@pytest.fixture
def lead_officer(make_user: Callable[..., User], organisation: Organisation) -> User:
    return make_user(
        "lead.officer@example.gov.uk", full_name="Lena Lead", organisation=organisation, role=Role.LEAD_OFFICER
    )


@pytest.fixture
def lead_owner(organisation: Organisation, lead_officer: User) -> Owner:
    return f.owner(organisation, "Head of Place", user=lead_officer)


@pytest.fixture
def councillor(make_user: Callable[..., User], organisation: Organisation) -> User:
    return make_user("cllr@example.gov.uk", full_name="Cllr Cole", organisation=organisation, role=Role.COUNCILLOR)


@pytest.fixture
def outsider(make_user: Callable[..., User]) -> User:
    """A plan manager at another council: no role at Wendlebury."""
    other = Organisation.objects.create(name="Other Borough Council", slug="other")
    return make_user("outsider@example.gov.uk", full_name="Olly Outsider", organisation=other, role=Role.PLAN_MANAGER)


@pytest.fixture
def action(review: Review, lead_owner: Owner) -> Action:
    rec = f.make_recommendation(review, "1")
    return f.make_action(rec, "1.1", due=date(2026, 9, 30), lead=lead_owner, owners=[lead_owner])
