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


def _local(value: dt.date) -> dt.date:
    """A moment as the day and time people saw on their clocks here; a plain date as it is."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value: dt.date | None) -> str:
    """3 March 2026, as committee papers write dates; "" for no date."""
    if value is None:
        return ""
    value = _local(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def short_date(value: dt.date | None) -> str:
    """3 Mar 2026, for tables: the day and month never part; on a phone the year may go to the next line."""
    if value is None:
        return ""
    value = _local(value)
    return f"{value.day}\xa0{MONTHS[value.month - 1][:3]} {value.year}"


def day_month(value: dt.date | None) -> str:
    """3 March, where the year goes without saying (this week's news)."""
    if value is None:
        return ""
    value = _local(value)
    return f"{value.day} {MONTHS[value.month - 1]}"


def weekday_date(value: dt.date | None) -> str:
    """Tuesday 3 March, for a working day that is near."""
    if value is None:
        return ""
    value = _local(value)
    return f"{DAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]}"


def long_date_time(value: dt.datetime | None) -> str:
    """3 March 2026, 14:05 in the site's time zone: when something happened, to the minute."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{long_date(local)}, {local:%H:%M}"


def time_of_day(value: dt.datetime | None) -> str:
    """14:05 in the site's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M}"
