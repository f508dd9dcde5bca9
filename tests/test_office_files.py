"""The Word and Excel files: each is opened with the library that reads it (python-docx,
openpyxl) and checked against the data — the structure an office relies on (styles, numbering,
A4 with GB/T 9704 margins, repeating table headers, page numbers, typefaces with fallbacks;
frozen, filtered sheets with real dates) and every text, in order.

Data level (the files made in-process), except the last test, which follows the links of the
built site (the shared `site` fixture).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import docx
import openpyxl
import pytest
from bs4 import BeautifulSoup
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from lxml import etree

from macros import downloads, duty_pages, feeds, pages, self_inspection, word_documents, workbooks
from macros import duties as logic
from macros.office_files import ZIP_TIME, office_files
from macros.names import romanize
from macros.text import long_date
from support import LANGUAGE_ROOTS, link_target, page_path, soup

LANGUAGES = ("zh", "en")
SITE_URL = "http://intranet.example/handbook/"
ROLE = "leading-group-office"  # a role with duties, inferences and no Article 8 case
CADRES = "party-leading-cadres"  # a role with Article 8 cases


_made: dict[int, dict[str, bytes]] = {}


def files_of(handbook) -> dict[str, bytes]:
    """Every file, made once per session's handbook."""
    if id(handbook) not in _made:
        _made[id(handbook)] = office_files(handbook, SITE_URL)
    return _made[id(handbook)]


def word(handbook, path: str):
    return docx.Document(io.BytesIO(files_of(handbook)[path]))


def workbook(handbook, path: str):
    return openpyxl.load_workbook(io.BytesIO(files_of(handbook)[path]))


def main_document(handbook):
    return handbook.documents[handbook.main_document]


# --- The Rules --------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rules_are_one_heading_1_per_article_and_one_numbered_paragraph_per_item_in_order(handbook, language):
    document = word(handbook, downloads.regulation_docx(language))
    rules = main_document(handbook).rules
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == rules.title[language]
    assert main_document(handbook).notice.number[language] in paragraphs[1].text
    expected = []
    for article in rules.articles:
        expected.append(("Heading 1", word_documents.article_heading(article, language)))
        if article.text[language]:
            expected.append(("Body Text", article.text[language]))
        expected += [(word_documents.ITEM_STYLE, item.title[language] + item.text[language]) for item in article.items]
    clauses = [(p.style.name, p.text.replace("　", "").replace(". ", "", 1) if p.style.name == word_documents.ITEM_STYLE
                else p.text) for p in paragraphs if p.style.name in ("Heading 1", "Body Text", word_documents.ITEM_STYLE)]
    if language == "en":  # the English opens with the note that it is a reference translation
        assert clauses[0][1].startswith("The Chinese text is authoritative")
        clauses = clauses[1:]
    # then that the short titles are the handbook's, as the page and the PDF say
    assert clauses[0] == ("Body Text", handbook.label("short-title-note", language))
    # the Rules end with their attachment line (附件：…名单), as the page and the PDF do
    separator = "：" if language == "zh" else ": "
    assert rules.attachments
    expected += [("Body Text", handbook.label("attachment", language) + separator + attachment[language])
                 for attachment in rules.attachments]
    # then the attachment as the notice issued it, on a page of its own, as the page ends: the
    # roster's title, each post with its names as printed (romanised, with the Chinese, in English),
    # its notes and the roster page's address for the current holders
    roster = handbook.roster
    expected += [("Body Text", roster.label[language]), ("Heading 1", roster.title[language])]
    for group in roster.groups:
        expected += [("Body Text", group.name[language])] if group.printed_in_source else []
        for position in group.positions:
            names = [name if language == "zh" else f"{romanize(name, roster.romanization_overrides)} {name}"
                     for name in position.holders]
            expected.append(("Body Text", position.title[language] + separator + (" " if language == "zh" else "; ").join(names)))
    expected += [("Body Text", note.text[language]) for note in roster.notes]
    roster_page = SITE_URL.rstrip("/") + "/" + LANGUAGE_ROOTS[language] + "roster/"
    expected.append(("Body Text", handbook.label("attachment-as-issued", language) + " " + handbook.label("roster", language)
                     + (f"（{roster_page}）" if language == "zh" else f" ({roster_page})")))
    # and the errata of the text this file holds (the Rules and the roster); the notice's are not
    # in the file, and it says where they are
    expected += [("Heading 1", handbook.label("errata", language)), ("Body Text", handbook.label("errata-intro", language)),
                 ("Body Text", handbook.label("errata-elsewhere", language))]
    assert clauses[1:] == expected
    label_paragraph = next(p for p in paragraphs if p.text == roster.label[language] and p.style.name == "Body Text")
    assert label_paragraph.paragraph_format.page_break_before
    assert ("组长：李江" if language == "zh" else "Head: Li Jiang 李江") in [p.text for p in paragraphs]
    (errata,) = document.tables
    in_the_file = [e for e in handbook.errata.errata if e.node != "notice.title"]
    of_the_rules = [e for e in in_the_file if e.node == "rules.title" or e.node.startswith("art-")]
    assert len(of_the_rules) == 5 and len(in_the_file) == len(handbook.errata.errata) - 1
    assert [[cell.text for cell in row.cells][2:] for row in errata.rows[1:]] == [
        [pages.show_record(erratum.original), erratum.repaired] for erratum in in_the_file]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_items_text_is_the_datas_text_in_a_run_of_its_own(handbook, language):
    """The clause's words exactly as the data (and the page) has them, errata repaired."""
    document = word(handbook, downloads.regulation_docx(language))
    items = [p for p in document.paragraphs if p.style.name == word_documents.ITEM_STYLE]
    texts = [item.text[language] for article in main_document(handbook).rules.articles for item in article.items]
    assert [p.runs[-1].text for p in items] == texts
    assert all(p.runs[0].bold for p in items)  # the handbook's short title, in bold


