"""What a new user meets in the first hour (issue 18), on a phone (390×844) and a desktop
(1280×900), in both languages, in Debian's Chromium — plus the built-site facts behind it."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import docx
import pytest
from icalendar import Calendar

from macros import duties as duty_logic
from support import ROOT, content, load_until_idle, page_path, soup, switch_language

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PREFIXES = {"zh": "", "en": "en/"}
# One page of every type: the home page, the source text, the derived pages, one checklist.
PAGE_TYPES = ["", "regulation/", "glossary/", "roster/", "calendar/", "parallel/", "duties/",
              "checklists/", "checklists/principal-leader/", "onboarding/"]

both_widths = pytest.mark.parametrize("width", sorted(WIDTHS))
both_languages = pytest.mark.parametrize("language", sorted(PREFIXES))


@pytest.fixture
def open_page(browser, server):
    """open_page(width, language, url) -> a page of the site at that screen size.

    A test's pages of one width (and options) share one browser context, as a reader's tabs
    do: a context per page started each page cold (its own cache and processes) and kept the
    earlier ones running, ~2x the time for the six-page table test. Each test still starts
    with fresh contexts."""
    contexts = {}

    def _open(width: str, language: str, url: str, **options):
        key = (width, repr(sorted(options.items())))
        if key not in contexts:
            contexts[key] = browser.new_context(viewport=WIDTHS[width], locale="zh-CN", **options)
        page = contexts[key].new_page()
        page.goto(server + PREFIXES[language] + url)
        return page

    yield _open
    for context in contexts.values():
        context.close()


def _top_in_viewport(page, selector: str) -> float:
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().top")


# 1. The language switch keeps the reader's place -------------------------------------------

@pytest.mark.browser
@both_widths
@pytest.mark.parametrize("language, other", [("en", "zh"), ("zh", "en")])
def test_the_language_switch_keeps_the_anchor(open_page, server, width, language, other):
    page = open_page(width, language, "regulation/#art-8-3")
    switch_language(page, other, open_with="click")  # a tap works at both widths
    assert page.url == server + PREFIXES[other] + "regulation/#art-8-3"
    top = _top_in_viewport(page, "#art-8-3")
    assert 0 <= top < WIDTHS[width]["height"] / 2, top


@pytest.mark.browser
@both_widths
@pytest.mark.parametrize("language, other", [("en", "zh"), ("zh", "en")])
def test_the_language_switch_without_an_anchor_keeps_the_heading_scrolled_to(
        open_page, server, width, language, other):
    page = open_page(width, language, "regulation/")
    page.eval_on_selector("#art-3", "e => e.scrollIntoView()")  # where a link to #art-3 lands
    page.mouse.wheel(0, 30)  # a little further, into Article 3's text
    # wait (up to 3 s, on a loaded machine) until the wheel has scrolled past the heading's landing line
    passed = "e => e.getBoundingClientRect().top <= (parseFloat(getComputedStyle(e).scrollMarginTop) || 0) + 1"
    for _ in range(30):
        page.wait_for_timeout(100)
        if page.eval_on_selector("#art-3", passed):
            break
    switch_language(page, other, open_with="click")
    assert page.url == server + PREFIXES[other] + "regulation/#art-3"


@pytest.mark.browser
@both_widths
def test_the_language_switch_from_the_top_of_a_page_adds_no_anchor(open_page, server, width):
    page = open_page(width, "en", "duties/")
    switch_language(page, "zh", open_with="click")
    assert page.url == server + "duties/"


# 2. From job title to role; every checklist with dated duties links to its feed -------------

def test_held_titles_are_shown_on_the_checklist_as_examples(site, handbook):
    titled = [role for role in handbook.roles.roles if role.held_titles]
    assert any(role.id == "principal-leader" for role in titled)
    for role in titled:
        for language in PREFIXES:
            page = soup(page_path(site, language, f"checklists/{role.id}/"))
            heading = page.select_one("h1#checklist").get_text()
            first = role.held_titles[0][language]
            assert ("（如" + first + "）" if language == "zh" else "(e.g. " + first + ")") in heading
            titles = page.select_one(".hb-held-titles")
            assert titles is not None and not titles.has_attr("data-search-exclude")
            text = titles.get_text()
            assert ("非细则原文" if language == "zh" else "not the Rules' words") in text
            assert all(title[language] in text for title in role.held_titles)


def test_a_role_a_unit_may_not_hold_says_on_its_checklist_how_to_tell(site, handbook):
    """The Rules list no member units: the member units' checklist and self-inspection form (pages
    and Word files) say so and who can confirm, in the guide's words (data/onboarding.yml), and no
    other role's carries such a note."""
    how_to_tell = {c.role: c.how_to_tell for c in handbook.onboarding.conditional_roles if c.how_to_tell}
    assert "member-units" in how_to_tell
    for role in handbook.roles.roles:
        for language in PREFIXES:
            note = soup(page_path(site, language, f"checklists/{role.id}/")).select_one(".hb-how-to-tell")
            form_note = soup(page_path(site, language, f"self-inspection/{role.id}/")).select_one(".hb-how-to-tell")
            in_word = {kind: [p.text for p in docx.Document(site / "downloads" / f"{kind}-{role.id}-{language}.docx").paragraphs
                              if p.text in {c.how_to_tell[language] for c in handbook.onboarding.conditional_roles if c.how_to_tell}]
                       for kind in ("checklist", "self-inspection")}
            if role.id in how_to_tell:
                assert note is not None and note.get_text() == how_to_tell[role.id][language]
                assert form_note is not None and form_note.get_text() == how_to_tell[role.id][language]
                assert all(in_word.values()), (role.id, language)
            else:
                assert note is None and form_note is None and not any(in_word.values()), role.id


