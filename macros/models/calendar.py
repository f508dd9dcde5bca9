"""The reporting calendar: the local dates the office set, year by year (data/calendar.yml), and
the entries, which are DERIVED from the duties that carry a `calendar` block in data/duties.yml.

- data/calendar.yml holds only what the Leading Group Office sets each year: the Rules give
  frequencies, not dates. These are local settings, shown on the site as such; a year not yet
  set shows the handbook's default dates (not the Rules': macros/schedule.py), marked so.
- An `Entry` is what the Rules say about one timed duty (source, quote, text, roles, frequency,
  and the roles that take part besides the owner, all from the duty) plus the calendar's own
  title, recipients and trigger.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .common import DataModel, Id, NonEmptyText, Text
from .duties import Duty, Frequency


class Due(DataModel):
    """When one dated entry falls due in the settings' year (a local choice).

    Either `days_after_period_end` (quarterly and half-yearly reports: day N of the month after
    each period ends), or `month` + `day` of one occurrence (the others follow the frequency).
    `every_months` is the local interval where the text fixes none (定期; 每年两次, which says how
    many but not when; or no frequency at all). `day: last` is the last day of each month the
    entry falls in (30 June, 31 December), as the office may set a period's end.
    """

    month: int | None = Field(default=None, ge=1, le=12)
    day: Annotated[int, Field(ge=1, le=31)] | Literal["last"] | None = None
    days_after_period_end: int | None = Field(default=None, ge=1, le=28)
    every_months: int | None = None
    days: int = Field(default=1, ge=1, le=31)  # how many days it lasts (a publicity week: 7)

    @model_validator(mode="after")
    def _one_way_of_giving_the_date(self):
        by_date = self.month is not None or self.day is not None
        if by_date == (self.days_after_period_end is not None):
            raise ValueError("give either month and day, or days_after_period_end")
        if by_date and (self.month is None or self.day is None):
            raise ValueError("give both month and day")
        if self.every_months is not None and self.every_months not in (1, 2, 3, 4, 6, 12):
            raise ValueError("every_months must divide the year: 1, 2, 3, 4, 6 or 12")
        return self


class KeyDate(DataModel):
    """A holiday or key date of the year on which at-holidays entries fall (a local choice)."""

    id: Id
    name: Text
    date: datetime.date


class YearSettings(DataModel):
    """One year's local dates, as the Leading Group Office set them."""

    year: int = Field(ge=2018, le=2100)
    set_on: datetime.date  # when the office set these dates
    set_by: Id | None = None  # the role that set them, where the data records it
    due: dict[Id, Due]  # calendar id (data/duties.yml) -> when it falls due this year
    key_dates: list[KeyDate] = []


class Settings(DataModel):
    """data/calendar.yml: the local settings of several years side by side, nothing else."""

    kept_by: Id  # the role that sets the dates each year (named where a year is not yet set)
    reminder_days_before: int = Field(default=7, ge=0, le=60)  # the feeds' VALARM
    years: list[YearSettings]

    def of_year(self, year: int) -> YearSettings | None:
        return next((settings for settings in self.years if settings.year == year), None)


class Entry(DataModel):
    """One timed duty as the calendar shows it (derived; never written by hand)."""

    id: Id  # the duty's calendar id: anchor on /calendar/ and part of the feed UID
    duty: Id
    source: Id
    quote: NonEmptyText
    owner: Id  # the role that carries it out
    recipients: list[Id] = []
    participants: list[Id] = []  # carry it out, are consulted or subject besides the owner (duty.participants)
    frequency: Frequency | None  # the Rules' frequency; None where the text gives none
    title: Text
    text: Text
    trigger: Text | None = None  # set for an entry with no date
    # What the entry says beyond its text (an owner or recipient the Rules do not name), and
    # where the handbook takes it from: shown wherever the entry is
    inference: Text | None = None

    @property
    def dated(self) -> bool:
        return self.trigger is None

    @property
    def at_key_dates(self) -> bool:
        return self.frequency is Frequency.at_holidays

    @property
    def recurring(self) -> bool:
        """One recurring event (an RRULE): dated, and not on the year's key dates."""
        return self.dated and not self.at_key_dates

    @classmethod
    def of(cls, duty: Duty) -> "Entry":
        timing = duty.calendar
        return cls(id=timing.id, duty=duty.id, source=duty.source, quote=duty.quote, owner=duty.owner(),
                   recipients=timing.recipients, participants=duty.participants(), frequency=duty.frequency,
                   title=timing.title, text=duty.text, trigger=timing.trigger, inference=duty.inference)


class Calendar(DataModel):
    """The settings of every year, the entries derived from the duties (in the duties' order),
    and the build date, which decides the years the site shows: its year and the next."""

    settings: Settings
    entries: list[Entry]
    today: datetime.date

    @classmethod
    def derive(cls, settings: Settings, duties: list[Duty], today: datetime.date) -> "Calendar":
        return cls(settings=settings, entries=[Entry.of(duty) for duty in duties if duty.calendar], today=today)

    @property
    def years(self) -> list[int]:
        """The years the site and the feeds cover: the build date's and the next."""
        return [self.today.year, self.today.year + 1]

    def year_settings(self, year: int) -> YearSettings | None:
        """The office's settings for the year, or None: not yet set."""
        return self.settings.of_year(year)

    def entry(self, entry_id: str) -> Entry:
        return next(entry for entry in self.entries if entry.id == entry_id)
