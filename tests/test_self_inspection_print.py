"""Printing a self-inspection form: A4, none of the site's chrome, every duty, the column headers
again on every page, no row split across pages. The ready PDFs the build printed are read back
with PDFium (publishing/pdf_text.py); one form is printed again in Chromium (Playwright page.pdf)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.self_inspection import inspection_columns, inspection_rows
from publishing.pdf_text import pages_text
from support import LANGUAGE_ROOTS, page_path, soup
from test_checklist_print import A4_POINTS, chrome_printed, chrome_texts, printed, squeeze

pytestmark = pytest.mark.browser


def problems_of(pdf: bytes | Path, site, handbook, language: str, role_id: str) -> list[str]:
    """What is wrong with a printed form: size, chrome, a missing duty, a page without headers."""
    where = f"{language} {role_id}"
    problems = []
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    pages = [squeeze(page) for page in pages_text(pdf)]
    text = "".join(pages)
    rows = inspection_rows(handbook, role_id, language)
    headers = "".join(column.header for column in inspection_columns(handbook, language))
    for row in rows:
        if not printed(row.duty, text):
            problems.append(f"{where}: duty {row.duty_id} not printed")
    for number, page in enumerate(pages, 1):
        holds_a_row = any(printed(row.duty[:12], page) for row in rows)
        if holds_a_row and not printed(headers, page):
            problems.append(f"{where}: page {number} has rows but not the column headers")
    for chrome in chrome_printed(chrome_texts(soup(page_path(site, language, f"self-inspection/{role_id}/"))), pdf):
        problems.append(f"{where}: site chrome printed: {chrome!r}")
    for page in reader.pages:
        box = page.mediabox
        if abs(float(box.width) - A4_POINTS[0]) > 2 or abs(float(box.height) - A4_POINTS[1]) > 2:
            problems.append(f"{where}: page is {box.width}x{box.height} pt, not A4")
    return problems


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_ready_form_pdf_is_a4_with_every_duty_and_no_site_chrome(site, handbook, language):
    problems = []
    for role in handbook.roles.roles:
        pdf = site / "downloads" / f"self-inspection-{role.id}-{language}.pdf"
        problems += problems_of(pdf, site, handbook, language, role.id)
    assert not problems, "\n".join(problems)


def test_the_ready_pdf_has_the_header_block_and_runs_over_pages(site, handbook):
    """The header block to fill in is printed; the longest form takes several pages, so the
    check of the column headers above sees them repeated."""
    from macros.self_inspection import header_fields

    for language in ("zh", "en"):
        pages = pages_text(site / "downloads" / f"self-inspection-principal-leader-{language}.pdf")
        text = squeeze("".join(pages))
        for _, label in header_fields(handbook, language):
            assert printed(label, text), label
        assert len(pages) >= 2


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_form_printed_in_chromium_is_a4_without_site_chrome(context, server, site, handbook, language):
    page = context.new_page()
    page.goto(server + LANGUAGE_ROOTS[language] + "self-inspection/principal-leader/")
    page.wait_for_load_state("networkidle")
    assert not problems_of(page.pdf(format="A4", print_background=True), site, handbook, language, "principal-leader")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search',
        '.hb-form-actions'].map(s => { const e = document.querySelector(s);
        return e === null || getComputedStyle(e).display === 'none'; })""")
    assert all(hidden), hidden
    layout = page.evaluate("""() => [getComputedStyle(document.querySelector('table.hb-form thead')).display,
        getComputedStyle(document.querySelector('table.hb-form tbody tr')).breakInside]""")
    assert layout == ["table-header-group", "avoid"]


def test_the_print_check_fails_when_the_footer_is_printed(context, server, site, handbook):
    page = context.new_page()
    page.goto(server + "en/self-inspection/principal-leader/")
    page.add_style_tag(content="@media print { .md-footer { display: block !important; } }")
    assert any("site chrome printed" in problem
               for problem in problems_of(page.pdf(format="A4"), site, handbook, "en", "principal-leader"))
