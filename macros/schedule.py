"""Dates of the reporting calendar: the Rules' frequencies applied to each year's local settings,
for the years the site covers (the build date's year and the next, `Calendar.years`).

A year the office has set: every recurring entry falls on day D of month M and every `interval`
months after (D may be `last`, each such month's last day), and the year's occurrences are those months (counted from the earliest in the
year). `days_after_period_end: N` is the same rule with M = January and D = N: quarters and
half-years end on the last day of a month, so "N days after the end" is day N of the next month.

A year NOT YET SET by the office: THE IMPLIED-DATES RULE (a default of the handbook, not the
Rules' words): each entry falls on the LAST DAY OF EACH PERIOD its frequency gives — quarterly on
31 March, 30 June, 30 September and 31 December; half-yearly on 30 June and 31 December; yearly
on 31 December. Where the Rules fix no interval (定期; 每年两次, which says how many but not when),
the period is the interval the office set in the nearest year it has set (if none, 12 months, or
6 for twice a year). Nothing is implied where the Rules give no frequency at all (the
Cybersecurity Week: its dates are the office's alone) nor for key dates (holidays, some lunar):
an unset year has none of them.

EACH OCCURRENCE IS FOR A PERIOD, and each period of the covered years has exactly one: the date a
set year gives it, else its implied date. A set year's occurrences are for its own periods, in
order, except with `days_after_period_end`: a report N days after a period ends is for that
period, so the year's first one (day N of January) is for the year before's last period, and its
own last period's report falls in the next year, at the date that year's settings give (implied,
marked not set and naming its period, until that year is set and covered). So no period is reported on twice where
an unset year meets a set one, and none is left out where a set year meets an unset one.

The feeds carry one recurring event per entry whose RRULE is the implied-dates rule, and one
override (RECURRENCE-ID = the implied date of its period) per occurrence a set year dates, and
per implied occurrence that names the period it reports on (still TENTATIVE): `series` pairs them.
An entry the Rules give no frequency has no rule: its event is the office's first date, and its
later dates are extra dates (RDATE) of the same event.
"""

from __future__ import annotations

import calendar as month_lengths
import datetime
from dataclasses import dataclass

from .models.calendar import Calendar, Due, Entry, KeyDate, YearSettings


@dataclass(frozen=True)
class Occurrence:
    entry: Entry
    start: datetime.date
    end: datetime.date  # the last day (the same as start for a one-day item)
    key_date: KeyDate | None = None
    settings: YearSettings | None = None  # the office's settings of its year; None: not yet set
    # the last day of the period a report is for, where its year dates reports after their period
    # (a report N days after the period ends; also the default date, the period's last day, of
    # the report on a year's last period while the next year is not set); None otherwise
    reports_on: datetime.date | None = None

    @property
    def is_set(self) -> bool:
        return self.settings is not None


def implies_defaults(entry: Entry) -> bool:
    """Whether a year not yet set shows default dates for the entry: only where the Rules give a
    frequency (a date for a week the Rules do not time at all would be the handbook's invention)."""
    return entry.frequency is not None


def local_interval(entry: Entry) -> bool:
    """Whether the interval is a local setting (`every_months`): the text fixes none (定期;
    每年两次, twice a year but not when; or no frequency at all, e.g. the Cybersecurity Week)."""
    return entry.recurring and (entry.frequency is None or entry.frequency.months is None)


def interval_months(entry: Entry, due: Due) -> int:
    """Months between two occurrences: fixed by the Rules' words, or set locally."""
    if local_interval(entry):
        return due.every_months
    return entry.frequency.months


def implied_interval(calendar: Calendar, entry: Entry) -> int:
    """The interval of the implied-dates rule: the Rules' own, or, where they fix none, the one the
    office set in the nearest year it has set (the earlier of two as near), else 12 months shared
    among the times a year the Rules name (twice a year: 6)."""
    if not local_interval(entry):
        return entry.frequency.months
    set_years = sorted((abs(s.year - calendar.today.year), s.year, s.due[entry.id].every_months)
                       for s in calendar.settings.years if entry.id in s.due)
    if set_years and set_years[0][2]:
        return set_years[0][2]
    return 12 // ((entry.frequency and entry.frequency.times_a_year) or 1)


