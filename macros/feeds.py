"""The calendar's downloadable feeds: iCalendar (.ics) and CSV, one set per language.

`site_feeds(handbook, language, site_url)` returns {path in the site: bytes}: calendar/all.ics,
calendar/all.csv, and calendar/<role-id>.ics / .csv for every role that owns or takes part in a
dated entry. publishing/steps/feeds.py writes them into each language's build.

Choices a subscriber relies on:
- The feeds cover the build date's year and the next (macros/schedule.py).
- Recurring entries are ONE event each (one UID for every year): its RRULE is the implied-dates
  rule of macros/schedule.py (the last day of each period: quarterly FREQ=MONTHLY;INTERVAL=3;
  BYMONTHDAY=-1, half-yearly INTERVAL=6, yearly FREQ=YEARLY on 31 December; regularly or twice a
  year: the local interval) from the first period shown (the
  last of the year before the covered ones, where the first covered year dates its report) UNTIL
  the last day of the covered years (as the page and the CSV: no default dates beyond them; the
  next build extends the same series), STATUS:TENTATIVE and described as the handbook's default date, "not yet set by the office". Each occurrence the
  office has set is an override of that event (same UID, RECURRENCE-ID = the implied date of the
  period it is for, STATUS:CONFIRMED, its own dates and setting): a report due N days after a
  period ends replaces that period's implied date, even when it falls in the next year. When the
  office sets a year, subscribed calendars update the same series: no duplicates. An entry the
  Rules give no frequency (the Cybersecurity Week) has no rule and no default: its event is the
  office's first date; where there are more, all of them are its RDATEs and each later one has
  its own override.
  At-holidays entries are one dated event per key date of a set year, since those move.
- Event-driven entries have no date, so they are NOT in the .ics feeds (a fake date would put a
  false deadline in people's calendars); the calendar page lists them with their trigger, and the
  CSV lists them after the dated rows with an empty date and the trigger.
- Builds are reproducible: UIDs derive from the document and entry ids, DTSTAMP is the latest
  day the office set a year's dates (`set_on`), and the covered years come from the build date
  (macros/build_date.py: HANDBOOK_TODAY or SOURCE_DATE_EPOCH fix it).
- SUMMARY and DESCRIPTION are in the feed's language; DESCRIPTION cites the article with its
  absolute URL (site_url + regulation/#art-N); VALARM reminds settings.reminder_days_before days early.
"""

from __future__ import annotations

import csv
import datetime
import io
from functools import lru_cache, partial
from typing import NamedTuple


from .duties import does, frequency_words, part_words
from .handbook import Handbook
from .models.calendar import Due, Entry, YearSettings
from .models.duties import Frequency
from .schedule import (Occurrence, entry_occurrences, implies_defaults, interval_months, local_interval, months_and_day,
                       series, year_occurrences)
from .text import (anchor_numbers, citation, colon, day_month, fill_in, in_brackets, list_separator, long_date,
                   month_name, note_separator, short_citation)

FEED_FOLDER = "calendar"
# The handbook makes the feeds (the Party Committee makes the Rules); the last field is the language
PRODID = "-//Online Ideological Work Responsibility System Handbook//{language}"


# --- Shared wording ---------------------------------------------------------------------------

def regulation_url(site_url: str, anchor: str) -> str:
    return f"{site_url.rstrip('/')}/regulation/#{anchor}"


def duty_matrix_url(site_url: str) -> str:
    """Where the files that list only the dated and calendared duties send the reader for the rest."""
    return f"{site_url.rstrip('/')}/duties/"


def role_name(handbook: Handbook, role_id: str, language: str) -> str:
    return handbook.role(role_id).name[language]


def role_names(handbook: Handbook, role_ids: list[str], language: str) -> str:
    return list_separator(language).join(role_name(handbook, r, language) for r in role_ids)


