"""The reporting calendar: its entries (derived from the duties) cover the text, its local settings
are checked, and its feeds and page are what users rely on."""

from __future__ import annotations

from functools import partial

import calendar as month_lengths
import csv
import datetime
import html
import io
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from dateutil.rrule import rrulestr
from icalendar import Calendar as ICalendar

from macros import calendar_pages, feeds, schedule
from macros.duties import does
from macros.text import fill_in
from macros.handbook import load_handbook
from macros.models.duties import Frequency, Part
from macros.schedule import entry_occurrences, entry_year_occurrences, local_interval, year_occurrences
from support import (CJK, LANGUAGE_ROOTS, PUBLISHED_URL, ROOT, SITE_URL, content, load_error_after_change, page_path,
                     root_link, soup, without_default_mark)
from test_site import _allowed_chinese

DOCUMENT = "shgcw-2018-46"

# The /calendar/ anchors and feed UIDs as published before the entries were derived from the duties.
PUBLISHED = yaml.safe_load((ROOT / "tests" / "fixtures" / "calendar_published_ids.yml").read_text(encoding="utf-8"))

# Every timed obligation of the Rules, as (anchor, words of the Chinese text that set it).
TIMED_OBLIGATIONS = [
    ("art-4-2", "每年专题研究意识形态工作"),
    ("art-4-2", "每年两次重点研究"),
    ("art-4-2", "定期分析研判"),
    ("art-4-2", "及时向校党委报告网络意识形态领域的重大情况"),
    ("art-4-2", "定期在党内通报"),
    ("art-4-4", "必须在党委宣传部进行登记备案"),
    ("art-4-4", "年度检查审核"),
    ("art-4-6", "办好网络安全宣传周活动"),
    ("art-5-7", "重大突发事件舆情监测、预警、报告和处置"),
    ("art-5-8", "在节假日等重要节点"),
    ("art-6", "重大事项报告制度"),
    ("art-6", "每季度向校党委和党委宣传部门报告"),
    ("art-6", "每年要对网络意识形态工作进行一次专题督查，督查结果向校党委报告"),
    ("art-7", "每半年向同级网络安全和信息化领导小组办公室提供"),
    ("art-7", "研判报告和工作情况"),
    ("art-10", "纳入年度目标责任考核"),
]
# Words of the text that set a time or a report; each occurrence must fall inside a timed
# obligation above or one of the mentions below that set no dated duty of their own.
TIMING_WORDS = ["每季度", "每半年", "每年", "年度", "定期", "两次", "节假日", "宣传周", "报告"]
NOT_A_TIMED_OBLIGATION = [
    ("art-4-2", "述职报告"),  # an occasion of the yearly study topics, not a report to someone
    ("art-4-4", "年度审查不合格"),  # the outcome of the same annual review
    ("art-4-6", "不定期"),  # "occasional" seminars: explicitly no schedule
    ("art-8-7", "网上报告会"),  # online talks, not a report
]


def source_texts(handbook) -> dict[str, str]:
    texts = {}
    for article in handbook.documents[DOCUMENT].rules.articles:
        texts[article.anchor] = article.text.zh
        texts.update({article.item_anchor(item): item.text.zh for item in article.items})
    return texts


def spans(text: str, words: str) -> list[range]:
    return [range(m.start(), m.end()) for m in re.finditer(re.escape(words), text)]


def uncovered(calendar, texts) -> list[tuple[str, str]]:
    """The timed obligations no calendar entry quotes (its quote overlaps the obligation's words)."""
    missing = []
    for anchor, words in TIMED_OBLIGATIONS:
        quoted = [span for entry in calendar.entries if entry.source == anchor
                  for span in spans(texts[anchor], entry.quote)]
        if not any(set(q) & set(s) for q in quoted for s in spans(texts[anchor], words)):
            missing.append((anchor, words))
    return missing


# --- The data covers the text -----------------------------------------------------------------

def test_every_timed_obligation_of_the_text_is_in_the_calendar(handbook):
    texts = source_texts(handbook)
    for anchor, words in TIMED_OBLIGATIONS + NOT_A_TIMED_OBLIGATION:
        assert words in texts[anchor], f"{anchor} does not say {words!r}"
    assert uncovered(handbook.calendar, texts) == []


def test_the_coverage_check_notices_a_missing_duty(handbook):
    calendar = handbook.calendar
    without = calendar.model_copy(update={"entries": [e for e in calendar.entries if e.id != "office-quarterly-report"]})
    assert uncovered(without, source_texts(handbook)) == [("art-6", "每季度向校党委和党委宣传部门报告")]


def test_every_timing_word_of_the_text_belongs_to_a_listed_obligation(handbook):
    """Keeps TIMED_OBLIGATIONS complete: a new 每季度 or 报告 in the text must be listed."""
    loose = []
    for anchor, text in source_texts(handbook).items():
        listed = [s for a, words in TIMED_OBLIGATIONS + NOT_A_TIMED_OBLIGATION if a == anchor
                  for s in spans(text, words)]
        for word in TIMING_WORDS:
            for hit in spans(text, word):
                if not any(hit.start in s and hit.stop - 1 in s for s in listed):
                    loose.append(f"{anchor}: {text[max(0, hit.start - 8):hit.stop + 8]}")
    assert not loose, "\n".join(loose)


def published_ids(handbook) -> dict:
    """The /calendar/ anchors (both languages) and each .ics feed's UIDs, produced in-process."""
    anchors, uids = set(), {}
    for language in LANGUAGE_ROOTS:
        page = calendar_pages.calendar(handbook, language, "calendar/", SITE_URL)
        anchors |= {a or b for a, b in re.findall(r'id="([^"]+)"|\{ #([a-z0-9-]+)', page)}
        for path, data in feeds.site_feeds(handbook, language, SITE_URL).items():
            if path.endswith(".ics"):
                found = sorted(set(re.findall(r"UID:(\S+)", data.decode())))
                assert uids.setdefault(path, found) == found, f"{path}: UIDs differ between languages"
    return {"anchors": sorted(anchors), "uids": uids}


def no_longer_published(now: dict) -> list[str]:
    """The anchors and feed UIDs of tests/fixtures/calendar_published_ids.yml that `now` lacks.
    New ones may come (a new feed, a duty added to a role's feed); none may go or be renamed."""
    missing = [f"#{anchor}" for anchor in PUBLISHED["anchors"] if anchor not in now["anchors"]]
    for path, uids in PUBLISHED["uids"].items():
        missing += [f"{path}: {uid}" for uid in uids if uid not in now["uids"].get(path, [])]
    return missing


def test_calendar_anchors_and_feed_uids_are_those_already_published(handbook):
    """Subscribers must not see duplicates, links must not break: the entries derived from the
    duties keep the ids the calendar had when it was written by hand."""
    assert no_longer_published(published_ids(handbook)) == []


