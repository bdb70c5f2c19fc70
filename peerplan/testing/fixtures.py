"""The builders in `peerplan.testing.factories` as fixtures, for every test (registered by the root conftest.py).

A council (Wendlebury), people in it, a signed-in client. Scenarios a single app needs (Eastmoor's reports,
the progress pages' plan) are fixtures in that app's tests, built with the same factories.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User

from . import factories as f


@pytest.fixture
def organisation(db: None) -> Organisation:
    return Organisation.objects.create(name="Wendlebury District Council", slug="wendlebury")


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """make_user(email=…, role=Role.PLAN_MANAGER, organisation=…): a person, with a membership if given one."""

    def make(
        email: str = "officer@example.gov.uk",
        *,
        full_name: str = "Sam Officer",
        password: str = f.PASSWORD,
        organisation: Organisation | None = None,
        role: Role = Role.LEAD_OFFICER,
        **extra: Any,
    ) -> User:
        return f.person(organisation, role, email, full_name, password=password, **extra)

    return make


@pytest.fixture
def user(make_user: Callable[..., User], organisation: Organisation) -> User:
    """A plan manager at Wendlebury."""
    return make_user("plan.manager@example.gov.uk", organisation=organisation, role=Role.PLAN_MANAGER)


@pytest.fixture
def signed_in_client(client: Client, user: User) -> Client:
    # force_login, not login(): django-axes needs a request to authenticate, which login() lacks.
    client.force_login(user)
    return client


@pytest.fixture
def people(make_user: Callable[..., User], organisation: Organisation) -> dict[str, User]:
    """One person for each role at Wendlebury, and an outsider with no role there."""
    made = {
        role.value: make_user(f"{role.value}@threerivers.example", organisation=organisation, role=role)
        for role in Role
    }
    made["outsider"] = make_user("someone@elsewhere.example")
    return made


@pytest.fixture
def as_person(client: Client, people: dict[str, User]) -> Callable[[str], Client]:
    """as_person("plan-manager") → the test client signed in as that person."""

    def sign_in(who: str) -> Client:
        client.force_login(people[who])
        return client

    return sign_in