def occurrence_title(handbook: Handbook, occurrence: Occurrence, language: str) -> str:
    """The entry's title; for a key-date entry, followed by the key date's name; for a report
    after its period, followed by the period it is for (15 January 2027: the one ending 31 December 2026)."""
    title = occurrence.entry.title[language]
    if occurrence.key_date is not None:
        title += colon(language) + occurrence.key_date.name[language]
    return title + reported_period(handbook, occurrence, language)


def event_title(handbook: Handbook, occurrence: Occurrence, language: str) -> str:
    """A feed event's title: a phone shows the title and the reminder alone, so a default date
    says so there too, inside the title's own bracket where it ends with one (（每年两次；默认日期，
    尚未设定）). An entry the Rules give no frequency has no default date (its series' first event
    only carries the office's dates), and says nothing of one."""
    title = occurrence_title(handbook, occurrence, language)
    if occurrence.is_set or not implies_defaults(occurrence.entry):
        return title
    mark = handbook.label("calendar-feed-default-title", language)
    close = "）" if language == "zh" else ")"
    if title.endswith(close):
        return title[:-1] + note_separator(language) + mark + close
    return title + in_brackets(mark, language)


def role_event_title(handbook: Handbook, occurrence: Occurrence, language: str, role_id: str | None) -> str:
    """In a role's feed, the title of an event the role only takes part in (involved, subject to it,
    informed) starts with its part (［知悉］每季度报告… / [Informed] …): a phone shows the title and the
    reminder alone, and the duty's words read as the reader's own task."""
    title = event_title(handbook, occurrence, language)
    if role_id is None or does(handbook.duty(occurrence.entry.duty), role_id):
        return title
    return fill_in(handbook.label("calendar-feed-part-title", language),
                   part=entry_part(handbook, occurrence.entry, role_id, language), title=title)


def period_words(handbook: Handbook, occurrence: Occurrence, language: str) -> str:
    """For a report after its period, the period it is for (报告期截至2026年12月31日); '' otherwise."""
    if occurrence.reports_on is None:
        return ""
    return fill_in(handbook.label("calendar-reports-on", language), date=long_date(occurrence.reports_on, language))


def reported_period(handbook: Handbook, occurrence: Occurrence, language: str) -> str:
    """The period a report is for, in brackets (（报告期截至2026年12月31日）), or ''. Beside a date, it
    keeps the report on the last period, dated by default on that period's last day, from
    reading as one more report of the year."""
    period = period_words(handbook, occurrence, language)
    return in_brackets(period, language) if period else ""


def entry_part(handbook: Handbook, entry: Entry, role_id: str, language: str) -> str:
    """A role's part in the duty an entry times (执行、第一责任人, 知悉 …)."""
    return part_words(handbook, handbook.duty(entry.duty), role_id, language)


def participants_text(handbook: Handbook, entry: Entry, language: str) -> str:
    """The roles that take part besides the owner, each with its part, as the page lists them."""
    return list_separator(language).join(
        role_name(handbook, role_id, language) + in_brackets(entry_part(handbook, entry, role_id, language), language)
        for role_id in entry.participants)


def office(handbook: Handbook, language: str) -> str:
    """The name of the role that sets the dates each year (data/calendar.yml `kept_by`)."""
    return role_name(handbook, handbook.calendar.settings.kept_by, language)


def local_note(handbook: Handbook, language: str) -> str:
    return fill_in(handbook.label("calendar-local-note", language), office=office(handbook, language))


def not_set_mark(handbook: Handbook, language: str) -> str:
    """"本手册的默认日期，尚未由…设定" / "The handbook's default date, not yet set by the …": the mark
    of every implied date."""
    return fill_in(handbook.label("calendar-not-set", language), office=office(handbook, language))


def implied_rule(handbook: Handbook, language: str) -> str:
    """The implied-dates rule in words (macros/schedule.py), said to be a default, not the Rules."""
    return fill_in(handbook.label("calendar-implied-rule", language), office=office(handbook, language))


