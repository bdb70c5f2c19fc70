"""Text a person may store: no control characters (NUL, escape …), and a length limit on every field.

One definition used by the plan format, the API's schemas and every form, so each says the same thing.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates; non-characters.
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# The longest free text anyone needs to type: a recommendation, an action, a commentary (the same limits as
# the models' validators); a reason (why a rating changed or a date moved) is shorter.
MAX_LONG_TEXT = 10_000
MAX_REASON = 2_000


def bad_character(value: str) -> str | None:
    """Describe the first character that may not be stored, e.g. "a NUL character (U+0000) at position 5"."""
    found = _BAD.search(value)
    if found is None:
        return None
    char = found.group()
    name = "a NUL character" if char == "\x00" else "a control character"
    if "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff":
        name = "an invalid character"
    code = f"U+{ord(char):04X}"
    label = unicodedata.name(char, "")
    return f"{name} ({code}{', ' + label if label else ''}) at position {found.start() + 1}"


def clean_characters(value: str) -> str:
    """Drop the characters that may not be stored (for text extracted from files, where they are noise)."""
    return _BAD.sub("", value)


def check_text(value: str, max_length: int | None = None) -> str:
    """Raise ValueError saying what is wrong, else return the value (for pydantic validators)."""
    problem = bad_character(value)
    if problem:
        raise ValueError(f"contains {problem}; remove it")
    if max_length is not None and len(value) > max_length:
        raise ValueError(f"is {len(value):,} characters long; the most is {max_length:,}")
    return value


@deconstructible
class PlainTextValidator:
    """Django validator: refuse control characters with a message that says which and where."""

    code = "bad_character"

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and (problem := bad_character(value)):
            raise ValidationError(f"Remove {problem}: it cannot be stored", code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)
