"""Tables written as text without tabs are rebuilt into rows and columns from their shape."""

from __future__ import annotations

from peerplan.importers.blocks import Paragraph, Table
from peerplan.importers.parsers.text import text_blocks
from peerplan.importers.parsers.text_layouts import width_of


def _tables(text: str) -> list[Table]:
    return [b for b in text_blocks(text) if isinstance(b, Table)]


def _grid(table: Table) -> list[list[str]]:
    return [[" ".join(" ".join(c).split()) for c in row.cells] for row in table.rows]


PIPES = """Scrutiny tracker

No |
Panel |
Date |
What was asked |
Who |
A1 |
Housing
Panel |
3 March 2021 |
That the panel receive a report on
empty homes each year. |
Cabinet Member for
Housing |
A2 |
Housing
Panel |
3 March 2021 |
That the repairs backlog be
published monthly. |
Director of Housing |
A3 |
Finance Panel |
9 June 2021 |
That fees and charges be reviewed. |
Head of Finance |
"""


def test_one_cell_a_line_ending_in_a_bar_becomes_rows_of_the_width_that_repeats() -> None:
    blocks = text_blocks(PIPES)
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "Scrutiny tracker"
    (table,) = _tables(PIPES)
    grid = _grid(table)
    assert grid[0] == ["No", "Panel", "Date", "What was asked", "Who"]
    assert [r[0] for r in grid[1:]] == ["A1", "A2", "A3"]
    assert grid[1][3] == "That the panel receive a report on empty homes each year."
    assert grid[3] == ["A3", "Finance Panel", "9 June 2021", "That fees and charges be reviewed.", "Head of Finance"]


def test_a_lone_bar_is_an_empty_cell_such_as_a_heading_left_blank() -> None:
    text = "|\nTopic |\nWhen |\n1 |\nParking charges |\nMay 2022 |\n2 |\nStreet lighting |\nJune 2022 |\n"
    grid = _grid(_tables(text)[0])
    assert grid == [["", "Topic", "When"], ["1", "Parking charges", "May 2022"], ["2", "Street lighting", "June 2022"]]


def test_the_width_is_the_one_whose_columns_hold_the_same_kind_of_cell() -> None:
    cells = ["Ref", "Text", "Due"] + ["1", "Publish the plan on the website", "March 2024"] * 2
    cells += ["2", "Train every member of the committee", "April 2024"]
    assert width_of(cells) == 3


SLASHES = """Improvement plan

Objective / Task / Owner / Due / Progress
Governance
Quarterly performance reports / Agree a format with the / chair of scrutiny / Head of Policy / June 2024 / Drafted
Publish decisions within five days / Democratic Services / July 2024 / Not started
Training
Induction for new members covering code of conduct / Book sessions / Monitoring Officer / May 2024 / Complete

Note: this is an extract.
"""


def test_a_row_a_line_split_by_slashes_with_full_width_rows_and_a_note_below() -> None:
    blocks = text_blocks(SLASHES)
    (table,) = _tables(SLASHES)
    grid = _grid(table)
    assert grid[0] == ["Objective", "Task", "Owner", "Due", "Progress"]
    assert grid[1] == ["Governance", "", "", "", ""]  # a full-width row: the text in the first cell
    # a cell holding a literal ' / ' when the row has one cell too many: the pair a lower-case word continues
    assert grid[2][1] == "Agree a format with the / chair of scrutiny"
    assert grid[2][2:] == ["Head of Policy", "June 2024", "Drafted"]
    assert grid[4] == ["Training", "", "", "", ""]
    assert grid[5][0].startswith("Induction") and grid[5][4] == "Complete"
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].text == "Note: this is an extract."


def test_a_row_missing_a_cell_has_its_cells_put_where_they_match_the_other_rows() -> None:
    text = """Recommendation / Action / Lead / Target date
1. Improve budget reporting / Monthly reports to cabinet / Section 151 Officer / March 2024
2. Strengthen risk management / Refresh the risk register / Head of Audit / June 2024
3. Review the constitution / Monitoring Officer / September 2024
"""
    grid = _grid(_tables(text)[0])
    assert grid[3] == ["3. Review the constitution", "", "Monitoring Officer", "September 2024"]


