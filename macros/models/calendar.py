"""The reporting calendar: every timed obligation of the Rules, plus the local dates of one year.

data/calendar.yml has two parts that must not be confused:
- `entries`: what the Rules say (source anchor, owner, recipients, frequency, a quote of the words
  that set the timing). This is the regulation's text.
- `settings`: the dates the Leading Group Office sets for one year (the Rules give frequencies,
  not dates). These are local settings, shown on the site as such.
"""

from __future__ import annotations

import datetime
from enum import Enum

from pydantic import Field, model_validator

from .common import DataModel, Id, NonEmptyText, Text


class Frequency(str, Enum):
    quarterly = "quarterly"  # 每季度: FREQ=MONTHLY;INTERVAL=3
    half_yearly = "half-yearly"  # 每半年 / 每年两次: FREQ=MONTHLY;INTERVAL=6
    yearly = "yearly"  # 每年 / 年度: FREQ=YEARLY
    regular = "regular"  # 定期: the Rules give no interval; the settings choose one
    key_dates = "key-dates"  # 节假日等重要节点: the dates listed under settings.key_dates
    event_driven = "event-driven"  # 及时 / on creation: no date, a trigger

    @property
    def months(self) -> int | None:
        """Months between two occurrences, where the Rules fix it."""
        return {"quarterly": 3, "half-yearly": 6, "yearly": 12}.get(self.value)


# Frequencies that become a recurring event with an RRULE.
RECURRING = (Frequency.quarterly, Frequency.half_yearly, Frequency.yearly, Frequency.regular)


class Entry(DataModel):
    id: Id  # also the entry's anchor on /calendar/ and part of its feed UID: do not rename
    source: Id  # the article or item anchor, e.g. art-6 or art-4-2
    quote: NonEmptyText  # the Chinese words of the source that set the timing, verbatim
    owner: Id  # the role that must do it
    recipients: list[Id] = []  # who receives the report, only where the text says
    participants: list[Id] = []  # other roles the text names as taking part (their feeds list it too)
    frequency: Frequency
    title: Text  # short, used as the feed's SUMMARY
    text: Text  # what to do
    trigger: Text | None = None  # event-driven entries only: when it falls due

    @model_validator(mode="after")
    def _trigger_only_when_event_driven(self):
        if self.frequency is Frequency.event_driven and self.trigger is None:
            raise ValueError("an event-driven entry needs a trigger")
        if self.frequency is not Frequency.event_driven and self.trigger is not None:
            raise ValueError("only an event-driven entry has a trigger")
        return self


class Due(DataModel):
    """When one recurring entry falls due in the settings' year (a local choice).

    Either `days_after_period_end` (quarterly and half-yearly reports: day N of the month after
    each period ends), or `month` + `day` of one occurrence (the others follow the frequency).
    `every_months` is the local interval of a `regular` (定期) entry.
    """

    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
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
    """A holiday or key date of the year on which key-dates entries fall (a local choice)."""

    id: Id
    name: Text
    date: datetime.date


class Settings(DataModel):
    year: int = Field(ge=2018, le=2100)
    set_on: datetime.date  # when the office set these dates; also every feed's DTSTAMP
    set_by: Id  # the role that sets and maintains them
    reminder_days_before: int = Field(default=7, ge=0, le=60)  # the feeds' VALARM
    due: dict[Id, Due]  # entry id -> when it falls due this year
    key_dates: list[KeyDate] = []


class Calendar(DataModel):
    document: Id  # the document whose anchors `source` refers to
    version: datetime.date  # the version of the document they follow (its effective date)
    settings: Settings
    entries: list[Entry] = Field(min_length=1)

    def entry(self, entry_id: str) -> Entry:
        return next(entry for entry in self.entries if entry.id == entry_id)
