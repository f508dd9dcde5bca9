"""The calendar's downloadable feeds: iCalendar (.ics) and CSV, one set per language.

`site_feeds(handbook, language, site_url)` returns {path in the site: bytes}: calendar/all.ics,
calendar/all.csv, and calendar/<role-id>.ics / .csv for every role that owns or takes part in a
dated entry. hooks/calendar_feeds.py adds them to each language's build.

Choices a subscriber relies on:
- Recurring entries are ONE event each with an RRULE (quarterly FREQ=MONTHLY;INTERVAL=3,
  half-yearly and twice-yearly INTERVAL=6, yearly FREQ=YEARLY, regularly or no frequency in the
  text: the local interval), starting at the
  year's first occurrence and not bounded: the Rules' frequency does not end with the year, and
  when the office sets next year's dates the same UID updates the series in subscribed calendars.
  At-holidays entries are one dated event per key date of the year, since those move.
- Event-driven entries have no date, so they are NOT in the .ics feeds (a fake date would put a
  false deadline in people's calendars); the calendar page lists them with their trigger, and the
  CSV lists them after the dated rows with an empty date and the trigger.
- Builds are reproducible: UIDs derive from the document and entry ids, DTSTAMP is the day the
  office set the year's dates (settings.set_on), and nothing reads the clock.
- SUMMARY and DESCRIPTION are in the feed's language; DESCRIPTION cites the article with its
  absolute URL (site_url + regulation/#art-N); VALARM reminds settings.reminder_days_before days early.
"""

from __future__ import annotations

import csv
import datetime
import io
from functools import partial

from icalendar import Alarm, Event
from icalendar import Calendar as ICalendar

from .handbook import Handbook
from .models.calendar import Due, Entry
from .schedule import Occurrence, entry_occurrences, interval_months, local_interval, rrule, year_occurrences
from .text import citation, day_month, fill_in, short_citation

FEED_FOLDER = "calendar"
PRODID = "-//SUES Party Committee//Online Ideological Work Responsibility Handbook//ZH"


# --- Shared wording ---------------------------------------------------------------------------

def colon(language: str) -> str:
    return "：" if language == "zh" else ": "


def list_separator(language: str) -> str:
    return "、" if language == "zh" else ", "


def anchor_numbers(anchor: str) -> tuple[int, int | None]:
    """art-4-2 -> (4, 2); art-6 -> (6, None)."""
    numbers = [int(part) for part in anchor.split("-")[1:]]
    return numbers[0], (numbers[1] if len(numbers) > 1 else None)


def regulation_url(site_url: str, anchor: str) -> str:
    return f"{site_url.rstrip('/')}/regulation/#{anchor}"


def role_name(handbook: Handbook, role_id: str, language: str) -> str:
    return handbook.role(role_id).name[language]


def role_names(handbook: Handbook, role_ids: list[str], language: str) -> str:
    return list_separator(language).join(role_name(handbook, r, language) for r in role_ids)


def occurrence_title(occurrence: Occurrence, language: str) -> str:
    """The entry's title; for a key-date entry, followed by the key date's name."""
    title = occurrence.entry.title[language]
    if occurrence.key_date is not None:
        title += colon(language) + occurrence.key_date.name[language]
    return title


def local_note(handbook: Handbook, language: str) -> str:
    settings = handbook.calendar.settings
    return (handbook.label("calendar-local-note", language)
            .replace("{office}", role_name(handbook, settings.set_by, language))
            .replace("{year}", str(settings.year)))


def frequency_label(handbook: Handbook, entry: Entry, language: str) -> str:
    """The Rules' frequency in words; for an entry without one, that the text sets none."""
    if entry.frequency is not None:
        return handbook.label(f"frequency-{entry.frequency.value}", language)
    return handbook.label("frequency-not-set" if entry.dated else "frequency-event-driven", language)


def local_rule(handbook: Handbook, entry: Entry, due: Due, language: str) -> str:
    """The local setting of one entry in words, e.g. "Day 15 after the end of each reporting
    period" (the calendar page and the feeds word it the same way)."""
    label = partial(handbook.label, language=language)
    first = entry_occurrences(handbook.calendar, entry)[0].start
    if due.days_after_period_end:
        text = fill_in(label("calendar-rule-after-period"), n=due.days_after_period_end)
    elif local_interval(entry):
        text = fill_in(label("calendar-rule-regular" if entry.frequency else "calendar-rule-unset"),
                       n=due.every_months, date=day_month(first, language))
    elif interval_months(entry, due) == 12:
        text = fill_in(label("calendar-rule-yearly"), date=day_month(first, language))
    else:
        text = fill_in(label("calendar-rule-every"), n=interval_months(entry, due), date=day_month(first, language))
    if due.days > 1:
        text += fill_in(label("calendar-rule-lasting"), n=due.days)
    return text


