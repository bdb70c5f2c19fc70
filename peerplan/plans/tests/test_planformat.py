"""The open plan format: validation messages name the path, the schema file is the one the code makes."""

import json
from pathlib import Path
from typing import Any

import pytest

from peerplan.plans.planformat import PlanFormatError, dump, json_schema, parse_document, parse_json

HERE = Path(__file__).parent
SAMPLE = HERE / "sample_plan.json"
SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "plan-format.schema.json"


def sample() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SAMPLE.read_text())
    return document


def test_a_valid_document_dumps_back_to_the_same_json() -> None:
    assert dump(parse_document(sample())) == sample()


def test_a_bad_date_is_reported_with_its_path_in_the_document() -> None:
    data = sample()
    data["recommendations"][0]["actions"][0]["due"] = "31/12/2025"
    with pytest.raises(PlanFormatError) as caught:
        parse_document(data)
    assert caught.value.problems == [
        "recommendations[0].actions[0].due: not a date (write it as YYYY-MM-DD, e.g. 2025-03-31)"
    ]


def test_every_fault_is_reported_not_just_the_first() -> None:
    data = sample()
    data["review"]["kind"] = "peer-review"
    data["recommendations"][1]["actions"][0]["status"] = "done"
    del data["recommendations"][0]["text"]
    with pytest.raises(PlanFormatError) as caught:
        parse_document(data)
    paths = [p.split(":")[0] for p in caught.value.problems]
    assert paths == ["review.kind", "recommendations[0].text", "recommendations[1].actions[0].status"]


def test_an_unknown_field_is_refused_so_typos_are_not_silently_lost() -> None:
    data = sample()
    data["recommendations"][0]["actoins"] = []
    with pytest.raises(PlanFormatError, match=r"recommendations\[0\]\.actoins: unknown field"):
        parse_document(data)


def test_actions_nested_deeper_than_three_levels_are_refused() -> None:
    data = sample()
    leaf = {"text": "too deep", "actions": []}
    data["recommendations"][0]["actions"][0]["actions"][0]["actions"] = [{"text": "third", "actions": [leaf]}]
    with pytest.raises(PlanFormatError, match="nested deeper than 3"):
        parse_document(data)


@pytest.mark.parametrize("text", ["", "[]", "not json", '{"format": "peerplan.plan/2", "review": {"title": "x"}}'])
def test_text_that_is_not_a_plan_document_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(PlanFormatError) as caught:
        parse_json(text)
    assert caught.value.problems


def test_the_published_json_schema_is_the_one_the_code_makes() -> None:
    assert json.loads(SCHEMA.read_text()) == json_schema(), "run `make schema` and commit docs/plan-format.schema.json"