def test_a_row_broken_over_two_lines_is_joined_when_the_line_ends_mid_phrase() -> None:
    text = """Recommendation / Action / Lead / Target date
Improve budget reporting / Monthly reports to cabinet and / scrutiny committee / Section 151 Officer / March 2024
Strengthen risk management / Refresh the risk register / Head of Audit / June 2024
"""
    grid = _grid(_tables(text)[0])
    assert len(grid) == 3
    assert grid[1][1] == "Monthly reports to cabinet and / scrutiny committee"


def test_a_row_broken_over_two_lines_is_joined_when_together_they_make_one_row() -> None:
    text = """Task / Measure / Lead / Done so far / Next
Review supervision training / Sessions
delivered / Head of Service / Workshop held / More sessions in May
Audit supervision files / Audits done / Head of Service / Two audits / Quarterly audits
"""
    grid = _grid(_tables(text)[0])
    assert len(grid) == 3
    assert grid[1] == [
        "Review supervision training",
        "Sessions delivered",
        "Head of Service",
        "Workshop held",
        "More sessions in May",
    ]


def test_lines_without_a_slash_after_a_full_row_continue_its_last_cell_unless_rows_follow() -> None:
    text = """Ref / Recommendation / Action / Due / Update
1 / Improve the timeliness of assessments. / (1a) Raise completion to 95%. / March 2024 / Done.
Performance is now reported monthly.
It reached 93% in May.
(1b) Weekly reports to managers.
(1c) Address late assessments in supervision / April 2024
"""
    grid = _grid(_tables(text)[0])
    assert grid[1][4] == "Done. Performance is now reported monthly. It reached 93% in May."
    steps = "(1b) Weekly reports to managers. (1c) Address late assessments in supervision"
    assert grid[2] == ["", "", steps, "April 2024", ""]


def test_a_heading_holding_a_slash_is_one_heading_when_the_rows_are_narrower() -> None:
    text = """Ref / Action / Lead Officer / Agency / Due
1 / Publish the plan / Head of Policy / May 2024
2 / Train the committee / Monitoring Officer / June 2024
"""
    grid = _grid(_tables(text)[0])
    assert grid[0] == ["Ref", "Action", "Lead Officer / Agency", "Due"]
    assert grid[1] == ["1", "Publish the plan", "Head of Policy", "May 2024"]


def test_prose_with_an_occasional_slash_is_not_a_table() -> None:
    text = "The council's budget / finance team met.\nIt agreed and/or noted the report.\n"
    assert not _tables(text)


def test_a_numbered_line_above_complete_rows_is_a_full_width_row() -> None:
    text = """Action / Lead / Due
1. Improve governance
Agree terms of reference / Head of Policy / May 2024
Review the constitution / Monitoring Officer / June 2024
"""
    grid = _grid(_tables(text)[0])
    assert grid[1] == ["1. Improve governance", "", ""]
    assert grid[2] == ["Agree terms of reference", "Head of Policy", "May 2024"]


SPACED = """Action plan

Ref  Recommendation                 Action                      Lead officer        Due
1    Improve budget reporting to    Monthly reports to cabinet  Director of         March 2024
     members and the public         and scrutiny                Finance
                                    Publish the reports online  Head of Digital     April 2024
2    Strengthen risk management.    Refresh the risk register   Head of Audit       June 2024

Note: an extract.
"""


def test_columns_set_apart_by_spaces_with_wrapped_cells_and_a_merged_cell() -> None:
    blocks = text_blocks(SPACED)
    grid = _grid(_tables(SPACED)[0])
    assert grid[0] == ["Ref", "Recommendation", "Action", "Lead officer", "Due"]
    assert grid[1] == [
        "1",
        "Improve budget reporting to members and the public",
        "Monthly reports to cabinet and scrutiny",
        "Director of Finance",
        "March 2024",
    ]
    # under a merged cell: a row of its own (its texts do not carry on the ones above)
    assert grid[2] == ["", "", "Publish the reports online", "Head of Digital", "April 2024"]
    assert grid[3][0] == "2" and grid[3][4] == "June 2024"
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].text == "Note: an extract."


