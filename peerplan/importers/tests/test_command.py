"""`peerplan parse FILE` prints the plan as JSON; failures are CommandErrors with nothing on stdout."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

PLAN = "Recommendation\tAction\tLead officer\tTimescale\tColour\nDo it\tStart\tHead of Policy\tMarch 2025\tteal\n"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("parse", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_parse_prints_the_plan_as_peerplan_plan_json(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN)
    out, err = run(str(path))
    data = json.loads(out)
    assert data["format"] == "peerplan.plan/1"
    assert data["recommendations"][0]["actions"][0]["due"] == "2025-03-31"
    assert "1 doubt(s)" in err


def test_parse_lists_doubts_and_columns_on_stderr_and_takes_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN)
    out, err = run(str(path), "--doubts", "--columns")
    assert "column 'Colour' → ignore (not read: its cells do not say what it holds)" in err
    assert (
        "column 'Lead officer' → owner (read as the owner (lead officer): the heading “Lead officer” names it)" in err
    )
    out, err = run(str(path), "--mapping", "Colour=progress", "--as-of", "2025-01-01")
    assert json.loads(out)["recommendations"][0]["actions"][0]["updates"][0]["commentary"] == "teal"


def test_parse_fails_with_the_reason_and_prints_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    out = StringIO()
    with pytest.raises(CommandError, match=r"empty\.csv: the file is empty"):
        call_command("parse", str(path), stdout=out)
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--mapping", "nofield"], "Heading as in the file=field"), (["--as-of", "June"], "YYYY-MM-DD")],
)
def test_parse_explains_a_bad_option(tmp_path: Path, args: list[str], message: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN)
    with pytest.raises(CommandError, match=message):
        run(str(path), *args)


def test_parse_is_documented_in_its_help() -> None:
    from peerplan.importers.management.commands.parse import Command

    parser = Command().create_parser("peerplan", "parse")
    text = parser.format_help()
    for option in ("--mapping", "--as-of", "--doubts", "--columns"):
        assert option in text
