"""Delivery: emails go through a real SMTP server (aiosmtpd on loopback) or GOV.UK Notify, and a mail server
that refuses or hangs is retried, then logged as failed, never lost."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import jwt
import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from peerplan.notifications.mail import MAX_ATTEMPTS, email_deliver, email_queue, email_send_again
from peerplan.notifications.models import EmailKind, EmailLog, EmailStatus
from peerplan.notifications.testing import SmtpServer, free_port

pytestmark = pytest.mark.django_db

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"peerplan_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"


def queue(to: str = "lee.ward@wendlebury.example") -> EmailLog:
    return email_queue(
        to=to,
        kind=EmailKind.REMINDER,
        reason="Test",
        template="notifications/email/test",
        context={"name": "Lee"},
    )


def test_an_email_arrives_at_a_real_smtp_server_and_is_logged_as_sent(smtp_server: SmtpServer) -> None:
    log = queue()
    log.refresh_from_db()
    assert (log.status, log.attempts, log.error) == (EmailStatus.SENT, 1, "")
    assert log.sent_at is not None
    [message] = smtp_server.messages
    assert message["To"] == "lee.ward@wendlebury.example"
    assert message["Subject"] == "A test from peerplan"
    assert "Hello Lee" in smtp_server.bodies()[0]


def test_a_refusing_server_is_retried_then_logged_as_failed_and_can_be_sent_again(smtp_server: SmtpServer) -> None:
    smtp_server.refuse = True
    log = queue()
    log.refresh_from_db()
    assert log.status == EmailStatus.FAILED
    assert log.attempts == MAX_ATTEMPTS
    assert "554" in log.error
    assert "Message refused by policy" in log.error
    smtp_server.refuse = False
    email_send_again(log=log)
    log.refresh_from_db()
    assert (log.status, log.attempts) == (EmailStatus.SENT, 1)
    assert len(smtp_server.messages) == 1


@pytest.fixture
def silent_server(settings: Settings) -> Iterator[int]:
    """A TCP port that accepts connections and never says a word: the mail server that hangs."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = int(listener.getsockname()[1])
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 0.3
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield port


def test_a_server_that_times_out_is_logged_as_failed(silent_server: int) -> None:
    log = queue()
    log.refresh_from_db()
    assert log.status == EmailStatus.FAILED
    assert log.attempts == MAX_ATTEMPTS
    assert "timed out" in log.error


def test_a_worker_that_can_defer_schedules_the_retry_instead_of_waiting(
    smtp_server: SmtpServer, settings: Settings
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    smtp_server.refuse = True
    log = queue()
    assert DBTaskResult.objects.ready().count() == 1  # queued for the worker, not sent in the request
    email_deliver.call(
        log.pk
    )  # what the worker does with it (the worker command itself would end the test's connection)
    log.refresh_from_db()
    assert (log.status, log.attempts) == (EmailStatus.QUEUED, 1)
    retry = DBTaskResult.objects.ready().filter(run_after__isnull=False).get()
    assert retry.run_after is not None
    assert retry.run_after > timezone.now()


class NotifyStub(BaseHTTPRequestHandler):
    """Answers like GOV.UK Notify's POST /v2/notifications/email after checking the JWT and the body."""

    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        token = self.headers["Authorization"].removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidSignatureError:
            claims = {}
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ok = self.path == "/v2/notifications/email" and claims.get("iss") == SERVICE_ID
        NotifyStub.received.append({"path": self.path, "claims": claims, "body": body})
        self.send_response(201 if ok else 403)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"id": "1"} if ok else {"errors": [{"message": "bad"}]}).encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def notify(settings: Settings) -> Iterator[list[dict[str, Any]]]:
    server = HTTPServer(("127.0.0.1", free_port()), NotifyStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    NotifyStub.received = []
    settings.EMAIL_BACKEND = "peerplan.notifications.backends.NotifyEmailBackend"
    settings.NOTIFY_API_KEY, settings.NOTIFY_TEMPLATE_ID = API_KEY, TEMPLATE_ID
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_port}"
    yield NotifyStub.received
    server.shutdown()
    server.server_close()


def test_notify_gets_a_signed_request_with_the_template_and_the_email(notify: list[dict[str, Any]]) -> None:
    log = queue()
    log.refresh_from_db()
    assert log.status == EmailStatus.SENT
    [request] = notify
    assert request["path"] == "/v2/notifications/email"
    assert request["claims"]["iss"] == SERVICE_ID
    assert request["body"]["email_address"] == "lee.ward@wendlebury.example"
    assert request["body"]["template_id"] == TEMPLATE_ID
    assert request["body"]["personalisation"]["subject"] == "A test from peerplan"
    assert "Hello Lee" in request["body"]["personalisation"]["body"]


def test_notify_refusing_the_key_is_logged_as_failed(notify: list[dict[str, Any]], settings: Settings) -> None:
    settings.NOTIFY_API_KEY = f"peerplan_test-{SERVICE_ID}-00000000-0000-0000-0000-000000000000"
    log = queue()
    log.refresh_from_db()
    assert log.status == EmailStatus.FAILED
    assert len(notify) == MAX_ATTEMPTS


def _prod_check(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "PEERPLAN_ALLOW", "NOTIFY_"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "peerplan.config.settings.prod",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "peerplan.example",
            "SITE_URL": "https://peerplan.example",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_with_email_going_to_the_console() -> None:
    refused = _prod_check()
    assert refused.returncode != 0
    assert "Set EMAIL_URL" in refused.stderr
    assert _prod_check(PEERPLAN_ALLOW_CONSOLE_EMAIL="true").returncode == 0
    assert _prod_check(EMAIL_URL="smtp+tls://user:pw@mail.example:587").returncode == 0
    assert "NOTIFY_API_KEY" in _prod_check(EMAIL_URL="notify://").stderr
    assert "Set SITE_URL" in _prod_check(EMAIL_URL="smtp://mail.example", SITE_URL="").stderr
