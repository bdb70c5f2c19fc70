"""Spreadsheets: CSV in its dialects and Excel, with the header found below title rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from peerplan.importers import PlanImportError, parse_file

from .makers import xlsx_bytes


def test_an_excel_plan_with_a_title_row_and_one_action_a_row() -> None:
    rows: list[list[Any]] = [
        ["Corporate Peer Challenge – action plan, 1 October 2025"],
        [],
        [
            "Rec No.",
            "Details of recommendation",
            "Action to be taken",
            "Lead officer",
            "Target date",
            "Status",
            "RAG",
            "Progress update",
            "Evidence",
        ],
        [
            "KR1 (page 8, para 3)",
            "<p>Develop a <b>clear</b> vision</p>",
            "Draft the vision",
            "Chief Executive",
            datetime(2025, 12, 31),
            "In progress",
            "Green",
            "Draft written",
            "Cabinet minutes",
        ],
        [None, None, "Adopt the vision", "Full Council", "Q4 2025/26", "Not started", "Amber", None, None],
        ["R2", "Strengthen scrutiny", "Review O&S", "Head of Democratic Services", "Spring 2026", "Complete", "Blue"],
    ]
    result = parse_file(xlsx_bytes(rows), "plan.xlsx")
    first, second = result.document.recommendations
    assert (first.ref, first.key, first.source, first.text) == ("KR1", True, "page 8, para 3", "Develop a clear vision")
    draft, adopt = first.actions
    assert (draft.timescale, draft.due, draft.status, draft.rag) == (
        "31 December 2025",
        date(2025, 12, 31),
        "in-progress",
        "green",
    )
    assert draft.owners == ["Chief Executive"] and draft.lead_officer == "Chief Executive"
    (update,) = draft.updates
    assert (update.date, update.commentary, update.evidence) == (
        date(2025, 10, 1),
        "Draft written",
        ["Cabinet minutes"],
    )
    assert (adopt.owners, adopt.due, adopt.rag) == (["Full Council"], date(2026, 3, 31), "amber")
    assert (second.actions[0].status, second.actions[0].rag) == ("complete", "complete")
    assert result.columns["Rec No."] == "ref"


def test_each_visible_sheet_is_read_and_named_sheets_become_sections() -> None:
    header = ["Recommendation", "Action", "Owner"]
    data = xlsx_bytes(
        [header, ["Do A", "Step A", "Cabinet"]],
        [header, ["Do B", "Step B", "Council"]],
        titles=["Governance", "Finance"],
    )
    recs = parse_file(data, "plan.xlsx").document.recommendations
    assert [(r.text, r.section) for r in recs] == [("Do A", "Governance"), ("Do B", "Finance")]


def test_a_csv_with_semicolons_and_windows_1252_text() -> None:
    text = (
        "Ref;Recommendation;Actions;Responsible;Deadline\n"
        '1;Improve the council’s website;"a. Audit it\nb. Fix it";Head of Digital;Sept 2025\n'
    )
    data = text.encode("cp1252")
    (rec,) = parse_file(data, "plan.csv").document.recommendations
    assert rec.text == "Improve the council’s website"
    assert [(a.ref, a.text, a.due) for a in rec.actions] == [
        ("a", "Audit it", date(2025, 9, 30)),
        ("b", "Fix it", date(2025, 9, 30)),
    ]
    assert rec.owners == ["Head of Digital"]


def test_a_mapping_reads_a_column_the_synonyms_do_not_know() -> None:
    data = b"Recommendation,Action,Whodunnit,Colour\nDo it,Start,Head of Policy,green\n"
    result = parse_file(data, "plan.csv", mapping={"Whodunnit": "owner", "Colour": "rag"})
    (rec,) = result.document.recommendations
    assert rec.owners == ["Head of Policy"] and rec.actions[0].rag == "green"
    assert result.columns == {
        "Recommendation": "recommendation",
        "Action": "action",
        "Whodunnit": "owner",
        "Colour": "rag",
    }


def test_a_mapping_to_an_unknown_field_is_refused() -> None:
    with pytest.raises(PlanImportError, match="unknown field 'colour'"):
        parse_file(b"Recommendation,Action\nA,B\n", "plan.csv", mapping={"Action": "colour"})


def test_a_spreadsheet_with_no_recognisable_header_is_refused() -> None:
    with pytest.raises(PlanImportError, match="no header row found"):
        parse_file(xlsx_bytes([["Name", "Colour"], ["Apple", "Red"]]), "fruit.xlsx")
    with pytest.raises(PlanImportError, match="no header row found"):
        parse_file(b"Name,Colour\nApple,Red\n", "fruit.csv")
