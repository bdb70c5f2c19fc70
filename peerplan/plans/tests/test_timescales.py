"""Tests for peerplan.plans.timescales and `peerplan timescale`: the table in docs/timescales.md, each rule,
and properties that hold for any text.
"""

from __future__ import annotations

import calendar
import json
import time
from collections.abc import Callable
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from peerplan.plans import timescales
from peerplan.plans.timescales import Milestone, Timescale, TimescaleKind, understand

DOCS = Path(__file__).resolve().parents[3] / "docs" / "timescales.md"
NONE = "—"  # how the docs table writes "no date"

# (written, as_of, kind, start, due): the table docs/timescales.md shows, row for row.
EXAMPLES = [
    ("March 2024", NONE, "date", "2024-03-01", "2024-03-31"),
    ("Jun 2021", NONE, "date", "2021-06-01", "2021-06-30"),
    ("Sept 2024", NONE, "date", "2024-09-01", "2024-09-30"),
    ("Sep 2024", NONE, "date", "2024-09-01", "2024-09-30"),
    ("February 2024", NONE, "date", "2024-02-01", "2024-02-29"),
    ("By December 2024", NONE, "date", "2024-12-01", "2024-12-31"),
    ("Mar 24", NONE, "date", "2024-03-01", "2024-03-31"),
    ("Mar-24", NONE, "date", "2024-03-01", "2024-03-31"),
    ("March '24", NONE, "date", "2024-03-01", "2024-03-31"),
    ("end of March 2024", NONE, "date", "2024-03-31", "2024-03-31"),
    ("Phase 2 March 2024", NONE, "date", "2024-03-01", "2024-03-31"),
    ("Officer Training to be delivered in April 2014", NONE, "date", "2014-04-01", "2014-04-30"),
    ("Mar 2024 (TBC)", NONE, "date", "2024-03-01", "2024-03-31"),
    ("31 March 2025", NONE, "date", "2025-03-31", "2025-03-31"),
    ("31st March 2025", NONE, "date", "2025-03-31", "2025-03-31"),
    ("March 31, 2025", NONE, "date", "2025-03-31", "2025-03-31"),
    ("2025-03-31", NONE, "date", "2025-03-31", "2025-03-31"),
    ("no later than 31/03/2025", NONE, "date", "2025-03-31", "2025-03-31"),
    ("01/02/26", NONE, "date", "2026-02-01", "2026-02-01"),
    ("1/2/2026", NONE, "date", "2026-02-01", "2026-02-01"),
    ("01.02.2026", NONE, "date", "2026-02-01", "2026-02-01"),
    ("w/c 3 June 2024", NONE, "date", "2024-06-03", "2024-06-09"),
    ("Spring 2024", NONE, "range", "2024-03-01", "2024-05-31"),
    ("Summer 2024", NONE, "range", "2024-06-01", "2024-08-31"),
    ("Autumn 2024", NONE, "range", "2024-09-01", "2024-11-30"),
    ("Winter 2024", NONE, "range", "2024-12-01", "2025-02-28"),
    ("Winter 2024/25", NONE, "range", "2024-12-01", "2025-02-28"),
    ("early Summer 2024", NONE, "range", "2024-06-01", "2024-08-31"),
    ("Spring/early Summer 2024", NONE, "range", "2024-03-01", "2024-08-31"),
    ("April-Sept 2024", NONE, "range", "2024-04-01", "2024-09-30"),
    ("April-June 2024", NONE, "range", "2024-04-01", "2024-06-30"),
    ("June-July 2024", NONE, "range", "2024-06-01", "2024-07-31"),
    ("April – June 2024", NONE, "range", "2024-04-01", "2024-06-30"),
    ("April — June 2024", NONE, "range", "2024-04-01", "2024-06-30"),
    ("February/March 2024", NONE, "range", "2024-02-01", "2024-03-31"),
    ("April/May/June 2024", NONE, "range", "2024-04-01", "2024-06-30"),
    ("Dec 2024 / Jan 2025", NONE, "range", "2024-12-01", "2025-01-31"),
    ("April 2024 - March 2025", NONE, "range", "2024-04-01", "2025-03-31"),
    ("between January 2025 and March 2025", NONE, "range", "2025-01-01", "2025-03-31"),
    ("2024/25", NONE, "range", "2024-04-01", "2025-03-31"),
    ("2024/2025", NONE, "range", "2024-04-01", "2025-03-31"),
    ("FY24/25", NONE, "range", "2024-04-01", "2025-03-31"),
    ("2013-16", NONE, "range", "2013-04-01", "2016-03-31"),
    ("Q1 2024/25", NONE, "range", "2024-04-01", "2024-06-30"),
    ("Q3 2024/25", NONE, "range", "2024-10-01", "2024-12-31"),
    ("Q4 2024/25", NONE, "range", "2025-01-01", "2025-03-31"),
    ("Quarter 2 of 2024/25", NONE, "range", "2024-07-01", "2024-09-30"),
    ("Q1 2025", NONE, "range", "2025-01-01", "2025-03-31"),
    ("Q3 2024", NONE, "range", "2024-07-01", "2024-09-30"),
    ("2025", NONE, "range", "2025-01-01", "2025-12-31"),
    ("mid-2025", NONE, "range", "2025-01-01", "2025-12-31"),
    ("2024 - 2025", NONE, "range", "2024-01-01", "2025-12-31"),
    ("end of 2026/27", NONE, "date", "2027-03-31", "2027-03-31"),
    ("end of financial year 2014/15", NONE, "date", "2015-03-31", "2015-03-31"),
    ("end of 2025", NONE, "date", "2025-12-31", "2025-12-31"),
    ("Working Group – March 2024 Final strategy – October 2024", NONE, "milestones", "2024-03-01", "2024-10-31"),
    ("Jan 2025 and June 2025", NONE, "milestones", "2025-01-01", "2025-06-30"),
    ("March 2025; September 2025", NONE, "milestones", "2025-03-01", "2025-09-30"),
    ("February 2024 April 2024", NONE, "milestones", "2024-02-01", "2024-04-30"),
    ("May 2024 Ongoing", NONE, "milestones", "2024-05-01", "2024-05-31"),
    ("Ongoing Spring 2024 Autumn 2024", NONE, "milestones", "2024-03-01", "2024-11-30"),
    ("Ongoing", NONE, "ongoing", NONE, NONE),
    ("On-going", NONE, "ongoing", NONE, NONE),
    ("ongoing - reviewed annually", NONE, "ongoing", NONE, NONE),
    ("Business as usual", NONE, "ongoing", NONE, NONE),
    ("Current practice, no change is anticipated", NONE, "ongoing", NONE, NONE),
    ("from April 2024 onwards", NONE, "ongoing", "2024-04-01", NONE),
    ("Completed", NONE, "complete", NONE, NONE),
    ("Complete", NONE, "complete", NONE, NONE),
    ("Done", NONE, "complete", NONE, NONE),
    ("Completed March 2024", NONE, "complete", "2024-03-01", "2024-03-31"),
    ("TBC", NONE, "to-be-confirmed", NONE, NONE),
    ("tbc", NONE, "to-be-confirmed", NONE, NONE),
    ("To be confirmed", NONE, "to-be-confirmed", NONE, NONE),
    ("from 2 June onwards", "2013-03-10", "relative", "2013-06-02", NONE),
    ("from 2 June onwards", NONE, "relative", NONE, NONE),
    ("the end of next year", "2013-03-10", "relative", "2014-12-31", "2014-12-31"),
    ("the end of next year", NONE, "relative", NONE, NONE),
    ("end of this year", "2024-05-15", "relative", "2024-12-31", "2024-12-31"),
    ("next month", "2024-05-15", "relative", "2024-06-01", "2024-06-30"),
    ("within 6 months", "2024-05-15", "relative", "2024-05-15", "2024-11-15"),
    ("in 3 months", "2024-05-15", "relative", "2024-05-15", "2024-08-15"),
    ("within two weeks", "2024-05-15", "relative", "2024-05-15", "2024-05-29"),
    ("within 6 months", NONE, "relative", NONE, NONE),
    ("next quarter", "2024-05-15", "relative", "2024-07-01", "2024-09-30"),
    ("next financial year", "2024-05-15", "relative", "2025-04-01", "2026-03-31"),
    ("end of the financial year", "2025-02-01", "relative", "2025-03-31", "2025-03-31"),
    ("Immediately", "2024-05-15", "relative", "2024-05-15", "2024-05-15"),
    ("March", "2024-03-15", "date", "2024-03-01", "2024-03-31"),
    ("March", "2024-04-15", "date", "2025-03-01", "2025-03-31"),
    ("by 14 November", "2024-05-15", "date", "2024-11-14", "2024-11-14"),
    ("April/May", "2024-03-15", "range", "2024-04-01", "2024-05-31"),
    ("March", NONE, "not-understood", NONE, NONE),
    ("When resources allow", NONE, "not-understood", NONE, NONE),
    ("asdf", NONE, "not-understood", NONE, NONE),
    ("31/02/2025", NONE, "not-understood", NONE, NONE),
    ("Q5 2024/25", NONE, "not-understood", NONE, NONE),
    ("March 0000", NONE, "not-understood", NONE, NONE),
    ("99999999/99", NONE, "not-understood", NONE, NONE),
]


