"""The open plan format itself (`peerplan.plan/1` JSON, as `peerplan export` and the plan page write it):
read back as it is, so an exported plan can be brought in again through the same import."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from peerplan.importers.errors import PlanImportError
from peerplan.importers.limits import decode_text
from peerplan.importers.result import ParseResult
from peerplan.plans.planformat import FORMAT, PlanFormatError, parse_json

JSON_EXTENSIONS = (".json",)


def sniff_plan_json(data: bytes, filename: str) -> bool:
    return filename.lower().endswith(JSON_EXTENSIONS) or (data.lstrip()[:1] == b"{" and FORMAT.encode() in data[:4096])


def parse_plan_json(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, as_of: date | None = None
) -> ParseResult:
    """A `peerplan.plan/1` document; columns and dates need no reading, so `mapping` and `as_of` do nothing."""
    try:
        document = parse_json(decode_text(data, filename))
    except PlanFormatError as exc:
        shown = "; ".join(exc.problems[:5]) + (f" (and {len(exc.problems) - 5} more)" if len(exc.problems) > 5 else "")
        raise PlanImportError(f"not a valid {FORMAT} document: {shown}", filename) from None
    return ParseResult(document=document)
