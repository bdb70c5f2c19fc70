"""Dates as the product writes them, in one place: pages, emails, reports and forms all use these.

Pure functions of a date (a datetime is shown in the site's time zone), so the domain's own messages use
them too; the `ui` template filters of the same names (`{{ d|long_date }}`) call them; /patterns/ shows each.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _written(value: dt.date | None, pattern: str) -> str:
    """The date in `pattern`'s words ({day} {month} {mon} {year} {weekday}); "" for no date. A moment is
    the day people saw on their clocks here."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    month = MONTHS[value.month - 1]
    return pattern.format(day=value.day, month=month, mon=month[:3], year=value.year, weekday=DAYS[value.weekday()])


def long_date(value: dt.date | None) -> str:
    """3 March 2026, as committee papers write dates; "" for no date."""
    return _written(value, "{day} {month} {year}")


def date_range(start: dt.date, end: dt.date) -> str:
    """4 to 7 November 2025; 28 October to 1 November 2025; 30 December 2025 to 2 January 2026: what the two
    dates share is said once, as committee papers write a visit's dates."""
    if start.year != end.year:
        return f"{long_date(start)} to {long_date(end)}"
    if start.month != end.month:
        return f"{day_month(start)} to {long_date(end)}"
    return f"{start.day} to {long_date(end)}"


def short_date(value: dt.date | None) -> str:
    """3 Mar 2026, for tables: the day and month never part; on a phone the year may go to the next line."""
    return _written(value, "{day}\xa0{mon} {year}")


def day_month(value: dt.date | None) -> str:
    """3 March, where the year goes without saying (this week's news)."""
    return _written(value, "{day} {month}")


def weekday_date(value: dt.date | None) -> str:
    """Tuesday 3 March, for a working day that is near."""
    return _written(value, "{weekday} {day} {month}")


def long_date_time(value: dt.datetime | None) -> str:
    """3 March 2026, 14:05 in the site's time zone: when something happened, to the minute."""
    return f"{long_date(value)}, {time_of_day(value)}" if value is not None else ""


def time_of_day(value: dt.datetime | None) -> str:
    """14:05 in the site's time zone."""
    if value is None:
        return ""
    return f"{timezone.localtime(value) if timezone.is_aware(value) else value:%H:%M}"
