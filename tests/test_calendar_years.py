"""The calendar across years (issue 17): on 30 November 2026 the feeds hold this December's
events, marked not yet set by the office, and 2027's at the dates the office set, read by two
independent iCalendar libraries; each duty stays one series (one UID) whatever a year's setting.
In-process: the feeds and the page are made from the data and a build date, without a build."""

from __future__ import annotations

import csv
import datetime
import html
import io
import re
import shutil
from collections import Counter

import pytest
from dateutil.rrule import rrulestr
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar as ICalendar

from macros import build_date, calendar_pages, feeds
from macros.clause_links import next_date
from macros.errors import HandbookDataError
from macros.handbook import load_handbook
from macros.schedule import entry_year_occurrences
from macros.text import fill_in, long_date
from support import LANGUAGE_ROOTS, ROOT, SITE_URL, without_default_mark

TODAY = datetime.date(2026, 11, 30)
# What the duties imply for December 2026, a year the office has not set: the last day of the
# year for every recurring duty (each period, whatever its length, ends on 31 December), but for
# the two reports due N days after their period ends: the 2027 settings date the report on the
# last period of 2026 (15 and 10 January 2027), so it is not on 31 December as well. The
# Cybersecurity Week, which the Rules do not time at all, has no default date: only the office's.
REPORTS_AFTER_THE_PERIOD = {"office-quarterly-report", "member-units-half-yearly-report"}
DECEMBER_2026 = {"study-twice-yearly", "regular-situation-analysis", "regular-party-briefing", "annual-assessment",
                 "yearly-study-topics", "new-media-annual-review", "office-annual-inspection"}
NO_FREQUENCY = "security-publicity-week"


@pytest.fixture(scope="module")
def on_the_day(handbook):
    return handbook.on(TODAY)


def icalendar_occurrences(data: bytes, start: datetime.date, end: datetime.date) -> dict:
    """(uid, date) -> status, read with icalendar: each series' RRULE expanded (dateutil), with its
    RDATEs, and each override (RECURRENCE-ID) put in place of the date it replaces."""
    found, replaced = {}, set()
    components = ICalendar.from_ical(data).walk("VEVENT")
    for event in components:
        uid, day = str(event["UID"]), event.decoded("DTSTART")
        if "RECURRENCE-ID" in event:
            replaced.add((uid, event.decoded("RECURRENCE-ID")))
        if "RRULE" in event:
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=datetime.datetime.combine(day, datetime.time()))
            days = [d.date() for d in rule.between(datetime.datetime.combine(start, datetime.time()),
                                                    datetime.datetime.combine(end, datetime.time()), inc=True)]
            found.update({(uid, d): str(event["STATUS"]) for d in days})
        elif start <= day <= end:
            found[(uid, day)] = str(event["STATUS"])
        extra = event.get("RDATE", [])
        for dates in extra if isinstance(extra, list) else [extra]:
            found.update({(uid, d.dt): str(event["STATUS"]) for d in dates.dts if start <= d.dt <= end})
    for key in replaced:  # the implied date an override replaces is no occurrence of its own
        if key in found and not any(str(e["UID"]) == key[0] and e.decoded("DTSTART") == key[1]
                                    and "RECURRENCE-ID" in e for e in components):
            del found[key]
    return found


def ical_occurrences(data: bytes, start: datetime.date, end: datetime.date) -> dict:
    """The same, read by the second library (`ical`), which expands series with their overrides."""
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return {(event.uid, event.dtstart): event.status.value
            for event in calendar.timeline.overlapping(start, end + datetime.timedelta(days=1))
            if start <= event.dtstart <= end}


READERS = {"icalendar": icalendar_occurrences, "ical": ical_occurrences}


