"""Writes for email and chasing: a council's chasing rules; sending a failed email again."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from peerplan.accounts.models import Organisation, User
from peerplan.audit.services import audit_record, diff

from .mail import email_send_again
from .models import ChaseSettings, EmailLog, EmailStatus


def chase_settings_update(*, organisation: Organisation, actor: User | None, **fields: Any) -> ChaseSettings:
    with transaction.atomic():
        rules, _ = ChaseSettings.objects.select_for_update().get_or_create(organisation=organisation)
        before = {k: getattr(rules, k) for k in fields}
        for key, value in fields.items():
            setattr(rules, key, value)
        rules.full_clean()
        rules.save()
        audit_record(
            actor=actor,
            organisation=organisation,
            verb="changed chasing rules",
            target=rules,
            changes=diff(before, fields),
        )
    return rules


def email_retry(*, log: EmailLog, actor: User | None) -> EmailLog:
    """Send a failed email again (the plan manager's button); a sent or waiting email is left alone."""
    with transaction.atomic():
        if log.status != EmailStatus.FAILED:
            return log
        audit_record(actor=actor, organisation=log.organisation, verb="sent an email again", target=log)
        return email_send_again(log=log)
