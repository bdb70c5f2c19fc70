"""What the API reads and writes, as pydantic schemas: these are its OpenAPI description too."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator, Field, StringConstraints

from peerplan.plans.enums import ActionStatus
from peerplan.safetext import MAX_REASON, check_text
from peerplan.shared.rag import Rag

# Text a person sends is stored as it is; PostgreSQL cannot store a NUL character, so it is refused up front.
NO_NUL = r"^[^\x00]*$"
# …and one rule for every text field of the product (peerplan.safetext): no control characters at all.
PlainText = Annotated[str, AfterValidator(check_text)]
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class Problem(Schema):
    """Every error: what is wrong, in words, and per field where the input was at fault."""

    detail: str
    fields: dict[str, list[str]] = Field(default_factory=dict)


ERRORS: dict[int, Any] = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


class Pages(PageNumberPagination):
    """?page=1&page_size=50 (at most 500 a page); the answer is {items, count}."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=500)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=500, **kwargs)


class ReviewOut(Schema):
    id: int
    title: str
    kind: str
    organisation: str
    visit_end: date | None
    plan_approved_on: date | None


class ActionOut(Schema):
    id: int
    review_id: int
    recommendation_id: int
    parent_id: int | None
    ref: str
    text: str
    timescale: str
    due_date: date | None
    status: str
    rag: str
    rag_label: str = Field(description="The council's own word for the rating; empty when not rated.")
    rag_colour: str = Field(description="The council's colour for the rating (#rrggbb); empty when not rated.")
    percent_complete: int | None
    lead_officer: str | None
    version: int


class ActionFilters(Schema):
    status: ActionStatus | None = None
    rag: Rag | None = None
    owner: str | None = Field(
        None, max_length=200, pattern=NO_NUL, description="An owner's or the lead officer's name, exactly."
    )
    overdue: bool | None = Field(None, description="true: only actions past their due date and not closed.")
    due_before: date | None = Field(None, description="Only actions due on or before this day.")


class UpdateOut(Schema):
    id: int
    action_id: int
    date: date
    author: str
    period: str | None
    status: str
    rag: str
    rag_reason: str
    percent_complete: int | None
    commentary: str
    public_summary: str
    evidence: list[Any]
    created_at: datetime


class UpdateIn(Schema):
    status: ActionStatus
    commentary: PlainText = Field(min_length=1, max_length=10_000)
    public_summary: PlainText = Field(
        default="",
        max_length=2000,
        description="The text a published plan shows; the commentary stays internal.",
    )
    rag: Rag | None = None
    rag_reason: PlainText = Field(default="", max_length=MAX_REASON)
    percent_complete: int | None = Field(default=None, ge=0, le=100)
    evidence: list[Annotated[str, StringConstraints(max_length=2_000), AfterValidator(check_text)]] = Field(
        default_factory=list, max_length=20
    )
    version: int = Field(
        ge=1, le=2_147_483_647, description="The action's version you read: a newer one means someone else updated it."
    )


class PeriodOut(Schema):
    id: int
    name: str
    start: date
    end: date
    updates_due: date | None
    opened_on: date | None


class ReportFileOut(Schema):
    format: str
    filename: str
    content_type: str
    size: int
    sha256: str
    url: str


class ReportOut(Schema):
    id: int
    review_id: int
    title: str
    kind: str
    as_of: date
    committee: str | None
    meeting_date: date | None
    created_at: datetime
    files: list[ReportFileOut]


class FiguresOut(Schema):
    """The headline figures by the committee reports' definitions (`peerplan.plans.figures`)."""

    as_at: date
    total: int
    by_position: dict[str, int] = Field(description="Each action in exactly one position; adds up to total.")
    by_rag: dict[str, int] = Field(description="RAG ratings over all actions; 'not-rated' when none given.")
    by_status: dict[str, int]
    definitions: dict[str, str] = Field(description="What each position means.")