def months_and_day(entry: Entry, due: Due) -> tuple[list[int], int | str]:
    """The months of the year in which the entry falls, and its day of the month (or "last")."""
    interval = interval_months(entry, due)
    month, day = (1, due.days_after_period_end) if due.days_after_period_end else (due.month, due.day)
    first = (month - 1) % interval + 1
    return list(range(first, 13, interval)), day


def day_in_month(year: int, month: int, day: int | str) -> datetime.date:
    """The set day in one month: `last` is the month's last day; ValueError if it has no such day."""
    return datetime.date(year, month, month_lengths.monthrange(year, month)[1] if day == "last" else day)


def implied_dates(interval: int, year: int) -> list[datetime.date]:
    """The implied-dates rule: the last day of each period of `interval` months of the year."""
    return [datetime.date(year, month, month_lengths.monthrange(year, month)[1])
            for month in range(interval, 13, interval)]


def _set_periods(calendar: Calendar, entry: Entry, year: int) -> list[tuple[datetime.date, Occurrence]]:
    """The occurrences the office's settings of one year give a recurring entry, each with the
    last day of the period it is for (its implied date); none if the year does not date it."""
    settings = calendar.year_settings(year)
    if settings is None or entry.id not in settings.due:
        return []
    due = settings.due[entry.id]
    months, day = months_and_day(entry, due)
    period_ends = implied_dates(interval_months(entry, due), year)
    if due.days_after_period_end:  # day N of January reports on the year before's last period
        period_ends = [datetime.date(year - 1, 12, 31), *period_ends[:-1]]
    found = []
    for month, period_end in zip(months, period_ends, strict=True):
        start = day_in_month(year, month, day)
        found.append((period_end, Occurrence(entry, start, start + datetime.timedelta(days=due.days - 1),
                                             settings=settings,
                                             reports_on=period_end if due.days_after_period_end else None)))
    return found


def _periods(calendar: Calendar, entry: Entry) -> list[tuple[datetime.date, Occurrence]]:
    """A recurring entry's periods, each with its one occurrence, by period: every period of the
    covered years (its set date, else its implied date), and the last period of the year before
    them where the first covered year dates its report. The report on the last covered period is
    dated by a year not covered, so it keeps its implied date until that year is covered."""
    interval = implied_interval(calendar, entry)
    set_dates: dict[datetime.date, Occurrence] = {}
    for year in calendar.years:  # a year not covered is not read: every date is in a covered year
        for period_end, occurrence in _set_periods(calendar, entry, year):
            set_dates.setdefault(period_end, occurrence)  # the reference pass refuses two dates for one period
    before = implied_dates(interval, calendar.years[0] - 1)[-1]
    found = [(before, set_dates[before])] if before in set_dates else []
    for year in calendar.years:
        for period_end in implied_dates(interval, year):
            if period_end in set_dates:
                found.append((period_end, set_dates[period_end]))
            elif implies_defaults(entry):
                found.append((period_end, _implied(calendar, entry, period_end)))
    return found


def _implied(calendar: Calendar, entry: Entry, period_end: datetime.date) -> Occurrence:
    """The implied occurrence of a period no set year dates. Where the period's own year dates
    reports after their period, this one is the report on that year's last period (its date is
    the next year's to set): it says which period it is for, as the set ones do."""
    settings = calendar.year_settings(period_end.year)
    due = settings.due.get(entry.id) if settings else None
    after = due is not None and due.days_after_period_end
    return Occurrence(entry, period_end, period_end, reports_on=period_end if after else None)


