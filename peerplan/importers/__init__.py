"""Bring an existing action plan in: files (CSV, Excel, Word, PDF, text, HTML) → the open plan format.

Parsers are pure functions (bytes + filename → ParseResult) registered by format; no ORM here.
"""

from __future__ import annotations

from . import parsers  # noqa: F401 - registers the built-in formats
from .errors import PlanImportError
from .limits import MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES
from .registry import Format, formats, parse_file, register, unregister
from .result import Doubt, ParseResult

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "Doubt",
    "Format",
    "ParseResult",
    "PlanImportError",
    "formats",
    "parse_file",
    "register",
    "unregister",
]
