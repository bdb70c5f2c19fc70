"""Fixtures re-exported for every test under peerplan/: a test mail server, and Chromium's launch arguments.

The council, people and signed-in client come from peerplan.testing.fixtures (registered by the root conftest).
"""

from __future__ import annotations

from peerplan.notifications.testing import smtp_server_fixture  # noqa: F401 - re-exported fixture
from peerplan.ui.testing import browser_type_launch_args  # noqa: F401 - re-exported fixture
