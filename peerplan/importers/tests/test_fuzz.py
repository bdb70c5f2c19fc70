"""Whatever text it is given, the text parser either reads a plan or raises PlanImportError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerplan.importers import PlanImportError, parse_file

PIECES = st.sampled_from(
    [
        "Recommendation 1",
        "KR2",
        "R3 ",
        "1.1 ",
        "a. ",
        "b. ",
        "\t",
        "\n",
        "\n\n",
        "|",
        "| --- |",
        "Timescale",
        "What do we want to achieve?",
        "How are we going to do it?",
        "Lead officer",
        "Current Actions",
        "March 2024",
        "Spring 2024 Spring 2024",
        "Ongoing",
        "<li>",
        "</ul>",
        "(page 8, para 3)",
        "Head of X/Head of Y",
        "e.g. ",
        "No further action",
        ":",
        "# ",
        "•",
        "2024/25",
        "Q3 2024/25",
        "Status",
        "RAG",
        "Red",
        "1) ",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_the_text_parser_raises_nothing_but_plan_import_error(text: str) -> None:
    try:
        result = parse_file(text.encode("utf-8", "surrogatepass"), "plan.txt")
    except PlanImportError:
        return
    result.document.to_json()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_named_as_text_raise_nothing_but_plan_import_error(data: bytes) -> None:
    with contextlib.suppress(PlanImportError):
        parse_file(data, "plan.md")
