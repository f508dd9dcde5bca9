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
    """The terms whose Chinese occurs in the text, not only inside a longer term."""
    found, masked = set(), text
    for term in sorted(terms, key=lambda term: len(term.zh), reverse=True):
        if term.zh in masked:
            found.add(term.id)
            masked = masked.replace(term.zh, "\0")
    return found


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
                assert mark.get_text() == terms[mark["data-term"]].zh
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