def test_a_header_repeated_in_spaced_columns_is_a_row_not_a_continuation() -> None:
    text = """Action                       When           Who
Refresh the risk register    June 2024      Head of Audit
Action                       When           Who
Train the committee          July 2024      Monitoring Officer
"""
    grid = _grid(_tables(text)[0])
    assert [r[0] for r in grid] == ["Action", "Refresh the risk register", "Action", "Train the committee"]


def test_a_large_text_table_is_read_in_bounded_time() -> None:
    import time

    head = "Ref / Recommendation / Action / Lead / Target date / Progress / RAG / Notes\n"
    rows = "".join(
        f"{n} / Recommendation {n} text here / Action {n} / Head of Service / May 2024\n" for n in range(4000)
    )
    started = time.perf_counter()
    (table,) = _tables(head + rows)
    assert len(table.rows) == 4001
    assert time.perf_counter() - started < 10


def test_a_line_without_tabs_between_tab_rows_is_a_full_width_row() -> None:
    text = (
        "Action\tLead officer\tTimescale\n"
        "1. Improve governance\n"
        "Agree terms of reference\tHead of Policy\tMay 2024\n"
        "2. Strengthen finance\n"
        "Refresh the strategy\tDirector of Finance\tJune 2024\n"
        "\n"
        "Notes: reported quarterly.\n"
    )
    blocks = text_blocks(text)
    grid = _grid(_tables(text)[0])
    assert grid[1] == ["1. Improve governance", "", ""]
    assert grid[3] == ["2. Strengthen finance", "", ""]
    assert grid[4] == ["Refresh the strategy", "Director of Finance", "June 2024"]
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].text == "Notes: reported quarterly."


def test_a_full_width_row_ending_mid_phrase_above_a_whole_slash_row_is_a_row_of_its_own() -> None:
    text = (
        "Timescale / Action / Lead officer\n"
        "Make consultation with residents earlier and easier to take part in\n"
        "December 2027 / Launch a leadership programme / Monitoring Officer\n"
        "June 2026 / Agree terms of reference for the board / Chief Executive\n"
    )
    assert _grid(_tables(text)[0])[1:3] == [
        ["Make consultation with residents earlier and easier to take part in", "", ""],
        ["December 2027", "Launch a leadership programme", "Monitoring Officer"],
    ]


def test_a_full_width_row_below_a_repeated_spaced_header_is_not_a_wrapped_heading() -> None:
    text = (
        "By when         Lead officer            Key actions\n"
        "March 2026      Director of Place       Train scrutiny members\n"
        "By when         Lead officer            Key actions\n"
        "Develop a shared long-term vision for the borough with partners and residents\n"
        "June 2027       Chief Executive         Launch a leadership programme\n"
    )
    grid = _grid(_tables(text)[0])
    assert grid[2] == ["By when", "Lead officer", "Key actions"]
    assert grid[3] == ["Develop a shared long-term vision for the borough with partners and residents", "", ""]


def test_a_first_spaced_column_with_no_heading_is_a_column_of_its_own() -> None:
    text = (
        "      Our response                      Who                      Complete by\n"
        "1     Refresh the financial strategy    Head of Communications   December 2025\n"
        "2     Agree milestones for each site    Director of Place        March 2025\n"
        "      Our response                      Who                      Complete by\n"
        "3     Set up a residents panel          Programme Director       December 2027\n"
    )
    grid = _grid(_tables(text)[0])
    assert grid[0] == ["", "Our response", "Who", "Complete by"]
    assert grid[1] == ["1", "Refresh the financial strategy", "Head of Communications", "December 2025"]
    assert grid[3] == ["", "Our response", "Who", "Complete by"]  # repeated, not a wrapped row


def test_a_header_repeated_among_one_cell_a_line_settles_the_width() -> None:
    cells = ["By when", "Key actions", "Lead officer", "Improve the way information reaches members", "", ""]
    cells += ["September 2026", "Introduce a monthly dashboard", "Head of Communications"]
    cells += ["By when", "Key actions", "Lead officer", "Invest in the skills of managers", "", ""]
    cells += ["March 2025", "Commission a masterplan", "Programme Director"]
    assert width_of(cells) == 3
