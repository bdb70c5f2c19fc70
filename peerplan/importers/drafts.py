"""Uploaded plan files waiting for a person to confirm the import: kept as files, never in the database.

Nothing of the plan is stored until the confirmation; a draft file is deleted then, or after a day.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600
_TOKEN_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _folder() -> Path:
    folder = Path(settings.PEERPLAN_HOME) / "import-drafts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Draft:
    token: str
    filename: str
    data: bytes


def draft_save(*, filename: str, data: bytes) -> str:
    """Keep the upload; returns the token that names it (only its uploader's session knows it)."""
    sweep()
    token = secrets.token_urlsafe(24)
    (_folder() / token).write_bytes(data)
    return token


def draft_read(token: str, filename: str) -> Draft | None:
    if not token or set(token) - _TOKEN_CHARS:
        return None
    path = _folder() / token
    if not path.is_file():
        return None
    return Draft(token=token, filename=filename, data=path.read_bytes())


def draft_delete(token: str) -> None:
    if token and not set(token) - _TOKEN_CHARS:
        (_folder() / token).unlink(missing_ok=True)


def sweep(now: float | None = None) -> None:
    """Delete drafts nobody confirmed within a day."""
    limit = (now or time.time()) - MAX_AGE_SECONDS
    for path in _folder().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
