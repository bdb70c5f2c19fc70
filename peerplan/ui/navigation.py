"""What the page furniture shows: the service navigation's entries and the council in the header.

An entry appears once its URL name resolves, so each app's pages join the navigation when they land.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from peerplan.accounts import permissions, vocabulary
from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation
from peerplan.accounts.vocabulary import RagWord


def _everyone(user: Any, organisation: Organisation | None) -> bool:
    return True


def _administrators(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and permissions.can_manage_organisation(user, organisation)


def _managers(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and permissions.can_view_email_log(user, organisation)


def _owners_and_managers(user: Any, organisation: Organisation | None) -> bool:
    return permissions.role_in(user, organisation) in {Role.LEAD_OFFICER, *permissions.MANAGERS}


@dataclass(frozen=True)
class NavEntry:
    key: str  # what a page passes as `current`
    label: str
    url_name: str
    shown_to: Callable[[Any, Organisation | None], bool] = _everyone  # the pages check again; this only tidies


# One entry per section; every route named here must exist (a test walks the navigation).
NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry("dashboard", "Dashboard", "dashboard"),
    NavEntry("my-actions", "My actions", "progress:my-actions", _owners_and_managers),
    NavEntry("plans", "Plans", "plans:list"),
    NavEntry("reports", "Reports", "reports:list"),
    NavEntry("search", "Search", "search"),
    NavEntry("audit", "Audit trail", "audit:list"),
    NavEntry("email", "Email", "notifications:index", _managers),
    NavEntry("settings", "Settings", "settings:index", _administrators),
)


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    current: bool


def items(current: str = "", user: Any = None) -> list[NavItem]:
    """The entries the person may use, with `current` marked; a route that does not exist raises (a test fails)."""
    result = []
    organisation = header_organisation(user)
    for entry in NAVIGATION:
        if not entry.shown_to(user, organisation):
            continue
        result.append(NavItem(entry.label, reverse(entry.url_name), entry.key == current))
    return result


def header_organisation(user: Any) -> Organisation | None:
    """The council shown in the header: the one of the person's first membership, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    if "_peerplan_header_organisation" not in user.__dict__:
        membership = user.memberships.select_related("organisation").order_by("pk").first()
        user.__dict__["_peerplan_header_organisation"] = membership.organisation if membership else None
    cached: Organisation | None = user.__dict__["_peerplan_header_organisation"]
    return cached


def rag_words(user: Any) -> dict[str, RagWord]:
    """The RAG words of the council in the header: the same council whose colours the brand stylesheet draws."""
    return vocabulary.rag_words(header_organisation(user))