def year_status(handbook: Handbook, year: int, language: str) -> str:
    """Who set the year's dates and when, or that they are not yet set."""
    settings = handbook.calendar.year_settings(year)
    if settings is None:
        return fill_in(handbook.label("calendar-year-not-set", language), year=year, office=office(handbook, language))
    key = "calendar-year-set-by" if settings.set_by else "calendar-year-set"
    return fill_in(handbook.label(key, language), year=year, date=long_date(settings.set_on, language),
                   office=role_name(handbook, settings.set_by, language) if settings.set_by else "")


def occurrence_status(handbook: Handbook, occurrence: Occurrence, language: str) -> str:
    if occurrence.settings is None:
        return not_set_mark(handbook, language)
    return year_status(handbook, occurrence.settings.year, language)


def frequency_label(handbook: Handbook, entry: Entry, language: str) -> str:
    """The Rules' frequency in words, or that the Rules set none. Only the Rules' words go under
    "Frequency (the Rules)": an event-driven entry's occasion is its trigger, in its own column."""
    if entry.frequency is not None:
        return frequency_words(handbook, entry.frequency, entry.quote, language)
    return handbook.label("frequency-not-set", language)


def local_rule(handbook: Handbook, entry: Entry, due: Due, language: str) -> str:
    """The local setting of one entry in words, e.g. "Day 15 after the end of each quarter"
    (the calendar page and the feeds word it the same way)."""
    label = partial(handbook.label, language=language)
    months, day = months_and_day(entry, due)
    if day == "last":  # the last day of each month it falls in, not one day of the year
        first_words = fill_in(label("calendar-month-end"), month=month_name(months[0], language))
    else:  # 2000, a leap year: only its day and month are shown
        first_words = day_month(datetime.date(2000, months[0], day), language)
    if due.days_after_period_end:
        text = fill_in(label("calendar-rule-after-period"), n=due.days_after_period_end,
                       period=label(f"calendar-period-{entry.frequency.value}"))
    elif local_interval(entry):
        rule = {None: "calendar-rule-unset", Frequency.twice_yearly: "calendar-rule-twice-yearly"}.get(
            entry.frequency, "calendar-rule-regular")
        interval = (label("calendar-interval-yearly") if due.every_months == 12
                    else fill_in(label("calendar-interval-months"), n=due.every_months))
        text = fill_in(label(rule), interval=interval, date=first_words)
    elif interval_months(entry, due) == 12:
        text = fill_in(label("calendar-rule-yearly"), date=first_words)
    else:
        text = fill_in(label("calendar-rule-every"), n=interval_months(entry, due), date=first_words)
    if due.days > 1:
        text += fill_in(label("calendar-rule-lasting"), n=due.days)
    return text


def local_rule_text(handbook: Handbook, entry: Entry, language: str, settings: YearSettings | None) -> str:
    """How the office dates this entry in a year it has set (a local setting), the implied-dates
    rule in a year not yet set, or nothing for an entry with no date."""
    if entry.at_key_dates:
        return handbook.label("calendar-rule-key-dates", language)
    if not entry.recurring:
        return ""
    if settings is None or entry.id not in settings.due:
        return implied_rule(handbook, language)
    return local_rule(handbook, entry, settings.due[entry.id], language)


def short_source(entry: Entry, language: str) -> str:
    return short_citation(*anchor_numbers(entry.source), language)


def full_source(handbook: Handbook, entry: Entry, language: str) -> str:
    rules = handbook.documents[handbook.main_document].rules
    return citation(rules.title[language], *anchor_numbers(entry.source), language)


# --- Which entries each feed holds ------------------------------------------------------------

def checklist_entry_ids(handbook: Handbook, role_id: str) -> set[str]:
    """The calendar entries that time a duty on the role's checklist (a duty's `calendar`): the
    one place that reads how duties are timed, for the feeds."""
    return {duty.calendar.id for duty in handbook.duties.duties
            if role_id in duty.roles and duty.calendar is not None}


def role_entries(handbook: Handbook, role_id: str) -> list[Entry]:
    """The entries a role owns or takes part in, in data order: named in the entry, or timing a
    duty on the role's checklist (so each checklist's feed carries its dated duties)."""
    on_checklist = checklist_entry_ids(handbook, role_id)
    return [e for e in handbook.calendar.entries
            if e.owner == role_id or role_id in e.participants or e.id in on_checklist]