def _day(text: str) -> date | None:
    return None if text == NONE else date.fromisoformat(text)


def _row_id(row: tuple[str, str, str, str, str]) -> str:
    return row[0] if row[1] == NONE else f"{row[0]} (as of {row[1]})"


@pytest.mark.parametrize(("text", "as_of", "kind", "start", "due"), EXAMPLES, ids=[_row_id(r) for r in EXAMPLES])
def test_each_documented_example_is_understood_as_documented(
    text: str, as_of: str, kind: str, start: str, due: str
) -> None:
    understood = understand(text, as_of=_day(as_of))

    assert (understood.kind.value, understood.start, understood.due) == (kind, _day(start), _day(due))
    assert understood.text == text


def test_the_docs_show_the_table_the_tests_check() -> None:
    rows = [
        tuple(cell.strip().strip("`") for cell in line.strip().strip("|").split(" | "))
        for line in DOCS.read_text(encoding="utf-8").split("## Examples", 1)[1].splitlines()
        if line.startswith("| `")
    ]

    assert rows == EXAMPLES


# The rules, one by one --------------------------------------------------------------------------


def test_a_date_without_a_day_runs_from_the_first_to_the_last_day_of_its_month() -> None:
    assert (understand("Jun 2021").start, understand("Jun 2021").due) == (date(2021, 6, 1), date(2021, 6, 30))


