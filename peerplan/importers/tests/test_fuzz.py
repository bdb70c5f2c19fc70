"""Whatever it is given, each parser either reads a plan or raises PlanImportError.

The parsers are called straight from the registry, not through `parse_file`: that wraps every other
exception in PlanImportError, so a parser's own crash would pass unseen there.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerplan.importers import PlanImportError, formats, parse_file, register, unregister
from peerplan.importers.limits import check_size
from peerplan.importers.result import ParseResult

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
CELL = st.one_of(PIECES, st.text(max_size=12), st.sampled_from(["Ref", "Recommendation", "Action", "Due", ""]))
HTML_PIECES = st.sampled_from(
    ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<td colspan=2>", "<td rowspan=3>", "<ul>",
     "<ol>", "<p>", "<h2>", "</h2>", "<br>", "&nbsp;", "&amp;", "<!--", "-->", "<script>", "<html>"]
)  # fmt: skip


def parse_directly(fmt: str, data: bytes, filename: str) -> ParseResult:
    """Run one format's parser as the registry holds it, after the size check parse_file makes first."""
    check_size(data, filename)
    (parser,) = [f.parse for f in formats() if f.name == fmt]
    return parser(data, filename, mapping=None, as_of=None)


def reads_or_refuses(fmt: str, data: bytes, filename: str) -> None:
    """The parser reads a plan that serialises, or says what is wrong with the file; nothing else."""
    try:
        result = parse_directly(fmt, data, filename)
    except PlanImportError as exc:
        assert str(exc).strip()  # noqa: PT017 - any other exception must escape and fail the test
        return
    result.document.to_json()


def test_each_fuzzed_format_is_registered() -> None:
    assert {"text", "csv", "html", "json"} <= {f.name for f in formats()}


def test_a_parser_crash_is_not_hidden_from_these_tests() -> None:
    def crashing(data: bytes, filename: str, *, mapping: object, as_of: object) -> ParseResult:
        raise KeyError("a bug in the parser")

    register("crashing", lambda data, filename: filename.endswith(".crash"), crashing)
    try:
        with pytest.raises(PlanImportError):  # parse_file would hide it ...
            parse_file(b"Recommendation 1", "plan.crash")
        with pytest.raises(KeyError):  # ... the helper these tests use does not
            reads_or_refuses("crashing", b"Recommendation 1", "plan.crash")
    finally:
        unregister("crashing")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_the_text_parser_raises_nothing_but_plan_import_error(text: str) -> None:
    reads_or_refuses("text", text.encode("utf-8", "surrogatepass"), "plan.txt")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_named_as_text_raise_nothing_but_plan_import_error(data: bytes) -> None:
    reads_or_refuses("text", data, "plan.md")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, max_size=6), max_size=12), st.sampled_from([",", ";", "\t", "|"]))
def test_the_csv_parser_raises_nothing_but_plan_import_error(rows: list[list[str]], delimiter: str) -> None:
    rows = [["Ref", "Recommendation", "Action", "Lead officer", "Timescale", "RAG"], *rows]  # a plan's headings
    text = "\n".join(delimiter.join(f'"{c}"' if i % 2 else c for i, c in enumerate(row)) for row in rows)
    reads_or_refuses("csv", text.encode("utf-8", "surrogatepass"), "plan.csv")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_named_as_csv_raise_nothing_but_plan_import_error(data: bytes) -> None:
    reads_or_refuses("csv", data, "plan.csv")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(HTML_PIECES, PIECES, st.text(max_size=8)), max_size=60).map("".join))
def test_the_html_parser_raises_nothing_but_plan_import_error(html: str) -> None:
    headings = "<table><tr><th>Recommendation</th><th>Action</th><th>Lead officer</th><th>Timescale</th></tr>"
    reads_or_refuses("html", (headings + html).encode("utf-8", "surrogatepass"), "plan.html")


JSON_KEYS = "format review recommendations actions title ref text due owners updates people name date rag status kind"
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10) | CELL,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(JSON_KEYS.split()), inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON_VALUES)
def test_the_plan_json_parser_raises_nothing_but_plan_import_error(value: object) -> None:
    if isinstance(value, dict):
        value = {"format": "peerplan.plan/1", **value}
    reads_or_refuses("json", json.dumps(value).encode(), "plan.json")
