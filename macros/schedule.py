"""Dates of the reporting calendar: the Rules' frequencies applied to the year's local settings.

One rule for every recurring entry: it falls on day D of month M and every `interval` months
after, and the year's occurrences are those months (counted from the earliest in the year).
`days_after_period_end: N` is the same rule with M = January and D = N: quarters and half-years
end on the last day of a month, so "N days after the end" is day N of the next month.
The feeds' RRULE expresses the same recurrence; tests expand it and compare with these dates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .models.calendar import Calendar, Due, Entry, KeyDate


@dataclass(frozen=True)
class Occurrence:
    entry: Entry
    start: datetime.date
    end: datetime.date  # the last day (the same as start for a one-day item)
    key_date: KeyDate | None = None


def local_interval(entry: Entry) -> bool:
    """Whether the interval is a local setting (`every_months`): the text fixes none (定期, or no
    frequency at all, e.g. the Cybersecurity Week)."""
    return entry.recurring and (entry.frequency is None or entry.frequency.months is None)


def interval_months(entry: Entry, due: Due) -> int:
    """Months between two occurrences: fixed by the Rules' words, or set locally."""
    if local_interval(entry):
        return due.every_months
    return entry.frequency.months


def months_and_day(entry: Entry, due: Due) -> tuple[list[int], int]:
    """The months of the year in which the entry falls, and its day of the month."""
    interval = interval_months(entry, due)
    month, day = (1, due.days_after_period_end) if due.days_after_period_end else (due.month, due.day)
    first = (month - 1) % interval + 1
    return list(range(first, 13, interval)), day


def entry_occurrences(calendar: Calendar, entry: Entry) -> list[Occurrence]:
    """Every occurrence of one entry in the settings' year (none for event-driven entries)."""
    settings = calendar.settings
    if not entry.dated:
        return []
    if entry.at_key_dates:
        return [Occurrence(entry, key.date, key.date, key) for key in settings.key_dates]
    due = settings.due[entry.id]
    months, day = months_and_day(entry, due)
    found = []
    for month in months:
        start = datetime.date(settings.year, month, day)
        found.append(Occurrence(entry, start, start + datetime.timedelta(days=due.days - 1)))
    return found


def year_occurrences(calendar: Calendar, entries: list[Entry] | None = None) -> list[Occurrence]:
    """The year's occurrences of the given entries (all by default), by date, then data order."""
    entries = calendar.entries if entries is None else entries
    order = {entry.id: index for index, entry in enumerate(calendar.entries)}
    found = [o for entry in entries for o in entry_occurrences(calendar, entry)]
    return sorted(found, key=lambda o: (o.start, order[o.entry.id]))


def rrule(entry: Entry, due: Due) -> dict:
    """The RFC 5545 recurrence of a recurring entry, as icalendar's vRecur takes it."""
    interval = interval_months(entry, due)
    if interval == 12:
        return {"FREQ": "YEARLY"}
    return {"FREQ": "MONTHLY", "INTERVAL": interval}


def invalid_days(year: int, entry: Entry, due: Due) -> list[int]:
    """Months of the year that have no such day (an RRULE would silently skip them)."""
    months, day = months_and_day(entry, due)
    bad = []
    for month in months:
        try:
            datetime.date(year, month, day)
        except ValueError:
            bad.append(month)
    return bad
