"""The roster's date comes first, and a roster more than a year old says plainly that it may be
out of date and who keeps it up to date (issue 18, item 12): in the data, the built site, and in
Chromium at phone and desktop widths."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from macros import pages
from macros.roster import roster_is_stale
from support import content, page_path, soup

LANGUAGES = ("zh", "en")
WARNING = {"zh": "可能已有变动", "en": "may be out of date"}


def _rendered(handbook, language: str, today: datetime.date) -> BeautifulSoup:
    return BeautifulSoup(pages.roster(handbook, language, today), "html.parser")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_roster_confirmed_within_the_year_shows_its_date_and_no_warning(handbook, language):
    within = handbook.roster.last_change() + datetime.timedelta(days=365)
    page = _rendered(handbook, language, within)
    assert page.select_one(".hb-roster-as-of time")["datetime"] == handbook.roster.last_change().isoformat()
    assert page.select_one(".hb-roster-stale") is None and WARNING[language] not in page.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_roster_more_than_a_year_old_says_it_may_be_out_of_date_and_who_updates_it(handbook, language):
    later = handbook.roster.last_change() + datetime.timedelta(days=367)
    warning = _rendered(handbook, language, later).select_one(".hb-roster-stale").get_text()
    assert WARNING[language] in warning
    assert handbook.role(handbook.roster.maintained_by).name[language] in warning
    assert ("超过一年未更新" if language == "zh" else "for more than a year") in warning
    # how long it has gone without an update, in whole years
    eight_years_on = datetime.date(2026, 12, 3)
    assert handbook.roster.last_change() == datetime.date(2018, 11, 8)
    warning = _rendered(handbook, language, eight_years_on).select_one(".hb-roster-stale").get_text()
    assert ("超过8年未更新" if language == "zh" else "for more than 8 years") in warning


def test_whole_years_are_counted_to_the_day():
    from macros.roster import whole_years_passed

    assert whole_years_passed(datetime.date(2018, 11, 8), datetime.date(2026, 11, 8)) == 7  # 8 exactly: not more
    assert whole_years_passed(datetime.date(2018, 11, 8), datetime.date(2026, 11, 9)) == 8
    assert whole_years_passed(datetime.date(2018, 11, 8), datetime.date(2019, 11, 8)) == 0
    # around 29 February: three years and a day; a year and a day; not yet a year
    assert whole_years_passed(datetime.date(2021, 2, 28), datetime.date(2024, 2, 29)) == 3
    assert whole_years_passed(datetime.date(2023, 2, 28), datetime.date(2024, 2, 29)) == 1
    assert whole_years_passed(datetime.date(2024, 2, 29), datetime.date(2025, 2, 28)) == 0


def test_a_year_is_counted_by_the_calendar(handbook):
    """Stale the day after the first anniversary, not on it; a roster of 29 February a year on."""
    import copy

    for confirmed, fresh_until in ((datetime.date(2025, 11, 30), datetime.date(2026, 11, 30)),
                                   (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28))):
        dated = copy.deepcopy(handbook)
        object.__setattr__(dated.roster, "as_of", confirmed)  # the models are frozen; only this copy changes
        assert dated.roster.last_change() == confirmed
        assert not roster_is_stale(dated, fresh_until)
        assert roster_is_stale(dated, fresh_until + datetime.timedelta(days=1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_built_roster_shows_its_date_before_the_first_post(site, handbook, language):
    page = content(soup(page_path(site, language, "roster/")))
    blocks = [element for element in page.find_all(True)
              if element.get("id") in ("roster-date", "leading-group") or element.name == "ul"]
    assert blocks[0].get("id") == "roster-date"
    stale = roster_is_stale(handbook, datetime.date.today())  # the site was built today
    assert stale  # the published roster is of 8 November 2018
    assert (page.select_one("#roster-date .hb-roster-stale") is not None) == stale


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
@pytest.mark.parametrize("language, prefix", [("zh", ""), ("en", "en/")])
def test_the_roster_date_and_its_warning_are_seen_without_scrolling(browser, server, width, height, language, prefix):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(server + prefix + "roster/")
        for selector in (".hb-roster-as-of", ".hb-roster-stale"):
            box = page.locator(f"article {selector}").bounding_box()
            assert box is not None, selector
            assert page.locator(f"article {selector}").is_visible()
            assert 0 <= box["y"] and box["y"] + box["height"] <= height, (selector, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)
        first_post = page.locator("#leading-group").bounding_box()
        assert page.locator("article .hb-roster-as-of").bounding_box()["y"] < first_post["y"]
        assert WARNING[language] in page.locator("article .hb-roster-stale").inner_text()
    finally:
        context.close()
