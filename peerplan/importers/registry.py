"""One registry of parsers by format; the built-in parsers register through it like any plugin.

`parse_file` checks the file, asks each format whether the file is its own, and runs that parser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Protocol

from .builder import row_marks
from .errors import PlanImportError
from .limits import check_size
from .result import ParseResult


class Parser(Protocol):
    def __call__(
        self, data: bytes, filename: str, *, mapping: Mapping[str, str] | None, as_of: date | None
    ) -> ParseResult: ...


Sniffer = Callable[[bytes, str], bool]


@dataclass(frozen=True)
class Format:
    name: str
    sniff: Sniffer
    parse: Parser
    extensions: tuple[str, ...] = ()


_FORMATS: dict[str, Format] = {}


def register(fmt: str, sniff: Sniffer, parse: Parser, *, extensions: tuple[str, ...] = ()) -> None:
    """Add (or replace) the parser for `fmt`; `sniff(data, filename)` says whether a file is this format.

    The latest registration is asked first, so a plugin can claim files before the built-ins do.
    """
    _FORMATS.pop(fmt, None)
    entries = list(_FORMATS.items())
    _FORMATS.clear()
    _FORMATS[fmt] = Format(fmt, sniff, parse, tuple(e.lower() for e in extensions))
    _FORMATS.update(entries)


def unregister(fmt: str) -> None:
    _FORMATS.pop(fmt, None)


def formats() -> list[Format]:
    """Registered formats in the order their sniffers are asked."""
    return list(_FORMATS.values())


def format_for(data: bytes, filename: str) -> Format:
    """The first registered format whose sniffer claims the file."""
    for fmt in formats():
        if fmt.sniff(data, filename):
            return fmt
    ext = PurePath(filename).suffix.lower()
    named = [f.name for f in formats() if ext and ext in f.extensions]
    if named:
        raise PlanImportError(f"the file is named {ext} but is not a {named[0]} file (it may be damaged)", filename)
    known = sorted({e for f in formats() for e in f.extensions})
    raise PlanImportError(f"this kind of file cannot be read; use one of {', '.join(known)}", filename)


def parse_file(
    data: bytes,
    filename: str,
    *,
    mapping: Mapping[str, str] | None = None,
    as_of: date | None = None,
    marks: Mapping[str, str] | None = None,
) -> ParseResult:
    """Turn an action plan file into the open plan format; raises only PlanImportError.

    `mapping` overrides the column mapping (heading as found → field); `as_of` is the date relative
    timescales such as "the end of next year" count from (default: the date the document gives);
    `marks` says how to read given table rows (row as named in the result → 'recommendation', 'action',
    'continuation' or 'ignore').
    """
    check_size(data, filename)
    fmt = format_for(data, filename)
    try:
        with row_marks(marks):
            return fmt.parse(data, filename, mapping=mapping, as_of=as_of)
    except PlanImportError:
        raise
    except RecursionError:
        raise PlanImportError("the file is nested too deeply to read", filename) from None
    except Exception as exc:  # a parser library choking on a malformed file is the file's fault
        raise PlanImportError(f"the file could not be read as {fmt.name}: {exc}", filename) from exc
