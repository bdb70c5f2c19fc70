"""The one family of date words: each filter and function says a date the way the product writes it."""

import datetime as dt

from django.template import Context, Template
from django.test import override_settings

from peerplan.shared import dates


def test_long_date_writes_the_day_month_and_year_in_words() -> None:
    assert dates.long_date(dt.date(2026, 3, 3)) == "3 March 2026"


def test_a_date_range_says_what_its_two_dates_share_once() -> None:
    assert dates.date_range(dt.date(2025, 11, 4), dt.date(2025, 11, 7)) == "4 to 7 November 2025"
    assert dates.date_range(dt.date(2025, 10, 28), dt.date(2025, 11, 1)) == "28 October to 1 November 2025"
    assert dates.date_range(dt.date(2025, 12, 30), dt.date(2026, 1, 2)) == "30 December 2025 to 2 January 2026"


def test_short_date_keeps_the_day_and_month_together() -> None:
    assert dates.short_date(dt.date(2026, 10, 15)) == "15\xa0Oct 2026"


def test_day_month_and_weekday_date_leave_out_the_year() -> None:
    assert dates.day_month(dt.date(2026, 3, 3)) == "3 March"
    assert dates.weekday_date(dt.date(2026, 3, 3)) == "Tuesday 3 March"


def test_no_date_is_an_empty_string_so_each_page_can_say_its_own_word() -> None:
    for write in (dates.long_date, dates.short_date, dates.day_month, dates.weekday_date):
        assert write(None) == ""
    assert dates.long_date_time(None) == dates.time_of_day(None) == ""


@override_settings(TIME_ZONE="Europe/London")
def test_a_moment_is_written_in_the_councils_time_zone() -> None:
    summer_evening = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)  # 00:30 on 1 July in London
    assert dates.long_date(summer_evening) == "1 July 2026"
    assert dates.long_date_time(summer_evening) == "1 July 2026, 00:30"
    assert dates.time_of_day(summer_evening) == "00:30"


def test_the_template_filters_are_the_same_functions() -> None:
    page = Template('{% load govuk %}{{ d|long_date }}|{{ d|short_date }}|{{ n|long_date|default:"Not given" }}')
    assert page.render(Context({"d": dt.date(2026, 3, 3), "n": None})) == "3 March 2026|3\xa0Mar 2026|Not given"