def test_the_checklist_of_the_persons_in_charge_of_official_new_media_links_the_other_clauses_on_them(site, handbook):
    """Under "See also": each other clause that uses the role's words, linked, with its title;
    no other checklist has the section."""
    from macros.duties import clauses_using

    for role in handbook.roles.roles:
        expected = clauses_using(handbook, role.id)
        for language in PREFIXES:
            page = content(soup(page_path(site, language, f"checklists/{role.id}/")))
            items = page.select(".hb-see-also li")
            assert (page.select_one("h2#see-also") is not None) == bool(expected), role.id
            assert [li.select_one("a")["href"].split("#")[1] for li in items] == [anchor for anchor, _ in expected]
            assert all(li.get_text().endswith(clause.title[language]) for li, (_, clause) in zip(items, expected))
            # the Word checklist lists the same clauses
            word = [p.text for p in docx.Document(site / "downloads" / f"checklist-{role.id}-{language}.docx").paragraphs]
            titles = [li.get_text() for li in items]
            assert [text for text in word if text in titles] == titles, role.id
    assert clauses_using(handbook, "new-media-operators")


def _dated_entry_ids(handbook, role_id: str) -> set[str]:
    """The calendar entries that time a dated duty on the role's checklist."""
    entries = {entry.id: entry for entry in handbook.calendar.entries}
    return {duty.calendar.id for duty in duty_logic.role_duties(handbook, role_id)
            if duty.frequency is not None and duty.calendar is not None
            and entries[duty.calendar.id].dated}


@pytest.mark.parametrize("language", sorted(PREFIXES))
def test_every_checklist_with_a_dated_duty_links_to_a_feed_that_holds_those_duties(
        site, handbook, language):
    checked = 0
    for role in handbook.roles.roles:
        dated = _dated_entry_ids(handbook, role.id)
        if not dated:
            continue
        checked += 1
        page = soup(page_path(site, language, f"checklists/{role.id}/"))
        page_url = f"/{PREFIXES[language]}checklists/{role.id}/"
        for block in page.select(".hb-subscribe"):  # at the top and at the end
            links = [urljoin(page_url, a["href"]) for a in block.select("a.hb-feed[type='text/calendar']")]
            assert f"/{PREFIXES[language]}calendar/{role.id}.ics" in links, (role.id, links)
        assert len(page.select(".hb-subscribe")) == 2, role.id
        feed = Calendar.from_ical((site / PREFIXES[language] / "calendar" / f"{role.id}.ics").read_bytes())
        uids = [str(event.get("uid")).split("@")[0] for event in feed.walk("VEVENT")]
        # A duty's UID is its entry's id (plus "-<key date>-<year>" for each holiday's event).
        missing = {entry for entry in dated
                   if not any(uid == entry or uid.startswith(entry + "-") for uid in uids)}
        assert not missing, (role.id, missing)
    assert checked >= 5  # the principal leader and the rest of the leadership team among them


@pytest.mark.browser
@both_widths
@pytest.mark.parametrize("language, query", [("zh", "书记"), ("zh", "党委书记"), ("en", "Party secretary")])
def test_searching_a_held_title_finds_the_checklist(open_page, server, width, language, query):
    from publishing.search_support import search, target

    page = open_page(width, language, "")
    placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                ".translations['search.result.placeholder']")
    if width == "phone":  # the search box opens from the header's search button
        page.click("label.md-header__button[for='__search']")
    page.locator("input.md-search__input").click()
    results = [target(href, server + PREFIXES[language]) for href in search(page, query, placeholder)]
    assert "checklists/principal-leader/" in [r.split("#")[0] for r in results[:3]], results


# 3. Checklist actions at the top -------------------------------------------------------------

