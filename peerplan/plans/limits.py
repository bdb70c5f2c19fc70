"""How long a text a person may write: every text has a limit, the same in forms, services and the API.

Generous for real plans (the longest recommendation in the samples is about 1,500 characters),
small enough that one field cannot make a page or a committee report unusable.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator

LONG_TEXT = 10_000  # a recommendation, an action, a progress update's commentary
REASON = 2_000  # why a rating changed, why a date moved, why an update was withdrawn

long_text = MaxLengthValidator(LONG_TEXT)
reason = MaxLengthValidator(REASON)
