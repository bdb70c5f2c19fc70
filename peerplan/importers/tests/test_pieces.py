"""The small pure pieces: owners, items in a cell, timescales in a cell, column names, labels, registry."""

from __future__ import annotations

from datetime import date

import pytest

from peerplan.importers import ParseResult, PlanImportError, parse_file, register, unregister
from peerplan.importers.columns import field_for
from peerplan.importers.labels import read_label, split_source
from peerplan.importers.outline import nest, split_items
from peerplan.importers.owners import split_owners
from peerplan.importers.timescale_cells import place_timescales, split_timescales
from peerplan.plans.planformat import PlanDocument, Review


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        ("Head of Corporate Services/Head of Development", ["Head of Corporate Services", "Head of Development"]),
        ("Cabinet / Management Board.", ["Cabinet", "Management Board."]),
        ("Cabinet Management Board", ["Cabinet Management Board"]),
        ("Director of Finance and Resources", ["Director of Finance and Resources"]),
        ("Head of HR and Head of Legal", ["Head of HR", "Head of Legal"]),
        ("Full Council\n\nDemocratic Services", ["Full Council", "Democratic Services"]),
        ("Chief Executive, Leader of the Council", ["Chief Executive", "Leader of the Council"]),
        ("Head of Planning, Housing and Regeneration", ["Head of Planning, Housing and Regeneration"]),
        ("N/A", []),
    ],
)
def test_owners_are_split_where_a_cell_names_several(cell: str, owners: list[str]) -> None:
    assert split_owners(cell) == owners


def test_inline_lettered_steps_are_split_even_without_a_space_after_the_stop() -> None:
    items = split_items(["a. Do this in 2023.b. Then that (e.g. a survey). c. Finish"], wrapped=True)
    assert [(i.ref, i.text) for i in items] == [
        ("a", "Do this in 2023."),
        ("b", "Then that (e.g. a survey)."),
        ("c", "Finish"),
    ]


def test_a_lead_in_before_lettered_steps_is_an_unlettered_item() -> None:
    items = split_items(["Working groups: a. Digital b. Culture"], wrapped=True)
    assert [(i.ref, i.text) for i in items] == [(None, "Working groups:"), ("a", "Digital"), ("b", "Culture")]


def test_a_lost_letter_a_is_put_back_when_the_steps_start_at_b() -> None:
    items = split_items(["Identify the resources.", "b. Work with managers. c. Create a group"], wrapped=True)
    assert [i.ref for i in items] == ["a", "b", "c"]


def test_numbered_items_with_lettered_steps_nest() -> None:
    roots = nest(split_items(["1. Plan", "a. Draft", "b. Adopt", "2. Review"], wrapped=False))
    assert [(r.ref, [c.ref for c in r.children]) for r in roots] == [("1", ["a", "b"]), ("2", [])]


def test_lines_after_a_colon_belong_to_it() -> None:
    items = split_items(["Current membership:", "", "Cllrs Shaw, Bedford", "County: Cllr King"], wrapped=False)
    assert [i.text for i in items] == ["Current membership: Cllrs Shaw, Bedford County: Cllr King"]


def test_several_timescales_in_a_cell_are_split_but_milestones_are_not() -> None:
    assert split_timescales("May 2024 Ongoing") == ["May 2024", "Ongoing"]
    assert split_timescales("Spring 2024 Spring 2024") == ["Spring 2024", "Spring 2024"]
    assert split_timescales("Working Group – March 2024 Final strategy – October 2024") == [
        "Working Group – March 2024 Final strategy – October 2024"
    ]
    assert split_timescales("April-Sept 2024") == ["April-Sept 2024"]


def test_fewer_timescales_than_steps_on_a_line_go_first_and_last() -> None:
    steps = split_items(["a. One b. Two c. Three", "d. Four e. Five"], wrapped=True)
    placed = place_timescales(steps, ["February 2024 April 2024", "May 2024 Ongoing"], wrapped=True)
    assert placed.steps == {0: "February 2024", 2: "April 2024", 3: "May 2024", 4: "Ongoing"}


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Peer Challenge Recommendation", "recommendation"),
        ("Recommendation number", "ref"),
        ("No.", "ref"),
        ("What do we want to achieve?", "objective"),
        ("How are we going to do it?", "action"),
        ("Options For Further Action", "further"),
        ("Responsible Officer", "owner"),
        ("Implementation Date", "timescale"),
        ("RAG status", "rag"),
        ("Progress update", "progress"),
        ("Recommendation 3", None),
        ("Colour", None),
    ],
)
def test_column_headings_are_read_by_their_synonyms(heading: str, field: str | None) -> None:
    assert field_for(heading) == field


def test_recommendation_labels_and_page_references() -> None:
    label = read_label("Key recommendation 2 – Invest in digital")
    assert label is not None and (label.ref, label.key, label.rest) == ("2", True, "Invest in digital")
    kr = read_label("KR1: Agree a vision")
    assert kr is not None and (kr.ref, kr.key) == ("KR1", True)
    assert read_label("1. Not a label outside a list") is None
    assert split_source("Agree a vision (page 8, para 3)") == ("Agree a vision", "page 8, para 3")


def test_a_plugin_format_registers_and_is_asked_first_for_its_files() -> None:
    def sniff(data: bytes, filename: str) -> bool:
        return filename.endswith((".plan", ".txt"))

    def parse(data: bytes, filename: str, *, mapping: object = None, as_of: date | None = None) -> ParseResult:
        return ParseResult(PlanDocument(review=Review(title=data.decode())))

    register("plan", sniff, parse, extensions=(".plan",))
    try:
        assert parse_file(b"My review", "x.plan").document.review.title == "My review"
        assert parse_file(b"Theirs", "x.txt").document.review.title == "Theirs"  # before the built-in
    finally:
        unregister("plan")
    with pytest.raises(PlanImportError):
        parse_file(b"My review", "x.plan")