def test_season_ends_at_the_end_of_its_last_month() -> None:
    dues = [understand(f"{season} 2024").due for season in ("Spring", "Summer", "Autumn")]

    assert dues == [date(2024, 5, 31), date(2024, 8, 31), date(2024, 11, 30)]


def test_winter_runs_from_december_into_the_next_year() -> None:
    winter = understand("Winter 2023")

    assert (winter.start, winter.due) == (date(2023, 12, 1), date(2024, 2, 29))


def test_a_list_or_range_of_seasons_ends_at_the_end_of_its_last_element() -> None:
    assert understand("Spring/early Summer 2024").due == date(2024, 8, 31)


def test_a_financial_year_runs_from_1_april_to_31_march() -> None:
    year = understand("2024/25")

    assert (year.kind, year.start, year.due) == (TimescaleKind.RANGE, date(2024, 4, 1), date(2025, 3, 31))


def test_quarters_of_a_financial_year_start_in_april() -> None:
    spans = [(understand(f"Q{q} 2024/25").start, understand(f"Q{q} 2024/25").due) for q in (1, 2, 3, 4)]

    assert spans == [
        (date(2024, 4, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 9, 30)),
        (date(2024, 10, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 3, 31)),
    ]


def test_a_quarter_of_a_calendar_year_starts_in_january() -> None:
    assert understand("Q1 2025").due == date(2025, 3, 31)


def test_two_milestones_in_one_cell_keep_their_labels_and_the_text_they_came_from() -> None:
    understood = understand("Working Group – March 2024 Final strategy – October 2024")

    assert understood.milestones == (
        Milestone("Working Group", "Working Group – March 2024", date(2024, 3, 1), date(2024, 3, 31)),
        Milestone("Final strategy", "Final strategy – October 2024", date(2024, 10, 1), date(2024, 10, 31)),
    )


def test_a_list_of_dates_is_due_at_the_last_one_and_has_unlabelled_milestones() -> None:
    understood = understand("Jan 2025 and June 2025")

    assert understood.due == date(2025, 6, 30)
    assert [(m.label, m.text, m.due) for m in understood.milestones] == [
        ("", "Jan 2025", date(2025, 1, 31)),
        ("", "June 2025", date(2025, 6, 30)),
    ]


def test_a_status_standing_between_dates_is_an_undated_milestone() -> None:
    understood = understand("Ongoing Spring 2024 Autumn 2024")

    assert [(m.text, m.due) for m in understood.milestones] == [
        ("Ongoing", None),
        ("Spring 2024", date(2024, 5, 31)),
        ("Autumn 2024", date(2024, 11, 30)),
    ]


def test_a_single_period_has_no_milestones() -> None:
    assert understand("April-Sept 2024").milestones == ()


