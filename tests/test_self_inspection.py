"""Data level: the rows and columns of each role's self-inspection form (macros/self_inspection.py),
the one source of its page, PDF, CSV and Word version."""

from __future__ import annotations

import dataclasses

import pytest

from macros.duty_pages import _context
from macros.self_inspection import (BLANK_COLUMNS, InspectionRow, header_fields, inspection_columns,
                                    inspection_rows)

LANGUAGES = ("zh", "en")


def test_every_duty_of_each_role_is_a_row_in_data_order(handbook):
    for role in handbook.roles.roles:
        expected = [duty.id for duty in handbook.duties.duties if role.id in duty.roles]
        for language in LANGUAGES:
            assert [row.duty_id for row in inspection_rows(handbook, role.id, language)] == expected, (
                role.id, language)


def test_both_languages_list_the_same_duties_with_the_same_anchors(handbook):
    for role in handbook.roles.roles:
        zh, en = (inspection_rows(handbook, role.id, language) for language in LANGUAGES)
        assert [(row.duty_id, row.anchor) for row in zh] == [(row.duty_id, row.anchor) for row in en]


def test_a_row_cites_its_duty_and_gives_its_text_and_frequency(handbook):
    duties = {duty.id: duty for duty in handbook.duties.duties}
    row = next(row for row in inspection_rows(handbook, "leadership-team", "zh")
               if duties[row.duty_id].source == "art-4-2")
    assert (row.anchor, row.citation) == ("art-4-2", "第四条第（二）项")
    assert row.duty == duties[row.duty_id].text.zh
    english = next(r for r in inspection_rows(handbook, "leadership-team", "en") if r.duty_id == row.duty_id)
    assert english.citation == "Art. 4(2)"
    assert english.duty == duties[row.duty_id].text.en
    article = next(row for role in handbook.roles.roles for row in inspection_rows(handbook, role.id, "en")
                   if "-" not in row.anchor.removeprefix("art-"))
    assert article.citation == f"Art. {article.anchor.removeprefix('art-')}"


def test_the_frequency_is_the_checklists_words(handbook):
    """The checklist's timing (duty_pages) and the form's frequency are the same label."""
    duties = {duty.id: duty for duty in handbook.duties.duties}
    seen = set()
    for language in LANGUAGES:
        timing = _context(handbook, language, "self-inspection/x/")["timing"]
        for role in handbook.roles.roles:
            for row in inspection_rows(handbook, role.id, language):
                duty = duties[row.duty_id]
                assert row.frequency == timing(duty), (role.id, row.duty_id)
                if duty.frequency:
                    said_annual = "年度" in duty.quote and "每年" not in duty.quote  # the Rules' word, 年度
                    key = "frequency-annual" if said_annual else f"frequency-{duty.frequency.value}"
                elif duty.dated_locally_only():  # dated by the office alone
                    key = "timing-local-dates"
                else:
                    key = f"kind-{duty.kind.value}"
                if duty.calendar and duty.calendar.trigger and not duty.frequency:  # which situation
                    assert row.frequency.startswith(handbook.label(key, language) + ("（" if language == "zh" else " ("))
                else:
                    assert row.frequency == handbook.label(key, language)
                seen.add(key)
    # A frequency the Rules set, a kind of duty without one, and the office's dates alone are on some form.
    assert any(key.startswith("frequency-") for key in seen) and any(key.startswith("kind-") for key in seen)
    assert "timing-local-dates" in seen


