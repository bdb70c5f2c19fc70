"""A real SMTP server on loopback for tests (aiosmtpd), and settings that point Django at it.

`smtp_server` fixture: `.messages` are the emails that arrived (email.message.Message), `.refuse` makes it
answer every message with a permanent failure.
"""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from pytest_django.fixtures import Settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpServer:
    """What arrived at the loopback server, and whether it refuses mail."""

    host: str = "127.0.0.1"
    port: int = 0
    messages: list[Message] = field(default_factory=list)
    refuse: bool = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        if self.refuse:
            return "554 5.7.1 Message refused by policy"
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def bodies(self) -> list[str]:
        payloads = [m.get_payload(decode=True) for m in self.messages]
        return [p.decode() if isinstance(p, bytes) else str(p) for p in payloads]


@pytest.fixture(name="smtp_server")
def smtp_server_fixture(settings: Settings) -> Iterator[SmtpServer]:
    """Start aiosmtpd on a free loopback port and send this test's email through it (SMTP backend)."""
    server = SmtpServer(port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        controller.stop()
