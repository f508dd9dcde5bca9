"""Printing a checklist: every duty of the role on clean A4 pages, none of the site's chrome.

Each checklist, in both languages, is printed to PDF by Debian's Chromium (Playwright page.pdf)
and read back with PDFium (publishing/pdf_text.py).
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from macros.duties import role_cases, role_duties
from publishing.pdf_text import glyph_boxes, pages_text
from support import LANGUAGE_ROOTS, ROOT, content, page_path, soup

pytestmark = pytest.mark.browser

A4_POINTS = (595.3, 841.9)  # 210 x 297 mm; Chromium rounds to whole CSS pixels
PRINTED: dict[tuple[str, str], int] = {}


def squeeze(text: str) -> str:
    """Text without whitespace and with ligatures unfolded, to compare across line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# Chromium's PDF maps some CJK glyphs back to the look-alike radicals of U+2E80-U+2EFF (见 comes
# out as ⻅, 门 as ⻔), which NFKC does not unfold: a radical stands for any ideograph there.
_RADICAL = "[\u2e80-\u2eff]"


def printed(expected: str, text: str) -> bool:
    """Whether `expected` is in the PDF text `text` (both squeezed)."""
    pattern = "".join(f"(?:{re.escape(ch)}|{_RADICAL})" if "\u4e00" <= ch <= "\u9fff" else re.escape(ch)
                      for ch in squeeze(expected))
    return re.search(pattern, text) is not None


MM = 72 / 25.4  # points
STANDING_OFF = 3 * MM  # the least room between a running head or foot and the text


def page_margins() -> tuple[float, float]:
    """The top and bottom page margins, in points, as print-running.css sets them (its one home)."""
    css = (ROOT / "macros" / "templates" / "print-running.css.j2").read_text(encoding="utf-8")
    top, _, bottom = re.search(r"^\s*margin: (\d+)mm (\d+)mm (\d+)mm;", css, re.M).groups()
    return int(top) * MM, int(bottom) * MM


def within_the_margins(pdf) -> str:
    """The printed text inside the page margins, squeezed: the running head and foot (the
    handbook's name heads a printed checklist or form, print-running.css, as it heads the site's
    chrome) are left out by where they stand, not by what they say."""
    top, bottom = page_margins()
    return squeeze("".join(character for _, height, boxes in glyph_boxes(pdf)
                           for character, _, glyph_top, _, glyph_bottom in boxes
                           if glyph_top >= top and glyph_bottom <= height - bottom))


def chrome_texts(page_soup) -> set[str]:
    """What the site shows around the page's content: search, navigation, language switch, footer.
    Text that also belongs to the content itself (e.g. a page title) is not counted."""
    texts = set()
    placeholder = page_soup.select_one(".md-search__input")
    texts.add(placeholder["placeholder"])
    for element in page_soup.select(".md-nav__link, .md-select__link, .md-footer, .md-copyright, .md-header__topic"):
        texts.add(element.get_text(" ", strip=True))
    own = squeeze(content(page_soup).get_text(" "))
    return {text for text in texts if text and squeeze(text) not in own}


def chrome_printed(chrome: set[str], pdf) -> list[str]:
    """The texts of `chrome` printed within the page margins of `pdf` (read once: reading a PDF's
    glyphs takes a tenth of a second or more)."""
    inside = within_the_margins(pdf)
    return sorted(text for text in chrome if printed(text, inside))


def print_to_pdf(page, server, language, url) -> bytes:
    """The page at `url`, opened in the tab `page`, printed as a reader prints it."""
    # Printed when loaded with its fonts, as publishing/pdfs.py prints the ready PDFs (what
    # arrives later, the search worker's index, is not printed).
    page.goto(server + LANGUAGE_ROOTS[language] + url, wait_until="load")
    page.evaluate("document.fonts.ready")
    return page.pdf(format="A4", print_background=True)


