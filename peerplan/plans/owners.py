"""Owners as councils write them: split a cell naming several, and tell people, roles and bodies apart.

Pure functions; services use them to find or create Owner records.
"""

from __future__ import annotations

import re

from .enums import OwnerKind

_BODY_WORDS = re.compile(
    r"\b(board|council|cabinet|committee|group|party|panel|team|executive|forum|partnership|"
    r"services|leaders|members|assembly|network|commission)\b\.?$",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(
    r"\b(head|director|officer|manager|chief|leader|lead|member|portfolio|holder|assistant|deputy|"
    r"executive|monitoring|s151|section 151|clerk|secretary|controller|coordinator|adviser|advisor)\b",
    re.IGNORECASE,
)
_ROLE_START = re.compile(r"^(head|director|chief|assistant|deputy|lead|shared director)\b", re.IGNORECASE)
_TITLE = re.compile(r"^(cllr|councillor|mr|mrs|ms|miss|dr)\.?\s", re.IGNORECASE)


def guess_kind(name: str) -> OwnerKind:
    """A body (Management Board), an officer role (Head of Finance) or a named person (Jo Bloggs)."""
    text = name.strip()
    if _TITLE.match(text):
        return OwnerKind.PERSON
    if _BODY_WORDS.search(text) and not _ROLE_START.match(text):
        return OwnerKind.BODY
    if _ROLE_WORDS.search(text):
        return OwnerKind.ROLE
    words = text.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return OwnerKind.PERSON
    return OwnerKind.ROLE