@pytest.mark.parametrize("language", LANGUAGES)
def test_items_are_numbered_by_word_restarting_at_each_article(handbook, language):
    document = word(handbook, downloads.regulation_docx(language))
    numbering = document.part.numbering_part.element
    items = [p for p in document.paragraphs if p.style.name == word_documents.ITEM_STYLE]
    num_ids = [p._p.pPr.numPr.numId.val for p in items]
    with_items = [a for a in main_document(handbook).rules.articles if a.items]
    assert len(set(num_ids)) == len(with_items)  # one list per article: each counts from 1
    formats = set()
    for num_id in set(num_ids):
        num = numbering.num_having_numId(num_id)
        assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"
        abstract_id = num.abstractNumId.val
        abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == str(abstract_id))
        formats.add(abstract.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val")))
    assert formats == {"chineseCounting" if language == "zh" else "decimal"}
    style_ppr = document.styles[word_documents.ITEM_STYLE].element.pPr
    assert style_ppr.numPr is not None  # a numbered list style, not numbers typed into the text


# --- Page, fonts, page numbers: every Word file -----------------------------------------------

def word_paths(handbook) -> list[str]:
    return [path for path in files_of(handbook) if path.endswith(".docx")]


def test_every_word_file_is_a4_with_the_gb_t_9704_margins_and_a_page_number(handbook):
    for path in word_paths(handbook):
        document = word(handbook, path)
        for section in document.sections:
            # Word keeps lengths in twentieths of a point: to the nearest 0.1 mm
            assert {round(section.page_width.mm, 1), round(section.page_height.mm, 1)} == {210, 297}, path
            assert [round(length.mm, 1) for length in (section.top_margin, section.bottom_margin,
                                                       section.left_margin, section.right_margin)] == \
                [37, 35, 28, 26], path
            footer = section.footer.paragraphs[0]._p
            instructions = "".join(t.text for t in footer.iter(qn("w:instrText")))
            assert instructions.strip() == "PAGE", path
            assert footer.xpath("string(.)").startswith("— ") and footer.xpath("string(.)").endswith(" —")


def style_fonts(document, name: str) -> dict[str, str]:
    fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_styles_name_the_gb_t_9704_typefaces_with_fallbacks_and_times_new_roman(handbook, language):
    document = word(handbook, downloads.regulation_docx(language))
    expected = {"Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312", "Normal": "仿宋_GB2312",
                "Body Text": "仿宋_GB2312"}
    for style, east_asia in expected.items():
        fonts = style_fonts(document, style)
        assert fonts == {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "cs": "Times New Roman",
                         "eastAsia": east_asia}, style  # no theme font overriding the names
    font_table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    table = {font.get(qn("w:name")): font for font in etree.fromstring(font_table.blob).findall(qn("w:font"))}
    for name, alt in (("方正小标宋简体", "宋体"), ("黑体", "SimHei"), ("楷体_GB2312", "楷体"), ("仿宋_GB2312", "仿宋")):
        font = table[name]
        assert font.find(qn("w:altName")).get(qn("w:val")) == alt
        assert font.find(qn("w:charset")).get(qn("w:val")) == "86"
        assert font.find(qn("w:family")) is not None and len(font.find(qn("w:panose1")).get(qn("w:val"))) == 20


def test_every_word_table_fits_between_the_margins(handbook):
    """A table's columns add up to no more than the text's width: the checklists' ran 14 mm into
    the right margin."""
    tables = 0
    for path, content_bytes in files_of(handbook).items():
        if not path.endswith(".docx"):
            continue
        document = docx.Document(io.BytesIO(content_bytes))
        section = document.sections[0]
        text_width = section.page_width - section.left_margin - section.right_margin  # EMU
        for table in document.tables:
            grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
            width = sum(int(col.get(qn("w:w"))) for col in grid) * 635  # twips to EMU
            assert width <= text_width + 635 * 5, (path, width / 36000, text_width / 36000)
            tables += 1
    assert tables > 20


# --- Checklists -------------------------------------------------------------------------------

def checklist_page_items(handbook, language: str, role_id: str) -> list[tuple[str, str]]:
    """(duty text, citation) of each duty the checklist page shows."""
    page = BeautifulSoup(duty_pages.checklist(handbook, language, f"checklists/{role_id}/", "", role_id),
                         "html.parser")
    return [(li.select_one(".hb-duty-text").get_text(), li.select_one(".hb-citation").get_text())
            for li in page.select("ul.hb-checklist > li")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_checklist_table_holds_the_checklist_pages_duties_with_a_repeating_header(handbook, language):
    several = 0
    for role in handbook.roles.roles:
        document = word(handbook, downloads.checklist_docx(role.id, language))
        items = checklist_page_items(handbook, language, role.id)
        if not items:
            assert not document.tables
            continue
        table = document.tables[0]
        header, *rows = table.rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None, role.id
        assert [(row.cells[1].paragraphs[0].text, row.cells[4].text) for row in rows] == items, role.id
        # a box, or for a duty due several times a year a box for each time, as the page has
        page = BeautifulSoup(duty_pages.checklist(handbook, language, f"checklists/{role.id}/", "", role.id),
                             "html.parser")
        for row, li in zip(rows, page.select("ul.hb-checklist > li"), strict=True):
            times = [label.get_text(strip=True) for label in li.select(".hb-ticks label")]
            assert [p.text for p in row.cells[0].paragraphs] == (
                [word_documents.CHECKBOX + ("" if language == "zh" else " ") + time for time in times]
                or [word_documents.CHECKBOX]), (role.id, li["id"])
            several += len(times) > 1
    assert several  # the Office's quarterly report has four boxes, a member unit's half-yearly report two


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_checklist_names_its_role_and_lists_its_article_8_cases(handbook, language):
    document = word(handbook, downloads.checklist_docx(CADRES, language))
    texts = [p.text for p in document.paragraphs]
    assert handbook.role(CADRES).name[language] in texts[0]
    cases = [p for p in document.paragraphs if p.style.name == word_documents.ITEM_STYLE]
    assert [p.runs[0].text for p in cases] == [c.text[language] for c in logic.role_cases(handbook, CADRES)]
    inferred = word(handbook, downloads.checklist_docx(ROLE, language)).tables[0]
    # an inference follows its duty, in italics in English and upright in Chinese
    notes = [row.cells[1].paragraphs[1].runs[0] for row in inferred.rows[1:] if len(row.cells[1].paragraphs) == 2]
    assert notes and all(bool(note.italic) == (language == "en") for note in notes)
    # the roles Article 8 does not name are there by the handbook's inference, which the file says
    inference = handbook.duties.accountability.inference[language]
    assert any(text.endswith(inference) for text in texts)
    # the file is the handbook's, not the Party Committee's
    assert document.core_properties.author == handbook.label("handbook-name", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_word_checklist_gives_the_address_of_its_role_s_calendar(handbook, language):
    """A duty dated locally says "see the calendar": on paper or in a mail, the Word checklist of
    a role with calendar entries gives the address of the role's view of the calendar; a role with
    none is given no such line."""
    label = handbook.label("checklist-calendar-address", language)
    language_url = SITE_URL + LANGUAGE_ROOTS[language]
    with_entries = [role.id for role in handbook.roles.roles if feeds.role_entries(handbook, role.id)]
    assert ROLE in with_entries and len(with_entries) < len(handbook.roles.roles)
    for role in handbook.roles.roles:
        texts = [p.text for p in word(handbook, downloads.checklist_docx(role.id, language)).paragraphs]
        line = next((text for text in texts if text.startswith(label)), None)
        if role.id in with_entries:
            assert line is not None and line.endswith(f"{language_url}calendar/#role-{role.id}"), role.id
        else:
            assert line is None, role.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_office_s_word_checklist_says_what_the_handbook_asks_of_it(handbook, language):
    """As its page: keeping the calendar's dates and the roster, under the local-practice heading."""
    texts = [p.text for p in word(handbook, downloads.checklist_docx(ROLE, language)).paragraphs]
    assert handbook.label("upkeep", language) in texts
    assert all(line in texts for line in duty_pages.upkeep_lines(handbook, ROLE, language))
    assert duty_pages.upkeep_lines(handbook, ROLE, language)
    other = [p.text for p in word(handbook, downloads.checklist_docx(CADRES, language)).paragraphs]
    assert handbook.label("upkeep", language) not in other


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_checklist_and_a_form_say_what_each_part_they_show_means(handbook, language):
    """The Word files carry the page's legend: one line per part the role has (its label in bold)."""
    for role_id in (ROLE, CADRES, "new-media-operators"):
        work_parts, article_3 = logic.parts_of(logic.role_duties(handbook, role_id), role_id)
        for data in (downloads.checklist_docx(role_id, language), downloads.inspection_docx(role_id, language)):
            paragraphs = word(handbook, data).paragraphs
            assert any(p.text == handbook.label("your-part-legend", language) for p in paragraphs)
            bold = [p.runs[0].text for p in paragraphs if p.runs and p.runs[0].bold]
            for part in work_parts:
                assert handbook.label(f"part-{part.value}", language) in bold, (role_id, part)
            if article_3:
                assert any(handbook.label(f"part-{article_3[0].value}", language) in text for text in bold)



@pytest.mark.parametrize("language", LANGUAGES)
def test_a_checklist_and_a_form_name_the_rules_by_title_and_number_in_title_marks(handbook, language):
    """《…实施细则》（沪工程委〔2018〕46号）: a Chinese document title in running text takes title
    marks, on the checklist page, in its Word file and in the self-inspection form."""
    document = handbook.documents[handbook.main_document]
    title, number = document.rules.title[language], document.notice.number[language]
    named = f"《{title}》（{number}）" if language == "zh" else f"{title} ({number})"
    checklist_file = word(handbook, downloads.checklist_docx(ROLE, language))
    assert any(named in p.text for p in checklist_file.paragraphs)
    form = word(handbook, downloads.inspection_docx(ROLE, language))
    # the form is the handbook's own: it names the Rules as its basis, not in the slot under the
    # title where an official document carries its own number
    basis = handbook.label("checklist-source", language) + ("：" if language == "zh" else ": ") + named
    assert [p.style.name for p in form.paragraphs if p.text == basis] == ["Normal"]
    assert not [p for p in form.paragraphs if p.style.style_id == word_documents.NUMBER_STYLE_ID]
    page = duty_pages.checklist(handbook, language, "checklists/x/", "http://example/checklists/x/", ROLE)
    assert named in BeautifulSoup(page, "html.parser").select_one(".hb-print-meta").get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_self_inspection_form_is_the_forms_rows_with_the_units_columns_empty(handbook, language):
    columns = self_inspection.inspection_columns(handbook, language)
    for role in handbook.roles.roles:
        document = word(handbook, downloads.inspection_docx(role.id, language))
        section = document.sections[0]
        assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
        fields = [p.runs[0].text for p in document.paragraphs if p.style.name == "Normal" and p.runs]
        assert fields[0] == handbook.label("checklist-source", language) + ("：" if language == "zh" else ": ")
        assert fields[1:] == [name + ("：" if language == "zh" else ": ")
                          for _key, name in self_inspection.header_fields(handbook, language)]
        rows = self_inspection.inspection_rows(handbook, role.id, language)
        if not rows:
            assert not document.tables
            continue
        header, *body = document.tables[0].rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None, role.id
        assert [cell.text for cell in header.cells] == [column.header for column in columns]
        # the duty's cell: its text, the role's part and any inference, a paragraph each
        assert [[cell.text for cell in row.cells] for row in body] == \
            [["\n".join(row.duty_lines(handbook, language)), row.citation, row.frequency]
             + [""] * sum(c.blank for c in columns) for row in rows], role.id
        # like the page and the PDF, the form says the Rules prescribe no self-inspection
        # then what they do provide (Article 10, quoted), then how the form is made: the page's order
        texts = [p.text for p in document.paragraphs]
        lead = [handbook.label("self-inspection-not-in-the-rules", language),
                self_inspection.what_the_rules_provide(handbook, language), handbook.label("self-inspection-note", language)]
        at = texts.index(lead[0])
        assert texts[at:at + 3] == lead, role.id
        assert logic.timing_legend(handbook, language) not in texts  # the note says it


# --- Workbooks --------------------------------------------------------------------------------

def assert_a_view(sheet, data_rows: int) -> None:
    assert sheet.freeze_panes == "A2", sheet.title
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{data_rows + 1}", sheet.title
    assert sheet.max_row == data_rows + 1, sheet.title
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row)


def csv_rows(handbook, language: str, role_id: str | None = None) -> list[list[str]]:
    import csv
    text = feeds.csv_bytes(handbook, language, SITE_URL + LANGUAGE_ROOTS[language], role_id).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))[1:]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_workbook_is_the_csv_with_real_dates(handbook, language):
    book = workbook(handbook, downloads.calendar_xlsx(language))
    label = lambda key: handbook.label(key, language)  # noqa: E731
    assert book.sheetnames == [label("calendar-all"), label("calendar-by-role"), label("workbook-notes")]
    everything, by_role, _ = book.worksheets
    expected = csv_rows(handbook, language)
    assert_a_view(everything, len(expected))
    header = [cell.value for cell in everything[1]]
    assert header[:2] == [label("calendar-date"), label("calendar-end-date")]  # "(local setting)"
    for row, csv_row in zip(everything.iter_rows(min_row=2), expected):
        start = row[0].value
        if csv_row[0]:
            assert isinstance(start, datetime.datetime) and start.date().isoformat() == csv_row[0]
            assert row[0].is_date and row[0].number_format == workbooks.DATE_FORMAT
        else:  # an event-driven entry: no date
            assert start is None
        assert [cell.value or "" for cell in row[2:]] == csv_row[2:]
    role_rows = sum(len(csv_rows(handbook, language, r)) for r in feeds.feed_role_ids(handbook))
    assert_a_view(by_role, role_rows)


