"""Terms where they stand (issue 14): glossary terms marked in the Rules at their first
occurrence in each article, linked to /glossary/#term-<id>, with a tooltip giving the other
language's term and the definition (hover and keyboard focus; a screen reader's description)."""

from __future__ import annotations

import pytest

from support import content, page_path, root_link, soup


def _articles(site, language):
    page = content(soup(page_path(site, language, "regulation/")))
    for heading in page.select("h3[id^=art-]"):
        texts = []
        for sibling in heading.find_all_next(["h3", "p"]):
            if sibling.name == "h3":
                break
            if "hb-text" in (sibling.get("class") or []):
                texts.append(sibling)
        yield heading["id"], texts


def _expected_terms(text: str, terms) -> set[str]:
    """The terms whose Chinese (any of its forms) occurs in the text, not only inside a longer term."""
    found, masked = set(), text
    for form, term in sorted(((form, term) for term in terms for form in term.forms("zh")),
                             key=lambda pair: len(pair[0]), reverse=True):
        if form in masked:
            found.add(term.id)
            masked = masked.replace(form, "\0")
    return found


def test_a_longer_chinese_form_is_marked_whole(handbook):
    """学校党委 is one word: marked whole as the University Party Committee, not 学 + 校党委 (in-process)."""
    from bs4 import BeautifulSoup

    from macros.term_marks import term_marker

    mark = term_marker(handbook.glossary.terms, "zh", "/glossary/", "英文")
    marked = BeautifulSoup(mark("学校党委结合实际，校党委", "art-10"), "html.parser")
    assert [(a.get_text(), a["data-term"]) for a in marked.select("a.hb-term")] == \
        [("学校党委", "university-party-committee")]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_term_is_marked_once_per_article_with_its_glossary_link_and_tooltip(site, handbook, language):
    terms = {term.id: term for term in handbook.glossary.terms}
    document = handbook.documents[handbook.main_document]
    articles = 0
    for anchor, texts in _articles(site, language):
        marks = [mark for text in texts for mark in text.select("a.hb-term")]
        ids = [mark["data-term"] for mark in marks]
        assert len(ids) == len(set(ids)), (anchor, ids)  # only the first occurrence
        if language == "zh":
            article = next(a for a in document.rules.articles if a.anchor == anchor)
            # Per paragraph, every term it holds is marked there or earlier in the article.
            assert set(ids) == set().union(*[_expected_terms(text.get_text(), terms.values()) for text in texts])
            for mark in marks:
                assert mark.get_text() in terms[mark["data-term"]].forms("zh")
            assert article.anchor == anchor
        for mark in marks:
            term = terms[mark["data-term"]]
            assert mark["href"] == f"{root_link(language)}glossary/#term-{term.id}"
            other = term.en if language == "zh" else term.zh
            assert other in mark["title"]
            if term.note:
                assert term.note[language] in mark["title"]
        articles += bool(marks)
    assert articles >= 8


def test_both_languages_mark_terms_in_every_article(site):
    zh = {anchor: {m["data-term"] for t in texts for m in t.select("a.hb-term")} for anchor, texts in _articles(site, "zh")}
    en = {anchor: {m["data-term"] for t in texts for m in t.select("a.hb-term")} for anchor, texts in _articles(site, "en")}
    assert zh.keys() == en.keys()
    missing = 0
    for anchor in zh:
        # The English marks only terms its Chinese holds, and (the terminology check makes the
        # English use the glossary's English) nearly all of them; two terms with the same English
        # (统一战线, 统战: "united front") share one occurrence.
        assert en[anchor] <= zh[anchor], anchor
        missing += len(zh[anchor] - en[anchor])
    assert missing <= 2, {anchor: zh[anchor] - en[anchor] for anchor in zh if zh[anchor] - en[anchor]}


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_tooltip_shows_on_hover_and_on_keyboard_focus(context, server, prefix):
    page = context.new_page()
    page.goto(server + prefix + "regulation/#art-3")
    mark = page.locator("#art-3 ~ .hb-text a.hb-term").first
    title = mark.get_attribute("title")
    mark.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active")
    tooltip.first.wait_for(state="visible", timeout=3000)
    assert tooltip.first.inner_text().strip() == title
    described = mark.get_attribute("aria-describedby")
    assert described and page.locator(f"[id='{described}']").inner_text().strip() == title
    page.mouse.move(0, 0)
    page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for(state="hidden", timeout=3000)

    mark.focus()  # keyboard: the mark is a link, reached with Tab
    tooltip.first.wait_for(state="visible", timeout=3000)
    assert tooltip.first.inner_text().strip() == title


