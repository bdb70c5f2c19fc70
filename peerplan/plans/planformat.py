"""The open plan format `peerplan.plan/1`: one review and its action plan as a JSON document.

These pydantic models are the single definition: importers produce them, `peerplan load` validates
them, `peerplan export` writes them, the API serves them and docs/plan-format.schema.json is made
from them. No database identity (ids, slugs, storage timestamps) ever appears in a document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from peerplan.safetext import MAX_LONG_TEXT, MAX_REASON, check_text, clean_characters
from peerplan.shared.rag import Rag

from .enums import ActionStatus, Response, ReviewKind

FORMAT: Final = "peerplan.plan/1"
MAX_DEPTH = 3  # objectives → steps → sub-steps

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("not a date (write it as YYYY-MM-DD, e.g. 2025-03-31)")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _choice(enum: type[Any]) -> Any:
    values = [m.value for m in enum]

    def check(value: Any) -> Any:
        if value is None or value in values:
            return value
        raise ValueError(f"{value!r} is not one of: {', '.join(values)}")

    return BeforeValidator(check)


# Checking a document against the database's limits. Importers build documents piece by piece and are not
# held to the limits as they go (their control characters are dropped instead); a document is checked
# whole before it is stored (`check_document`) and whenever it arrives as JSON (`parse_document`).
STRICT: Final = {"strict": True}


@dataclass(frozen=True)
class Limit:
    """Text of at most `chars` characters (the database column's size), without control characters."""

    chars: int
    required: bool = False

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.with_info_before_validator_function(
            self._check, core_schema.with_info_after_validator_function(self._length, handler(source))
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        out = handler(schema)
        out["maxLength"] = self.chars
        if self.required:
            out["minLength"] = 1
        return out

    def _check(self, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        if info.context and info.context.get("strict"):
            return check_text(value)
        return clean_characters(value)

    def _length(self, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and info.context and info.context.get("strict"):
            if self.required and not value.strip():
                raise ValueError("is blank; every recommendation and action needs its wording")
            check_text(value, self.chars)
        return value


Name = Annotated[str, Limit(200)]  # a person or body: Owner.name
LongText = Annotated[str, Limit(MAX_LONG_TEXT)]
Reason = Annotated[str, Limit(MAX_REASON)]

StatusValue = Annotated[str | None, _choice(ActionStatus)]
RagValue = Annotated[str | None, _choice(Rag)]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Person(_Doc):
    """A named owner: officers are named in `owners` by `name`, details here."""

    name: Annotated[str, Limit(200)] = Field(min_length=1)
    job_title: Annotated[str, Limit(200)] | None = None
    email: Annotated[str, Limit(254)] | None = None


class PeerTeamMember(_Doc):
    name: Annotated[str, Limit(200)] = Field(min_length=1)
    role: Annotated[str, Limit(300)] | None = None
    organisation: Annotated[str, Limit(300)] | None = None


class ReportingPeriod(_Doc):
    name: Annotated[str, Limit(100)] = Field(min_length=1, description="As the council writes it, e.g. 'Q3 2025/26'.")
    start: IsoDate
    end: IsoDate


class Milestone(_Doc):
    """A CPC clock milestone the council has met (the due dates are computed from the visit)."""

    milestone: str = Field(description="One of the CPC clock's milestone keys, e.g. 'progress-review'.")
    met_on: IsoDate


class Review(_Doc):
    kind: Annotated[str, _choice(ReviewKind)] = ReviewKind.CORPORATE_PEER_CHALLENGE.value
    title: Annotated[str, Limit(300)] = Field(min_length=1)
    themes: list[Annotated[str, Limit(300)]] = []
    # Extensions beyond the golden files' core:
    visit_start: IsoDate | None = None
    visit_end: IsoDate | None = None
    feedback_report_date: IsoDate | None = None
    plan_approved_on: IsoDate | None = None
    peer_team: list[PeerTeamMember] = []
    milestones_met: list[Milestone] = []
    reporting_periods: list[ReportingPeriod] = []


class Revision(_Doc):
    """A later revision of an action's due date; the reason is required."""

    due: IsoDate
    reason: Reason = Field(min_length=1)
    on: IsoDate | None = None


class Update(_Doc):
    """One progress update; updates are history, listed oldest first."""

    date: IsoDate
    author: Name | None = None
    period: Annotated[str, Limit(100)] | None = Field(default=None, description="The reporting period's name.")
    status: StatusValue = None
    rag: RagValue = None
    rag_reason: Reason | None = None
    percent_complete: int | None = Field(default=None, ge=0, le=100)
    commentary: LongText = ""
    public_summary: Annotated[str, Limit(2000)] | None = Field(
        default=None, description="What a published plan shows for this update; the commentary stays internal."
    )
    evidence: list[Annotated[str, Limit(2000)]] = []


class Action(_Doc):
    ref: Annotated[str, Limit(20)] | None = None
    text: Annotated[str, Limit(MAX_LONG_TEXT, required=True)]
    owners: list[Name] = []
    timescale: Annotated[str, Limit(500)] | None = Field(default=None, description="Exactly as written in the plan.")
    due: IsoDate | None = Field(default=None, description="The original due date (end of the timescale).")
    status: StatusValue = None
    actions: list[Action] = []
    # Extensions:
    lead_officer: Name | None = None
    lead_member: Name | None = None
    revisions: list[Revision] = []
    rag: RagValue = None
    rag_reason: Reason | None = None
    percent_complete: int | None = Field(default=None, ge=0, le=100)
    updates: list[Update] = []


class Recommendation(_Doc):
    ref: Annotated[str, Limit(20)] | None = None
    key: bool = False
    section: Annotated[str, Limit(300)] | None = None
    theme: Annotated[str, Limit(300)] | None = None
    source: Annotated[str, Limit(200)] | None = Field(
        default=None, description="Where in the report, e.g. 'page 8, para 3'."
    )
    text: Annotated[str, Limit(MAX_LONG_TEXT, required=True)]
    owners: list[Name] = []
    actions: list[Action] = []
    # Extensions:
    suggestion: bool = False
    response: Annotated[str | None, _choice(Response)] = None
    response_reason: LongText | None = None


class PlanDocument(_Doc):
    format: Literal["peerplan.plan/1"] = FORMAT
    organisation: Annotated[str, Limit(200)] | None = None
    review: Review
    recommendations: list[Recommendation] = []
    people: list[Person] = []

    @field_validator("recommendations")
    @classmethod
    def _depth(cls, recs: list[Recommendation]) -> list[Recommendation]:
        for rec in recs:
            for action in rec.actions:
                if _depth(action) > MAX_DEPTH:
                    raise ValueError(f"actions are nested deeper than {MAX_DEPTH} levels")
        return recs

    def to_json(self) -> str:
        return json.dumps(dump(self), indent=1, ensure_ascii=False) + "\n"


def _depth(action: Action) -> int:
    return 1 + max((_depth(a) for a in action.actions), default=0)


# Keys written in every document (the shape of the golden files); the rest only when they carry data.
CORE_KEYS = {
    "format",
    "organisation",
    "review",
    "recommendations",
    "kind",
    "title",
    "themes",
    "ref",
    "key",
    "section",
    "theme",
    "source",
    "text",
    "owners",
    "actions",
    "timescale",
    "due",
    "status",
}


def _prune(value: Any) -> Any:
    # In JSON data the values that say nothing (None, [], {}, False, "", 0) are exactly the falsy ones.
    if isinstance(value, dict):
        return {k: _prune(v) if isinstance(v, dict | list) else v for k, v in value.items() if v or k in CORE_KEYS}
    if isinstance(value, list):
        return [_prune(v) if isinstance(v, dict | list) else v for v in value]
    return value


def dump(doc: PlanDocument) -> dict[str, Any]:
    """The document as plain JSON data: core keys always, extension keys only when they say something."""
    pruned: dict[str, Any] = _prune(doc.model_dump(mode="json"))
    return pruned


class PlanFormatError(ValueError):
    """A document that is not valid `peerplan.plan/1`; `problems` name the path of each fault."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "constrained-")):
            out += f".{part}" if out else str(part)
    return out or "(document)"


_MESSAGES = {
    "missing": "required",
    "extra_forbidden": "unknown field",
    "string_type": "not text",
    "bool_type": "not true or false",
    "list_type": "not a list",
    "model_type": "not an object",
    "int_type": "not a whole number",
    "int_parsing": "not a whole number",
    "literal_error": f"must be {FORMAT!r}",
}


def _named(loc: tuple[int | str, ...], data: Any) -> str:
    """The place as a plan manager says it: "recommendation R3, action 3.2, timescale"."""
    words: list[str] = []
    node, field_name = data, ""
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ref = item.get("ref") if isinstance(item, dict) else None
            ref = f"{ref[:20]}…" if isinstance(ref, str) and len(ref) > 20 else ref
            singular = {
                "recommendations": "recommendation",
                "actions": "action",
                "updates": "update",
                "revisions": "revised date",
                "people": "person",
                "peer_team": "peer team member",
                "reporting_periods": "reporting period",
            }.get(field_name)
            if singular:
                words[-1:] = [f"{singular} {ref}" if ref else f"{singular} {part + 1}"]
            else:
                words[-1] = f"{words[-1]} (item {part + 1})"
            node = item
        elif not str(part).startswith(("function-", "constrained-")):
            field_name = str(part)
            words.append(field_name.replace("_", " "))
            node = node.get(field_name) if isinstance(node, dict) else None
    return ", ".join(w for w in words if w) or "(document)"


def problems_of(exc: ValidationError, data: Any = None) -> list[str]:
    """Plain-language messages, one per fault, each starting with where: the path in the JSON document, or,
    given the document's data, the place as people say it ("recommendation R3, action 3.1, timescale")."""
    out = []
    for err in exc.errors():
        msg = _MESSAGES.get(err["type"]) or str(err["msg"]).removeprefix("Value error, ")
        where = _named(err["loc"], data) if data is not None else _path(err["loc"])
        out.append(f"{where}: {msg}")
    return out


def parse_document(data: Any) -> PlanDocument:
    """Validate already-decoded JSON data; raise PlanFormatError naming each faulty path."""
    if not isinstance(data, dict):
        raise PlanFormatError(["(document): not a JSON object"])
    try:
        return PlanDocument.model_validate(data, context=STRICT)
    except ValidationError as exc:
        raise PlanFormatError(problems_of(exc)) from None


def check_document(document: PlanDocument) -> PlanDocument:
    """A document built in code (by an importer), held to the database's limits: control characters that
    came out of the file are dropped, and anything too long or blank raises PlanFormatError naming its place.
    """
    data = document.model_dump(mode="json")
    try:
        data = PlanDocument.model_validate(data).model_dump(mode="json")
        return PlanDocument.model_validate(data, context=STRICT)
    except ValidationError as exc:
        raise PlanFormatError(problems_of(exc, data)) from None


def parse_json(text: str | bytes) -> PlanDocument:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PlanFormatError([f"(document): not JSON: {exc}"]) from None
    return parse_document(data)


def json_schema() -> dict[str, Any]:
    schema = PlanDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://peerplan.org.uk/schema/plan-1.json"
    schema["title"] = "peerplan.plan/1"
    return schema
