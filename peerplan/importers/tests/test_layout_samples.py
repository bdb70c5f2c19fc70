"""The four real plans in other layouts (shared/samples/layouts/) import to within 0.95 of their goldens
in the formats whose tables reach the table understanding today: Word and Excel for all four, PDF for
those whose rows the PDF reader keeps apart. (The text extracts wait on the text layouts being rebuilt
into tables.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from peerplan.importers import parse_file

from .test_samples import SHARED, _need_samples, _score

LAYOUTS = SHARED / "samples" / "layouts"
CASES = [
    *(
        f"{name}.{ext}"
        for ext in ("docx", "xlsx")
        for name in (
            "iow-2004-scrutiny-tracker",
            "ofsted-sif-2016-action-plan",
            "scr-2006-health-action-plan",
            "youth-offending-2013-sqs-action-plan",
        )
    ),
    "ofsted-sif-2016-action-plan.pdf",
    "youth-offending-2013-sqs-action-plan.pdf",
]


@pytest.mark.samples
@pytest.mark.parametrize("name", CASES)
def test_each_layout_sample_scores_at_least_095(name: str, tmp_path: Path) -> None:
    _need_samples()
    source = LAYOUTS / name
    result = parse_file(source.read_bytes(), source.name)
    parsed = tmp_path / "parsed.json"
    parsed.write_text(result.document.to_json(), encoding="utf-8")
    golden = LAYOUTS / f"{name.rsplit('.', 1)[0]}.golden.json"
    assert _score(golden, parsed) >= 0.95
    assert result.document.review.title != name.rsplit(".", 1)[0], "never the file's name as the title"
