"""Reading and sharing, on the built site: side-by-side view, print stylesheet, ready PDFs,
and the "last updated" line."""

from __future__ import annotations

import datetime
import re
import unicodedata

import pytest
from pypdf import PdfReader

from macros.status import css_string, data_changed
from macros.text import article_label, item_label
from publishing.pdf_text import pages_text, text as _pdf_text
from support import ROOT, content, page_path, pages_of, root_link, soup

DOCUMENT = "shgcw-2018-46"


def _squeeze(text: str) -> str:
    """Text for comparison: no whitespace (PDF lines break anywhere in Chinese)."""
    return re.sub(r"\s+", "", text)


# --- Side by side ----------------------------------------------------------------------------

def test_the_side_by_side_view_aligns_every_article_and_item_under_the_regulation_anchors(site, handbook):
    document = handbook.documents[DOCUMENT]
    for language in ("zh", "en"):
        page = soup(page_path(site, language, "parallel/"))
        rows = content(page).select(".hb-parallel__row:not(.hb-parallel__row--languages)")
        anchors = [row.select_one("[id]")["id"] for row in rows]
        assert anchors == ["rules", *document.anchors()], language
        regulation = soup(page_path(site, language, "regulation/"))
        assert [h["id"] for h in page.select("h3[id^=art-], h4[id^=art-]")] == \
            [h["id"] for h in regulation.select("h3[id^=art-], h4[id^=art-]")]


def test_every_page_with_the_articles_headings_says_their_titles_are_the_handbook_s(site, handbook):
    """The Rules' articles and items have no titles: a page that heads them with the handbook's
    (the regulation, the side-by-side view, in its "Chinese (source)" column too) says so once."""
    from support import LANGUAGE_ROOTS, pages_of

    note = {language: handbook.label("short-title-note", language) for language in LANGUAGE_ROOTS}
    checked = []
    for language in LANGUAGE_ROOTS:
        for url in pages_of(site, language):
            page = content(soup(page_path(site, language, url)))
            if page.select("h3[id^=art-], h4[id^=art-]"):
                notes = [p.get_text() for p in page.select(".hb-short-title-note")]
                assert notes == [note[language]], (language, url, notes)
                checked.append((language, url))
    assert {("zh", "parallel/"), ("en", "parallel/"), ("zh", "regulation/")} <= set(checked)


def test_each_row_holds_the_chinese_and_the_english_of_the_same_clause(site, handbook):
    document = handbook.documents[DOCUMENT]
    texts = {a.anchor: a.text for a in document.rules.articles}
    texts.update({a.item_anchor(i): i.text for a in document.rules.articles for i in a.items})
    for language in ("zh", "en"):
        page = soup(page_path(site, language, "parallel/"))
        for anchor, text in texts.items():
            row = page.find(id=anchor).find_parent(class_="hb-parallel__row")
            cells = row.select(".hb-parallel__cell")
            assert [cell["lang"] for cell in cells] == ["zh", "en"]
            assert cells[0].select_one(".hb-text").get_text() == text.zh
            assert cells[1].select_one(".hb-text").get_text() == text.en
            # The heading is in the page's language; the other column shows the same title.
            heading_cell = cells[0] if language == "zh" else cells[1]
            assert heading_cell.find(id=anchor) is not None, (language, anchor)


def test_the_regulation_page_shows_the_record_s_text_in_the_record_s_order(site, handbook):
    """The Chinese page prints the notice and the Rules node by node in the order of the record
    (source_nodes, which tests/test_fidelity.py holds to the record): 附件 above the Rules'
    title, as the original prints it, each article's and item's text after its number, and the
    attachment, the roster as issued, after the Rules."""
    from macros.source_text import source_nodes

    shown = _squeeze(content(soup(page_path(site, "zh", "regulation/"))).get_text())
    cursor = 0
    for node_id, text in source_nodes(handbook, DOCUMENT):
        number = re.match(r"(第.+?条|\(.+?\))", text) if node_id.startswith("art-") else None
        wanted = _squeeze(text[number.end():] if number else text)
        found = shown.find(wanted, cursor)
        assert found >= 0, f"{node_id} is not shown after the node before it: {wanted[:40]}"
        cursor = found + len(wanted)
    assert cursor > shown.index("附件上海工程技术大学网络信息安全领导小组名单")  # the attachment came last


