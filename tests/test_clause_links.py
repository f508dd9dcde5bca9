"""What hangs on each clause (issue 14): under each article and item of /regulation/ and
/parallel/, the duties derived from it with their roles, its calendar entries with their next
date, the Article 8 cases citing it; never printed, never indexed for search."""

from __future__ import annotations

import json

import pytest

from macros import feeds
from macros.clause_links import next_date
from macros.duties import part_words
from macros.text import fill_in, long_date
from support import LANGUAGE_ROOTS, content, page_path, root_link, soup

PAGES = ("regulation/", "parallel/")


def _blocks(site, language, url):
    return {block["data-clause"]: block for block in content(soup(page_path(site, language, url)))
            .select("details.hb-clause-links")}


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_duty_entry_and_case_appears_under_its_source_clause_and_nowhere_else(site, handbook, language, url):
    blocks = _blocks(site, language, url)
    duties = handbook.duties.duties
    cases = handbook.duties.accountability.cases
    assert set(blocks) == {duty.source for duty in duties} | {case.source for case in cases}
    for anchor, block in blocks.items():
        assert [li["data-duty"] for li in block.select("[data-duty]")] == \
            [d.id for d in duties if d.source == anchor]
        assert [li["data-entry"] for li in block.select("[data-entry]")] == \
            [d.calendar.id for d in duties if d.source == anchor and d.calendar]
        assert [li["data-case"] for li in block.select("[data-case]")] == [c.id for c in cases if c.source == anchor]
        # Under the clause itself: the block follows the clause's heading, before the next one.
        heading = block.find_previous(["h3", "h4"])
        assert heading["id"] == anchor, (anchor, heading.get("id"))


@pytest.mark.parametrize("language, counted", [("zh", "{}{}项"), ("en", "{} ({})")])
def test_the_summary_counts_what_hangs_on_the_clause_in_words_not_like_an_item_number(site, handbook, language, counted):
    """职责6项 · 日程5项, not 职责（6）, which on a page of 第四条第（一）项 reads as an item."""
    words = {key: handbook.label(key, language) for key in ("clause-links-duties", "clause-links-calendar", "clause-links-cases")}
    for block in _blocks(site, language, "regulation/").values():
        counts = [counted.format(words[key], len(block.select(selector))) for key, selector in (
            ("clause-links-duties", "[data-duty]"), ("clause-links-calendar", "[data-entry]"), ("clause-links-cases", "[data-case]"))
            if block.select(selector)]
        summary = block.select_one("summary").get_text()
        assert summary.endswith(" · ".join(counts)), summary


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_duty_links_to_the_matrix_and_to_the_checklist_of_each_of_its_roles(site, handbook, language, url):
    duties = {duty.id: duty for duty in handbook.duties.duties}
    cases = {case.id: case for case in handbook.duties.accountability.cases}
    root = root_link(language)
    for block in _blocks(site, language, url).values():
        assert block.has_attr("data-search-exclude")
        assert block.has_attr("open") is False  # collapsed
        for li in block.select("[data-duty]"):
            duty = duties[li["data-duty"]]
            hrefs = [a["href"] for a in li.select("a")]
            # the roles are marked as the handbook's reading where the duty has an inference
            inferred = [f"{root}duties/#duty-{duty.id}"] if duty.inference else []
            assert hrefs == [f"{root}duties/#duty-{duty.id}"] + [f"{root}checklists/{r}/" for r in duty.roles] + inferred
            assert li.select_one("a").get_text() == duty.text[language]
            # each role with its part, as the matrix gives it: not one list of roles that would
            # read as all of them carrying it out (under Art. 6, the quarterly report's recipients)
            colon, separator = ("：", "；") if language == "zh" else (": ", "; ")
            roles_text = li.select_one(".hb-clause-links__roles").get_text()
            assert roles_text.strip("（）() ") == separator.join(
                handbook.role(r).name[language] + colon + part_words(handbook, duty, r, language) for r in duty.roles)
            _assert_inference_mark(li, handbook, language, duty.inference)
        for li in block.select("[data-case]"):
            case = cases[li["data-case"]]
            hrefs = [a["href"] for a in li.select("a")]
            inferred = [f"{root}duties/#art-8"] if handbook.duties.accountability.inference else []
            assert hrefs == [f"{root}duties/#case-{case.id}"] + [f"{root}checklists/{r}/" for r in case.roles] + inferred
            applies = handbook.label("clause-links-applies-to", language)
            assert li.select_one(".hb-clause-links__roles").get_text().strip("（）() ").startswith(applies)
            _assert_inference_mark(li, handbook, language, handbook.duties.accountability.inference)


def _assert_inference_mark(li, handbook, language, inference):
    mark = li.select_one(".hb-inference a")
    assert (mark is not None) == (inference is not None), li
    if mark is not None:
        assert mark.get_text() == handbook.label("duty-inference", language)
        assert mark["title"] == inference[language]


