"""The calendar page (/calendar/) and the "subscribe to your calendar" links of a role.

Data in, Markdown/HTML out through templates/calendar*.j2; links are made as macros/site_paths.py
says (absolute from the site's root when served, relative in the file:// copy).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from functools import partial

from markupsafe import Markup

from . import feeds
from .handbook import Handbook
from .rendering import render, template_label
from .site_paths import LANGUAGE_ROOTS, to_language_root, to_site_root
from .text import MONTHS_EN, colon, day_month, fill_in, in_brackets, list_separator, month_year, note_separator
from .schedule import Occurrence, entry_occurrences, entry_year_occurrences, year_occurrences


# --- Dates in words ---------------------------------------------------------------------------

def date_span(start: datetime.date, end: datetime.date, language: str) -> str:
    """9月13日—19日 / 13–19 September; a single day when start == end."""
    if start == end:
        return day_month(start, language)
    if language == "zh":
        tail = f"{end.day}日" if end.month == start.month else day_month(end, "zh")
        return f"{day_month(start, 'zh')}—{tail}"
    if end.month == start.month:
        return f"{start.day}–{end.day} {MONTHS_EN[start.month - 1]}"
    return f"{day_month(start, 'en')} – {day_month(end, 'en')}"


def dated_span(occurrence: Occurrence, language: str) -> str:
    """An occurrence's dates with its year: 2026年12月31日 / 31 December 2026."""
    span = date_span(occurrence.start, occurrence.end, language)
    return f"{occurrence.start.year}年{span}" if language == "zh" else f"{span} {occurrence.start.year}"


def date_notes(handbook: Handbook, occurrence: Occurrence, language: str, set_note: str = "") -> str:
    """What follows a date, in one bracket: the period a report is for, then the not-set mark
    where the office has not set the date (or `set_note` where it has): （报告期截至2027年12月31日；
    本手册的默认日期，尚未由…设定）; '' if nothing. In a list of dates each mark stays with its date (after a colon
    it read as the whole list's)."""
    notes = [feeds.period_words(handbook, occurrence, language),
             set_note if occurrence.is_set else feeds.not_set_mark(handbook, language)]
    if language == "en":  # inside the bracket, after the date: "the handbook's default date, …", "local setting"
        notes = [note[:1].lower() + note[1:] for note in notes]
    notes = [note for note in notes if note]
    return in_brackets(note_separator(language).join(notes), language) if notes else ""


def marked_span(handbook: Handbook, occurrence: Occurrence, language: str) -> str:
    """An occurrence's dates with its year and its notes (date_notes)."""
    return dated_span(occurrence, language) + date_notes(handbook, occurrence, language)


def years_text(years: list[int], language: str) -> str:
    """2026—2027年 is written by the label; here: 2026—2027 / 2026–2027."""
    return ("—" if language == "zh" else "–").join(str(year) for year in (years[0], years[-1]))


# --- Links relative to the page ---------------------------------------------------------------

@dataclass(frozen=True)
class FeedLinks:
    language: str
    ics: str
    csv: str
    ics_name: str  # the file name a download gets (the `download` attribute); the URL is unchanged
    csv_name: str


def feed_links(page_url: str, language: str, role_id: str | None) -> list[FeedLinks]:
    """Links to one feed (a role's, or all) in every language, this page's language first."""
    up = to_site_root(page_url, language)
    ordered = [language] + [other for other in LANGUAGE_ROOTS if other != language]
    return [FeedLinks(other,
                      up + LANGUAGE_ROOTS[other] + feeds.feed_path(role_id, "ics"),
                      up + LANGUAGE_ROOTS[other] + feeds.feed_path(role_id, "csv"),
                      feeds.download_name(role_id, other, "ics"),
                      feeds.download_name(role_id, other, "csv"))
            for other in ordered]


# --- Pages ------------------------------------------------------------------------------------

def _context(handbook: Handbook, language: str, page_url: str) -> dict:
    label = partial(handbook.label, language=language)
    to_root = to_language_root(page_url, language)
    return {
        # a role's part in an entry's duty, in the duty matrix's words (执行、第一责任人, 知悉 …)
        "role_part": lambda entry, role_id: in_brackets(feeds.entry_part(handbook, entry, role_id, language), language),
        # on a role's rows, an inference about other roles says so, as the role's checklist does
        "inference_key": lambda entry, role_id=None: ("duty-inference" if role_id is None
                                                      else handbook.duty(entry.duty).inference_label(role_id)),
        "lang": language,
        "t": partial(template_label, handbook, language),
        "colon": colon(language),
        "role_name": partial(feeds.role_name, handbook, language=language),
        "role_names": lambda ids: feeds.role_names(handbook, ids, language) if ids else label("calendar-none"),
        "frequency": lambda entry: feeds.frequency_label(handbook, entry, language),
        "source": partial(feeds.short_source, language=language),
        "source_link": lambda entry: f"{to_root}regulation/#{entry.source}",
        "duties_page": f"{to_root}duties/",
        "feed_roles": set(feeds.feed_role_ids(handbook)),
        "feed_links": lambda role_id: feed_links(page_url, language, role_id),
        "language_name": lambda code: label(f"language-{code}"),
    }


