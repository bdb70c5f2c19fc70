"""Ruled PDF tables: merged cells follow the table conventions of blocks.py, and a row split over a
page is joined to the row it belongs to only on strong evidence."""

from __future__ import annotations

from peerplan.importers.blocks import Table, row_of
from peerplan.importers.parsers.pdf import _Grid, _join_across_pages, _split_row_at, _table
from peerplan.importers.parsers.pdf_layout import Word


def _grid(rows: list[list[str]], merged: list[dict[int, int]] | None = None) -> _Grid:
    return _Grid(
        Table([row_of(r, f"row {n}") for n, r in enumerate(rows)], "t", wrapped=True), merged or [{}] * len(rows)
    )


HEADER = ["Ref", "Action", "Update"]


def test_the_rest_of_a_row_at_the_top_of_the_next_page_is_joined_to_it() -> None:
    before = _grid([HEADER, ["1", "Publish the plan", "Drafted and sent to the"]])
    after = _grid([["", "", "chair for comment"], ["", "Train members", "Booked"]], [{}, {0: 0}])
    assert _split_row_at(before, after) == 0
    _join_across_pages(before, after, 0)
    assert before.table.rows[-1].cells[2] == ["Drafted and sent to the chair for comment"]
    assert [r.text(0) for r in after.table.rows] == ["1"]  # merged down from the joined row: repeated


def test_a_new_row_at_the_top_of_a_page_is_not_joined() -> None:
    before = _grid([HEADER, ["1", "Publish the plan", "Done."]])
    assert _split_row_at(before, _grid([["", "Train members", "Booked"]])) is None  # a new sentence
    assert _split_row_at(before, _grid([["2", "train members", "booked"]])) is None  # it has a ref
    assert _split_row_at(before, _grid([["", "x"]])) is None  # other columns


def test_a_header_repeated_on_the_next_page_is_not_joined_but_the_row_below_it_can_be() -> None:
    header = ["", "Action", "update"]
    before = _grid([header, ["1", "Publish the plan", "Drafted and sent to the"]])
    assert _split_row_at(before, _grid([header, ["2", "Train", "Booked"]])) is None
    after = _grid([header, ["", "", "chair for comment"], ["2", "Train", "Booked"]])
    assert _split_row_at(before, after) == 1
    _join_across_pages(before, after, 1)
    assert before.table.rows[-1].text(2) == "Drafted and sent to the chair for comment"
    assert [r.text(0) for r in after.table.rows] == ["", "2"]


def _word(text: str, x: float, y: float) -> Word:
    return Word(text, x, x + 5 * len(text), y, y + 8)


def test_a_cell_merged_down_repeats_and_a_cell_merged_across_is_read_once() -> None:
    # columns at x 0, 100, 200; rows at y 0, 20, 40; 'Governance' spans the whole first row,
    # 'R1' spans the two rows below it
    cells: list[tuple[float, float, float, float]] = [
        (0, 0, 300, 20),
        (0, 20, 100, 60),
        (100, 20, 200, 40),
        (200, 20, 300, 40),
        (100, 40, 200, 60),
        (200, 40, 300, 60),
    ]
    words = [_word("Governance", 10, 5), _word("R1", 10, 25), _word("Agree", 110, 25), _word("May", 210, 25)]
    words += [_word("Review", 110, 45), _word("June", 210, 45)]
    grid = _table(cells, words, "page 1, table 1")
    assert [[r.text(c) for c in range(3)] for r in grid.table.rows] == [
        ["Governance", "", ""],
        ["R1", "Agree", "May"],
        ["R1", "Review", "June"],
    ]
    assert grid.merged_from == [{}, {}, {0: 1}]