def test_the_roles_of_a_duty_with_an_inference_are_marked_under_its_clause(handbook):
    """Article 9 does not say who pursues responsibility: the Party Committee listed under it is
    the handbook's reading, and says so there, as on the matrix (in-process, no build)."""
    import datetime

    from bs4 import BeautifulSoup

    from macros import clause_links, rendering

    rendering.start_build()
    for language in ("zh", "en"):
        block = BeautifulSoup(clause_links.clause_links(handbook, language, "/regulation/",
                                                        datetime.date(2026, 11, 30))("art-9"), "html.parser")
        duty = block.select_one('[data-duty="pursue-responsibility-on-facts"]')
        assert duty.select_one(".hb-inference").get_text() == handbook.label("duty-inference", language)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_calendar_entries_show_their_next_date_as_a_local_setting_or_not_yet_set(site, handbook, language):
    today = handbook.calendar.today  # the build's date (HANDBOOK_TODAY, fixed for every test in conftest.py)
    entries = {entry.id: entry for entry in handbook.calendar.entries}
    shown = not_set = with_period = 0
    for block in _blocks(site, language, "regulation/").values():
        for li in block.select("[data-entry]"):
            entry = entries[li["data-entry"]]
            assert li.select_one("a")["href"] == f"{root_link(language)}calendar/#{entry.id}"
            occurrence = next_date(handbook, entry, today)  # the calendar's and the feeds' occurrences
            time = li.select_one("time")
            if occurrence is None:
                assert time is None
                continue
            shown += 1
            date = occurrence.start
            assert time["datetime"] == date.isoformat() and time.get_text() == long_date(date, language)
            # counted from the build date, which it names
            assert fill_in(handbook.label("clause-links-next", language), date=long_date(today, language)) in li.get_text()
            mark = (handbook.label("calendar-local-rule", language) if occurrence.is_set
                    else feeds.not_set_mark(handbook, language))
            notes = li.select_one(".hb-local-setting").get_text()
            assert mark[1:] in notes  # (in English its first letter lower-cased inside the bracket)
            # a report dated after its period names the period, as the calendar does: 15 January
            # 2027 is the report on the last quarter of 2026, not one more report of 2027
            if occurrence.reports_on is not None:
                assert feeds.period_words(handbook, occurrence, language) in notes
                with_period += 1
            not_set += not occurrence.is_set
            # On 2026-11-30 the next dates are 31 December's, not yet set by the office; but the
            # holiday campaigns and the Cybersecurity Week (no implied dates: key dates, no frequency)
            # come next on a date the office set for 2027, and the reports due N days after their
            # period ends on the 2027 settings' January date for the last period of 2026
            reports_after_the_period = {"office-quarterly-report", "member-units-half-yearly-report"}
            assert occurrence.is_set == (entry.at_key_dates or entry.frequency is None
                                         or entry.id in reports_after_the_period), entry.id
    assert shown and not_set and with_period


def test_earlier_versions_and_other_documents_show_nothing_derived(site):
    for language in ("zh", "en"):
        root = site / LANGUAGE_ROOTS[language] / "regulation"
        for page in root.glob("*/index.html"):  # /regulation/<yyyy-mm-dd>/
            assert "hb-clause-links" not in page.read_text(encoding="utf-8"), page


def test_the_derived_lines_are_not_in_the_search_index(site, handbook):
    for language in ("zh", "en"):
        index = json.loads((site / LANGUAGE_ROOTS[language] / "search" / "search_index.json")
                           .read_text(encoding="utf-8"))
        label = handbook.label("clause-links", language)
        for document in index["docs"]:
            if document["location"].split("#")[0] in PAGES:
                assert label not in document["text"], document["location"]


@pytest.mark.browser
@pytest.mark.parametrize("url", ["regulation/", "en/regulation/", "parallel/", "en/parallel/"])
def test_the_derived_lines_show_on_screen_collapsed_and_are_hidden_when_printing(context, server, url):
    page = context.new_page()
    page.goto(server + url + "#art-4-2")
    block = page.locator("details.hb-clause-links[data-clause='art-4-2']")
    assert block.is_visible()
    assert not block.locator("[data-duty]").first.is_visible()  # collapsed until opened
    block.locator("summary").click()
    assert block.locator("[data-duty]").first.is_visible()
    page.emulate_media(media="print")
    shown = page.locator(".hb-clause-links").evaluate_all("els => els.filter(e => e.checkVisibility()).length")
    assert shown == 0


def test_a_clause_block_is_rendered_once_per_build_for_both_pages(handbook, monkeypatch):
    """/regulation/ and /parallel/ show the same block under each clause: one rendering per build
    (language, root and date alike); the next build renders afresh (an edited template shows)."""
    import datetime

    from macros import clause_links, rendering

    rendered = []
    real_render = clause_links.render
    monkeypatch.setattr(clause_links, "render", lambda *args, **kwargs: rendered.append(kwargs["anchor"])
                        or real_render(*args, **kwargs))
    today = datetime.date(2026, 11, 30)
    rendering.start_build()
    first = clause_links.clause_links(handbook, "en", "/en/regulation/", today)("art-4-2")
    again = clause_links.clause_links(handbook, "en", "/en/parallel/", today)("art-4-2")
    assert again == first and rendered == ["art-4-2"]
    clause_links.clause_links(handbook, "zh", "/parallel/", today)("art-4-2")  # another language
    assert rendered == ["art-4-2"] * 2
    rendering.start_build()
    assert clause_links.clause_links(handbook, "en", "/en/regulation/", today)("art-4-2") == first
    assert rendered == ["art-4-2"] * 3