def subscribe(handbook: Handbook, language: str, page_url: str, role_id: str) -> str:
    """"Subscribe to your calendar" for one role: its .ics and .csv in every language, or, for a
    role with no dated entry, a pointer to the whole calendar."""
    if role_id not in {role.id for role in handbook.roles.roles}:  # an error, not an empty paragraph
        raise ValueError(f"calendar_subscribe: unknown role '{role_id}' (see data/roles.yml)")
    calendar_page = to_language_root(page_url, language) + "calendar/"
    return render("calendar_subscribe.html.j2", role_id=role_id, calendar_page=calendar_page,
                  subscribe_section=calendar_page + "#subscribe", **_context(handbook, language, page_url))


@dataclass(frozen=True)
class MonthSection:
    year: int
    month: int
    anchor: str  # month-2027-01
    occurrences: list[Occurrence]
    # month-1 …: a month's anchor when the page had one section per month of the year, both
    # years' dates in it; now on the month's next section from the build date's month on
    legacy_anchor: str | None = None


def calendar(handbook: Handbook, language: str, page_url: str, site_url: str) -> str:
    """`site_url`: the language's own, as the feeds are given it (the note on the duties left out
    of the feeds gives the duty matrix's address in the same words)."""
    cal = handbook.calendar
    context = _context(handbook, language, page_url)
    settings = cal.settings
    occurrences = year_occurrences(cal)
    not_set = feeds.not_set_mark(handbook, language)
    # a row of the settings table in a year not set: not a date (a duty of no frequency has none)
    rule_not_set = fill_in(handbook.label("calendar-rule-not-set", language), office=feeds.office(handbook, language))
    this_month = (cal.today.year, cal.today.month)
    # the covered years month by month, in date order: each month of each year its own section
    months = [MonthSection(year, month, f"month-{year}-{month:02d}",
                           [o for o in occurrences if (o.start.year, o.start.month) == (year, month)])
              for year in cal.years for month in range(1, 13)]
    for month in range(1, 13):
        section = next((s for s in months if s.month == month and (s.year, s.month) >= this_month), None)
        if section is not None:
            months[months.index(section)] = replace(section, legacy_anchor=f"month-{month}")
    roles = [role for role in handbook.roles.roles if feeds.role_entries(handbook, role.id)]
    recurring = [e for e in cal.entries if e.recurring]

    def rule(entry, year: int) -> str:
        year_settings = cal.year_settings(year)
        if year_settings is None:
            return rule_not_set
        return feeds.local_rule_text(handbook, entry, language, year_settings)

    return render(
        "calendar.md.j2",
        settings=settings,
        years=cal.years,
        year_settings=cal.year_settings,
        year_status=lambda year: feeds.year_status(handbook, year, language),
        not_set=not_set, rule_not_set=rule_not_set,
        any_not_set=not all(o.is_set for o in occurrences),
        implied_rule=feeds.implied_rule(handbook, language),
        dated=[e for e in cal.entries if e.dated],
        event_driven=[e for e in cal.entries if not e.dated],
        recurring=recurring,
        key_date_entries=[e for e in cal.entries if e.at_key_dates],
        rule=rule,
        # a year's cell: its dates; in a set year, a date not set (the report on its last period,
        # which the next year dates) says so
        year_dates=lambda entry, year: [
            marked_span(handbook, o, language) if cal.year_settings(year) else dated_span(o, language)
            for o in entry_year_occurrences(cal, entry, year)],
        # a role's view: every date of the covered years, each not set by the office marked so
        dates={e.id: [marked_span(handbook, o, language) for o in entry_occurrences(cal, e)] for e in cal.entries},
        months=months,
        this_month_link=Markup('<a href="#month-{}-{:02d}">{}</a>').format(*this_month, month_year(*this_month, language)),
        month_year=partial(month_year, language=language),
        duty_matrix_link=Markup('<a href="{}">{}</a>').format(context["duties_page"],
                                                             feeds.duty_matrix_url(site_url)),
        roles=roles,
        feed_table=[None, *[role.id for role in roles if role.id in feeds.feed_role_ids(handbook)]],
        list_separator=list_separator(language),
        year_text=lambda key: fill_in(handbook.label(key, language), years=years_text(cal.years, language)),
        reminder=fill_in(handbook.label("calendar-reminder", language), n=settings.reminder_days_before),
        role_entries=partial(feeds.role_entries, handbook),
        local_note=feeds.local_note(handbook, language),
        title_of=partial(feeds.occurrence_title, handbook, language=language),
        dated_span=partial(dated_span, language=language),
        day_month=partial(day_month, language=language),
        **context,
    )