def test_rows_are_frozen(handbook):
    row = inspection_rows(handbook, "principal-leader", "zh")[0]
    assert isinstance(row, InspectionRow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.duty = "x"


def test_columns_are_the_three_filled_then_the_four_blank_in_the_forms_language(handbook):
    for language in LANGUAGES:
        columns = inspection_columns(handbook, language)
        assert [column.key for column in columns if column.blank] == list(BLANK_COLUMNS)
        assert [column.blank for column in columns] == [False] * 3 + [True] * 4
        assert [column.header for column in columns] == [handbook.label(c.key, language) for c in columns]
    assert inspection_columns(handbook, "zh")[3].header == "完成情况"
    assert inspection_columns(handbook, "en")[6].header == "Person responsible"
    assert [key for key, _ in header_fields(handbook, "en")] == [key for key, _ in header_fields(handbook, "zh")]


# --- The built site: pages, PDFs, CSVs, links ---------------------------------------------------

import codecs  # noqa: E402
import csv  # noqa: E402
import io  # noqa: E402
from urllib.parse import urljoin  # noqa: E402

from support import LANGUAGE_ROOTS, content, page_path, root_link, soup  # noqa: E402


def _target(site, language: str, url: str, href: str):
    """The built file and fragment a link on a page of `language` at `url` points to."""
    resolved = urljoin("/" + LANGUAGE_ROOTS[language] + url, href)
    path, _, fragment = resolved.partition("#")
    file = site / path.lstrip("/")
    return (file / "index.html" if path.endswith("/") else file), fragment


def _form(site, language: str, role_id: str):
    return content(soup(page_path(site, language, f"self-inspection/{role_id}/")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_role_has_its_form_page_linked_from_the_index_and_its_checklist(site, handbook, language):
    index = content(soup(page_path(site, language, "self-inspection/")))
    linked = {_target(site, language, "self-inspection/", a["href"])[0] for a in index.select("a[href]")}
    for role in handbook.roles.roles:
        form = page_path(site, language, f"self-inspection/{role.id}/")
        assert form.is_file() and form in linked, role.id
        checklist = content(soup(page_path(site, language, f"checklists/{role.id}/")))
        assert checklist.select_one(f'a[href="{root_link(language)}self-inspection/{role.id}/"]'), role.id
    for listing in ("duties/", "checklists/"):
        page = content(soup(page_path(site, language, listing)))
        assert page.select_one('a[href$="self-inspection/"]'), listing


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_form_lists_the_rows_with_anchors_that_resolve_and_blank_columns(site, handbook, language):
    regulation = soup(page_path(site, language, "regulation/"))
    for role in handbook.roles.roles:
        url = f"self-inspection/{role.id}/"
        page = _form(site, language, role.id)
        rows = inspection_rows(handbook, role.id, language)
        headers = [th.get_text(strip=True) for th in page.select("table.hb-form thead th")]
        assert headers == [column.header for column in inspection_columns(handbook, language)]
        body = page.select("table.hb-form tbody tr")
        assert [tr["data-duty"] for tr in body] == [row.duty_id for row in rows], role.id
        for tr, row in zip(body, rows):
            cells = tr.find_all("td")
            assert [cell.get_text(strip=True) for cell in cells] == [
                "".join(row.duty_lines(handbook, language)), row.citation, row.frequency, "", "", "", ""]
            link = cells[1].find("a")
            file, fragment = _target(site, language, url, link["href"])
            assert (file, fragment) == (page_path(site, language, "regulation/"), row.anchor)
            assert regulation.find(id=fragment), fragment
        fields = [label.get_text(strip=True) for label in page.select(".hb-form-header .hb-form-field__label")]
        assert fields[1:] == [label for _, label in header_fields(handbook, language)]
        blanks = page.select(".hb-form-header [data-field]")
        assert len(blanks) == len(fields) - 1 and all(not blank.get_text(strip=True) for blank in blanks)


def test_the_form_quotes_article_10_as_it_stands(site, handbook):
    article = handbook.documents[handbook.main_document].article(10)
    for language in LANGUAGES:
        basis = _form(site, language, "principal-leader").select_one(".hb-form-basis")
        assert basis.select_one(f'a[href="{root_link(language)}regulation/#art-10"]')
        quoted = f"“{article.text[language]}”" if language == "zh" else f'"{article.text[language]}"'
        assert quoted in basis.get_text()
        # first that the Rules provide for no self-inspection, then what they do provide
        lines = [p.get_text() for p in basis.select("p")]
        assert lines[0] == handbook.label("self-inspection-not-in-the-rules", language)
        assert lines[1].startswith(handbook.label("self-inspection-what-the-rules-provide", language))


def test_both_languages_have_the_same_forms_rows_and_fields(site, handbook):
    for role in handbook.roles.roles:
        zh, en = (_form(site, language, role.id) for language in LANGUAGES)
        assert [tr["id"] for tr in zh.select("table.hb-form tbody tr")] == \
               [tr["id"] for tr in en.select("table.hb-form tbody tr")]
        assert [td["data-field"] for td in zh.select("[data-field]")] == \
               [td["data-field"] for td in en.select("[data-field]")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_form_links_its_pdf_and_its_csv_which_exist(site, handbook, language):
    for role in handbook.roles.roles:
        url = f"self-inspection/{role.id}/"
        page = _form(site, language, role.id)
        pdf = page.select_one('.hb-form-actions a[type="application/pdf"]')
        file, _ = _target(site, language, url, pdf["href"])
        assert file == site / "downloads" / f"self-inspection-{role.id}-{language}.pdf"
        assert file.read_bytes().startswith(b"%PDF"), file
        table = page.select_one('.hb-form-actions a[type="text/csv"]')
        file, _ = _target(site, language, url, table["href"])
        assert file == site / LANGUAGE_ROOTS[language] / "self-inspection" / f"{role.id}.csv"
        assert table["download"] == f"self-inspection-{role.id}-{language}.csv"
        assert file.is_file()
    index = content(soup(page_path(site, language, "self-inspection/")))
    for link in index.select("a.hb-download"):
        assert _target(site, language, "self-inspection/", link["href"])[0].is_file(), link["href"]
    assert len(index.select("a.hb-download")) == 3 * len(handbook.roles.roles)  # PDF, Word, CSV


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_csv_opens_in_excel_with_a_header_row_and_one_row_per_duty(site, handbook, language):
    for role in handbook.roles.roles:
        data = (site / LANGUAGE_ROOTS[language] / "self-inspection" / f"{role.id}.csv").read_bytes()
        assert data.startswith(codecs.BOM_UTF8)
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
        table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert table[0] == [column.header for column in inspection_columns(handbook, language)]
        rows = inspection_rows(handbook, role.id, language)
        # the duty's cell: its text, the role's part and any inference, a line each
        assert table[1:] == [["\r\n".join(row.duty_lines(handbook, language)), row.citation, row.frequency,
                              "", "", "", ""] for row in rows], role.id
