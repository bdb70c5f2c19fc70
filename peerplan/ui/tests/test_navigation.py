"""The service navigation links to pages that exist: a renamed or removed route fails here, not silently."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse

from peerplan.ui import navigation


def test_every_entry_names_a_route_that_exists() -> None:
    for entry in navigation.NAVIGATION:
        assert reverse(entry.url_name).startswith("/"), entry.key


def test_an_entry_whose_route_is_missing_fails_rather_than_disappearing(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = navigation.NavEntry("gone", "Gone", "plans:no-such-page")
    monkeypatch.setattr(navigation, "NAVIGATION", (*navigation.NAVIGATION[:1], broken))
    with pytest.raises(NoReverseMatch):
        navigation.items("", AnonymousUser())
