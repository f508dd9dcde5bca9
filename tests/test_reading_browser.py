"""Browser: the side-by-side view's layout, and what printing a page gives (Debian's Chromium)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _cells(page, anchor: str):
    row = page.locator(f".hb-parallel__row:has(#{anchor})")
    return [row.locator(f".hb-parallel__cell[lang={lang}]").bounding_box() for lang in ("zh", "en")]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_side_by_side_view_has_two_columns_and_stacks_on_a_narrow_screen(context, server, prefix):
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + prefix + "parallel/#art-4-2")
    zh, en = _cells(page, "art-4-2")
    assert zh["y"] == en["y"] and zh["x"] + zh["width"] <= en["x"]
    assert page.evaluate("window.scrollY") > 0  # the anchor works here too

    page.set_viewport_size({"width": 390, "height": 844})
    zh, en = _cells(page, "art-4-2")
    assert en["y"] >= zh["y"] + zh["height"] and abs(zh["x"] - en["x"]) < 20

    page.emulate_media(media="print")  # paper keeps the two columns
    zh, en = _cells(page, "art-4-2")
    assert zh["y"] == en["y"]


@pytest.mark.parametrize("url", ["regulation/", "en/regulation/", "parallel/", "en/parallel/"])
def test_printing_shows_the_document_without_the_site_chrome(context, server, url):
    page = context.new_page()
    page.goto(server + url)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".hb-cite", ".hb-reading", ".headerlink"):
        shown = page.locator(chrome).evaluate_all("els => els.filter(e => e.checkVisibility()).length")
        assert shown == 0, chrome
    assert page.locator(".hb-status").first.is_visible()
    heading = page.locator("#art-4").evaluate("h => getComputedStyle(h).breakAfter")
    assert heading == "avoid"


def test_printed_links_show_their_full_address(context, server):
    page = context.new_page()
    page.goto(server + "en/")
    page.emulate_media(media="print")
    link = page.locator("article a[href='regulation/']").first
    assert link.get_attribute("data-print-href") == server + "en/regulation/"
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert server + "en/regulation/" in after
    # each address once a page, at its first link: the errata's many links to the roster print one
    page.goto(server + "regulation/")
    roster_links = page.locator("article a[href*='roster/']").count()
    printed = page.locator("article a[data-print-href]").evaluate_all("links => links.map(a => a.dataset.printHref)")
    assert roster_links > 10 and len(printed) == len(set(printed))
    assert sum(address.startswith(server + "roster/") for address in printed) >= 1
    # a link the print hides does not take the address from the printed one after it: the
    # checklist's feeds print at its foot, though the same links stand above, for the screen
    page.goto(server + "checklists/principal-leader/")
    page.emulate_media(media="print")
    feeds = page.locator("article a[href$='principal-leader.ics']").evaluate_all(
        "links => links.filter(a => a.checkVisibility()).map(a => a.dataset.printHref || null)")
    assert feeds and all(feeds), feeds
    # the calendar's basis column prints its citations (第六条) without an address in each cell
    page.goto(server + "calendar/")
    page.emulate_media(media="print")
    sources = page.locator("article a.hb-source")
    assert sources.count() > 50
    assert sources.evaluate_all("links => links.filter(a => a.dataset.printHref"
                                " || getComputedStyle(a, '::after').content !== 'none').length") == 0
    page.goto(server + "checklists/principal-leader/")
    page.emulate_media(media="print")
    # a duty's timing links to its dates on the calendar, but prints as the timing alone
    timing_links = page.locator("article a.hb-calendar-link")
    assert timing_links.count() > 0
    assert timing_links.evaluate_all("links => links.filter(a => a.dataset.printHref).length") == 0


@pytest.mark.parametrize("language, prefix, style", [("zh", "", "normal"), ("en", "en/", "italic")])
def test_emphasis_is_upright_in_chinese_and_italic_in_english(context, server, language, prefix, style):
    page = context.new_page()
    page.goto(server + prefix + "checklists/new-media-operators/")
    marks = page.locator(".hb-inference em").evaluate_all("els => els.map(e => getComputedStyle(e).fontStyle)")
    assert marks and set(marks) == {style}


WIDTHS = """() => {
  const article = document.querySelector('article');
  const width = (text, bold) => {
    const span = document.createElement('span');
    span.textContent = text;
    if (bold) span.style.fontWeight = '700';
    article.appendChild(span);
    const found = span.getBoundingClientRect().width;
    span.remove();
    return found;
  };
  return {quote: width('“'), ellipsis: width('…'), han: width('中'), boldQuote: width('“', true), boldHan: width('中', true)};
}"""


def test_chinese_pages_set_quotation_marks_at_full_width_and_english_pages_do_not(context, server):
    """Material's system stack starts with Latin faces, whose “” and … are narrow: on Chinese
    pages they come from the reader's CJK face (local only), as wide as a character."""
    page = context.new_page()
    page.goto(server + "regulation/")
    chinese = page.evaluate(WIDTHS)
    assert chinese["quote"] == chinese["han"] and chinese["ellipsis"] == chinese["han"], chinese
    assert abs(chinese["boldQuote"] - chinese["boldHan"]) < 1, chinese  # bold text too (an emboldened face)
    page.goto(server + "en/regulation/")
    english = page.evaluate(WIDTHS)
    assert english["quote"] < english["han"] / 2, english