@pytest.mark.browser
@both_widths
@both_languages
def test_checklist_actions_come_before_the_duties(open_page, width, language):
    page = open_page(width, language, "checklists/principal-leader/")
    duties_top = _top_in_viewport(page, "#duties")
    for selector in (".hb-checklist-actions .hb-print-button", ".hb-checklist-actions a.hb-download",
                     ".hb-checklist-actions a.hb-feed[type='text/calendar']"):
        element = page.locator(selector).first
        assert element.is_visible(), selector
        assert element.bounding_box()["y"] < duties_top, selector
    # The print button prints.
    page.evaluate("window.__printed = false; window.print = () => { window.__printed = true; }")
    page.click(".hb-checklist-actions .hb-print-button")
    assert page.evaluate("window.__printed")


# 4. The duty matrix: sticky duty column and header; navigation; contents in article order ----

@pytest.mark.browser
@both_widths
@both_languages
def test_the_duty_matrix_keeps_its_row_and_column_labels_in_view(open_page, width, language):
    page = open_page(width, language, "duties/")
    wrap = page.locator(".hb-matrix-wrap").nth(1)  # Article 4, the widest
    wrap.scroll_into_view_if_needed()
    box = wrap.bounding_box()
    assert box["width"] <= WIDTHS[width]["width"]
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; w.scrollTop = 400; }")
    page.wait_for_timeout(100)
    wrap_box = wrap.bounding_box()
    duty = wrap.locator("tbody th.hb-matrix__duty").nth(6).bounding_box()
    header = wrap.locator("thead th").last.bounding_box()
    assert abs(duty["x"] - wrap_box["x"]) < 3, (duty, wrap_box)  # the duty column stays at the left
    assert abs(header["y"] - wrap_box["y"]) < 3, (header, wrap_box)  # the header row stays at the top


@pytest.mark.browser
@both_languages
def test_the_duty_matrix_keeps_the_site_navigation_on_a_desktop(open_page, language):
    page = open_page("desktop", language, "duties/")
    assert page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()


@both_languages
def test_the_duty_matrix_contents_follow_the_article_order(site, language):
    page = soup(page_path(site, language, "duties/"))
    ids = [a["href"].split("#")[1] for a in page.select(".md-sidebar--secondary .md-nav__link")]
    numbers = [int(match.group(1)) for i in ids if (match := re.fullmatch(r"art-(\d+)", i))]
    assert 8 in numbers and numbers == sorted(numbers), numbers


# 5. /parallel/'s introduction is whole ---------------------------------------------------------

@pytest.mark.browser
@both_widths
@both_languages
def test_the_parallel_introduction_is_whole(open_page, handbook, width, language):
    page = open_page(width, language, "parallel/")
    text = page.inner_text(".hb-parallel__intro")
    assert text == handbook.label("parallel-intro", language)
    assert text.endswith("上下排列。" if language == "zh" else "columns stack.")


# 7. Short columns keep their width; one table style ----------------------------------------

@pytest.mark.browser
@both_widths
@both_languages
def test_short_columns_do_not_wrap_a_character_per_line(open_page, width, language):
    for url, selector in (("calendar/", "table a.hb-source"), ("checklists/", "td.hb-count"),
                          ("duties/", "table a.hb-citation")):
        page = open_page(width, language, url)
        lines = page.eval_on_selector_all(
            selector, "els => els.map(e => e.getClientRects().length)")
        assert lines and max(lines) == 1, (url, selector, max(lines))
        narrow = page.eval_on_selector_all(
            "article table td", "els => els.filter(e => e.getBoundingClientRect().width < 40).length")
        assert narrow == 0, url
        page.close()  # done with it: it would go on running beside the next


@pytest.mark.browser
@both_widths
def test_every_table_has_the_same_style(open_page, width):
    styles = set()
    for url in ("regulation/", "glossary/", "calendar/", "duties/", "checklists/", "onboarding/"):
        page = open_page(width, "zh", url)
        styles |= set(page.eval_on_selector_all("article table td", """els => els.map(e => {
            const s = getComputedStyle(e);
            return [s.borderTopStyle, s.borderTopWidth, s.borderTopColor, s.verticalAlign, s.paddingLeft].join(' ');
        })"""))
        page.close()
    assert len(styles) == 1, styles


# 8. A 404 page per language -----------------------------------------------------------------