def expected_occurrences(handbook, start: datetime.date, end: datetime.date) -> dict:
    calendar = handbook.calendar
    return {(feeds.uid(handbook, o.entry, o), o.start): "CONFIRMED" if o.is_set else "TENTATIVE"
            for entry in calendar.entries for year in calendar.years
            for o in entry_year_occurrences(calendar, entry, year) if start <= o.start <= end}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_on_30_november_2026_the_feed_holds_december_not_yet_set_and_2027_as_set(on_the_day, reader, language):
    data = feeds.ics(on_the_day, language, SITE_URL)
    read = READERS[reader](data, datetime.date(2026, 12, 1), datetime.date(2027, 12, 31))
    december = {uid.split("@")[0]: status for (uid, day), status in read.items() if day.year == 2026}
    assert set(december) == DECEMBER_2026 and set(december.values()) == {"TENTATIVE"}
    assert {day for (_, day) in read if day.year == 2026} == {datetime.date(2026, 12, 31)}
    assert read == expected_occurrences(on_the_day, datetime.date(2026, 12, 1), datetime.date(2027, 12, 31))
    # 2027: the dates of the 2027 settings, e.g. the quarterly report on day 15 after each quarter
    # (the last quarter of 2026 included); the report on the last quarter of 2027 falls in 2028,
    # not yet set, so it is on the default date, 31 December 2027, marked
    settings = on_the_day.calendar.year_settings(2027)
    quarterly = sorted(day for (uid, day), _ in read.items() if uid.startswith("office-quarterly-report@"))
    assert quarterly == [datetime.date(2027, m, settings.due["office-quarterly-report"].days_after_period_end)
                         for m in (1, 4, 7, 10)] + [datetime.date(2027, 12, 31)]
    tentative_2027 = {(uid.split("@")[0], day) for (uid, day), status in read.items()
                      if day.year == 2027 and status == "TENTATIVE"}
    assert tentative_2027 == {(entry_id, datetime.date(2027, 12, 31)) for entry_id in REPORTS_AFTER_THE_PERIOD}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_the_feeds_end_with_the_covered_years_as_the_page_and_the_csv_do(on_the_day, reader):
    """Read over 2026-2031, every feed holds exactly the covered years' occurrences: no default
    date in 2028 or later that the page and the CSV do not show (the series are bounded)."""
    for language in LANGUAGE_ROOTS:
        for path, data in feeds.site_feeds(on_the_day, language, SITE_URL).items():
            if path == "calendar/all.ics":
                read = READERS[reader](data, datetime.date(2026, 1, 1), datetime.date(2031, 12, 31))
                assert read == expected_occurrences(on_the_day, datetime.date(2026, 1, 1), datetime.date(2031, 12, 31))
                assert max(day for _, day in read) == datetime.date(2027, 12, 31)


def test_the_two_libraries_read_the_same_occurrences_in_every_feed(on_the_day):
    for language in LANGUAGE_ROOTS:
        for path, data in feeds.site_feeds(on_the_day, language, SITE_URL).items():
            if path.endswith(".ics"):
                window = (datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))
                assert icalendar_occurrences(data, *window) == ical_occurrences(data, *window), path


def test_each_occurrence_has_the_same_title_in_the_feed_as_in_the_csv(on_the_day):
    """The report on 2027's last period (due in 2028, not yet set) names its period in the CSV;
    the feed's occurrence on that day must too, not the series' plain title."""
    window = (datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))
    for language in LANGUAGE_ROOTS:
        header, *rows = list(csv.reader(io.StringIO(
            feeds.csv_bytes(on_the_day, language, SITE_URL).decode("utf-8-sig"), newline="")))
        what = header.index(on_the_day.label("calendar-what", language))
        in_csv = sorted((datetime.date.fromisoformat(row[0]), row[what]) for row in rows if row[0])
        in_feed = {}
        events = ICalendar.from_ical(feeds.ics(on_the_day, language, SITE_URL)).walk("VEVENT")
        for event in events:  # each series' days with its own title, then the overrides' titles
            if "RRULE" in event:
                start = datetime.datetime.combine(event.decoded("DTSTART"), datetime.time())
                rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
                for day in rule.between(*(datetime.datetime.combine(d, datetime.time()) for d in window), inc=True):
                    in_feed[(str(event["UID"]), day.date())] = str(event["SUMMARY"])
        for event in events:
            if "RECURRENCE-ID" in event:
                in_feed.pop((str(event["UID"]), event.decoded("RECURRENCE-ID")), None)
            if "RRULE" not in event and window[0] <= event.decoded("DTSTART") <= window[1]:
                in_feed[(str(event["UID"]), event.decoded("DTSTART"))] = str(event["SUMMARY"])
        # the feed's title of a default date says so (a phone shows no more); the CSV has a column for it
        in_feed = {key: without_default_mark(on_the_day, title, language) for key, title in in_feed.items()}
        assert sorted((day, title) for (_, day), title in in_feed.items()) == in_csv
        named = fill_in(on_the_day.label("calendar-reports-on", language), date=long_date(datetime.date(2027, 12, 31), language))
        assert len([title for title in in_feed.values() if named in title]) == len(REPORTS_AFTER_THE_PERIOD)