def entry_year_occurrences(calendar: Calendar, entry: Entry, year: int) -> list[Occurrence]:
    """One entry's occurrences dated in one year: the office's dates, or the implied ones."""
    settings = calendar.year_settings(year)
    if not entry.dated:
        return []
    if entry.at_key_dates:
        keys = settings.key_dates if settings else []
        return [Occurrence(entry, key.date, key.date, key, settings) for key in keys]
    return [occurrence for _, occurrence in _periods(calendar, entry) if occurrence.start.year == year]


def entry_occurrences(calendar: Calendar, entry: Entry) -> list[Occurrence]:
    """Every occurrence of one entry in the covered years (none for event-driven entries)."""
    return [o for year in calendar.years for o in entry_year_occurrences(calendar, entry, year)]


def year_occurrences(calendar: Calendar, entries: list[Entry] | None = None) -> list[Occurrence]:
    """The covered years' occurrences of the given entries (all by default), by date, then data order."""
    entries = calendar.entries if entries is None else entries
    order = {entry.id: index for index, entry in enumerate(calendar.entries)}
    found = [o for entry in entries for o in entry_occurrences(calendar, entry)]
    return sorted(found, key=lambda o: (o.start, order[o.entry.id]))


def next_occurrence(calendar: Calendar, entry: Entry, today: datetime.date | None = None) -> Occurrence | None:
    """The entry's first occurrence on or after `today` (the build date) in the covered years."""
    today = today or calendar.today
    return next((o for o in entry_occurrences(calendar, entry) if o.start >= today), None)


@dataclass(frozen=True)
class Series:
    """One recurring entry as ONE feed event. Where the Rules give a frequency: the implied-dates
    rule from its first period, and the occurrences that differ from it: each the office set,
    replacing the implied date of the period it is for, and each implied one that names its period.
    Where they give none (the Cybersecurity Week): no rule and no default date at all, only the
    office's dates: the first is the event itself; where there are more, all are its extra dates
    (RDATE), each later one with its own override, so no calendar shows a date the office did not set."""

    master: Occurrence  # DTSTART: the first period's implied date, or the first date the office set
    rrule: dict | None  # as icalendar's vRecur takes it, UNTIL the last day of the covered years
    extra_dates: list[datetime.date]  # RDATE: the office's dates, where there is no rule and several
    # (RECURRENCE-ID, the occurrence): each the office set, and each implied one that names the
    # period it reports on (its title differs from the series')
    overrides: list[tuple[datetime.date, Occurrence]]


def series(calendar: Calendar, entry: Entry) -> Series | None:
    """None where the covered years give the entry no date (no frequency, and no year set)."""
    periods = _periods(calendar, entry)
    if not periods:
        return None
    if not implies_defaults(entry):  # only the office's dates: no rule that would imply others
        first, *later = [occurrence for _, occurrence in periods]
        # The first date is listed among the extra dates too (RFC 5545 counts a date once): some
        # readers (the `ical` library among them) take a series' dates from RDATE alone.
        extra = [first.start, *(o.start for o in later)] if later else []
        return Series(first, None, extra, [(o.start, o) for o in later])
    interval = implied_interval(calendar, entry)
    rule = {"FREQ": "YEARLY"} if interval == 12 else {"FREQ": "MONTHLY", "INTERVAL": interval, "BYMONTHDAY": -1}
    # Bounded by the covered years, as the page and the CSV are: a year beyond them would show
    # defaults the office has not seen (the next build, covering it, extends the same series).
    rule["UNTIL"] = datetime.date(calendar.years[-1], 12, 31)
    overrides = [(period_end, occurrence) for period_end, occurrence in periods
                 if occurrence.is_set or occurrence.reports_on is not None]
    start = periods[0][0]
    return Series(Occurrence(entry, start, start), rule, [], overrides)


def invalid_days(year: int, entry: Entry, due: Due) -> list[int]:
    """Months of the year that have no such day (an RRULE would silently skip them)."""
    months, day = months_and_day(entry, due)
    bad = []
    for month in months:
        try:
            day_in_month(year, month, day)
        except ValueError:
            bad.append(month)
    return bad