def feed_role_ids(handbook: Handbook) -> list[str]:
    """Roles (in roles.yml order) that get their own feed: those with at least one dated entry."""
    return [role.id for role in handbook.roles.roles
            if any(entry.dated for entry in role_entries(handbook, role.id))]


def feed_path(role_id: str | None, extension: str) -> str:
    return f"{FEED_FOLDER}/{role_id or 'all'}.{extension}"


def download_name(role_id: str | None, language: str, extension: str) -> str:
    """The name a downloaded feed is saved under: every language and role apart
    (both languages' /calendar/all.csv would otherwise land as all.csv, all (1).csv)."""
    return f"calendar-{role_id or 'all'}-{language}.{extension}"


# --- iCalendar --------------------------------------------------------------------------------

def uid(handbook: Handbook, entry: Entry, occurrence: Occurrence | None = None) -> str:
    """Stable across builds and languages: the same duty is the same event in every feed."""
    key = f"-{occurrence.key_date.id}-{occurrence.start.year}" if occurrence and occurrence.key_date else ""
    return f"{entry.id}{key}@{handbook.main_document}.handbook"


def description(handbook: Handbook, entry: Entry, language: str, site_url: str,
                settings: YearSettings | None, role_id: str | None = None) -> str:
    """`settings`: the office's settings of the occurrence's year; None: not yet set. In a role's
    feed (`role_id`), the role's part in the duty follows the roles, as its CSV gives it."""
    label = lambda key: handbook.label(key, language) + colon(language)  # noqa: E731
    lines = [entry.text[language], ""]
    if entry.inference:  # an owner or recipient the Rules do not name: say so, as the pages do
        key = "duty-inference" if role_id is None else handbook.duty(entry.duty).inference_label(role_id)
        lines[1:1] = [label(key) + entry.inference[language]]
    lines.append(label("calendar-owner") + role_name(handbook, entry.owner, language))
    if entry.participants:
        lines.append(label("calendar-participant") + participants_text(handbook, entry, language))
    if entry.recipients:
        lines.append(label("calendar-recipients") + role_names(handbook, entry.recipients, language))
    if role_id is not None:
        lines.append(label("your-part") + entry_part(handbook, entry, role_id, language))
    lines.append(label("calendar-basis") + full_source(handbook, entry, language)
                 + " " + regulation_url(site_url, entry.source))
    lines.append(label("calendar-frequency") + frequency_label(handbook, entry, language))
    # a year not set shows the handbook's default rule here, not a local setting: a neutral label
    lines.append(label("calendar-date-rule") + local_rule_text(handbook, entry, language, settings))
    lines.append(label("calendar-status") + (year_status(handbook, settings.year, language) if settings
                                              else not_set_mark(handbook, language)))
    lines += ["", local_note(handbook, language)]
    return "\n".join(lines)


def stamp(handbook: Handbook) -> datetime.datetime:
    """DTSTAMP: the latest day the office set a year's dates (1 January of the first covered
    year if it has set none), so two builds on the same date write the same bytes."""
    calendar = handbook.calendar
    days = [settings.set_on for settings in calendar.settings.years]
    day = max(days) if days else datetime.date(calendar.years[0], 1, 1)
    return datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)


class EventFields(NamedTuple):
    """Everything one VEVENT says, as plain values: the event is a function of these alone."""

    uid: str
    stamp: datetime.datetime
    recurrence_id: datetime.date | None
    start: datetime.date
    end: datetime.date  # exclusive: all-day events end the day after
    rule: tuple | None  # the RRULE's (part, value) pairs, in order
    extra_dates: tuple[datetime.date, ...]  # RDATE: a series' dates no rule gives
    status: str
    title: str
    description: str
    url: str
    category: str
    reminder_days_before: int