def local_rule_text(handbook: Handbook, entry: Entry, language: str) -> str:
    """How the office dates this entry (a local setting), or nothing for an entry with no date."""
    settings = handbook.calendar.settings
    if entry.at_key_dates:
        return handbook.label("calendar-rule-key-dates", language)
    if not entry.recurring:
        return ""
    return local_rule(handbook, entry, settings.due[entry.id], language)


def short_source(entry: Entry, language: str) -> str:
    return short_citation(*anchor_numbers(entry.source), language)


def full_source(handbook: Handbook, entry: Entry, language: str) -> str:
    rules = handbook.documents[handbook.main_document].rules
    return citation(rules.title.zh, rules.short_title.en, *anchor_numbers(entry.source), language)


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


def description(handbook: Handbook, entry: Entry, language: str, site_url: str) -> str:
    label = lambda key: handbook.label(key, language) + colon(language)  # noqa: E731
    lines = [entry.text[language], ""]
    lines.append(label("calendar-owner") + role_name(handbook, entry.owner, language))
    if entry.recipients:
        lines.append(label("calendar-recipients") + role_names(handbook, entry.recipients, language))
    lines.append(label("calendar-basis") + full_source(handbook, entry, language)
                 + " " + regulation_url(site_url, entry.source))
    lines.append(label("calendar-frequency") + frequency_label(handbook, entry, language))
    lines.append(label("calendar-local-rule") + local_rule_text(handbook, entry, language))
    lines += ["", local_note(handbook, language)]
    return "\n".join(lines)


def _event(handbook: Handbook, occurrence: Occurrence, language: str, site_url: str,
           recurring: bool) -> Event:
    entry = occurrence.entry
    settings = handbook.calendar.settings
    title = occurrence_title(occurrence, language)
    event = Event()
    event.add("uid", uid(handbook, entry, occurrence))
    event.add("dtstamp", datetime.datetime.combine(settings.set_on, datetime.time(), datetime.timezone.utc))
    event.add("dtstart", occurrence.start)
    event.add("dtend", occurrence.end + datetime.timedelta(days=1))  # all-day: DTEND is exclusive
    if recurring:
        event.add("rrule", rrule(entry, settings.due[entry.id]))
    event.add("summary", title)
    event.add("description", description(handbook, entry, language, site_url))
    event.add("url", regulation_url(site_url, entry.source))
    event.add("categories", [role_name(handbook, entry.owner, language)])
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not block the day
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", datetime.timedelta(days=-settings.reminder_days_before))
    event.add_component(alarm)
    return event


def ics(handbook: Handbook, language: str, site_url: str, role_id: str | None = None) -> bytes:
    """One iCalendar feed: every dated entry, or those of one role."""
    entries = handbook.calendar.entries if role_id is None else role_entries(handbook, role_id)
    name = handbook.label("calendar", language) + " · " + (
        handbook.label("calendar-all", language) if role_id is None else role_name(handbook, role_id, language))
    feed = ICalendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-caldesc", local_note(handbook, language) + " "
             + handbook.label("calendar-feed-event-driven-note", language))
    for entry in entries:
        occurrences = entry_occurrences(handbook.calendar, entry)
        if entry.recurring:
            feed.add_component(_event(handbook, occurrences[0], language, site_url, recurring=True))
        else:  # key dates: one event each; event-driven entries have none
            for occurrence in occurrences:
                feed.add_component(_event(handbook, occurrence, language, site_url, recurring=False))
    return feed.to_ical()


# --- CSV --------------------------------------------------------------------------------------

# The dates are local settings: the date columns say so, and the last column gives the local rule.
CSV_COLUMNS = ("calendar-date", "calendar-end-date", "calendar-what", "calendar-owner",
               "calendar-recipients", "calendar-frequency", "calendar-basis", "calendar-link",
               "calendar-trigger", "calendar-id", "calendar-local-rule")


def csv_bytes(handbook: Handbook, language: str, site_url: str, role_id: str | None = None) -> bytes:
    """The year's dates as a table (for networks that block .ics): UTF-8 with a BOM and CRLF,
    which Excel opens with the Chinese intact. Event-driven entries follow with no date."""
    entries = handbook.calendar.entries if role_id is None else role_entries(handbook, role_id)
    rows = [[handbook.label(key, language) for key in CSV_COLUMNS]]

    def row(entry: Entry, start: str, end: str, title: str, trigger: str) -> list[str]:
        return [start, end, title, role_name(handbook, entry.owner, language),
                role_names(handbook, entry.recipients, language),
                frequency_label(handbook, entry, language),
                full_source(handbook, entry, language), regulation_url(site_url, entry.source),
                trigger, entry.id, local_rule_text(handbook, entry, language)]

    for occurrence in year_occurrences(handbook.calendar, entries):
        rows.append(row(occurrence.entry, occurrence.start.isoformat(), occurrence.end.isoformat(),
                        occurrence_title(occurrence, language), ""))
    for entry in entries:
        if not entry.dated:
            rows.append(row(entry, "", "", entry.title[language], entry.trigger[language]))
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
