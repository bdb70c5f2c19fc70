"""Fixtures shared by every test under peerplan/: a council, people in it, a signed-in client.

Browser fixtures (Chromium through Playwright) come from peerplan.ui.testing, as in tests/browser/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Membership, Organisation, User
from peerplan.notifications.testing import smtp_server_fixture  # noqa: F401 - re-exported fixture
from peerplan.ui.testing import browser_type_launch_args  # noqa: F401 - re-exported fixture

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test data


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
        password: str = PASSWORD,
        organisation: Organisation | None = None,
        role: Role = Role.LEAD_OFFICER,
        **extra: Any,
    ) -> User:
        user = User.objects.create_user(email, password, full_name=full_name, **extra)
        if organisation is not None:
            Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

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
