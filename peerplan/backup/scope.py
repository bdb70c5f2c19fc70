"""Which tables belong to a council, found from the models themselves: a foreign-key path to Organisation.

A table added later is in every backup as soon as it has such a path; one with none must be named in
EXCLUDED with the reason, or the backup tests fail naming it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet

from peerplan.accounts.models import Organisation, User

# Tables that are not a council's data, each with why.
EXCLUDED: dict[str, str] = {
    "admin.logentry": "Django admin's own history, about operators rather than the council",
    "auth.permission": "created by `peerplan migrate`",
    "auth.group": "not used by peerplan (roles are memberships)",
    "auth.group_permissions": "not used by peerplan",
    "accounts.user_groups": "not used by peerplan (roles are memberships)",
    "accounts.user_user_permissions": "not used by peerplan (roles are memberships)",
    "contenttypes.contenttype": "created by `peerplan migrate`",
    "sessions.session": "sign-ins end with the move; people sign in again",
    "django_tasks_database.dbtaskresult": "the background queue: work in progress, not data",
    "axes.accessattempt": "sign-in lock-outs, short-lived and per address",
    "axes.accessattemptexpiration": "sign-in lock-outs, short-lived and per address",
    "axes.accesslog": "sign-in log of the old server",
    "axes.accessfailurelog": "sign-in log of the old server",
    "notifications.chaserun": "when the reminder schedule last ran on this server, for every council at once",
}


@dataclass(frozen=True)
class Table:
    """A model in the backup and the filter that picks one council's rows from it."""

    model: type[models.Model]
    path: str  # lookup from the model to the organisation's primary key, e.g. "review__organisation"

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def rows(self, organisation: Organisation) -> QuerySet[models.Model]:
        return self.model._base_manager.filter(Q(**{self.path: organisation.pk})).order_by("pk")


def _path_to_organisation(model: type[models.Model]) -> str | None:
    """The shortest lookup from the model to Organisation over required foreign keys, else over any."""
    for required_only in (True, False):
        seen = {model}
        queue: deque[tuple[type[models.Model], str]] = deque([(model, "")])
        while queue:
            current, path = queue.popleft()
            for field in current._meta.concrete_fields:
                if not isinstance(field, models.ForeignKey) or (required_only and field.null):
                    continue
                target = field.related_model
                assert isinstance(target, type)
                lookup = f"{path}__{field.name}" if path else field.name
                if target is Organisation:
                    return lookup
                if target not in seen and target is not User:
                    seen.add(target)
                    queue.append((target, lookup))
    return None


def tables() -> list[Table]:
    """Every model that belongs to a council, by its path to Organisation (Organisation itself first)."""
    found = [Table(Organisation, "pk")]
    for model in apps.get_models(include_auto_created=True):
        if model in (Organisation, User) or model._meta.label_lower in EXCLUDED:
            continue
        path = _path_to_organisation(model)
        if path is not None:
            found.append(Table(model, path))
    return found


def unclassified() -> list[str]:
    """Models neither in the backup (no path to Organisation, not User) nor in EXCLUDED: a new table to decide."""
    included = {t.model for t in tables()} | {User}
    return sorted(
        m._meta.label_lower
        for m in apps.get_models(include_auto_created=True)
        if m not in included and m._meta.label_lower not in EXCLUDED
    )


def user_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) in the backup that points at a person, so the people it names come along."""
    return [
        (table.model, field.attname)
        for table in tables()
        for field in table.model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is User
    ]