def test_the_regulation_page_links_to_the_side_by_side_view_the_pdfs_and_the_word_files(site):
    for language in ("zh", "en"):
        path = page_path(site, language, "regulation/")
        links = [a["href"] for a in soup(path).select(".hb-reading a")]
        assert links[0] == "../parallel/"
        assert sorted(links[1:]) == sorted(f"{root_link('zh')}downloads/regulation-{lang}.{kind}"
                                          for lang in ("zh", "en") for kind in ("pdf", "docx"))
        for href in links:
            target = (path.parent / href).resolve() if href.startswith("..") else site / href.lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), (language, href)


# --- "Last updated" and version -------------------------------------------------------------

def test_every_page_says_how_current_it_is(site, handbook):
    version = (ROOT / "VERSION").read_text(encoding="utf-8").strip()
    changed = data_changed(ROOT).isoformat()
    for language in ("zh", "en"):
        for url in pages_of(site, language):
            line = content(soup(page_path(site, language, url))).select_one(".hb-status")
            assert line is not None, (language, url)
            times = [t["datetime"] for t in line.select("time")]
            assert times == ["2018-11-08", changed], (language, url)
            assert line.select_one("[data-version]").get_text() == version


def pages_without_translation_status(site, handbook) -> list[str]:
    """English pages that do not say, once, that the Chinese is authoritative and the English a
    reference translation reviewed on the document's `english_reviewed_on`."""
    reviewed = handbook.documents[DOCUMENT].english_reviewed_on
    before, after = handbook.label("status-translation", "en").split("{date}")
    wrong = []
    for url in pages_of(site, "en"):
        lines = content(soup(page_path(site, "en", url))).select(".hb-status--translation")
        if len(lines) != 1 or lines[0].get_text() != f"{before}{reviewed:%-d %B %Y}{after}" \
                or lines[0].select_one("time")["datetime"] != reviewed.isoformat():
            wrong.append(url)
    return wrong


def test_every_english_page_says_the_chinese_is_authoritative_and_when_the_english_was_reviewed(site, handbook):
    assert len(pages_of(site, "en")) >= 10
    assert pages_without_translation_status(site, handbook) == []
    assert "authoritative" in handbook.label("status-translation", "en")
    for url in pages_of(site, "zh"):  # the Chinese is the source: no such line
        assert not content(soup(page_path(site, "zh", url))).select(".hb-status--translation"), url


def test_the_translation_status_check_notices_a_page_without_it(site, handbook, tmp_path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "search", "assets"))
    page = page_path(copy, "en", "glossary/")
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<p class="hb-status hb-status--translation".*?</p>', "", html, flags=re.S), encoding="utf-8")
    assert pages_without_translation_status(copy, handbook) == ["glossary/"]