def test_a_date_not_yet_set_is_marked_so_in_the_feed_the_csv_and_the_page(on_the_day):
    for language in LANGUAGE_ROOTS:
        mark = feeds.not_set_mark(on_the_day, language)
        office = on_the_day.role(on_the_day.calendar.settings.kept_by).name[language]
        assert office in mark
        for event in ICalendar.from_ical(feeds.ics(on_the_day, language, SITE_URL)).walk("VEVENT"):
            tentative = str(event["STATUS"]) == "TENTATIVE"
            assert (mark in str(event["DESCRIPTION"])) == tentative, event["UID"]
            # a series' own event carries the defaults; the office's dates replace them, and an
            # implied report on a period names its period (as the CSV does), still a default
            names_its_period = "RECURRENCE-ID" in event and fill_in(
                on_the_day.label("calendar-reports-on", language),
                date=long_date(event.decoded("RECURRENCE-ID"), language)) in str(event["SUMMARY"])
            if "RRULE" in event:
                assert tentative and "RECURRENCE-ID" not in event, event["UID"]
            elif tentative:
                assert names_its_period, event["UID"]
            if "RRULE" in event and not str(event["UID"]).startswith(NO_FREQUENCY + "@"):
                assert event.decoded("DTSTART").year == 2026, event["UID"]
        header, *rows = list(csv.reader(io.StringIO(
            feeds.csv_bytes(on_the_day, language, SITE_URL).decode("utf-8-sig"), newline="")))
        status = header.index(on_the_day.label("calendar-status", language))
        dated = [row for row in rows if row[0]]
        assert {row[status] == mark for row in dated if row[0].startswith("2026")} == {True}
        # in 2027, only the reports on its last period, which fall in 2028 (not yet set)
        assert len([row for row in dated if row[0].startswith("2027") and row[status] == mark]) == len(
            REPORTS_AFTER_THE_PERIOD)
        assert all(row[0].startswith("2027-12-31") for row in dated if row[0].startswith("2027") and row[status] == mark)
        page = calendar_pages.calendar(on_the_day, language, "calendar/", SITE_URL)
        years = html.unescape(re.search(r"<ul class=\"hb-calendar-years\".*?</ul>", page, re.S).group(0))
        assert 'data-year="2026" data-set="no"' in years and 'data-year="2027" data-set="yes"' in years
        assert feeds.year_status(on_the_day, 2026, language) in years
        assert "2026" in feeds.year_status(on_the_day, 2026, language)
        set_2027 = feeds.year_status(on_the_day, 2027, language)
        assert set_2027 in years and ("2026年11月20日" if language == "zh" else "20 November 2026") in set_2027
        assert feeds.implied_rule(on_the_day, language) in html.unescape(page)  # said once, as a default, not the Rules
        december = re.findall(r'<tr data-entry="([a-z-]+)" data-year="2026" class="hb-not-set">.*?</tr>', page, re.S)
        assert set(december) == DECEMBER_2026 | {e.id for e in on_the_day.calendar.entries
                                                 if e.recurring and e.id not in DECEMBER_2026 | {NO_FREQUENCY}}
    assert "本手册的默认日期，尚未由校网络信息安全领导小组办公室设定" == feeds.not_set_mark(on_the_day, "zh")