def _event_fields(handbook: Handbook, occurrence: Occurrence, language: str, site_url: str,
                  role_id: str | None, rule: dict | None = None, extra_dates: tuple[datetime.date, ...] = (),
                  recurrence_id: datetime.date | None = None) -> EventFields:
    """One VEVENT's content, in the feed of every role (`role_id` None) or of one role: a whole
    series (`rule`), one override of a series (`recurrence_id`), or a single dated event."""
    entry = occurrence.entry
    return EventFields(
        uid=uid(handbook, entry, occurrence),
        stamp=stamp(handbook),
        recurrence_id=recurrence_id,
        start=occurrence.start,
        end=occurrence.end + datetime.timedelta(days=1),
        rule=None if rule is None else tuple(rule.items()),
        extra_dates=extra_dates,
        status="CONFIRMED" if occurrence.is_set else "TENTATIVE",
        title=role_event_title(handbook, occurrence, language, role_id),
        description=description(handbook, entry, language, site_url, occurrence.settings, role_id),
        url=regulation_url(site_url, entry.source),
        category=role_name(handbook, entry.owner, language),
        reminder_days_before=handbook.calendar.settings.reminder_days_before,
    )


# Serialising is most of a feed's cost; `mkdocs serve` rebuilds both languages' feeds after every
# edit, and most events come out the same: each distinct event is serialised once per process.
@lru_cache(maxsize=4096)
def _serialised_event(fields: EventFields) -> bytes:
    """The VEVENT as icalendar serialises it inside a calendar."""
    from icalendar import Alarm, Event  # here: a build whose feeds come from the cache needs none

    event = Event()
    event.add("uid", fields.uid)
    event.add("dtstamp", fields.stamp)
    if fields.recurrence_id is not None:
        event.add("recurrence-id", fields.recurrence_id)
    event.add("dtstart", fields.start)
    event.add("dtend", fields.end)
    if fields.rule is not None:
        event.add("rrule", dict(fields.rule))
    if fields.extra_dates:
        event.add("rdate", list(fields.extra_dates))
    event.add("status", fields.status)
    event.add("summary", fields.title)
    event.add("description", fields.description)
    event.add("url", fields.url)
    event.add("categories", [fields.category])
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not block the day
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", fields.title)
    alarm.add("trigger", datetime.timedelta(days=-fields.reminder_days_before))
    event.add_component(alarm)
    return event.to_ical()


def _entry_events(handbook: Handbook, entry: Entry, language: str, site_url: str,
                  role_id: str | None) -> bytes:
    """The VEVENTs of one entry, serialised as icalendar serialises them inside a calendar."""
    events = []
    if entry.recurring:  # one series: the implied dates, then the office's dates replacing them
        plan = series(handbook.calendar, entry)
        if plan is None:  # no date in the covered years
            return b""
        events.append(_event_fields(handbook, plan.master, language, site_url, role_id,
                                    rule=plan.rrule, extra_dates=tuple(plan.extra_dates)))
        for implied, occurrence in plan.overrides:
            events.append(_event_fields(handbook, occurrence, language, site_url, role_id, recurrence_id=implied))
    else:  # key dates: one event each; event-driven entries have none
        for occurrence in entry_occurrences(handbook.calendar, entry):
            events.append(_event_fields(handbook, occurrence, language, site_url, role_id))
    return b"".join(_serialised_event(fields) for fields in events)


_CALENDAR_END = b"END:VCALENDAR\r\n"