def test_the_published_ids_check_notices_a_renamed_calendar_id(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for name, old, new in (("duties.yml", "      id: office-quarterly-report\n", "      id: quarterly-report\n"),
                           ("calendar.yml", "      office-quarterly-report:\n", "      quarterly-report:\n")):
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    renamed = published_ids(load_handbook(data))
    assert "quarterly-report" in renamed["anchors"] and "office-quarterly-report" not in renamed["anchors"]
    assert "#office-quarterly-report" in no_longer_published(renamed)


def test_every_timed_duty_is_on_the_calendar_under_its_own_calendar_id(handbook):
    """The entries are the duties: the three that the hand-written calendar repeated without a link
    (analysis, briefing, major incidents) are the duties' own entries now."""
    entries = {entry.duty: entry for entry in handbook.calendar.entries}
    assert entries["analyse-regularly"].id == "regular-situation-analysis"
    assert entries["brief-party-regularly"].id == "regular-party-briefing"
    assert entries["emergency-opinion-response"].id == "major-incident-opinion-report"
    for duty in handbook.duties.duties:
        if duty.calendar:
            entry = entries[duty.id]
            assert (entry.source, entry.quote, entry.text, entry.frequency) == (
                duty.source, duty.quote, duty.text, duty.frequency)


def test_the_roles_taking_part_are_the_duty_s_that_carry_it_out_are_consulted_or_subject_to_it(handbook):
    """The calendar's "Also" says what the duty matrix says: every role that carries the duty out,
    is consulted or is subject to it besides its owner, with its part; the levels of
    responsibility and the roles only informed are not listed."""
    entries = {entry.id: entry for entry in handbook.calendar.entries}
    assert entries["new-media-annual-review"].participants == ["new-media-operators", "party-organisation"]
    assert entries["major-incident-opinion-report"].participants == []  # the Leading Group's alone
    assert entries["new-media-registration"].participants == ["party-organisation"]
    assert entries["office-annual-inspection"].participants == ["party-organisation"]
    assert entries["office-quarterly-report"].participants == []  # the recipients are only informed
    assert entries["regular-situation-analysis"].participants == []  # Article 3's levels only
    # a second role that carries the duty out is listed too
    duty = handbook.duty(entries["major-incident-opinion-report"].duty)
    both = duty.model_copy(update={"roles": {**duty.roles, "leading-group-office": Part.carries_out}})
    assert both.owner() == "leading-group" and both.participants() == ["leading-group-office"]
    page = calendar_pages.calendar(handbook, "zh", "calendar/", SITE_URL)
    row = re.search(r'<tr id="office-annual-inspection">.*?</tr>', page, re.S).group(0)
    assert 'href="#role-party-organisation"' in row and "对象" in row and "参与" not in row


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_the_page_s_note_on_the_duties_left_out_links_the_duty_matrix_as_the_feeds_name_it(handbook, language):
    """The calendar page says, as the feeds do, that the other event-driven duties are in the duty
    matrix, and links it by the address the feeds give."""
    root = LANGUAGE_ROOTS[language]
    site_url = SITE_URL + root
    page = soup_of(calendar_pages.calendar(handbook, language, "calendar/", site_url))
    link = next(a for a in page.select("p a") if a.get_text() == feeds.duty_matrix_url(site_url))
    assert link["href"] == "../duties/"
    note = link.parent.get_text()
    assert note == fill_in(handbook.label("calendar-feed-event-driven-note", language),
                           matrix=feeds.duty_matrix_url(site_url))
    assert note in feeds.site_feeds(handbook, language, site_url)["calendar/all.ics"].decode().replace("\r\n ", "").replace("\\", "")


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_only_a_date_the_handbook_implies_is_called_its_default_date(handbook, language):
    """In a year the office has not set (2026), the settings table says each row is not yet set,
    and calls no row a default date: the Cybersecurity Week (no frequency) and the holiday
    campaigns (key dates) get none. Each date the table lists, as in the months below, is marked
    as the handbook's default date."""
    page = soup_of(calendar_pages.calendar(handbook, language, "calendar/", SITE_URL + LANGUAGE_ROOTS[language]))
    default_mark = feeds.not_set_mark(handbook, language)
    rule_mark = fill_in(handbook.label("calendar-rule-not-set", language), office=feeds.office(handbook, language))
    assert handbook.calendar.year_settings(2026) is None
    cells = {row["data-entry"]: row.select_one('td[data-year="2026"]')
             for row in page.select(".hb-calendar-settings tbody tr")}
    for entry_id in ("security-publicity-week", "holiday-campaigns"):
        assert cells[entry_id].select_one(".hb-rule").get_text() == rule_mark, entry_id
        assert default_mark not in cells[entry_id].get_text() and not cells[entry_id].select("time"), entry_id
    month_marks = page.select('tr[data-year="2026"] .hb-not-set__mark')
    assert month_marks and all(mark.get_text() == default_mark for mark in month_marks)


@pytest.mark.parametrize("today, this_month, last_of_the_build_year", [
    (datetime.date(2026, 12, 31), "2026-12", 12), (datetime.date(2027, 1, 1), "2027-01", None)])
def test_each_month_s_old_anchor_leads_to_its_next_section_whatever_the_build_date(handbook, today, this_month,
                                                                                  last_of_the_build_year):
    """In December, #month-12 is this December and the other months next year's; in January,
    every month is this year's (the covered years move with the build date)."""
    page = calendar_pages.calendar(handbook.on(today), "en", "calendar/", SITE_URL)  # Markdown
    headings = re.findall(r"^### .* \{ #(month-\d{4}-\d\d) ", page, re.M)
    assert headings[0] == f"month-{today.year}-01" and len(headings) == 24
    # each old anchor, and the heading of the section under it
    leads_to = dict(re.findall(r'^<div id="(month-\d+)" class="hb-anchor"></div>\n\n### .* \{ #(month-[\d-]+) ', page, re.M))
    assert len(leads_to) == 12
    for month in range(1, 13):
        year = today.year if month == last_of_the_build_year or last_of_the_build_year is None else today.year + 1
        assert leads_to[f"month-{month}"] == f"month-{year}-{month:02d}", month
    assert f'<a href="#month-{this_month}">' in page.split("{ #months ")[1].split("###")[0]


def test_the_frequency_shown_as_the_rules_is_the_rules_words_and_the_dates_are_marked_local(handbook):
    """每年两次 is "twice a year", not "every six months"; the Cybersecurity Week has no frequency in
    the text; every dated row of the feeds says how the office set its date."""
    page = calendar_pages.calendar(handbook, "en", "calendar/", SITE_URL)
    row = re.search(r'<tr id="study-twice-yearly">.*?</tr>', page, re.S).group(0)
    assert "<td>Twice a year</td>" in row and "six months" not in row
    # its interval is the office's setting, and says so
    assert 'The Rules say "twice a year"; set locally to every 6 months, from the last day of June' in html.unescape(page)
    week = re.search(r'<tr id="security-publicity-week">.*?</tr>', page, re.S).group(0)
    assert "<td>No frequency in the Rules</td>" in week
    for language in LANGUAGE_ROOTS:
        header, *rows = list(csv.reader(io.StringIO(
            feeds.csv_bytes(handbook, language, SITE_URL).decode("utf-8-sig"), newline="")))
        rule, status = (header.index(handbook.label(k, language)) for k in ("calendar-date-rule", "calendar-status"))
        assert all(row[rule] and row[status] for row in rows if row[0])
        # "Frequency (the Rules)" holds the Rules' words for how often, or that they set none;
        # an event-driven duty's occasion is its trigger, not a frequency
        frequency = header.index(handbook.label("calendar-frequency", language))
        rules_words = {handbook.label(f"frequency-{f.value}", language) for f in Frequency}
        rules_words.add(handbook.label("frequency-annual", language))  # 年度 where the Rules say 年度
        assert {row[frequency] for row in rows} <= rules_words | {handbook.label("frequency-not-set", language)}
        annual = {entry.title[language] for entry in handbook.calendar.entries
                  if entry.frequency is Frequency.yearly and "每年" not in entry.quote}
        assert annual and {row[frequency] for row in rows if row[2] in annual} == {
            handbook.label("frequency-annual", language)}  # 年度检查审核 is not 每年 in the Rules' words
        assert all(row[frequency] == handbook.label("frequency-not-set", language) for row in rows if not row[0])
        assert not any(row[rule] or row[status] for row in rows if not row[0])
        entries = {feeds.uid(handbook, entry): entry for entry in handbook.calendar.entries}
        for event in ICalendar.from_ical(feeds.ics(handbook, language, SITE_URL)).walk("VEVENT"):
            # the rule of its date, under a label that does not call a default a local setting
            assert handbook.label("calendar-date-rule", language) in str(event["DESCRIPTION"])
            assert not any(line.startswith(handbook.label("calendar-local-rule", language))
                           for line in str(event["DESCRIPTION"]).splitlines())
            # the roles taking part besides the owner, with their parts, as the page lists them
            entry = entries.get(str(event["UID"]))
            if entry is not None and entry.participants:
                also = handbook.label("calendar-participant", language) + feeds.colon(language)
                assert also + feeds.participants_text(handbook, entry, language) in str(event["DESCRIPTION"])


def test_event_driven_duties_have_a_trigger_and_no_date(handbook):
    events = [e for e in handbook.calendar.entries if not e.dated]
    assert {"new-media-registration", "major-situation-report", "office-major-matters-report"} <= {e.id for e in events}
    for entry in events:
        assert entry.trigger.zh and entry.trigger.en
        assert entry_occurrences(handbook.calendar, entry) == []


def test_each_year_has_the_dates_the_rules_frequencies_imply(handbook):
    calendar = handbook.calendar
    assert calendar.years == [2026, 2027] and calendar.year_settings(2026) is None
    settings = calendar.year_settings(2027)
    for year in calendar.years:
        count = {e.id: len(entry_year_occurrences(calendar, e, year)) for e in calendar.entries}
        assert count["regular-situation-analysis"] == 4
        assert count["study-twice-yearly"] == 2
        assert count["annual-assessment"] == count["office-annual-inspection"] == count["new-media-annual-review"] == 1
    assert len(entry_year_occurrences(calendar, calendar.entry("holiday-campaigns"), 2027)) == len(
        settings.key_dates) >= 5
    assert entry_year_occurrences(calendar, calendar.entry("holiday-campaigns"), 2026) == []  # cannot be implied
    # A report due N days after its quarter ends is the report on that quarter: one per quarter.
    days = settings.due["office-quarterly-report"].days_after_period_end
    quarter_ends = [datetime.date(2026, 12, 31)] + [datetime.date(2027, m, d) for m, d in ((3, 31), (6, 30), (9, 30))]
    quarterly = calendar.entry("office-quarterly-report")
    in_2027 = entry_year_occurrences(calendar, quarterly, 2027)
    assert [o.start for o in in_2027 if o.is_set] == [end + datetime.timedelta(days=days) for end in quarter_ends]
    # the last quarter of 2027 is reported on in 2028, not yet set: its default date, marked not set
    assert [(o.start, o.is_set) for o in in_2027][-1:] == [(datetime.date(2027, 12, 31), False)]
    # 2026 is not set: the implied-dates rule, the last day of each quarter, marked not set; its last
    # quarter's report is the one the 2027 settings date (15 January 2027), so it is not shown twice
    implied = entry_year_occurrences(calendar, quarterly, 2026)
    assert [o.start for o in implied] == [datetime.date(2026, m, d) for m, d in ((3, 31), (6, 30), (9, 30))]
    assert not any(o.is_set for o in implied)
    half_yearly = calendar.entry("member-units-half-yearly-report")
    days = settings.due["member-units-half-yearly-report"].days_after_period_end
    assert [(o.start, o.is_set) for year in calendar.years for o in entry_year_occurrences(calendar, half_yearly, year)] == [
        (datetime.date(2026, 6, 30), False), (datetime.date(2027, 1, days), True), (datetime.date(2027, 7, days), True),
        (datetime.date(2027, 12, 31), False)]


def test_each_period_has_one_report_whichever_years_are_set(handbook, tmp_path):
    """A report due N days after its period ends is the report on that period: where a year not
    set meets a set one, its last period is not reported on twice (31 December and 15 January),
    and where a set year meets one not set, its last period is not left out."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "calendar.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("years:\n", "years:\n" + settings_as_year(2028), 1),
                    encoding="utf-8")
    both_set = load_handbook(data)
    day = datetime.date
    quarter_ends = [day(year, month, month_lengths.monthrange(year, month)[1]) for year in (2026, 2027, 2028)
                    for month in (3, 6, 9, 12)]
    for today, source, expected_ends in (
            (day(2026, 11, 30), handbook, quarter_ends[:8]),  # 2026 not set, 2027 set
            (day(2026, 11, 30), both_set, quarter_ends[:8]),  # 2028, set, is not read before it is covered
            (day(2027, 3, 1), handbook, quarter_ends[3:]),  # 2027 set, 2028 not: from the last quarter of 2026
            (day(2027, 3, 1), both_set, quarter_ends[3:])):  # both set
        calendar = source.on(today).calendar
        quarterly = calendar.entry("office-quarterly-report")
        plan = schedule.series(calendar, quarterly)
        occurrences = entry_occurrences(calendar, quarterly)
        # one occurrence per period: the set ones replace their period's implied date in the feed
        set_for = {occurrence.start: period_end for period_end, occurrence in plan.overrides}
        periods = [set_for[o.start] if o.is_set else o.start for o in occurrences]
        assert periods == expected_ends, (today, [o.start for o in occurrences])
        for occurrence in occurrences:
            settings = occurrence.settings
            if settings is not None:  # day 15 after the end of its period, at its year's setting
                days = settings.due["office-quarterly-report"].days_after_period_end
                assert occurrence.start == set_for[occurrence.start] + datetime.timedelta(days=days)
        assert plan.master.start == expected_ends[0]
        assert {o.start.year for o in occurrences} == set(calendar.years)  # the page shows each of them
        assert occurrences == [o for o in year_occurrences(calendar) if o.entry == quarterly]
    # Both years set, yet the report on the last quarter of 2028 is not: the page marks it in its
    # year's cell and says what a date not set is
    dated_later = both_set.on(day(2027, 3, 1))
    page = html.unescape(calendar_pages.calendar(dated_later, "en", "en/calendar/", SITE_URL))
    cell = re.search(r'<tr data-entry="office-quarterly-report"><td>.*?<td data-year="2028">(.*?)</td>', page, re.S).group(1)
    not_set = feeds.not_set_mark(dated_later, 'en')
    assert (f"31 December 2028 (for the period ending 31 December 2028; {not_set[0].lower() + not_set[1:]})"
            in cell and "15 October 2028" in cell)
    assert feeds.implied_rule(dated_later, "en") in page


def settings_as_year(year: int) -> str:
    """The 2027 settings of data/calendar.yml copied as another year's (key dates moved to it)."""
    text = (ROOT / "data" / "calendar.yml").read_text(encoding="utf-8")
    block = text[text.index("  - year: 2027\n"):]
    return block.replace("year: 2027", f"year: {year}").replace("date: 2027-", f"date: {year}-")


# Broken calendar data: (file, text to replace, replacement, expected one-line message).
BROKEN = {
    "unknown-recipient": ("duties.yml", "recipients: [leading-group-office]", "recipients: [leading-group-offices]",
                          r"^data/duties\.yml: duties\[\d+\]\.calendar\.recipients\[0\]: unknown role 'leading-group-offices'"),
    "recipient-not-in-duty": ("duties.yml", "recipients: [leading-group-office]", "recipients: [publicity-department]",
                              r"^data/duties\.yml: duties\[\d+\]\.calendar\.recipients\[0\]: 'publicity-department' "
                              r"takes no part in the duty \(roles\) \(line \d+\)$"),
    # the roles taking part are the duty's, never written in the calendar block
    "participants-written-by-hand": ("duties.yml", "        en: Annual inspection and review of official new media\n",
                                     "        en: Annual inspection and review of official new media\n"
                                     "      participants: [new-media-operators]\n",
                                     r"^data/duties\.yml: duties\[\d+\]\.calendar\.participants: unknown key"),
    "missing-trigger": ("duties.yml", "      trigger:\n        zh: 出现重大事项时\n        en: When a major matter arises\n",
                        "", r"^data/calendar\.yml: years\[0\]\.due: no date for 'office-major-matters-report', whose duty has "
                            r"neither a frequency nor a trigger"),
    "trigger-on-a-dated-duty": ("duties.yml", "      recipients: [leading-group-office]\n",
                                "      recipients: [leading-group-office]\n      trigger: {zh: 随时, en: Any time}\n",
                                r"^data/duties\.yml: duties\[\d+\]: a half-yearly duty has dates, not a trigger"),
    "duplicate-calendar-id": ("duties.yml", "      id: regular-party-briefing\n", "      id: regular-situation-analysis\n",
                              r"^data/duties\.yml: duties\[\d+\]\.calendar\.id: duplicate calendar id 'regular-situation-analysis'"),
    "reserved-id": ("duties.yml", "      id: annual-assessment\n", "      id: month-1\n",
                    r"^data/duties\.yml: duties\[\d+\]\.calendar\.id: 'month-1' is reserved for a section of the calendar page"),
    "missing-date": ("calendar.yml", "      annual-assessment:\n        month: 12\n        day: 31\n", "",
                     r"^data/calendar\.yml: years\[0\]\.due: no date for 'annual-assessment' \(a dated duty of data/duties\.yml\)"),
    "impossible-day": ("calendar.yml", "        month: 6\n        day: last\n", "        month: 6\n        day: 31\n",
                       r"^data/calendar\.yml: years\[0\]\.due\.study-twice-yearly\.day: month 6 of 2027 has no day 31 "
                       r"\(for the last day of each month, write day: last\) \(line \d+\)$"),
    "date-for-event": ("calendar.yml", "    due:\n", "    due:\n      new-media-registration:\n        month: 1\n        day: 5\n",
                       r"^data/calendar\.yml: years\[0\]\.due\.new-media-registration: 'new-media-registration' is an event-driven duty"),
    "date-for-unknown-id": ("calendar.yml", "      annual-assessment:\n", "      annual-assesment:\n",
                            r"^data/calendar\.yml: years\[0\]\.due\.annual-assesment: unknown calendar id 'annual-assesment'"),
    "local-interval-where-the-rules-fix-one": (
        "calendar.yml", "      yearly-study-topics:\n", "      yearly-study-topics:\n        every_months: 6\n",
        r"^data/calendar\.yml: years\[0\]\.due\.yearly-study-topics\.every_months: required where the Rules fix no interval"),
    "no-local-interval-where-the-rules-fix-none": (
        "calendar.yml", "        every_months: 12\n", "",
        r"^data/calendar\.yml: years\[0\]\.due\.security-publicity-week\.every_months: required where the Rules fix no interval"),
    # 每年两次 says how many, not when: the local interval is set, and gives two dates a year
    "twice-a-year-set-to-three-times": (
        "calendar.yml", "        every_months: 6\n        month: 6\n        day: last\n",
        "        every_months: 4\n        month: 6\n        day: last\n",
        r"^data/calendar\.yml: years\[0\]\.due\.study-twice-yearly\.every_months: 4 gives 3 dates a year; the Rules "
        r"say 2 \(twice-yearly\): set 6 \(line \d+\)$"),
    "twice-a-year-without-its-local-interval": (
        "calendar.yml", "        every_months: 6\n        month: 6\n        day: last\n", "        month: 6\n        day: last\n",
        r"^data/calendar\.yml: years\[0\]\.due\.study-twice-yearly\.every_months: required where the Rules fix no "
        r"interval \(regularly, twice a year, or no frequency\)"),
    "key-date-in-another-year": ("calendar.yml", "date: 2027-10-01", "date: 2028-10-01",
                                 r"^data/calendar\.yml: years\[0\]\.key_dates\[8\]\.date: 2028-10-01 is not in 2027 \(line \d+\)$"),
    "unknown-setter": ("calendar.yml", "set_by: leading-group-office", "set_by: office",
                       r"^data/calendar\.yml: years\[0\]\.set_by: unknown role 'office' \(line \d+\)$"),
    "unknown-keeper": ("calendar.yml", "kept_by: leading-group-office", "kept_by: office",
                       r"^data/calendar\.yml: kept_by: unknown role 'office' \(line \d+\)$"),
    "entries-in-the-settings": ("calendar.yml", "  - year: 2027\n", "  - year: 2027\n    entries: []\n",
                                r"^data/calendar\.yml: years\[0\]\.entries: unknown key"),
    "year-set-twice": ("calendar.yml", "years:\n", "years:\n  - {year: 2027, set_on: 2026-12-01, due: {}}\n",
                       r"^data/calendar\.yml: years\[1\]\.year: 2027 is set twice: one entry per year \(line \d+\)$"),
    "interval-differs-between-years": (
        "calendar.yml", "years:\n", "years:\n" + settings_as_year(2028).replace("every_months: 3", "every_months: 6"),
        r"^data/calendar\.yml: years\[1\]\.due\.regular-situation-analysis\.every_months: 3 differs from 6 set for "
        r"another year: the interval is the same in every year \(line \d+\)$"),
    "a-period-reported-on-twice": (  # 2026 dates its last quarter's report; so does 2027's first
        "calendar.yml", "years:\n", "years:\n" + settings_as_year(2026).replace(
            "        days_after_period_end: 15\n", "        month: 3\n        day: 20\n"),
        r"^data/calendar\.yml: years\[1\]\.due\.office-quarterly-report\.days_after_period_end: 2026 and 2027 date "
        r"it in different ways \(days after the period, month and day\), so the report on the last period of 2026 "
        r"would be dated twice: set both years the same way"),
    "a-period-left-without-a-date": (  # 2027 leaves its last quarter's report to 2028, which has no such date
        "calendar.yml", "years:\n", "years:\n" + settings_as_year(2028).replace(
            "        days_after_period_end: 15\n", "        month: 3\n        day: 20\n"),
        r"^data/calendar\.yml: years\[0\]\.due\.office-quarterly-report\.month: 2027 and 2028 date it in different "
        r"ways \(days after the period, month and day\), so the report on the last period of 2027 would be dated "
        r"not at all: set both years the same way"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_calendar_is_reported_in_one_line_naming_file_path_and_line(case, tmp_path):
    file, old, new, expected = BROKEN[case]
    message = load_error_after_change(tmp_path, file, old, new)
    assert re.search(expected, message), message


# --- The feeds in the built site --------------------------------------------------------------

def feed_files(site: Path, language: str, extension: str) -> dict[str, Path]:
    folder = site / LANGUAGE_ROOTS[language] / "calendar"
    return {path.stem: path for path in sorted(folder.glob(f"*.{extension}"))}


def parse(path: Path) -> ICalendar:
    return ICalendar.from_ical(path.read_bytes())


def events(path: Path) -> list:
    return list(parse(path).walk("VEVENT"))


def test_there_is_a_feed_for_everything_and_for_each_role_with_dated_duties(site, handbook):
    dated = [e for e in handbook.calendar.entries if e.dated]
    owners = {e.owner for e in dated}
    # A role whose checklist has a duty that a dated entry times gets that entry in its own feed.
    dated_ids = {e.id for e in dated}
    on_checklists = {role for duty in handbook.duties.duties
                     if duty.calendar and duty.calendar.id in dated_ids for role in duty.roles}
    assert "principal-leader" in on_checklists
    expected = {"all", *owners, "new-media-operators", *on_checklists}  # operators take part in the annual review
    for language in LANGUAGE_ROOTS:
        assert set(feed_files(site, language, "ics")) == expected
        assert set(feed_files(site, language, "csv")) == expected


def test_every_feed_parses_and_holds_each_dated_duty_once(site, handbook):
    calendar = handbook.calendar
    for language in LANGUAGE_ROOTS:
        for name, path in feed_files(site, language, "ics").items():
            feed = parse(path)
            assert feed["VERSION"] == "2.0" and feed["PRODID"]
            expected = calendar.entries if name == "all" else feeds.role_entries(handbook, name)
            series = [str(event["UID"]) for event in feed.walk("VEVENT") if "RECURRENCE-ID" not in event]
            assert len(series) == len(set(series))  # overrides share their series' UID, nothing else does
            assert sorted(series) == sorted(
                {feeds.uid(handbook, e, o if o.key_date else None) for e in expected
                 for o in entry_occurrences(calendar, e)} | {feeds.uid(handbook, e) for e in expected if e.recurring})
            overridden = {str(event["UID"]) for event in feed.walk("VEVENT") if "RECURRENCE-ID" in event}
            assert overridden <= set(series)


# A text property's line: name, parameters (a quoted value may hold `:` or `;`), value
TEXT_PROPERTY = re.compile(r'^(SUMMARY|DESCRIPTION|LOCATION|COMMENT|X-WR-CALNAME|X-WR-CALDESC)'
                           r'((?:;[^:;"]*(?:"[^"]*")?)*):(.*)$')


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_every_text_value_in_the_feeds_escapes_its_commas_and_semicolons(handbook, language):
    """RFC 5545 (3.3.11): in a text value `,` and `;` are written `\\,` and `\\;`; unescaped, a
    calendar may cut the value there (an unescaped comma separates a list of values). The English
    texts are full of both; the calendar's own description is an extension property (X-WR-CALDESC),
    which icalendar writes unescaped unless it is given as text."""
    seen = set()
    for name, content in feeds.site_feeds(handbook, language, SITE_URL + LANGUAGE_ROOTS[language]).items():
        if not name.endswith(".ics"):
            continue
        for line in content.decode().replace("\r\n ", "").split("\r\n"):
            if match := TEXT_PROPERTY.match(line):
                seen.add(match[1])
                value = match[3].replace("\\\\", "")  # an escaped backslash escapes nothing after it
                assert not re.search(r"(?<!\\)[,;]", value), f"{name}: {line[:160]}"
    assert {"SUMMARY", "DESCRIPTION", "X-WR-CALNAME", "X-WR-CALDESC"} <= seen


RRULES = {  # the implied-dates rule: the last day of each period
    Frequency.quarterly: {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYMONTHDAY": [-1]},
    Frequency.half_yearly: {"FREQ": ["MONTHLY"], "INTERVAL": [6], "BYMONTHDAY": [-1]},
    Frequency.yearly: {"FREQ": ["YEARLY"]},
}


def test_each_frequency_has_its_rrule_and_the_rrule_gives_the_implied_dates(site, handbook):
    calendar = handbook.calendar
    seen = set()
    for event in events(site / "calendar" / "all.ics"):
        if "RRULE" not in event:
            continue
        entry = calendar.entry(str(event["UID"]).split("@")[0])
        rule = {key: list(value) for key, value in event["RRULE"].items()}
        assert rule.pop("UNTIL") == [datetime.date(calendar.years[-1], 12, 31)], entry.id  # the covered years
        if local_interval(entry):
            months = calendar.year_settings(2027).due[entry.id].every_months
            assert rule == ({"FREQ": ["YEARLY"]} if months == 12 else
                            {"FREQ": ["MONTHLY"], "INTERVAL": [months], "BYMONTHDAY": [-1]})
        else:
            assert rule == RRULES[entry.frequency], entry.id
        seen.add(entry.frequency)
        start = event.decoded("DTSTART")
        expanded = rrulestr(event["RRULE"].to_ical().decode(), dtstart=datetime.datetime.combine(start, datetime.time()))
        in_2026 = [d.date() for d in expanded.between(datetime.datetime(2026, 1, 1),
                                                      datetime.datetime(2026, 12, 31), inc=True)]
        # not yet set: the implied dates, each replaced where the office set a date for its period
        # (the report on the last quarter of 2026 falls on the 2027 settings' 15 January)
        replaced = [period_end for period_end, _ in schedule.series(calendar, entry).overrides if period_end.year == 2026]
        assert in_2026 == sorted([o.start for o in entry_year_occurrences(calendar, entry, 2026)] + replaced), entry.id
    assert seen == {Frequency.quarterly, Frequency.half_yearly, Frequency.twice_yearly, Frequency.yearly,
                    Frequency.regularly}


def test_an_activity_the_rules_do_not_time_is_one_event_on_the_office_s_date_with_no_rule(site, handbook):
    """The Cybersecurity Week has no frequency in the Rules: its event starts on the date the office
    set, is confirmed and has no RRULE, so no calendar shows a default day the office never set,
    not even one that a later override hides."""
    calendar = handbook.calendar
    untimed = {feeds.uid(handbook, entry): entry for entry in calendar.entries if entry.dated and entry.frequency is None
               and not entry.at_key_dates}
    found = set()
    for event in events(site / "calendar" / "all.ics"):
        entry = untimed.get(str(event["UID"]))
        if entry is None:
            continue
        found.add(entry.id)
        assert "RRULE" not in event and str(event["STATUS"]) == "CONFIRMED", entry.id
        assert event.decoded("DTSTART") in {o.start for o in entry_occurrences(calendar, entry)}, entry.id
    assert found == {"security-publicity-week"}


def test_holiday_campaigns_are_one_dated_event_per_key_date(site, handbook):
    key_dates = handbook.calendar.year_settings(2027).key_dates  # 2026 is not set: no key dates
    holiday = [e for e in events(site / "calendar" / "all.ics") if str(e["UID"]).startswith("holiday-campaigns-")]
    assert sorted(e.decoded("DTSTART") for e in holiday) == sorted(k.date for k in key_dates)
    assert all("RRULE" not in e for e in holiday)


def test_event_driven_duties_are_not_dated_events_in_any_feed(site, handbook):
    event_driven = {e.id for e in handbook.calendar.entries if not e.dated}
    for language in LANGUAGE_ROOTS:
        for path in feed_files(site, language, "ics").values():
            assert not {str(e["UID"]).split("@")[0] for e in events(path)} & event_driven


def test_every_event_cites_an_existing_article_with_its_address(site, handbook):
    anchors = set(handbook.documents[DOCUMENT].anchors())
    for language in LANGUAGE_ROOTS:
        regulation = soup(page_path(site, language, "regulation/"))
        base = SITE_URL + LANGUAGE_ROOTS[language] + "regulation/#"
        for path in feed_files(site, language, "ics").values():
            for event in events(path):
                url = str(event["URL"])
                assert url.startswith(base), url
                anchor = url.removeprefix(base)
                assert anchor in anchors and regulation.find(id=anchor) is not None
                description = str(event["DESCRIPTION"])
                assert url in description
                # the Rules by their full title in both languages
                expected = "第" if language == "zh" else "Implementation Rules for the Online Ideological Work Responsibility System of the Party Committee of Shanghai University of Engineering Science, Art. "
                assert expected in description


def test_summaries_and_descriptions_are_in_the_feeds_language(site, handbook):
    titles = {e.id: e.title for e in handbook.calendar.entries}
    for event in events(site / "en" / "calendar" / "all.ics"):
        for prop in ("SUMMARY", "DESCRIPTION", "CATEGORIES"):
            text = event[prop].to_ical().decode() if prop == "CATEGORIES" else str(event[prop])
            assert not re.search(CJK, text), (prop, text)
    for language in LANGUAGE_ROOTS:
        for event in events(site / LANGUAGE_ROOTS[language] / "calendar" / "all.ics"):
            entry_id = str(event["UID"]).split("@")[0]
            entry_id = "holiday-campaigns" if entry_id.startswith("holiday-campaigns-") else entry_id
            # the title, then a key date's name or the period a report is for; a default date says so
            assert without_default_mark(handbook, str(event["SUMMARY"]), language).startswith(titles[entry_id][language])


def test_every_event_reminds_a_week_before_and_is_stamped_with_the_settings_date(site, handbook):
    settings = handbook.calendar.settings
    for language in LANGUAGE_ROOTS:
        for event in events(site / LANGUAGE_ROOTS[language] / "calendar" / "all.ics"):
            alarms = list(event.walk("VALARM"))
            assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY"
            assert alarms[0].decoded("TRIGGER") == -datetime.timedelta(days=7) == -datetime.timedelta(
                days=settings.reminder_days_before)
            assert event.decoded("DTSTAMP") == datetime.datetime.combine(
                max(year.set_on for year in settings.years), datetime.time(), datetime.timezone.utc)


def test_a_second_build_writes_the_same_feeds_byte_for_byte(site, rebuilt_site):
    second, _ = rebuilt_site  # another `mkdocs build --strict` of the same tree, shared
    for language in LANGUAGE_ROOTS:
        for extension in ("ics", "csv"):
            first_files, second_files = feed_files(site, language, extension), feed_files(second, language, extension)
            assert first_files.keys() == second_files.keys()
            for name, path in first_files.items():
                assert path.read_bytes() == second_files[name].read_bytes(), f"{language} {name}.{extension}"
        uids = lambda s: [str(e["UID"]) for e in events(s / LANGUAGE_ROOTS[language] / "calendar" / "all.ics")]  # noqa: E731
        assert uids(site) == uids(second)


def test_the_site_address_setting_is_the_address_in_the_feeds(subpath_site, site):
    # The sub-path build (conftest.py) is a build with another HANDBOOK_SITE_URL, shared.
    _, published = subpath_site
    assert PUBLISHED_URL != SITE_URL
    for language, root in LANGUAGE_ROOTS.items():
        moved = events(published / root / "calendar" / "all.ics")
        assert moved and all(str(e["URL"]).startswith(f"{PUBLISHED_URL}{root}regulation/#art-") for e in moved)
        assert [str(e["UID"]) for e in moved] == [str(e["UID"]) for e in events(site / root / "calendar" / "all.ics")]


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 BOM, Excel would garble the Chinese"
    assert b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_csv_files_open_in_excel_and_hold_the_years_dates_then_the_event_driven_duties(site, handbook):
    calendar = handbook.calendar
    for language in LANGUAGE_ROOTS:
        for name, path in feed_files(site, language, "csv").items():
            header, *rows = read_csv(path)
            columns = feeds.CSV_COLUMNS if name == "all" else feeds.ROLE_CSV_COLUMNS  # a role's: its part too
            assert header == [handbook.label(key, language) for key in columns]
            assert all(len(row) == len(header) for row in rows)
            entries = calendar.entries if name == "all" else feeds.role_entries(handbook, name)
            if name != "all":
                assert [row[-1] for row in rows] == [feeds.entry_part(handbook, handbook.calendar.entry(row[9]), name, language)
                                                     for row in rows] and all(rows[i][-1] for i in range(len(rows)))
            inference = header.index(handbook.label("duty-inference", language))
            assert {row[9] for row in rows if row[inference]} == {e.id for e in entries if e.inference}
            dated = [row for row in rows if row[0]]
            assert [datetime.date.fromisoformat(row[0]) for row in dated] == [
                o.start for o in year_occurrences(calendar, entries)]
            undated = rows[len(dated):]
            assert all(not row[0] and row[8] for row in undated)  # event-driven, with a trigger, last
            assert {row[9] for row in undated} == {e.id for e in entries if not e.dated}
            assert all(row[7].startswith(SITE_URL + LANGUAGE_ROOTS[language] + "regulation/#art-") for row in rows)
    assert "季度报告网络意识形态领域重要情况" in (site / "calendar" / "all.csv").read_bytes().decode("utf-8-sig")


# --- The page ---------------------------------------------------------------------------------

def calendar_page(site, language):
    return content(soup(page_path(site, language, "calendar/")))


def resolve(site: Path, language: str, page_url: str, href: str) -> Path:
    """The built file a relative link on a page points to."""
    base = "http://site/" + LANGUAGE_ROOTS[language] + page_url
    path = urlsplit(urljoin(base, href)).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def test_the_calendar_page_links_to_feeds_that_exist(site):
    for language in LANGUAGE_ROOTS:
        links = calendar_page(site, language).select("a.hb-feed")
        assert {Path(a["href"]).name for a in links} >= {"all.ics", "all.csv", "leading-group-office.ics", "member-units.csv"}
        for link in links:
            assert resolve(site, language, "calendar/", link["href"]).is_file(), link["href"]
        hreflangs = {a["hreflang"] for a in links}
        assert hreflangs == {"zh", "en"}


def test_the_calendar_page_shows_the_years_month_by_month_with_owner_and_citation(site, handbook):
    calendar = handbook.calendar
    for language in LANGUAGE_ROOTS:
        page = calendar_page(site, language)
        regulation = soup(page_path(site, language, "regulation/"))
        # each month of each covered year has its section, in date order, its heading naming both
        headings = page.select("h3[id^=month-]")
        assert [h["id"] for h in headings] == [f"month-{year}-{month:02d}" for year in (2026, 2027) for month in range(1, 13)]
        assert headings[11].get_text().startswith({"zh": "2026年12月", "en": "December 2026"}[language])
        for heading in headings:
            year, month = map(int, heading["id"].split("-")[1:])
            table = heading.find_next_sibling(["table", "p", "h3", "h2"])
            dates = [row.find("time")["datetime"] for row in table.select("tbody tr")] if table.name == "table" else []
            assert all(date.startswith(f"{year}-{month:02d}-") for date in dates), (language, heading["id"], dates)
            # #month-<m>, a month's anchor when the page had one section per month of the year,
            # stands just above the month's next section from the build date's month (November 2026) on
            legacy = heading.find_previous_sibling(True)
            assert (legacy.get("id") == f"month-{month}") == ((2026, 11) <= (year, month) < (2027, 11)), heading["id"]
        # the line above them leads to the build date's month
        assert page.find(id="months").find_next_sibling("p").select_one("a")["href"] == "#month-2026-11"
        rows = page.select("table.hb-calendar-month tbody tr")
        # every date of the covered years, once, in date order (2026's marked not set)
        assert [r.find("time")["datetime"] for r in rows] == sorted(o.start.isoformat() for o in year_occurrences(calendar))
        assert {r["data-year"] for r in rows if "hb-not-set" not in r.get("class", [])} == {"2027"}
        # 2027's rows not set: only the reports on its last period, which fall in 2028 (not yet set)
        assert {(r["data-entry"], r.find("time")["datetime"]) for r in rows
                if "hb-not-set" in r.get("class", []) and r["data-year"] != "2026"} == {
            (entry_id, "2027-12-31") for entry_id in ("office-quarterly-report", "member-units-half-yearly-report")}
        for row in rows:
            entry = calendar.entry(row["data-entry"])
            assert feeds.role_name(handbook, entry.owner, language) in row.get_text()
            source = row.select_one("a.hb-source")
            assert source["href"] == f"{root_link(language)}regulation/#{entry.source}"
            assert regulation.find(id=entry.source) is not None


def test_the_calendar_page_has_a_view_per_role_and_lists_event_driven_duties_apart(site, handbook):
    for language in LANGUAGE_ROOTS:
        page = calendar_page(site, language)
        for role_id in feeds.feed_role_ids(handbook):
            section = page.find(id=f"role-{role_id}")
            assert section is not None, role_id
            table = page.select_one(f"table.hb-calendar-role[data-role={role_id}]")
            assert [r["data-entry"] for r in table.select("tbody tr")] == [
                e.id for e in feeds.role_entries(handbook, role_id)]
            # where each report goes, as the entry says (a member unit's half-yearly report: the office)
            for row in table.select("tbody tr"):
                entry = next(e for e in handbook.calendar.entries if e.id == row["data-entry"])
                assert row.select("td")[3].get_text() == (
                    feeds.role_names(handbook, entry.recipients, language) or handbook.label("calendar-none", language))
        events_table = page.select_one("table.hb-calendar-events")
        for entry in handbook.calendar.entries:
            row = page.find(id=entry.id)
            assert row is not None, entry.id
            if not entry.dated:
                assert row.find_parent("table") is events_table
                assert entry.trigger[language] in row.get_text()
        # the table holds only the event-driven duties with an entry; it says where the others are,
        # and they are there, each under its anchor on the duty matrix
        after = events_table.find_next_sibling("p")
        assert after.get_text().startswith(handbook.label("calendar-event-driven-others", language))
        matrix_link = after.select_one("a")["href"]
        assert matrix_link == root_link(language) + "duties/"
        matrix = content(soup(page_path(site, language, "duties/")))
        others = [duty for duty in handbook.duties.duties if duty.kind.value == "on-occurrence" and not duty.calendar]
        assert others
        for duty in others:  # each there with the timing the pointer names
            row = matrix.find(id=f"duty-{duty.id}")
            assert handbook.label("kind-on-occurrence", language) in row.get_text(), duty.id


def test_the_local_settings_are_shown_apart_from_the_regulations_text(site, handbook):
    settings = handbook.calendar.year_settings(2027)
    for language in LANGUAGE_ROOTS:
        box = calendar_page(site, language).select_one("#local-settings ~ .hb-local-settings")
        assert box is not None
        assert box.select_one(".hb-local-settings__label").get_text() == handbook.label(
            "calendar-local-settings-label", language)
        assert str(settings.year) in box.get_text()
        rows = {r["data-entry"] for r in box.select("tbody tr")}
        assert rows == set(settings.due) | {"holiday-campaigns"}
        assert {s["data-key-date"] for s in box.select("[data-key-date]")} == {k.id for k in settings.key_dates}


def test_the_calendar_page_has_the_same_anchors_in_both_languages_and_no_untranslated_chinese(site):
    ids = {language: [e["id"] for e in calendar_page(site, language).select("[id]")] for language in LANGUAGE_ROOTS}
    assert ids["zh"] == ids["en"]
    page = soup(page_path(site, "en", "calendar/"))
    for element in page.select('[lang="zh"]'):
        assert _allowed_chinese(element), element
        element.decompose()
    for tag in page(["script", "style"]):
        tag.decompose()
    assert not re.findall(f"{CJK}+", page.get_text(" "))


# --- The "subscribe to your calendar" links for a role's checklist page -----------------------


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_roles_subscribe_links_resolve_from_its_checklist_page(site, handbook, language):
    page_url = "checklists/leading-group-office/"
    html = soup_of(calendar_pages.subscribe(handbook, language, page_url, "leading-group-office"))
    links = html.select("a.hb-feed")
    assert [Path(a["href"]).name for a in links] == ["leading-group-office.ics", "leading-group-office.csv"] * 2
    assert [a["hreflang"] for a in links] == [language] * 2 + [other for other in LANGUAGE_ROOTS if other != language] * 2
    for link in links:
        assert resolve(site, language, page_url, link["href"]).is_file(), link["href"]
    built = resolve(site, language, page_url, links[0]["href"])
    assert built == site / LANGUAGE_ROOTS[language] / "calendar" / "leading-group-office.ics"
    # a click on a feed saves a copy: the line says how to subscribe and links the calendar page's section on it
    how = html.select_one("a.hb-subscribe__how")
    assert how.get_text() == handbook.label("calendar-subscribe-how", language)
    assert resolve(site, language, page_url, how["href"]) == page_path(site, language, "calendar/")
    assert urlsplit(how["href"]).fragment == "subscribe" and calendar_page(site, language).find(id="subscribe")


def test_a_role_without_dated_duties_is_pointed_to_the_whole_calendar(site, handbook):
    html = soup_of(calendar_pages.subscribe(handbook, "en", "checklists/online-commentators/", "online-commentators"))
    assert not html.select("a.hb-feed")
    assert resolve(site, "en", "checklists/online-commentators/", html.find("a")["href"]) == page_path(site, "en", "calendar/")
    with pytest.raises(ValueError, match="unknown role 'no-such-role'"):
        calendar_pages.subscribe(handbook, "en", "checklists/x/", "no-such-role")


def soup_of(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_an_entry_that_says_more_than_its_text_says_so_on_the_calendar_and_in_the_feeds(handbook, language):
    """An owner or recipient the Rules do not name (a duty's `inference`) is marked where the
    calendar shows the entry (its row on /calendar/) and in the description of its events (the
    feeds hold the dated entries)."""
    inferred = [entry for entry in handbook.calendar.entries if entry.inference]
    assert {"member-units-half-yearly-report", "office-major-matters-report", "new-media-registration"} <= {
        entry.id for entry in inferred}
    page = soup_of(calendar_pages.calendar(handbook, language, "calendar/", SITE_URL))
    label = handbook.label("duty-inference", language)
    for entry in inferred:
        row = page.find("tr", id=entry.id)
        mark = row.select_one(".hb-inference") if row else None
        assert mark is not None and label in mark.text and entry.inference[language] in mark.text, entry.id
    all_feed = feeds.site_feeds(handbook, language, SITE_URL)["calendar/all.ics"]
    events = [event for event in ICalendar.from_ical(all_feed).walk("VEVENT")]
    dated = [entry for entry in inferred if entry.dated]  # the feeds hold dated entries only
    assert any(entry.id == "member-units-half-yearly-report" for entry in dated)
    for entry in dated:
        descriptions = [str(event["DESCRIPTION"]) for event in events if str(event["UID"]).startswith(entry.id)]
        assert descriptions and all(entry.inference[language] in text for text in descriptions), entry.id
    plain = next(entry for entry in handbook.calendar.entries if not entry.inference)
    assert page.find("tr", id=plain.id).select_one(".hb-inference") is None


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_each_event_of_a_role_s_feed_says_the_role_s_part_as_its_csv_does(handbook, language):
    """A principal leader subscribed to their feed sees why each event is there: 第一责任人, not
    only who carries it out. The feed of every role says no one's part."""
    files = feeds.site_feeds(handbook, language, SITE_URL)
    part_label = handbook.label("your-part", language) + feeds.colon(language)
    for role_id in feeds.feed_role_ids(handbook):
        events = list(ICalendar.from_ical(files[feeds.feed_path(role_id, "ics")]).walk("VEVENT"))
        assert events, role_id
        for event in events:
            # A UID is the entry's id, plus "-<key date>-<year>" for each holiday's event
            name = str(event["UID"]).split("@")[0]
            entry = max((e for e in handbook.calendar.entries if name == e.id or name.startswith(e.id + "-")),
                        key=lambda e: len(e.id))
            assert part_label + feeds.entry_part(handbook, entry, role_id, language) in str(event["DESCRIPTION"]), (
                role_id, entry.id)
            # an event the role only takes part in says the part first in its title, which a phone
            # shows with the reminder: the duty's words are not the reader's own task
            only_takes_part = not does(handbook.duty(entry.duty), role_id)
            opening = fill_in(handbook.label("calendar-feed-part-title", language),
                              part=feeds.entry_part(handbook, entry, role_id, language), title="")
            assert str(event["SUMMARY"]).startswith(opening) == only_takes_part, (role_id, entry.id)
            if only_takes_part:
                assert str(event.walk("VALARM")[0]["DESCRIPTION"]).startswith(opening)
    principal = ICalendar.from_ical(files[feeds.feed_path("principal-leader", "ics")]).walk("VEVENT")
    assert any(handbook.label("part-first-responsibility", language) in str(e["DESCRIPTION"]) for e in principal)
    informed = ICalendar.from_ical(files[feeds.feed_path("publicity-department", "ics")]).walk("VEVENT")
    assert any(str(e["SUMMARY"]).startswith(("［知悉］" if language == "zh" else "[Informed] ")) for e in informed)
    assert all(part_label not in str(event["DESCRIPTION"])
               for event in ICalendar.from_ical(files["calendar/all.ics"]).walk("VEVENT"))


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_a_role_s_view_marks_its_dates_as_local_settings_and_each_date_not_set(handbook, language):
    """The dates beside "Frequency (the Rules)" in a role's table are local settings or defaults,
    and say so: the column header, and the not-set mark on each date the office has not set."""
    page = soup_of(calendar_pages.calendar(handbook, language, "calendar/", SITE_URL))
    not_set = feeds.not_set_mark(handbook, language)
    # the words the CSV's date column is qualified with: 本地设定或默认日期 / local setting or default
    qualifier = re.search(r"[（(](.+)[）)]", handbook.label("calendar-date", language)).group(1)
    marked = unmarked = 0
    for table in page.select("table.hb-calendar-role"):
        assert qualifier in table.select("thead th")[2].get_text()
        for row in table.select("tbody tr"):
            entry = next(e for e in handbook.calendar.entries if e.id == row["data-entry"])
            if not entry.dated:
                continue
            cell = row.select("td")[2].get_text()
            for occurrence in entry_occurrences(handbook.calendar, entry):
                span = calendar_pages.dated_span(occurrence, language)
                assert span in cell, (entry.id, span)
                if occurrence.is_set:
                    unmarked += 1
                else:
                    # the mark in the date's own bracket (after the period a report is for), so
                    # that in a list of dates it is not read as the list's
                    period = feeds.period_words(handbook, occurrence, language)
                    notes = ([period] if period else []) + [not_set if language == "zh" else not_set[0].lower() + not_set[1:]]
                    bracket = ("（{}）" if language == "zh" else " ({})").format(("；" if language == "zh" else "; ").join(notes))
                    assert span + bracket in cell, (entry.id, span, cell)
                    marked += 1
    assert marked and unmarked  # 2026 is not set, 2027 is


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_the_month_and_role_views_mark_an_entry_that_says_more_than_its_text(handbook, language):
    """The month tables and the role tables show an entry without its inference text: a mark,
    linking to the entry's row, says that a part of it is the handbook's inference; in a role's
    table, that it is about other roles where the role's own part is the Rules'."""
    page = soup_of(calendar_pages.calendar(handbook, language, "calendar/", SITE_URL))
    label = partial(handbook.label, language=language)
    entries = {entry.id: entry for entry in handbook.calendar.entries}
    month_rows = [(row, None) for row in page.select("table.hb-calendar-month tbody tr")]
    role_rows = [(row, table["data-role"]) for table in page.select("table.hb-calendar-role")
                 for row in table.select("tbody tr")]
    assert month_rows and role_rows
    marked, about_others = 0, 0
    for row, role_id in month_rows + role_rows:
        entry = entries[row["data-entry"]]
        mark = row.select_one(".hb-inference a")
        if entry.inference:
            expected = "duty-inference" if role_id is None else handbook.duty(entry.duty).inference_label(role_id)
            assert mark is not None and mark.text == label(expected) and mark["href"] == f"#{entry.id}", entry.id
            marked += 1
            about_others += expected == "duty-inference-other-roles"
        else:
            assert mark is None, entry.id
    assert marked and about_others


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_a_default_date_says_so_in_the_title_and_reminder_a_phone_shows(handbook, language):
    """A phone shows an event's title and its reminder, not its description: an event whose date
    is the handbook's default (TENTATIVE) says so in both, inside the title's own bracket where it
    has one; one the office set (CONFIRMED) does not."""
    mark = handbook.label("calendar-feed-default-title", language)
    statuses = set()
    for event in ICalendar.from_ical(feeds.ics(handbook, language, SITE_URL)).walk("VEVENT"):
        status = str(event["STATUS"])
        statuses.add(status)
        (alarm,) = event.walk("VALARM")
        default = status == "TENTATIVE"
        for text in (str(event["SUMMARY"]), str(alarm["DESCRIPTION"])):
            assert (mark in text) == default, (status, text)
            assert "）（" not in text and ") (" not in text, text  # one bracket, not two
    assert statuses == {"TENTATIVE", "CONFIRMED"}


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_a_report_s_date_in_a_list_says_which_period_it_is_for(handbook, language):
    """In a year the office dates reports ten days after each half-year, the report on the last
    half-year keeps its default date, 31 December: beside each date in a role's list (and the
    guide's), the period it is for, so the three dates do not read as three reports of the year."""
    page = calendar_pages.calendar(handbook, language, "calendar/", SITE_URL)
    cells = [row.select("td")[2].get_text() for row in soup_of(page).select("table.hb-calendar-role tbody tr")
             if row["data-entry"] == "member-units-half-yearly-report"]
    period = partial(fill_in_label, handbook, "calendar-reports-on", language)
    for cell in cells:
        for end in (datetime.date(2026, 12, 31), datetime.date(2027, 6, 30), datetime.date(2027, 12, 31)):
            assert period(end) in cell, cell
    assert cells


def fill_in_label(handbook, key, language, end):
    from macros.text import fill_in, long_date

    return fill_in(handbook.label(key, language), date=long_date(end, language))


def test_day_last_is_the_last_day_of_each_month_the_entry_falls_in(handbook):
    """The office set the twice-yearly study for the last day of June, every 6 months: 30 June and
    31 December (a day number would give 30 December); the rule says so in words. Set for 30
    April every 3 months, a day number stays the 30th (31 January has one more day), and 31 does
    not exist in every month: the reference pass refuses it, and `last` is accepted."""
    from macros.schedule import day_in_month, invalid_days

    calendar = handbook.calendar
    entries = {entry.id: entry for entry in calendar.entries}
    due = calendar.year_settings(2027).due
    assert due["study-twice-yearly"].day == "last"
    assert [o.start for o in entry_year_occurrences(calendar, entries["study-twice-yearly"], 2027)] == [
        datetime.date(2027, 6, 30), datetime.date(2027, 12, 31)]
    assert feeds.local_rule(handbook, entries["study-twice-yearly"], due["study-twice-yearly"], "zh") == (
        "细则规定“每年两次”，本地设定为每6个月一次，6月最后一天起")
    assert feeds.local_rule(handbook, entries["study-twice-yearly"], due["study-twice-yearly"], "en") == (
        'The Rules say "twice a year"; set locally to every 6 months, from the last day of June')
    analysis = entries["regular-situation-analysis"]  # every 3 months: January, April, July, October
    in_april = {day: due[analysis.id].model_copy(update={"month": 4, "day": day}) for day in (30, 31, "last")}
    assert invalid_days(2027, analysis, in_april[30]) == []
    assert invalid_days(2027, analysis, in_april[31]) == [4]  # no 31 April: refused
    assert invalid_days(2027, analysis, in_april["last"]) == []
    # February: `last` is the 28th in 2027 and the 29th in 2028; the 28th stays the 28th
    assert [day_in_month(year, 2, day).day for year, day in ((2027, "last"), (2028, "last"), (2028, 28))] == [28, 29, 28]


def test_a_local_interval_of_twelve_months_reads_once_a_year(handbook):
    settings = handbook.calendar.year_settings(2027)
    entries = {entry.id: entry for entry in handbook.calendar.entries}
    week, study = entries["security-publicity-week"], entries["study-twice-yearly"]
    assert settings.due[week.id].every_months == 12
    assert feeds.local_rule(handbook, week, settings.due[week.id], "zh") == "细则未规定频次，本地设定为每年一次，9月13日起，为期7天"
    assert feeds.local_rule(handbook, week, settings.due[week.id], "en") == (
        "The Rules set no frequency; set locally to once a year, from 13 September, lasting 7 days")
    assert "每6个月一次" in feeds.local_rule(handbook, study, settings.due[study.id], "zh")


def test_a_date_s_notes_are_in_its_own_bracket_written_out(handbook):
    """The words a reader sees (not rebuilt from the code's parts): a default date and a report
    on the last period of 2027, each with its notes in its own bracket, in both languages."""
    entries = {entry.id: entry for entry in handbook.calendar.entries}
    study = entry_occurrences(handbook.calendar, entries["study-twice-yearly"])
    report = entry_occurrences(handbook.calendar, entries["office-quarterly-report"])[-1]
    assert calendar_pages.marked_span(handbook, study[1], "zh") == "2026年12月31日（本手册的默认日期，尚未由校网络信息安全领导小组办公室设定）"
    assert calendar_pages.marked_span(handbook, report, "zh") == (
        "2027年12月31日（报告期截至2027年12月31日；本手册的默认日期，尚未由校网络信息安全领导小组办公室设定）")
    assert calendar_pages.marked_span(handbook, report, "en") == (
        "31 December 2027 (for the period ending 31 December 2027; the handbook's default date, not yet set by the "
        "Office of the University Network Information Security Leading Group)")
    assert calendar_pages.marked_span(handbook, study[2], "zh") == "2027年6月30日"