def test_a_date_in_a_sentence_is_understood_and_its_label_does_not_matter() -> None:
    understood = understand("Executive to review recommendations of constitutional working party – 27 January 2014")

    assert (understood.kind, understood.due) == (TimescaleKind.DATE, date(2014, 1, 27))


def test_a_month_name_used_as_a_word_is_not_a_date() -> None:
    assert understand("This may slip to June 2024").due == date(2024, 6, 30)
    assert understand("We may need to revisit this", as_of=date(2024, 1, 1)).kind == TimescaleKind.NOT_UNDERSTOOD


@pytest.mark.parametrize("text", ["April-June 2024", "April – June 2024", "April — June 2024", "April ‐ June 2024"])
def test_hyphens_and_en_and_em_dashes_are_interchangeable(text: str) -> None:
    assert understand(text).due == date(2024, 6, 30)


@pytest.mark.parametrize("text", ["SPRING 2024", "spring 2024", "sPrInG 2024"])
def test_case_does_not_matter(text: str) -> None:
    assert understand(text).due == date(2024, 5, 31)


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t", "\x00", "\u200b"])
def test_no_text_is_an_empty_timescale(text: str | None) -> None:
    assert understand(text) == Timescale(text or "", TimescaleKind.EMPTY, None, None, ())


@pytest.mark.parametrize("text", ["31/02/2025", "29/02/2025", "13/2024", "Q5 2024/25", "Q0 2024", "2024/23", "FY2024"])
def test_an_impossible_or_ambiguous_date_is_not_understood_rather_than_guessed(text: str) -> None:
    understood = understand(text)

    assert (understood.kind, understood.start, understood.due) == (TimescaleKind.NOT_UNDERSTOOD, None, None)


def test_relative_phrases_have_no_dates_without_as_of() -> None:
    for text in ("end of this year", "next month", "within 6 months", "in 3 months", "the end of next year"):
        assert (understand(text).kind, understand(text).due) == (TimescaleKind.RELATIVE, None)


def test_a_due_date_without_a_year_is_the_next_one_on_or_after_as_of() -> None:
    assert understand("29 February", as_of=date(2025, 1, 1)).due == date(2028, 2, 29)
    assert understand("14 November", as_of=date(2024, 11, 14)).due == date(2024, 11, 14)


def test_a_datetime_as_of_counts_from_its_date() -> None:
    assert understand("next month", as_of=datetime(2024, 1, 31, 23, 59)).due == date(2024, 2, 29)


def test_the_text_is_kept_exactly_as_written() -> None:
    written = "  By\tDecember 2024 \n"

    assert understand(written).text == written


def test_as_json_writes_dates_as_iso_strings() -> None:
    assert understand("Working Group – March 2024 Final strategy – October 2024").as_json() == {
        "text": "Working Group – March 2024 Final strategy – October 2024",
        "kind": "milestones",
        "start": "2024-03-01",
        "due": "2024-10-31",
        "milestones": [
            {
                "label": "Working Group",
                "text": "Working Group – March 2024",
                "start": "2024-03-01",
                "due": "2024-03-31",
            },
            {
                "label": "Final strategy",
                "text": "Final strategy – October 2024",
                "start": "2024-10-01",
                "due": "2024-10-31",
            },
        ],
    }


def test_each_kind_is_its_json_string_and_has_a_label() -> None:
    assert TimescaleKind.TBC == "to-be-confirmed"  # type: ignore[comparison-overlap]  # it is: the member is a str
    assert all(kind.label for kind in TimescaleKind)


def test_a_100_kb_text_is_read_quickly() -> None:
    begun = time.perf_counter()
    for text in ("March 2024 " * 10_000, "9" * 100_000, "- " * 50_000, "\x00" * 100_000):
        assert understand(text).text == text

    assert time.perf_counter() - begun < 1


# Properties ---------------------------------------------------------------------------------------

