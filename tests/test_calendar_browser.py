"""Browser: the calendar's feeds download from the built site and parse (Debian's Chromium)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from icalendar import Calendar as ICalendar

from support import CJK

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_user_downloads_the_whole_calendar_from_the_calendar_page(context, server, handbook, prefix):
    page = context.new_page()
    page.goto(server + prefix + "calendar/")
    with page.expect_download() as download_info:
        page.locator("#feed-all a.hb-feed[href$='all.ics']").first.click()
    download = download_info.value
    assert download.suggested_filename == f"calendar-all-{'en' if prefix else 'zh'}.ics"
    feed = ICalendar.from_ical(Path(download.path()).read_bytes())
    summaries = [str(event["SUMMARY"]) for event in feed.walk("VEVENT")]
    quarterly = handbook.calendar.entry("office-quarterly-report").title["en" if prefix else "zh"]
    assert any(summary.startswith(quarterly) for summary in summaries)  # then its period, or that the date is a default
    if prefix:
        assert not any(re.search(CJK, summary) for summary in summaries)


def test_a_unit_downloads_its_own_csv_from_its_role_section_and_it_reads_as_a_table(context, server, handbook):
    page = context.new_page()
    page.goto(server + "calendar/#role-member-units")
    with page.expect_download() as download_info:
        page.locator("#role-member-units ~ .hb-subscribe a.hb-feed[hreflang=zh][href$='.csv']").first.click()
    assert download_info.value.suggested_filename == "calendar-member-units-zh.csv"
    raw = Path(download_info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert header[0] == handbook.label("calendar-date", "zh")
    titles = {row[2] for row in rows}
    assert handbook.calendar.entry("member-units-half-yearly-report").title.zh in titles
