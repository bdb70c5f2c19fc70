"""Background work on a plan being imported: reading the file, and saving the plan once confirmed.

Run by the task worker (`peerplan db_worker`); the test settings run them at once.
"""

from __future__ import annotations

from django_tasks import task

from peerplan.accounts.models import User

from . import drafts


@task()
def read_draft(draft_id: int) -> None:
    drafts.draft_read(draft_id)


@task()
def save_draft(draft_id: int, actor_id: int, title: str, kind: str) -> None:
    drafts.draft_save(draft_id, User.objects.filter(pk=actor_id).first(), title, kind)
