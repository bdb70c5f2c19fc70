"""Word plans: tables with merged cells, a table split over two pages, headings as sections, auto-numbers."""

from __future__ import annotations

import io
from datetime import date

from peerplan.importers import parse_file

from .makers import HEADER, docx_bytes


def test_a_word_table_with_merged_cells_reads_each_merged_cell_once() -> None:
    import docx

    document = docx.Document(
        io.BytesIO(
            docx_bytes(
                [
                    HEADER,
                    ["R1", "Improve governance", "Review the constitution", "Monitoring Officer", "March 2025"],
                    ["", "", "Train members", "Head of Democratic Services", "June 2025"],
                ]
            )
        )
    )
    table = document.tables[0]
    merged = table.cell(1, 1).merge(table.cell(2, 1))  # the recommendation spans both action rows
    merged.text = "Improve governance"
    wide = table.cell(0, 3).merge(table.cell(0, 4))  # one heading over two columns
    wide.text = "Responsible officer"
    buf = io.BytesIO()
    document.save(buf)
    result = parse_file(buf.getvalue(), "plan.docx")
    (rec,) = result.document.recommendations
    assert rec.text == "Improve governance"
    assert [a.text for a in rec.actions] == ["Review the constitution", "Train members"]
    assert [a.owners for a in rec.actions] == [["Monitoring Officer"], ["Head of Democratic Services"]]


def test_a_table_split_across_pages_is_read_as_one() -> None:
    first = [HEADER, ["R1", "Improve governance", "Review the constitution", "Monitoring Officer", "March 2025"]]
    second = [
        HEADER,
        ["", "", "Train members", "Head of HR", "June 2025"],
        ["R2", "Balance the budget", "Adopt the MTFS", "S151 Officer", "Q3 2025/26"],
    ]
    result = parse_file(docx_bytes(("h", "Governance"), first, "", second), "plan.docx")
    recs = result.document.recommendations
    assert [r.ref for r in recs] == ["R1", "R2"]
    assert [a.text for a in recs[0].actions] == ["Review the constitution", "Train members"]
    assert recs[1].actions[0].due == date(2025, 12, 31)
    assert not [d for d in result.doubts if "header" in d.message]


def test_headings_become_sections_and_a_list_before_the_tables_gives_the_recommendations() -> None:
    table = [
        ["What we want to achieve", "How we will do it", "Lead", "Timescale"],
        ["1.1 A clear vision", "a. Draft it\nb. Consult on it", "Leader of the Council", "Spring 2026\nSummer 2026"],
    ]
    data = docx_bytes(
        ("h", "Our response"),
        "Recommendation 1: Agree a clear vision (page 4, para 2)",
        "Recommendation 2: Invest in digital",
        ("h", "Place leadership"),
        "Agree a clear vision",
        table,
    )
    recs = parse_file(data, "plan.docx").document.recommendations
    assert (recs[0].ref, recs[0].source, recs[0].section) == ("1", "page 4, para 2", None)
    objective = recs[0].actions[0]
    assert (objective.ref, objective.owners) == ("1.1", ["Leader of the Council"])
    assert [(s.ref, s.timescale) for s in objective.actions] == [("1.1a", "Spring 2026"), ("1.1b", "Summer 2026")]
    assert recs[1].actions == []


def test_word_list_numbers_are_written_back_into_the_text() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Recommendations")
    for text in ("Improve scrutiny", "Publish decisions"):
        document.add_paragraph(text, style="List Number")
    buf = io.BytesIO()
    document.save(buf)
    recs = parse_file(buf.getvalue(), "plan.docx").document.recommendations
    assert [(r.ref, r.text) for r in recs] == [("1", "Improve scrutiny"), ("2", "Publish decisions")]