def page_limit(duties: int, cases: int) -> int:
    """A sane length: about six duties or cases a page, plus the heading block and the closing
    block (version line, feeds, status and, in English, the translation's status), which may
    take a page of their own."""
    return 2 + (duties + cases) // 6


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_checklist_prints_every_duty_on_a4_without_site_chrome(context, server, site, handbook, language):
    notice = handbook.documents[handbook.main_document].notice
    date = "2018年11月8日" if language == "zh" else "8 November 2018"
    problems = []
    page = context.new_page()  # one tab for every checklist, as a reader prints them one by one
    for role in handbook.roles.roles:
        url = f"checklists/{role.id}/"
        pdf = print_to_pdf(page, server, language, url)
        reader = PdfReader(io.BytesIO(pdf))
        text = squeeze("".join(pages_text(pdf)))
        duties, cases = role_duties(handbook, role.id), role_cases(handbook, role.id)
        PRINTED[(language, role.id)] = len(reader.pages)
        for duty in duties:
            if not printed(duty.text[language], text):
                problems.append(f"{language} {role.id}: duty {duty.id} not printed")
        for case in cases:
            if not printed(case.text[language], text):
                problems.append(f"{language} {role.id}: case {case.id} not printed")
        for expected in (role.name[language], getattr(notice.number, language), date,
                         f"http://127.0.0.1:8000/{LANGUAGE_ROOTS[language]}{url}"):
            if not printed(expected, text):
                problems.append(f"{language} {role.id}: {expected!r} not printed")
        for chrome in chrome_printed(chrome_texts(soup(page_path(site, language, url))), pdf):
            problems.append(f"{language} {role.id}: site chrome printed: {chrome!r}")
        if "regulation/#" in text:
            problems.append(f"{language} {role.id}: a link printed as an address, not its citation")
        box = reader.pages[0].mediabox
        if abs(float(box.width) - A4_POINTS[0]) > 2 or abs(float(box.height) - A4_POINTS[1]) > 2:
            problems.append(f"{language} {role.id}: page is {box.width}x{box.height} pt, not A4")
        if not 1 <= len(reader.pages) <= page_limit(len(duties), len(cases)):
            problems.append(f"{language} {role.id}: {len(reader.pages)} pages for {len(duties)} duties")
    print(f"\nA4 pages per checklist ({language}): "
          + ", ".join(f"{role_id} {n}" for (lang, role_id), n in PRINTED.items() if lang == language))
    assert not problems, "\n".join(problems)


def test_the_chrome_list_finds_the_search_box_language_names_and_footer(site):
    chrome = chrome_texts(soup(page_path(site, "en", "checklists/principal-leader/")))
    # "English" is in the English page's own text (the translation's status line): the Chinese
    # page's chrome has it
    assert {"Search", "中文", "Glossary"} <= chrome
    assert "English" in chrome_texts(soup(page_path(site, "zh", "checklists/principal-leader/")))
    assert any("Party Committee of Shanghai University of Engineering Science" in text for text in chrome)  # the footer


def test_the_pdf_check_fails_when_chrome_is_printed(context, server, site):
    """The same reading, on a print stylesheet that no longer hides the site's footer (Material
    prints no text of its header even when shown; the running head names the handbook on every
    page, which is why the check reads only within the margins)."""
    page = context.new_page()
    page.goto(server + "en/checklists/principal-leader/")
    chrome = chrome_texts(soup(page_path(site, "en", "checklists/principal-leader/")))
    assert not chrome_printed(chrome, page.pdf(format="A4"))
    page.add_style_tag(content="@media print { .md-footer { display: block !important; } }")
    assert chrome_printed(chrome, page.pdf(format="A4"))


def test_the_pdf_reading_sees_through_radical_look_alikes():
    assert printed("提出建设性意见。", squeeze("提出建设性意\u2ec5。")) and not printed("意见", "意思")


def test_checkboxes_print_with_a_clearly_visible_border(context, server):
    page = context.new_page()
    page.goto(server + "checklists/principal-leader/")
    page.emulate_media(media="print")
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.hb-checkbox'));
        return [parseFloat(s.borderTopWidth), s.borderTopColor, s.borderTopStyle]; }""")
    width, color, line = style
    assert width >= 1 and line == "solid" and color == "rgb(0, 0, 0)", style


def lone_status_pages(site, handbook) -> list[str]:
    """The ready checklist and form PDFs whose last page holds nothing but the running header
    and footer and the page's closing status lines (dates, version; in English, the
    translation's status)."""
    lone = []
    for kind, folder in (("checklist", "checklists"), ("self-inspection", "self-inspection")):
        for language in LANGUAGE_ROOTS:
            for role in handbook.roles.roles:
                pages = pages_text(site / "downloads" / f"{kind}-{role.id}-{language}.pdf")
                if len(pages) < 2:
                    continue
                page = soup(page_path(site, language, f"{folder}/{role.id}/"))
                status = "".join(squeeze(line.get_text()) for line in page.select(".hb-status"))
                # the running lines, as the first page has them (page numbers aside)
                running = {squeeze(re.sub(r"\d+", "", line)) for line in pages[0].splitlines()[:4]}
                last = "".join(squeeze(line) for line in pages[-1].splitlines()
                               if squeeze(re.sub(r"\d+", "", line)) not in running)
                if len(last) <= len(status):
                    lone.append(f"{kind}-{role.id}-{language}.pdf")
    return lone


