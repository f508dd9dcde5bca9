"""Built site: pages, anchors, bilingual parity, untranslated text, outside requests."""

from __future__ import annotations

import re

import pytest

from support import CJK, SITE_URL, content, page_path, pages_of, soup

OUTSIDE = re.compile(r"^(https?:)?//", re.I)
CDN_HOSTS = re.compile(r"https?://(unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.(googleapis|gstatic)\.com"
                       r"|www\.googletagmanager\.com|www\.google-analytics\.com)", re.I)
# Attributes whose value the browser fetches or navigates to.
URL_ATTRIBUTES = ("src", "href", "srcset", "poster", "data", "action", "formaction")
XML_NAMESPACES = ("http://www.w3.org/",)


def test_both_languages_have_the_same_pages(site):
    assert pages_of(site, "zh") == pages_of(site, "en")
    assert {"", "regulation/", "glossary/", "roster/"} <= set(pages_of(site, "zh"))


def test_every_anchor_is_the_same_in_both_languages_on_every_page(site):
    differ = []
    for url in pages_of(site, "zh"):
        ids = {language: [e["id"] for e in content(soup(page_path(site, language, url))).select("[id]")]
               for language in ("zh", "en")}
        if ids["zh"] != ids["en"]:
            differ.append(url)
    assert not differ, differ


def test_every_article_and_item_has_its_anchor_in_both_languages(site, handbook):
    anchors = handbook.documents["shgcw-2018-46"].anchors()
    for language in ("zh", "en"):
        page = soup(page_path(site, language, "regulation/"))
        found = [h["id"] for h in page.select("h3[id^=art-], h4[id^=art-]")]
        assert found == anchors, language


@pytest.mark.parametrize("language, anchor, expected", [
    ("zh", "art-4", "第四条 各级党组织的主要责任"),
    ("en", "art-4", "Article 4 — Main responsibilities of Party organisations at all levels"),
    ("zh", "art-12", "第十二条"),
    ("zh", "art-4-2", "(二)"),
    ("en", "art-4-2", "(2)"),
])
def test_headings_show_the_number_and_a_short_title(site, language, anchor, expected):
    heading = soup(page_path(site, language, "regulation/")).find(id=anchor)
    text = heading.get_text(" ", strip=True).replace("¶", "").strip()
    assert text.startswith(expected), text
    assert len(text) > len(expected) or anchor == "art-4"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_short_title_is_marked_as_the_handbook_s_and_the_number_is_not(site, handbook, language):
    """The Rules number their articles and items but give them no titles: on the page a link
    lands on, each title is set apart from its number and says whose it is (tooltip)."""
    page = soup(page_path(site, language, "regulation/"))
    mark = handbook.label("short-title-mark", language)
    rules = handbook.documents[handbook.main_document].rules
    titles = {article.anchor: article.title[language] for article in rules.articles}
    titles |= {article.item_anchor(item): item.title[language] for article in rules.articles for item in article.items}
    for anchor, title in titles.items():
        spans = page.find(id=anchor).select(".hb-short-title")
        assert [(span.get_text(), span["title"]) for span in spans] == [(title, mark)], anchor
    # and on the side-by-side page, in both columns
    parallel = soup(page_path(site, language, "parallel/"))
    for anchor in titles:
        row = parallel.find(id=anchor).find_parent(class_="hb-parallel__row")
        assert len(row.select(".hb-short-title")) == 2, anchor
    assert not parallel.find(id="rules").select(".hb-short-title")  # the Rules' own title


def test_the_regulation_page_carries_the_whole_notice_and_rules(site, handbook):
    document = handbook.documents["shgcw-2018-46"]
    page = content(soup(page_path(site, "zh", "regulation/"))).get_text()
    notice = document.notice
    for text in (notice.issuer.zh, notice.number.zh, notice.title.zh, notice.addressees.zh,
                 notice.body[0].zh, notice.signatory.zh, "2018年11月8日", document.rules.title.zh):
        assert text in page
    for article in document.rules.articles:
        assert article.text.zh in page
        for item in article.items:
            assert item.text.zh in page
    english = content(soup(page_path(site, "en", "regulation/"))).get_text()
    assert "8 November 2018" in english and notice.number.en in english
    for article in document.rules.articles:
        assert article.text.en in english


def test_the_errata_are_listed_with_the_record_and_the_repair(site, handbook):
    for language in ("zh", "en"):
        rows = soup(page_path(site, language, "regulation/")).select("table.hb-errata tbody tr")
        assert [row["id"] for row in rows] == [f"erratum-{e.id}" for e in handbook.errata.errata]
    doubled = soup(page_path(site, "zh", "regulation/")).find(id="erratum-art-6-doubled-character")
    assert "网络意识形态⏎态安全" in doubled.get_text() and "网络意识形态安全" in doubled.get_text()