def ics(handbook: Handbook, language: str, site_url: str, role_id: str | None = None) -> bytes:
    """One iCalendar feed: every dated entry, or those of one role, each event saying the role's
    part (roles with the same part in a duty share its serialised events: _serialised_event)."""
    entries = handbook.calendar.entries if role_id is None else role_entries(handbook, role_id)
    name = handbook.label("calendar", language) + " · " + (
        handbook.label("calendar-all", language) if role_id is None else role_name(handbook, role_id, language))
    from icalendar import Calendar as ICalendar, vText

    feed = ICalendar()
    feed.add("prodid", PRODID.format(language=language.upper()))
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    # Text values (RFC 5545 3.3.11): icalendar escapes commas, semicolons and backslashes only in
    # the properties it knows, and these two are extensions, so they are given as text.
    feed.add("x-wr-calname", vText(name))
    feed.add("x-wr-caldesc", vText(local_note(handbook, language) + " " + fill_in(
        handbook.label("calendar-feed-event-driven-note", language), matrix=duty_matrix_url(site_url))))
    events = [_entry_events(handbook, entry, language, site_url, role_id) for entry in entries]
    # A calendar serialises as its own lines, then each component's, then its END line.
    head = feed.to_ical()
    assert head.endswith(_CALENDAR_END)
    return head[:-len(_CALENDAR_END)] + b"".join(events) + _CALENDAR_END


# --- CSV --------------------------------------------------------------------------------------

# The dates are the office's settings or, for a year not set, the handbook's defaults: the date
# columns say so, and a column gives the rule each date follows. The
# columns added later come last (the roles taking part, the handbook's inference; in a role's
# table, the role's part), so a sheet that reads the earlier ones by position still works.
CSV_COLUMNS = ("calendar-date", "calendar-end-date", "calendar-what", "calendar-owner",
               "calendar-recipients", "calendar-frequency", "calendar-basis", "calendar-link",
               "calendar-trigger", "calendar-id", "calendar-date-rule", "calendar-status",
               "calendar-participants-column", "duty-inference")
ROLE_CSV_COLUMNS = (*CSV_COLUMNS, "your-part")


def csv_bytes(handbook: Handbook, language: str, site_url: str, role_id: str | None = None) -> bytes:
    """The year's dates as a table (for networks that block .ics): UTF-8 with a BOM and CRLF,
    which Excel opens with the Chinese intact. Event-driven entries follow with no date."""
    entries = handbook.calendar.entries if role_id is None else role_entries(handbook, role_id)
    rows = [[handbook.label(key, language) for key in (CSV_COLUMNS if role_id is None else ROLE_CSV_COLUMNS)]]

    def inference_cell(entry: Entry) -> str:
        """In a role's table, an inference about other roles says so, as the role's checklist does."""
        if not entry.inference:
            return ""
        if role_id is None or role_id in handbook.duty(entry.duty).inferred_for:
            return entry.inference[language]
        return handbook.label("duty-inference-other-roles", language) + colon(language) + entry.inference[language]

    def row(entry: Entry, start: str, end: str, title: str, trigger: str, rule: str, status: str) -> list[str]:
        return [start, end, title, role_name(handbook, entry.owner, language),
                role_names(handbook, entry.recipients, language),
                frequency_label(handbook, entry, language),
                full_source(handbook, entry, language), regulation_url(site_url, entry.source),
                trigger, entry.id, rule, status, participants_text(handbook, entry, language),
                inference_cell(entry),
                ] + ([] if role_id is None else [entry_part(handbook, entry, role_id, language)])

    for o in year_occurrences(handbook.calendar, entries):
        rows.append(row(o.entry, o.start.isoformat(), o.end.isoformat(), occurrence_title(handbook, o, language), "",
                        local_rule_text(handbook, o.entry, language, o.settings),
                        occurrence_status(handbook, o, language)))
    for entry in entries:
        if not entry.dated:
            rows.append(row(entry, "", "", entry.title[language], entry.trigger[language], "", ""))
    return csv_table(rows)


def csv_table(rows: list[list[str]]) -> bytes:
    """A table as Excel opens it with the Chinese intact: UTF-8 with a BOM, CRLF line ends.
    The calendar's CSVs and the self-inspection forms' (self_inspection.py) are written by it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def site_feeds(handbook: Handbook, language: str, site_url: str) -> dict[str, bytes]:
    """Every feed file of one language's site, by its path under the site root."""
    files = {}
    for role_id in [None, *feed_role_ids(handbook)]:
        files[feed_path(role_id, "ics")] = ics(handbook, language, site_url, role_id)
        files[feed_path(role_id, "csv")] = csv_bytes(handbook, language, site_url, role_id)
    return files