@pytest.mark.browser
def test_marked_terms_print_as_plain_text(context, server):
    page = context.new_page()
    page.goto(server + "en/regulation/")
    page.emulate_media(media="print")
    mark = page.locator("a.hb-term").first
    assert mark.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    assert mark.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"


# --- /parallel/: each column marks its terms as its language's /regulation/ does -------------

def _marks_by_article(texts) -> dict[str, list[tuple[str, str, str, str]]]:
    """article anchor -> its marks in reading order: (term id, text, tooltip, link)."""
    return {anchor: [(m["data-term"], m.get_text(), m["title"], m["href"]) for text in paragraphs
                     for m in text.select("a.hb-term")] for anchor, paragraphs in texts}


def _parallel_columns(site, page_language: str) -> dict[str, list]:
    """column language -> [(article anchor, [its text paragraphs])] on /parallel/ of one language."""
    page = content(soup(page_path(site, page_language, "parallel/")))
    columns: dict[str, dict[str, list]] = {"zh": {}, "en": {}}
    article = None
    for row in page.select(".hb-parallel__row"):
        heading = row.select_one("h3[id^=art-], h4[id^=art-]")
        if heading is not None:
            article = "-".join(heading["id"].split("-")[:2])  # art-4-2 -> art-4
        if article is None:
            continue
        for cell in row.select(".hb-parallel__cell[lang]"):
            columns[cell["lang"]].setdefault(article, []).extend(cell.select("p.hb-text"))
    return {language: list(articles.items()) for language, articles in columns.items()}


@pytest.mark.parametrize("page_language", ["zh", "en"])
def test_parallel_marks_each_column_as_the_regulation_page_of_its_language(site, page_language):
    """Same terms, words, tooltips and glossary links per article, in both columns of both pages:
    the marks survive inside the side-by-side cells."""
    columns = _parallel_columns(site, page_language)
    for column in ("zh", "en"):
        expected = _marks_by_article(_articles(site, column))
        found = _marks_by_article(columns[column])
        assert found.keys() == expected.keys(), (page_language, column)
        # every mark links to this page's glossary (the other column's /regulation/ links its own)
        assert all(mark[3] == f"{root_link(page_language)}glossary/#term-{mark[0]}"
                   for marks in found.values() for mark in marks)
        expected = {anchor: [(*mark[:3], mark[3].replace(f"{root_link(column)}glossary/",
                                                         f"{root_link(page_language)}glossary/", 1))
                             for mark in marks] for anchor, marks in expected.items()}
        assert found == expected, (page_language, column)
        assert sum(map(len, found.values())) > 50


def test_parallel_marks_are_links_with_a_tooltip(site):
    for language in ("zh", "en"):
        page = content(soup(page_path(site, language, "parallel/")))
        marks = page.select(".hb-parallel__cell a.hb-term")
        assert marks and all(mark.get("href") and mark.get("title") for mark in marks)


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("column", ["zh", "en"])
def test_the_tooltip_shows_on_hover_and_on_keyboard_focus_on_parallel(context, server, prefix, column):
    page = context.new_page()
    page.goto(server + prefix + "parallel/#art-3")
    mark = page.locator(f".hb-parallel__cell[lang={column}] a.hb-term").first
    mark.scroll_into_view_if_needed()
    title = mark.get_attribute("title")
    mark.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active")
    tooltip.first.wait_for(state="visible", timeout=3000)
    assert tooltip.first.inner_text().strip() == title
    described = mark.get_attribute("aria-describedby")
    assert described and page.locator(f"[id='{described}']").inner_text().strip() == title
    page.mouse.move(0, 0)
    tooltip.first.wait_for(state="hidden", timeout=3000)

    mark.focus()  # keyboard: the mark is a link, reached with Tab
    tooltip.first.wait_for(state="visible", timeout=3000)
    assert tooltip.first.inner_text().strip() == title