def test_the_glossary_page_lists_every_term_in_both_languages(site, handbook):
    for language in ("zh", "en"):
        page = soup(page_path(site, language, "glossary/"))
        for term in handbook.glossary.terms:
            row = page.find(id=f"term-{term.id}")
            assert term.zh in row.get_text() and term.en in row.get_text()


def _built_files(site, *suffixes):
    return [path for path in site.rglob("*") if path.suffix in suffixes]


def test_no_page_loads_or_links_anything_from_another_host(site):
    offending = []
    for path in _built_files(site, ".html"):
        for element in soup(path).find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if value and OUTSIDE.match(value) and not value.startswith((SITE_URL, *XML_NAMESPACES)):
                    offending.append(f"{path.relative_to(site)}: <{element.name} {attribute}={value}>")
            style = element.get("style") or ""
            if re.search(r"url\(\s*['\"]?(https?:)?//", style):
                offending.append(f"{path.relative_to(site)}: style {style}")
    assert not offending, "\n".join(offending[:20])


def test_no_stylesheet_or_script_names_an_outside_resource(site):
    offending = []
    for path in _built_files(site, ".css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        offending += [f"{path.name}: {m.group(0)}"
                      for m in re.finditer(r"(url\(\s*['\"]?(https?:)?//[^)]*\)|@import[^;]*//[^;]*;)", text)]
    for path in _built_files(site, ".js", ".html", ".css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        offending += [f"{path.relative_to(site)}: {m.group(0)}" for m in CDN_HOSTS.finditer(text)]
    assert not offending, "\n".join(offending[:20])


def _allowed_chinese(element) -> bool:
    """Chinese is allowed on English pages only where marked lang="zh" with English beside it,
    and in the language switch, which names each language in itself. In the side-by-side view
    the English beside a Chinese cell is the other cell of its row."""
    if element.find_parent(class_="md-select"):
        return True
    block = (element.find_parent(["tr", "li", "p", "h1", "h2", "h3", "h4", "dd"])
             or element.find_parent(class_="hb-parallel__row"))
    if block is None:
        return False
    beside = "".join(t for t in block.find_all(string=True) if t.find_parent(attrs={"lang": "zh"}) is None)
    return bool(re.search(r"[A-Za-z]", beside))


def test_no_english_page_contains_untranslated_chinese(site):
    for url in pages_of(site, "en"):
        page = soup(page_path(site, "en", url))
        for element in page.select('[lang="zh"]'):
            assert _allowed_chinese(element), f"{url}: Chinese without English beside it: {element}"
            element.decompose()
        for tag in page(["script", "style"]):
            tag.decompose()
        leftover = re.findall(f"{CJK}+", page.get_text(" "))
        assert not leftover, (url, leftover[:10])


def test_every_page_declares_its_language(site):
    for language in ("zh", "en"):
        for url in pages_of(site, language):
            html = soup(page_path(site, language, url)).find("html")
            assert html["lang"] == language, url


def test_no_page_shows_where_it_was_cut_for_conversion(site):
    """The cut lines of the regulation and side-by-side pages (macros/rendering.PAGE_CUT) and the
    end marks of their parts (publishing/converted_pages.PART_END) never reach a built page."""
    from macros.rendering import PAGE_CUT
    from publishing.converted_pages import PART_END

    pages = list(site.rglob("*.html"))
    assert len(pages) > 70
    found = [str(path.relative_to(site)) for path in pages
             if any(mark in path.read_text(encoding="utf-8") for mark in (PAGE_CUT, PART_END))]
    assert not found, found
    # the templates do cut the pages this looks at
    from macros.rendering import TEMPLATES
    assert all("{{ cut }}" in (TEMPLATES / name).read_text(encoding="utf-8")
               for name in ("regulation.md.j2", "parallel.md.j2"))


def test_no_page_or_search_entry_shows_an_empty_slot_of_a_label(site):
    """A label's slot ({matrix}, {years}, …) is filled in wherever the label is shown; the text
    of a page or of its search entries never shows one (the calendar page did show "{matrix}").
    Any word in braces counts, not only the slots the code knows."""
    import json

    braced = re.compile(r"\{[^{}\s]+\}")
    found = []
    for language in ("zh", "en"):
        for url in pages_of(site, language):
            page = soup(page_path(site, language, url))
            for tag in page(["script", "style"]):
                tag.decompose()
            found += [f"/{url} ({language}): {slot}" for slot in braced.findall(page.get_text(" "))]
    for index in site.rglob("search_index.json"):
        for entry in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            found += [f"{index.relative_to(site)} {entry['location']}: {slot}"
                      for slot in braced.findall(entry["title"] + " " + entry["text"])]
    assert not found, found