def uids(data: bytes) -> list[str]:
    return sorted({str(event["UID"]) for event in ICalendar.from_ical(data).walk("VEVENT")})


def test_a_changed_setting_for_one_year_is_an_override_of_the_same_series(tmp_path, on_the_day):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "calendar.yml"
    text = path.read_text(encoding="utf-8")
    old = "      annual-assessment:\n        month: 12\n        day: 31\n"
    assert old in text
    path.write_text(text.replace(old, old.replace("day: 31", "day: 20")), encoding="utf-8")
    changed = load_handbook(data).on(TODAY)
    before, after = feeds.ics(on_the_day, "zh", SITE_URL), feeds.ics(changed, "zh", SITE_URL)
    assert uids(before) == uids(after)
    window = (datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    for reader in READERS.values():
        moved = {day for (uid, day) in reader(after, *window) if uid.startswith("annual-assessment@")}
        assert moved == {datetime.date(2027, 12, 20)}
    series = [e for e in ICalendar.from_ical(after).walk("VEVENT") if str(e["UID"]).startswith("annual-assessment@")]
    assert [("RRULE" in e, e.get("RECURRENCE-ID") is not None) for e in series] == [(True, False), (False, True)]
    assert series[1].decoded("RECURRENCE-ID") == datetime.date(2027, 12, 31)  # the implied date it replaces


def test_when_next_year_is_set_too_the_series_keep_their_uids(on_the_day):
    later = on_the_day.on(datetime.date(2027, 3, 1))  # covers 2027 (set) and 2028 (not yet set)
    for language in LANGUAGE_ROOTS:
        assert uids(feeds.ics(later, language, SITE_URL)) == [
            uid for uid in uids(feeds.ics(on_the_day, language, SITE_URL))]
    assert later.calendar.years == [2027, 2028]
    read = ical_occurrences(feeds.ics(later, "zh", SITE_URL), datetime.date(2028, 1, 1), datetime.date(2028, 12, 31))
    assert set(read.values()) == {"TENTATIVE"} and read  # 2028 is shown, implied, marked


def test_the_same_date_gives_the_same_bytes_and_another_date_other_years(on_the_day, handbook):
    again = load_handbook(ROOT / "data").on(TODAY)
    for language in LANGUAGE_ROOTS:
        assert feeds.site_feeds(on_the_day, language, SITE_URL) == feeds.site_feeds(again, language, SITE_URL)


def test_the_next_date_under_a_clause_is_the_calendars_next_occurrence(on_the_day):
    calendar = on_the_day.calendar
    briefing = next_date(on_the_day, calendar.entry("regular-party-briefing"), TODAY)
    assert briefing.start == datetime.date(2026, 12, 31) and not briefing.is_set
    after_new_year = next_date(on_the_day, calendar.entry("regular-party-briefing"), datetime.date(2027, 1, 1))
    assert after_new_year.start == datetime.date(2027, 6, 20) and after_new_year.is_set


@pytest.mark.parametrize("environment, expected", [
    ({"HANDBOOK_TODAY": "2026-11-30"}, datetime.date(2026, 11, 30)),
    ({"SOURCE_DATE_EPOCH": "1796083200"}, datetime.date(2026, 12, 1)),
    ({"HANDBOOK_TODAY": "2027-01-02", "SOURCE_DATE_EPOCH": "1796083200"}, datetime.date(2027, 1, 2)),
])
def test_the_build_date_is_read_in_one_place_from_the_environment(monkeypatch, environment, expected):
    monkeypatch.delenv("HANDBOOK_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    assert build_date.build_date() == expected


def test_a_build_date_that_is_no_date_is_one_line(monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", "30.11.2026")
    with pytest.raises(HandbookDataError, match=r"^HANDBOOK_TODAY: '30\.11\.2026' is not a date like 2026-11-30$"):
        build_date.build_date()


def test_a_report_after_its_period_names_the_period_it_is_for(on_the_day):
    """15 January 2027 is the report on the quarter ending 31 December 2026: its title says so, in
    the feed (the override's SUMMARY), the CSV and the page; a date in its own period says nothing."""
    for language in LANGUAGE_ROOTS:
        period = fill_in(on_the_day.label("calendar-reports-on", language),
                         date=long_date(datetime.date(2026, 12, 31), language))
        events = {(str(e["UID"]).split("@")[0], e.decoded("DTSTART")): str(e["SUMMARY"])
                  for e in ICalendar.from_ical(feeds.ics(on_the_day, language, SITE_URL)).walk("VEVENT")}
        assert period in events[("office-quarterly-report", datetime.date(2027, 1, 15))]
        assert period in events[("member-units-half-yearly-report", datetime.date(2027, 1, 10))]
        labelled = {key for key, summary in events.items() if period in summary}
        assert labelled == {("office-quarterly-report", datetime.date(2027, 1, 15)),
                            ("member-units-half-yearly-report", datetime.date(2027, 1, 10))}
        csv_text = feeds.csv_bytes(on_the_day, language, SITE_URL).decode("utf-8-sig")
        assert sum(period in line for line in csv_text.splitlines()) == 2
        page = html.unescape(calendar_pages.calendar(on_the_day, language, "calendar/", SITE_URL))
        row = re.search(r'<tr data-entry="office-quarterly-report" data-year="2027"[^>]*><td><time datetime="2027-01-15">'
                        r'.*?</tr>', page, re.S).group(0)
        assert period in row


def test_the_report_on_the_last_covered_period_names_its_period_and_is_not_set(on_the_day):
    """2027 dates its reports after their period: the one on its last period falls in 2028, so it
    keeps its default date (31 December 2027), marked not set, and says which period it is for,
    as the set ones do: it is not a third half-yearly report of 2027 (CSV and page)."""
    for language in LANGUAGE_ROOTS:
        period = fill_in(on_the_day.label("calendar-reports-on", language),
                         date=long_date(datetime.date(2027, 12, 31), language))
        csv_text = feeds.csv_bytes(on_the_day, language, SITE_URL).decode("utf-8-sig")
        assert sum(period in line for line in csv_text.splitlines()) == 2  # the quarterly and the half-yearly
        page = html.unescape(calendar_pages.calendar(on_the_day, language, "calendar/", SITE_URL))
        for entry_id in ("office-quarterly-report", "member-units-half-yearly-report"):
            row = re.search(rf'<tr data-entry="{entry_id}" data-year="2027" class="hb-not-set"><td>'
                            r'<time datetime="2027-12-31">.*?</tr>', page, re.S).group(0)
            assert period in row and feeds.not_set_mark(on_the_day, language) in row


def test_an_activity_the_rules_do_not_time_has_only_the_office_s_dates(on_the_day):
    """The Rules give the Cybersecurity Week no frequency: 2026, not set, shows no date for it
    (a one-day week on 31 December would be the handbook's invention), neither on the page nor in
    the feed or the CSV; 2027 shows the week the office set, and the clause's next date is it."""
    entry = on_the_day.calendar.entry(NO_FREQUENCY)
    assert entry_year_occurrences(on_the_day.calendar, entry, 2026) == []
    week = entry_year_occurrences(on_the_day.calendar, entry, 2027)
    assert [(o.start, o.end, o.is_set) for o in week] == [(datetime.date(2027, 9, 13), datetime.date(2027, 9, 19), True)]
    assert next_date(on_the_day, entry, TODAY).start == datetime.date(2027, 9, 13)
    for language in LANGUAGE_ROOTS:
        for reader in READERS.values():
            read = reader(feeds.ics(on_the_day, language, SITE_URL), datetime.date(2026, 1, 1), datetime.date(2031, 12, 31))
            assert sorted(day for (uid, day) in read if uid.startswith(NO_FREQUENCY + "@")) == [datetime.date(2027, 9, 13)]
        csv_text = feeds.csv_bytes(on_the_day, language, SITE_URL).decode("utf-8-sig")
        assert not any(line.startswith("2026") and entry.title[language] in line for line in csv_text.splitlines())
        page = html.unescape(calendar_pages.calendar(on_the_day, language, "calendar/", SITE_URL))
        cell = re.search(rf'<tr data-entry="{NO_FREQUENCY}"><td>.*?<td data-year="2026"[^>]*>(.*?)</td>', page, re.S).group(1)
        assert "<time" not in cell and "2026" not in cell


def test_an_activity_the_rules_do_not_time_set_in_two_years_is_one_event_on_the_office_s_dates(tmp_path):
    """The Cybersecurity Week, set for 2027 and 2028: one event (one UID) on the two weeks the
    office set, its first the event itself and its second an extra date with its own override;
    no rule, so no reader finds any other day."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "calendar.yml"
    text = path.read_text(encoding="utf-8")
    year_2027 = text[text.index("  - year: 2027\n"):]
    week = "      security-publicity-week:\n        every_months: 12\n        month: 9\n        day: 13\n"
    assert week in year_2027
    year_2028 = year_2027.replace("2027", "2028").replace(week, week.replace("day: 13", "day: 18"))
    path.write_text(text + year_2028, encoding="utf-8")
    later = load_handbook(data).on(datetime.date(2027, 3, 1))  # covers 2027 and 2028
    data = feeds.ics(later, "zh", SITE_URL)
    week = [e for e in ICalendar.from_ical(data).walk("VEVENT") if str(e["UID"]).startswith(NO_FREQUENCY + "@")]
    assert [("RRULE" in e, "RDATE" in e, e.get("RECURRENCE-ID") is not None) for e in week] == [
        (False, True, False), (False, False, True)]
    assert {str(e["STATUS"]) for e in week} == {"CONFIRMED"}
    assert [d.dt for d in week[0]["RDATE"].dts] == [datetime.date(2027, 9, 13), datetime.date(2028, 9, 18)]
    # each week is one occurrence: neither the first date listed twice (DTSTART and RDATE) nor an
    # extra date and its override shows twice
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    shown = Counter((e.uid, e.dtstart) for e in calendar.timeline if e.uid.startswith(NO_FREQUENCY + "@"))
    assert sorted(shown.values()) == [1, 1] and len(shown) == 2
    for reader in READERS.values():
        read = reader(data, datetime.date(2027, 1, 1), datetime.date(2029, 12, 31))
        assert sorted(day for (uid, day) in read if uid.startswith(NO_FREQUENCY + "@")) == [
            datetime.date(2027, 9, 13), datetime.date(2028, 9, 18)]


def test_the_feeds_and_the_workbook_say_they_list_only_the_calendared_event_driven_duties(on_the_day):
    """The calendar page says its event-driven table lists only the duties with a calendar entry
    and points to the duty matrix for the others; so do every feed's description and the
    workbook's notes, with the matrix's address."""
    import openpyxl

    from macros import office_files

    for language, root in LANGUAGE_ROOTS.items():
        matrix = f"{SITE_URL}{root}duties/"
        for path, data in feeds.site_feeds(on_the_day, language, SITE_URL + root).items():
            if path.endswith(".ics"):
                description = str(ICalendar.from_ical(data)["X-WR-CALDESC"])
                assert description.endswith(matrix), path
        files = office_files.office_files(on_the_day, SITE_URL)
        book = openpyxl.load_workbook(io.BytesIO(files[f"downloads/calendar-{language}.xlsx"]))
        notes = [row[0] for row in book.worksheets[-1].iter_rows(values_only=True) if row[0]]
        assert any(note.endswith(matrix) for note in notes)