def test_the_data_date_falls_back_to_file_times_outside_git(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yml").write_text("x: 1\n", encoding="utf-8")
    import os
    stamp = datetime.datetime(2021, 3, 4, 12).timestamp()
    os.utime(data / "a.yml", (stamp, stamp))
    assert data_changed(tmp_path) == datetime.date(2021, 3, 4)


# --- Print --------------------------------------------------------------------------------------

def test_printed_pages_carry_the_document_number_and_title_in_their_running_header(site, handbook):
    """The Rules' own text prints under their number and title; the handbook's pages (a checklist,
    a self-inspection form) under the handbook's name with the Rules as its basis, so that a
    printed form cannot pass for part of the notice. Checked in the CSS and in the ready PDFs."""
    from macros.downloads import checklist_pdf, self_inspection_pdf
    from macros.text import titled_document

    document = handbook.documents[DOCUMENT]
    for language, root in (("zh", site), ("en", site / "en")):
        number, title = getattr(document.notice.number, language), document.rules.title[language]
        name = handbook.label("handbook-name", language)
        basis = handbook.label("checklist-source", language) + ("：" if language == "zh" else ": ") + \
            titled_document(title, number, language)
        css = (root / "assets/stylesheets/print-running.css").read_text(encoding="utf-8")
        assert f"content: {css_string(name)};" in css and f"content: {css_string(basis)};" in css
        assert f"@page rules {{\n  @top-left {{ content: {css_string(number)}; }}\n  @top-right {{ content: {css_string(title)}; }}" in css
        assert "html:has(.hb-short-title-note) { page: rules; }" in css
        assert "counter(page)" in css and "counter(pages)" in css
        linked = [link["href"] for link in soup(page_path(site, language, "regulation/")).select("link[rel=stylesheet]")]
        assert "../assets/stylesheets/print-running.css" in linked
        squeezed = {key: _squeeze(value) for key, value in (("number", number), ("title", title), ("name", name))}
        first = _squeeze(pages_text(site / "downloads" / f"regulation-{language}.pdf")[0])
        assert first.startswith(squeezed["number"] + squeezed["title"][:20]) and squeezed["name"] not in first
        for pdf in (checklist_pdf("principal-leader", language), self_inspection_pdf("principal-leader", language)):
            first = _squeeze(pages_text(site / pdf)[0])
            assert first.startswith(squeezed["name"]) and not first.startswith(squeezed["number"]), pdf


def test_data_cannot_inject_css_into_the_running_header():
    assert css_string('a"; } body { display: none') == '"a\\22 ; } body { display: none"'


# --- Ready PDFs --------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_ready_pdf_has_every_article_and_item_heading_as_searchable_text(site, handbook, language):
    document = handbook.documents[DOCUMENT]
    text = _squeeze(_pdf_text(site / "downloads" / f"regulation-{language}.pdf"))
    missing = []
    for article in document.rules.articles:
        headings = [f"{article_label(article.number, language)}{'' if language == 'zh' else '—'}{article.title[language]}"]
        headings += [f"{item_label(item.number, language)}{item.title[language]}" for item in article.items]
        missing += [h for h in headings if _squeeze(h) not in text]
    assert not missing, missing
    # Running header: the document number and title on the pages themselves.
    assert _squeeze(getattr(document.notice.number, language)) in text


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_role_has_a_ready_checklist_pdf_linked_from_its_checklist(site, handbook, language):
    from macros.downloads import checklist_pdf
    from macros.duties import role_duties

    for role in handbook.roles.roles:
        pdf = site / checklist_pdf(role.id, language)
        text = _squeeze(_pdf_text(pdf))
        assert _squeeze(role.name[language]) in text, role.id
        duties = role_duties(handbook, role.id)
        assert all(_squeeze(d.text[language])[:20] in text for d in duties[:3]), role.id
        assert PdfReader(pdf).pages[0].mediabox.height > PdfReader(pdf).pages[0].mediabox.width  # A4 portrait
        page = page_path(site, language, f"checklists/{role.id}/")
        links = [a["href"] for a in soup(page).select("a.hb-download[href$='.pdf']")]
        # the same PDF, from the actions at the top and at the end of the checklist
        assert links and {link for link in links} == {links[0]}, links
        assert links[0].endswith(checklist_pdf(role.id, language)), links


@pytest.mark.parametrize("language", ["zh", "en"])
def test_pdfium_reads_the_characters_pypdf_reads(site, language):
    """The tests read PDFs with PDFium (publishing/pdf_text.py) for speed: the same characters
    as pypdf, page by page, whatever order each puts a page's running header and footer in."""
    from collections import Counter

    from publishing.pdf_text import pages_text

    pdf = site / "downloads" / f"checklist-principal-leader-{language}.pdf"
    by_pypdf = [Counter(_squeeze(page.extract_text())) for page in PdfReader(pdf).pages]
    assert [Counter(_squeeze(page)) for page in pages_text(pdf)] == by_pypdf
    assert sum(by_pypdf, Counter()).total() > 500


def test_the_chinese_pdf_text_is_the_ideographs_not_look_alike_radicals(site, handbook):
    text = _pdf_text(site / "downloads" / "regulation-zh.pdf")
    radicals = sorted({ch for ch in text if 0x2E80 <= ord(ch) < 0x2FE0})
    assert not radicals, radicals
    first = handbook.documents[DOCUMENT].rules.articles[1].text.zh  # 互联网已经成为…
    assert _squeeze(first)[:40] in _squeeze(text)


def test_the_pdfs_embed_their_fonts(site):
    for language in ("zh", "en"):
        reader = PdfReader(site / "downloads" / f"regulation-{language}.pdf")
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                if font["/Subtype"] == "/Type3":  # glyphs drawn by the PDF itself
                    assert "/CharProcs" in font
                    continue
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_the_pdfs_are_a4(site):
    for language in ("zh", "en"):
        box = PdfReader(site / "downloads" / f"regulation-{language}.pdf").pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_the_radical_repair_rewrites_a_text_map():
    from publishing.pdfs import radical_equivalents, repair_cmap

    table = radical_equivalents()
    assert table[0x2F79] == ord("网") and table[0x2ED4] == ord("门")
    cmap = (b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            b"1 beginbfchar\n<2E> <2F79>\nendbfchar\n1 beginbfrange\n<30> <31> <4E09>\nendbfrange\nendcmap\n")
    repaired = repair_cmap(cmap, table)
    assert b"<2E> <7F51>" in repaired and b"<30> <4E09>" in repaired and b"<31> <4E0A>" in repaired
    assert unicodedata.normalize("NFKC", "\u2f79") == "网"  # what the repair spares a reader
