"""PDF plans (a table running over pages; a PDF without ruled tables) and HTML pages from a CMS."""

from __future__ import annotations

from datetime import date

from peerplan.importers import parse_file

from .makers import html_table, pdf_bytes

HEADER = ["What we want to achieve", "How we will do it", "Lead officer", "Timescale"]


def _rows(count: int) -> list[list[str]]:
    return [
        [
            f"1.{n} Objective {n}, written long enough to wrap over more than one line of its cell",
            f"a. First step of objective {n}, also long enough to wrap onto a second line b. Second step",
            "Head of Corporate Services",
            f"March {2025 + n % 3}",
        ]
        for n in range(1, count + 1)
    ]


def test_a_pdf_table_running_over_two_pages_is_one_table() -> None:
    html = "<h1>Action plan</h1><p>Recommendation 1: Be a listening council</p>" + html_table(HEADER, _rows(24))
    data = pdf_bytes(html)
    result = parse_file(data, "plan.pdf")
    (rec,) = result.document.recommendations
    assert rec.text == "Be a listening council"
    assert [a.ref for a in rec.actions] == [f"1.{n}" for n in range(1, 25)]
    last = rec.actions[-1]
    assert last.text.startswith("Objective 24, written long enough")
    assert [s.ref for s in last.actions] == ["1.24a", "1.24b"]
    assert last.owners == ["Head of Corporate Services"]
    assert last.due == date(2025, 3, 31)


def test_a_pdf_without_ruled_tables_is_read_as_text_in_columns() -> None:
    lines = "".join(
        f"<div style='display:flex'><span style='width:60mm'>{a}</span><span style='width:80mm'>{b}</span>"
        f"<span>{c}</span></div>"
        for a, b, c in [("Objective", "Actions", "Timescale"), ("1.1 Clear vision", "a. Draft b. Adopt", "May 2026")]
    )
    data = pdf_bytes("<p>Recommendation 1: Agree a vision</p>" + lines)
    (rec,) = parse_file(data, "plan.pdf").document.recommendations
    assert rec.actions[0].ref == "1.1"
    assert [s.text for s in rec.actions[0].actions] == ["Draft", "Adopt"]
    assert rec.actions[0].due == date(2026, 5, 31)


def test_an_html_page_with_row_spans_and_lists_in_cells() -> None:
    html = (
        "<html><body><h1>Peer challenge</h1><h2>Finance</h2><table>"
        "<tr><th>Recommendation</th><th>Actions</th><th>Responsible officer</th><th>Deadline</th></tr>"
        "<tr><td rowspan='2'>Balance the budget</td><td><ul><li>Set savings targets</li><li>Track them</li></ul></td>"
        "<td>Director of Finance</td><td>Q1 2026/27</td></tr>"
        "<tr><td>Report monthly</td><td>Head of Finance &amp; Head of Audit</td><td>Ongoing</td></tr>"
        "</table></body></html>"
    )
    (rec,) = parse_file(html.encode(), "plan.html").document.recommendations
    assert (rec.text, rec.section) == ("Balance the budget", "Finance")
    assert [a.text for a in rec.actions] == ["Set savings targets", "Track them", "Report monthly"]
    assert rec.actions[0].due == date(2026, 6, 30)
    assert rec.actions[2].owners == ["Head of Finance", "Head of Audit"]