@pytest.mark.browser
@both_widths
@both_languages
def test_the_404_page_speaks_the_site_language_and_offers_a_way_on(open_page, server, handbook,
                                                                     width, language):
    page = open_page(width, language, "404.html")
    assert page.get_attribute("html", "lang") == language
    assert page.inner_text("article h1") == handbook.label("not-found-title", language)
    assert "404 - Not found" not in page.inner_text("article")
    assert page.inner_text("a.hb-not-found__home") == handbook.label("not-found-home", language)
    page.click("a.hb-not-found__search")
    page.wait_for_load_state()
    assert page.url.startswith(server + PREFIXES[language] + "?q=")
    assert page.locator(".md-search__input").is_visible()  # the search box is open
    page.goto(server + PREFIXES[language] + "404.html")
    page.click("a.hb-not-found__home")
    page.wait_for_load_state()
    assert page.url == server + PREFIXES[language]


def test_nginx_answers_a_missing_page_with_the_404_page_of_its_language():
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "error_page 404 /handbook/404.html;" in conf
    assert re.search(r"location /handbook/en/ \{[^}]*error_page 404 /handbook/en/404\.html;", conf)


# 9. Copy citation: full title and document number, on /parallel/ too ------------------------

FULL_CITATIONS = {
    "zh": "《上海工程技术大学党委网络意识形态工作责任制实施细则》（沪工程委〔2018〕46号）第四条第（二）项",
    "en": "Implementation Rules for the Online Ideological Work Responsibility System of the Party "
          "Committee of Shanghai University of Engineering Science (Hu Gong Cheng Wei [2018] No. 46), Art. 4(2)",
}


@pytest.mark.browser
@both_widths
@both_languages
@pytest.mark.parametrize("url", ["regulation/", "parallel/"])
def test_copy_citation_gives_the_full_title_and_document_number(open_page, server, width, language, url):
    page = open_page(width, language, url)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    page.click("#art-4-2 ~ .hb-cite .hb-cite__button >> nth=0")
    page.wait_for_function("document.querySelector('.hb-cite__status:not(:empty)') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{FULL_CITATIONS[language]} {server}{PREFIXES[language]}{url}#art-4-2"


# 10. No failed request on any page type ------------------------------------------------------

@pytest.mark.browser
@both_widths
@both_languages
def test_no_request_fails_on_any_page_type(browser, server, width, language):
    context = browser.new_context(viewport=WIDTHS[width], locale="zh-CN")
    failed = []
    context.on("response", lambda response: failed.append(f"{response.status} {response.url}")
               if response.status >= 400 else None)
    context.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    addresses = [server + PREFIXES[language] + url for url in [*PAGE_TYPES, "404.html"]]
    try:
        loaded = [address for _, address in load_until_idle(context, addresses)]
    finally:
        context.close()
    assert loaded == addresses
    assert not failed, failed


# 11. Downloads get distinct names per language and role; the URLs stay -----------------------

@both_languages
def test_feed_links_name_their_download_by_role_and_language(site, language):
    names = {}
    for url in ("calendar/", "checklists/principal-leader/"):
        for link in soup(page_path(site, language, url)).select("a.hb-feed"):
            role, extension = re.search(r"calendar/([\w-]+)\.(ics|csv)$", link["href"]).groups()
            names.setdefault(link["download"], set()).add((link["hreflang"], role, extension))
            assert link["download"] == f"calendar-{role}-{link['hreflang']}.{extension}"
    assert all(len(targets) == 1 for targets in names.values()), names
    assert {"calendar-all-zh.csv", "calendar-all-en.csv"} <= set(names)


@pytest.mark.browser
@both_widths
@both_languages
def test_a_downloaded_spreadsheet_is_named_by_role_and_language(open_page, server, width, language):
    page = open_page(width, language, "calendar/", accept_downloads=True)
    link = page.locator(f"#feed-all a.hb-feed[hreflang={language}][type='text/csv']").first
    href = link.get_attribute("href")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"calendar-all-{language}.csv"
    assert download.value.url == server + PREFIXES[language] + "calendar/all.csv"  # the URL is unchanged
    assert href.endswith("calendar/all.csv")


# 14. The skip link does not cover the logo or the menu button ------------------------------

@pytest.mark.browser
@both_widths
@both_languages
def test_the_focused_skip_link_covers_nothing_in_the_header(open_page, width, language):
    page = open_page(width, language, "regulation/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.wait_for_timeout(300)  # Material slides it in
    skip = page.locator(".md-skip").bounding_box()
    assert 0 <= skip["y"] and skip["y"] + skip["height"] <= WIDTHS[width]["height"]
    for selector in (".md-header__button.md-logo", "label.md-header__button[for='__drawer']",
                     ".md-header__title"):
        element = page.locator(selector).first
        if not element.is_visible():
            continue
        box = element.bounding_box()
        overlaps = not (skip["x"] + skip["width"] <= box["x"] or box["x"] + box["width"] <= skip["x"]
                        or skip["y"] + skip["height"] <= box["y"] or box["y"] + box["height"] <= skip["y"])
        assert not overlaps, (selector, skip, box)