def test_the_calendar_workbooks_hold_the_same_entries_in_both_languages(handbook):
    ids = {}
    for language in LANGUAGES:
        sheet = workbook(handbook, downloads.calendar_xlsx(language)).worksheets[0]
        column = [cell.value for cell in sheet[1]].index(handbook.label("calendar-id", language))
        ids[language] = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert ids["zh"] == ids["en"] and ids["zh"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_duty_workbook_is_the_matrix_and_a_flat_list(handbook, language):
    book = workbook(handbook, downloads.duties_xlsx(language))
    matrix, flat, cases, notes = book.worksheets
    page = BeautifulSoup(duty_pages.duty_matrix(handbook, language, "duties/"), "html.parser")
    page_order = [row["id"].removeprefix("duty-") for row in page.select("tr[id^='duty-']")]
    duties = [next(d for d in handbook.duties.duties if d.id == duty_id) for duty_id in page_order]
    assert len(duties) == len(handbook.duties.duties)
    roles = handbook.roles.roles
    assert_a_view(matrix, len(duties))
    assert [cell.value for cell in matrix[1]][-len(roles):] == [role.name[language] for role in roles]
    parts = duty_pages.duty_wording(handbook, language)["parts"]
    for row, duty in zip(matrix.iter_rows(min_row=2, values_only=True), duties):
        assert row[0] == duty.id and row[2] == duty.text[language]
        assert [value or "" for value in row[-len(roles):]] == [parts(duty, role.id) for role in roles]
    assert_a_view(flat, sum(len(duty.roles) for duty in duties))
    # Article 8's sheet opens, as the page does, with what the cases lead to and the inference
    accountability = handbook.duties.accountability
    assert_a_view(cases, len(accountability.cases) + 2)
    lead, inference = (row[2] for row in cases.iter_rows(min_row=2, max_row=3, values_only=True))
    assert lead == logic.consequences(handbook)[language] and inference.endswith(accountability.inference[language])
    # The notes give the page's legend, in both languages: what each part and 适用 mean (the
    # handbook's division of work, not the Rules' words), and what the timing column is
    legend = [row[0] for row in notes.iter_rows(min_row=2, values_only=True)]
    label = lambda key: handbook.label(key, language)  # noqa: E731
    assert legend[0] == label("duties-legend")
    for part in logic.WORK_PARTS:
        assert label(f"part-{part.value}") + ("：" if language == "zh" else ": ") + label(f"part-{part.value}-note") in legend
    assert any(all(label(f"part-{part.value}") in line for part in logic.ARTICLE_3) for line in legend)
    assert any(label("part-accountable-note") in line for line in legend)
    assert any(line.startswith(label("may-be-held-responsible")) for line in legend)
    assert duty_pages.duty_wording(handbook, language)["timing_legend"] in legend
    assert flat.cell(1, 6).value == label("checklist-timing") == ("频次或性质" if language == "zh" else "Frequency or kind")


def test_every_english_file_says_the_chinese_is_authoritative_as_the_english_pages_do(handbook):
    """The English Word files and workbooks quote the Rules in translation (duty texts, Article 8):
    each says what the English pages and PDFs say, that the Chinese text governs; no Chinese one does."""
    reviewed = long_date(main_document(handbook).english_reviewed_on, "en")
    sentence = handbook.label("status-translation", "en").replace("{date}", reviewed)
    paths = [path for path in files_of(handbook) if path.endswith((".docx", ".xlsx"))]
    assert len(paths) > 50
    for path in paths:
        if path.endswith(".docx"):
            texts = [p.text for p in word(handbook, path).paragraphs]
        else:
            texts = [cell for sheet in workbook(handbook, path).worksheets
                     for row in sheet.iter_rows(values_only=True) for cell in row]
        found = texts.count(sentence)
        assert found == (1 if "-en." in path else 0), path
        assert not any(isinstance(t, str) and "authoritative" in t and t != sentence for t in texts), path


def test_the_duty_workbooks_list_the_same_duties_in_both_languages(handbook):
    sheets = {language: workbook(handbook, downloads.duties_xlsx(language)).worksheets for language in LANGUAGES}
    for index in range(3):
        ids = [[row[0] for row in sheets[language][index].iter_rows(min_row=2, values_only=True)]
               for language in LANGUAGES]
        assert ids[0] == ids[1] and ids[0]


def test_columns_are_as_wide_as_their_chinese_text_counted_double(handbook):
    assert workbooks.display_width("职责 ab") == 7
    sheet = workbook(handbook, downloads.duties_xlsx("zh")).worksheets[1]
    role_column = [cell.value for cell in sheet[1]].index(handbook.label("checklist-role", "zh")) + 1
    letter = sheet.cell(1, role_column).column_letter
    widest = max(workbooks.display_width(cell.value) for (cell,) in sheet.iter_rows(min_col=role_column,
                                                                                      max_col=role_column))
    assert sheet.column_dimensions[letter].width >= widest


# --- Reproducible -----------------------------------------------------------------------------

def test_the_same_data_gives_the_same_bytes(handbook):
    again = office_files(handbook, SITE_URL)
    first = files_of(handbook)
    assert again.keys() == first.keys()
    assert [path for path in first if first[path] != again[path]] == []
    for content in first.values():
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            assert {info.date_time for info in package.infolist()} == {ZIP_TIME}
            core = package.read("docProps/core.xml").decode()
            assert not re.search(str(datetime.date.today().year + 1), core)
            assert datetime.date.today().isoformat() not in core  # no clock in the file


def test_a_word_file_names_the_program_that_made_it_and_no_printing(handbook):
    """Not python-docx's template's word: Word 2011 for Mac, Normal.dotm, printed on the day it
    was made. The workbooks already name openpyxl."""
    for path in word_paths(handbook):
        with zipfile.ZipFile(io.BytesIO(files_of(handbook)[path])) as package:
            app = package.read("docProps/app.xml").decode()
            core = package.read("docProps/core.xml").decode()
        assert "<Application>python-docx</Application>" in app, path
        assert not re.search("Macintosh|Normal.dotm|<AppVersion>|<Template>|<Pages>|<Words>|<TotalTime>", app), path
        assert "lastPrinted" not in core, path


def test_a_title_longer_than_a_core_property_holds_is_cut_in_the_metadata_only(handbook):
    """python-docx refuses a core property over 255 characters: a long title (the payload test's
    data does this) must not stop the build, and the document itself keeps the whole title."""
    import copy

    long_handbook = copy.deepcopy(handbook)
    title = long_handbook.documents[long_handbook.main_document].rules.title
    object.__setattr__(title, "zh", "上海" * 200)  # the models are frozen; only this copy changes
    document = docx.Document(io.BytesIO(word_documents.regulation_document(long_handbook, "zh", "http://x/roster/")))
    assert document.paragraphs[0].text == "上海" * 200
    assert document.core_properties.title == "上海" * 127 + "…"
    assert len(document.core_properties.title) == word_documents.PROPERTY_LIMIT


def test_a_label_becomes_a_sheet_name_excel_accepts():
    """Sheet names are interface labels (data): Excel refuses \\ / ? * : [ ] and more than 31
    characters, and openpyxl stops on them."""
    assert workbooks.sheet_name("日程: 全部/按角色[2027]?*\\") == "日程_ 全部_按角色_2027____"
    assert workbooks.sheet_name("x" * 40) == "x" * 31
    openpyxl.Workbook().create_sheet(workbooks.sheet_name("a:b" * 20))  # accepted


# --- The cache --------------------------------------------------------------------------------

def test_a_second_write_copies_the_files_from_the_cache_byte_for_byte(handbook, tmp_path):
    from publishing.steps.office import write_office_files

    first = write_office_files(tmp_path / "first", handbook, SITE_URL, cache=tmp_path / "cache")
    second = write_office_files(tmp_path / "second", handbook, SITE_URL, cache=tmp_path / "cache")
    assert (first.from_cache, second.from_cache) == (False, True)
    expected = files_of(handbook)
    assert first.count == second.count == len(expected)
    for site in ("first", "second"):
        assert {path: (tmp_path / site / path).read_bytes() for path in expected} == expected, site


def test_the_cache_key_follows_the_data_the_build_date_and_the_address(handbook, tmp_path):
    import shutil

    from macros.handbook import load_handbook
    from publishing.steps.office import cache_key

    key = cache_key(handbook, SITE_URL)
    assert cache_key(handbook, SITE_URL) == key
    assert cache_key(handbook, "https://intranet.example/handbook/") != key
    assert cache_key(handbook.on(datetime.date(2027, 12, 1)), SITE_URL) != key
    data = shutil.copytree(handbook.data_dir, tmp_path / "data")
    assert cache_key(load_handbook(data), SITE_URL) == key  # the same data elsewhere: the same files
    glossary = data / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache_key(load_handbook(data), SITE_URL) != key


# --- Built site -------------------------------------------------------------------------------

def test_every_word_and_excel_link_of_the_site_resolves_to_its_file(site, handbook):
    pages = ["regulation/", "calendar/", "duties/", *[f"checklists/{role.id}/" for role in handbook.roles.roles]]
    linked = set()
    for language in LANGUAGES:
        for url in pages:
            path = page_path(site, language, url)
            hrefs = [a["href"] for a in soup(path).select("a[href$='.docx'], a[href$='.xlsx']")]
            assert hrefs, f"{language} {url}: no Word or Excel link"
            for href in hrefs:
                target = link_target(site, path, href)
                assert target.is_file(), f"{language} {url}: {href}"
                linked.add(target.relative_to(site).as_posix())
    assert linked == set(files_of(handbook))  # every file is linked from somewhere