Month = tuple[str, int]  # a name as written, and its number
Case = Callable[[str], str]
CHECK = settings(database=None, deadline=None, max_examples=300)
MONTHS = [
    (name, number)
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
]
month = st.sampled_from(MONTHS)
year = st.integers(1990, 2150)
case = st.sampled_from([str, str.lower, str.upper, str.title])
dash = st.sampled_from(["-", "–", "—", "/", " - ", " – ", " to ", " / "])
piece = st.one_of(
    st.builds(lambda m, y: f"{m[0]} {y}", month, year),
    st.builds(lambda m, y: f"{m[0]}-{y % 100:02d}", month, year),
    st.builds(lambda d, m, y: f"{d} {m[0]} {y}", st.integers(0, 40), month, year),
    st.builds(lambda s, y: f"{s} {y}", st.sampled_from(["Spring", "Summer", "Autumn", "Winter", "early Summer"]), year),
    st.builds(lambda q, y: f"Q{q} {y}/{(y + 1) % 100:02d}", st.integers(0, 6), year),
    st.builds(lambda y, n: f"{y}/{n:02d}", year, st.integers(0, 99)),
    st.builds(lambda d, m, y: f"{d}/{m}/{y}", st.integers(0, 40), st.integers(0, 14), st.integers(0, 3000)),
    st.sampled_from(["Ongoing", "TBC", "Complete", "by", "end of", "from", "onwards", "w/c", "next year", "and", ";"]),
    st.sampled_from(["within 6 months", "in 999 years", "the end of next year", "March", "Spring", "2 June"]),
    st.text(max_size=4),
)
phrase = st.builds(
    lambda pieces, joins: "".join(p + j for p, j in zip(pieces, joins, strict=False)),
    st.lists(piece, min_size=1, max_size=6),
    st.lists(st.one_of(dash, st.sampled_from([" ", ", ", " and ", " Final strategy – "])), min_size=6, max_size=6),
)
as_ofs = st.one_of(st.none(), st.dates())


@CHECK
@given(st.text(), as_ofs)
def test_understand_never_raises_on_any_text(text: str, as_of: date | None) -> None:
    # _read is what understand guards; calling it directly keeps a bug from hiding behind the guard.
    understood = timescales._read(text, as_of)

    assert understood.text == text


@CHECK
@given(phrase, case, as_ofs)
def test_realistic_phrases_never_raise_and_are_never_due_before_they_start(
    text: str, how: Case, as_of: date | None
) -> None:
    understood = timescales._read(how(text), as_of)

    if understood.start and understood.due:
        assert understood.due >= understood.start
    for milestone in understood.milestones:
        if milestone.start and milestone.due:
            assert milestone.due >= milestone.start


@CHECK
@given(st.sampled_from(["", "By ", "by ", "Due ", "no later than ", "Target: "]), month, st.integers(1900, 2199), case)
def test_a_month_and_year_is_due_on_the_last_day_of_that_month(
    prefix: str, month_: Month, year_: int, how: Case
) -> None:
    name, number = month_
    understood = understand(how(f"{prefix}{name} {year_}"))

    assert understood.kind == TimescaleKind.DATE
    assert understood.start == date(year_, number, 1)
    assert understood.due == date(year_, number, calendar.monthrange(year_, number)[1])


@CHECK
@given(month, month, st.integers(2000, 2099), dash)
def test_a_range_of_months_is_due_at_the_end_of_its_last_month(
    first: Month, last: Month, year_: int, join: str
) -> None:
    understood = understand(f"{first[0]}{join}{last[0]} {year_}")
    first_year = year_ if first[1] <= last[1] else year_ - 1  # "Nov-Feb 2025" starts in 2024

    assert understood.kind == TimescaleKind.RANGE
    assert understood.start == date(first_year, first[1], 1)
    assert understood.due == date(year_, last[1], calendar.monthrange(year_, last[1])[1])


@CHECK
@given(st.sampled_from([("Spring", 5), ("Summer", 8), ("Autumn", 11)]), st.integers(1900, 2199))
def test_a_season_is_due_at_the_end_of_its_last_month(season: Month, year_: int) -> None:
    name, last = season
    assert understand(f"{name} {year_}").due == date(year_, last, calendar.monthrange(year_, last)[1])


# The command ----------------------------------------------------------------------------------------


def _command(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command("timescale", *args, stdout=out)
    printed: dict[str, object] = json.loads(out.getvalue())
    return printed


def test_the_timescale_command_prints_what_a_timescale_means_as_json() -> None:
    assert _command("Q3 2024/25") == {
        "text": "Q3 2024/25",
        "kind": "range",
        "start": "2024-10-01",
        "due": "2024-12-31",
        "milestones": [],
    }


def test_the_timescale_command_counts_relative_phrases_from_as_of() -> None:
    assert _command("the end of next year", "--as-of", "2013-03-10")["due"] == "2014-12-31"


@pytest.mark.parametrize("as_of", ["10/03/2013", "2013-02-30", "yesterday", "20130310"])
def test_the_timescale_command_refuses_an_as_of_that_is_not_a_date(as_of: str) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("timescale", "March", "--as-of", as_of, stdout=StringIO())
