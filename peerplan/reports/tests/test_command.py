from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from peerplan.plans.models import Review
from peerplan.reports.models import Report


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_the_file_and_stores_nothing_by_default(review: Review, tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    output = run(str(review.pk), "--format", "xlsx", "--as-of", "2025-09-30", "-o", str(target))
    assert "Dry run" in output
    sheet = load_workbook(target)["Action plan"]
    assert sheet.max_row == 11
    assert not Report.objects.exists()


def test_the_command_issues_and_stores_the_report_with_commit(review: Review, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    output = run(
        str(review.pk),
        "--format",
        "docx",
        "--kind",
        "exceptions",
        "--layout",
        "ref-details",
        "--as-of",
        "2025-09-30",
        "--commit",
        "-o",
        str(target),
    )
    report = Report.objects.get()
    assert f"Issued and stored as report {report.pk}" in output
    assert report.kind == "exceptions"
    assert target.read_bytes() == bytes(report.files.get(format="docx").content)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999999", "--format", "pdf"], "no review with id 999999"),
        (["{review}", "--format", "pdf", "--as-of", "30/09/2025"], "not a date"),
        (["{review}", "--format", "odt", "--as-of", "2025-09-30"], "Unknown format 'odt'"),
        (["{review}", "--format", "pdf", "--layout", "grid", "--as-of", "2025-09-30"], "Unknown layout 'grid'"),
        (["{review}", "--format", "pdf", "--kind", "annual", "--as-of", "2025-09-30"], "Unknown kind 'annual'"),
        (["{review}", "--format", "pdf", "--committee", "Planning"], "no committee called 'Planning'"),
    ],
)
def test_the_command_explains_what_is_wrong(review: Review, tmp_path: Path, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*[a.format(review=review.pk) for a in args], "-o", str(tmp_path / "x"))
    assert not (tmp_path / "x").exists()