def test_no_ready_pdf_ends_with_a_page_of_its_status_lines_alone(site, handbook):
    """The closing status lines stay with the content above them (print CSS): alone on a last
    page they took a sheet of their own (three PDFs did, 2026-12-03)."""
    assert lone_status_pages(site, handbook) == []


def overlapping(boxes) -> list[str]:
    """Pairs of characters printed over each other (more than a third of the smaller one)."""
    cells: dict[tuple[int, int], list[int]] = {}
    for index, (_, left, top, right, bottom) in enumerate(boxes):
        for column in range(int(left // 20), int(right // 20) + 1):
            for row in range(int(top // 20), int(bottom // 20) + 1):
                cells.setdefault((column, row), []).append(index)
    found = set()
    for members in cells.values():
        for position, first in enumerate(members):
            for second in members[position + 1:]:
                a, b = boxes[first], boxes[second]
                width = min(a[3], b[3]) - max(a[1], b[1])
                height = min(a[4], b[4]) - max(a[2], b[2])
                smaller = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
                if width > 0 and height > 0 and width * height > smaller / 3:
                    found.add(f"{a[0]!r} over {b[0]!r} at {a[1] / MM:.0f},{a[2] / MM:.0f} mm")
    return sorted(found)


def print_layout_problems(pdf) -> list[str]:
    """What a reader of the printed page would see wrong: a page without its running head or
    foot, a head or foot touching the text, or characters printed over each other."""
    top_margin, bottom_margin = page_margins()
    problems = []
    for number, (_, height, boxes) in enumerate(glyph_boxes(pdf), start=1):
        head = [box for box in boxes if box[2] < top_margin]
        foot = [box for box in boxes if box[4] > height - bottom_margin]
        if not head or not foot:
            problems.append(f"page {number}: no running head or foot")
        elif max(box[4] for box in head) > top_margin - STANDING_OFF:
            problems.append(f"page {number}: the running head comes within 3 mm of the text")
        elif min(box[2] for box in foot) < height - bottom_margin + STANDING_OFF:
            problems.append(f"page {number}: the running foot comes within 3 mm of the text")
        problems += [f"page {number}: {pair}" for pair in overlapping(boxes)[:3]]
    return problems


def test_no_ready_pdf_prints_text_over_text_and_its_running_lines_stand_off_the_text(site):
    """Every ready PDF: a running head and foot on every page, 3 mm clear of the text (the
    checklists' own 14 mm margin once overrode the 22 mm one they sit in), and no character
    printed over another (the English heads, one kept on one line, ran into each other)."""
    pdfs = sorted((site / "downloads").glob("*.pdf"))
    assert len(pdfs) > 50
    problems = [f"{pdf.name} {problem}" for pdf in pdfs for problem in print_layout_problems(pdf)]
    assert not problems, "\n".join(problems[:20])


def test_the_layout_check_sees_text_over_text_and_a_head_on_the_text(context, server):
    page = context.new_page()
    page.goto(server + "en/checklists/principal-leader/")
    page.add_style_tag(content="@media print { .hb-duty-text { letter-spacing: -0.6em; } "
                               "@page { margin-top: 12mm; } }")
    problems = print_layout_problems(page.pdf(format="A4"))
    assert any("within 3 mm" in problem for problem in problems)
    assert any(" over " in problem for problem in problems)
    page.reload()
    assert print_layout_problems(page.pdf(format="A4")) == []
    page.add_style_tag(content="@page { @top-left { padding-bottom: 0; } @top-right { padding-bottom: 0; } }")
    assert any("running head comes within 3 mm" in problem for problem in print_layout_problems(page.pdf(format="A4")))
