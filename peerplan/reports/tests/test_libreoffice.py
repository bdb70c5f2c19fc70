"""The Word report opens in LibreOffice and converts to a PDF that still lists every action.

Skipped on a laptop without soffice; under CI=true a missing soffice is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pdfplumber
import pytest

from peerplan.reports.compose import ReportInput
from peerplan.reports.cover import Cover
from peerplan.reports.renderers import render
from peerplan.reports.snapshot import Snapshot

SOFFICE = shutil.which("soffice")


def soffice_or_skip() -> str:
    if SOFFICE is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice (soffice) is required under CI=true: install libreoffice-writer-nogui.")
        pytest.skip("LibreOffice (soffice) is not installed.")
    return SOFFICE


def test_libreoffice_converts_the_word_report_to_a_pdf_listing_every_action(
    snapshot_q1: Snapshot, snapshot_q2: Snapshot, tmp_path: Path
) -> None:
    soffice = soffice_or_skip()
    source = tmp_path / "report.docx"
    source.write_bytes(render(ReportInput(snapshot_q2, Cover(meeting="Cabinet"), previous=snapshot_q1), "docx"))
    profile = f"file:///tmp/lo-{uuid.uuid4().hex}"  # one profile per run: parallel runs sharing one fail
    try:
        subprocess.run(  # noqa: S603 -- fixed arguments, no shell
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            check=False,
            capture_output=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    # soffice exits 0 even when the conversion failed: the file is the only proof.
    output = tmp_path / "report.pdf"
    assert output.exists(), "LibreOffice wrote no PDF"
    with pdfplumber.open(output) as pdf:
        pages = [(page.width, page.height, page.extract_text() or "") for page in pdf.pages]
    assert (round(pages[0][0]), round(pages[0][1])) == (595, 842)
    assert (round(pages[-1][0]), round(pages[-1][1])) == (842, 595)
    text = "\n".join(t for _, _, t in pages)
    for action in snapshot_q2.actions:
        assert action.ref in text
    assert "Page 1 of" in text
    assert "Blue (complete)" in text


def test_a_missing_libreoffice_is_a_skip_on_a_laptop_but_a_failure_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(globals(), "SOFFICE", None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        soffice_or_skip()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required under CI=true"):
        soffice_or_skip()
