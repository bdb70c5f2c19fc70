"""`peerplan report --cover FILE`: the plan manager's texts from the command line, bad files refused plainly."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError
from docx import Document

from peerplan.plans.models import Review

from .test_command import run


def test_the_cover_file_gives_the_position_statement_its_texts(review: Review, tmp_path: Path) -> None:
    cover = tmp_path / "cover.json"
    cover.write_text(
        json.dumps(
            {
                "impact": {"2": "Reserves are no longer drawn on."},
                "done": {"2": "A savings programme agreed by Cabinet in July."},
            }
        )
    )
    target = tmp_path / "statement.docx"
    run(
        str(review.pk),
        "--format",
        "docx",
        "--kind",
        "position-statement",
        "--as-of",
        "2025-09-30",
        "--cover",
        str(cover),
        "-o",
        str(target),
    )
    tables = [
        t for t in Document(io.BytesIO(target.read_bytes())).tables if t.rows[0].cells[0].text == "What has been done"
    ]
    second = {r.cells[0].text: r.cells[1].text for r in tables[1].rows}
    assert second["What has been done"] == "A savings programme agreed by Cabinet in July."
    assert second["Early impact"] == "Reserves are no longer drawn on."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a UTF-8 JSON file"),
        ("[1, 2]", "must be a JSON object"),
        ('{"colour": "red"}', "Unknown cover field(s): colour"),
        ('{"sections": ["progress"]}', "must have these sections"),
        ('{"implications": [{"title": "Social value"}, {"title": "SOCIAL VALUE"}]}', "appears twice"),
        ('{"section_titles": {"purpose": ""}, "implications": [{"text": "None."}]}', "Implication 1 has no title"),
    ],
)
def test_a_bad_cover_file_is_refused_with_the_reason(
    review: Review, tmp_path: Path, content: str, message: str
) -> None:
    cover = tmp_path / "cover.json"
    cover.write_text(content)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(
            str(review.pk), "--format", "csv", "--as-of", "2025-09-30", "--cover", str(cover), "-o", str(tmp_path / "x")
        )


def test_a_missing_cover_file_is_named(review: Review, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run(str(review.pk), "--format", "csv", "--cover", str(tmp_path / "absent.json"))
