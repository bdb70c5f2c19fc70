"""A Django email backend that sends through GOV.UK Notify, which many councils already use.

Notify sends from a template: make one whose subject is ((subject)) and whose message is ((body)).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    """Each recipient of each message is one Notify email (settings NOTIFY_API_KEY, NOTIFY_TEMPLATE_ID)."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=30)  # type: ignore[no-untyped-call]  # notifications-python-client has no type hints

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            try:
                for address in message.recipients():
                    self.client.send_email_notification(  # type: ignore[no-untyped-call]  # no type hints in that client
                        email_address=address,
                        template_id=settings.NOTIFY_TEMPLATE_ID,
                        personalisation={"subject": message.subject, "body": message.body},
                    )
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent
