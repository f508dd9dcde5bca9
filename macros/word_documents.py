"""Word documents (.docx) of the Rules and of each role's checklist and self-inspection form,
laid out as GB/T 9704 lays out an official document: A4, margins 37/35/28/26 mm, the title in 方正小标宋简体, headings in 黑体 and
楷体_GB2312, the body in 仿宋_GB2312, Latin text in Times New Roman, "— 1 —" page numbers.

Everything is a real Word style (Title, Heading 1/2, Body Text, a numbered "Rules Item" style,
Table Grid with a header row that repeats on each page), so an office can restyle a file in one
place. The fonts are named by their GB names with fallbacks in the font table (宋体/SimSun,
仿宋/FangSong, 黑体/SimHei, 楷体/KaiTi), so a machine without them still shows Chinese type.

Data in, bytes out: the text comes from the same data and functions as the pages (the document's
current text with its errata repaired, duties.role_duties, duty_pages.duty_wording). The bytes
are not yet reproducible; office_files.py fixes the zip's timestamps.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from functools import cache, partial

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from . import duties as logic
from . import pages, self_inspection, status
from .names import romanize
from .duty_pages import duty_wording, see_also_words, upkeep_lines
from .handbook import Handbook
from .text import article_label, colon, fill_in, in_brackets, list_separator, long_date, role_with_title, titled_document

LATIN = "Times New Roman"
# GB/T 9704 typefaces by role in the document.
TITLE_FONT = "方正小标宋简体"
HEADING_1_FONT = "黑体"
HEADING_2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
FOOTER_FONT = "宋体"


@dataclass(frozen=True)
class Fallback:
    """What Word and WPS substitute for a missing typeface: the font table's w:altName, and the
    family, charset (86: GB2312) and PANOSE numbers that let them pick a similar installed face."""

    alt_name: str
    family: str
    pitch: str
    panose: str


# The GB names and the common Windows names they fall back to (SimSun, FangSong, SimHei, KaiTi).
FONT_TABLE = {
    TITLE_FONT: Fallback("宋体", "auto", "variable", "02010600030101010101"),
    HEADING_1_FONT: Fallback("SimHei", "modern", "fixed", "02010609060101010101"),
    HEADING_2_FONT: Fallback("楷体", "modern", "fixed", "02010609030101010101"),
    BODY_FONT: Fallback("仿宋", "modern", "fixed", "02010609030101010101"),
    FOOTER_FONT: Fallback("SimSun", "auto", "variable", "02010600030101010101"),
    "仿宋": Fallback("FangSong", "modern", "fixed", "02010609060101010101"),
    "楷体": Fallback("KaiTi", "modern", "fixed", "02010609060101010101"),
}

# GB/T 9704: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
# Sizes in points: 二号 22 (title), 三号 16 (headings, body), 四号 14 (page number), 小四 12 (tables).
TITLE_SIZE, BODY_SIZE, FOOTER_SIZE, TABLE_SIZE = 22, 16, 14, 12
ITEM_STYLE, TABLE_TEXT_STYLE, NUMBER_STYLE = "Rules Item", "Table Text", "Document Number"
# Word's ids of the styles (a style's name without spaces), for paragraphs made in bulk.
ITEM_STYLE_ID, TABLE_TEXT_STYLE_ID, NUMBER_STYLE_ID = "RulesItem", "TableText", "DocumentNumber"


# --- Styles, fonts and page -------------------------------------------------------------------

def _set_fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Name the typefaces outright: theme fonts (asciiTheme …) would override the names."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute, value in (("ascii", latin), ("hAnsi", latin), ("cs", latin), ("eastAsia", east_asia)):
        fonts.set(qn(f"w:{attribute}"), value)


def _restyle(style, east_asia: str, size: int, bold: bool = False,
             align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY) -> None:
    """One style's type: fonts by name, size, black, upright; no borders or theme colours."""
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:color", "w:i", "w:iCs", "w:caps", "w:spacing", "w:kern", "w:u"):
        for element in rpr.findall(qn(tag)):
            rpr.remove(element)
    _set_fonts(rpr, east_asia)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    ppr = style.element.get_or_add_pPr()
    for element in ppr.findall(qn("w:pBdr")):
        ppr.remove(element)
    if align is not None:
        style.paragraph_format.alignment = align


def _line_spacing(style, points: float, before: float = 0, after: float = 0) -> None:
    layout = style.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(points)
    layout.space_before = Pt(before)
    layout.space_after = Pt(after)


def _first_line_indent(style, characters: int = 2) -> None:
    """Chinese paragraphs start two characters in (w:firstLineChars, in hundredths)."""
    indent = style.element.get_or_add_pPr().get_or_add_ind()
    indent.set(qn("w:firstLineChars"), str(characters * 100))
    indent.set(qn("w:firstLine"), str(characters * BODY_SIZE * 20))


def _add_fallbacks(document) -> None:
    """Give the font table each typeface's fallback (w:altName, w:panose1, w:charset, w:family)."""
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name, fallback in FONT_TABLE.items():
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("altName", fallback.alt_name), ("panose1", fallback.panose), ("charset", "86"),
                           ("family", fallback.family), ("pitch", fallback.pitch)):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(section, landscape: bool = False) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side, length in MARGINS.items():
        setattr(section, f"{side}_margin", length)


def _page_number(section) -> None:
    """The footer "— 1 —": a PAGE field between two dashes, centred."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("result", "1"), ("end", None)):
        run = paragraph.add_run(text if kind == "result" else None)
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        elif kind != "result":
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
    paragraph.add_run(" —")
    for run in paragraph.runs:
        run.font.size = Pt(FOOTER_SIZE)
        _set_fonts(run._r.get_or_add_rPr(), FOOTER_FONT)


def new_document(language: str, landscape: bool = False):
    """An empty document with the handbook's styles, fonts, page and page numbers."""
    return Document(io.BytesIO(_empty_document(language, landscape)))


@cache
def _empty_document(language: str, landscape: bool) -> bytes:
    """new_document's file, made once per language and orientation (restyling python-docx's
    template takes longer than filling a document)."""
    document = Document()
    # python-docx's template carries a thumbnail of its own empty page and a 430 KB copy of its
    # styles for Word 2010 (stylesWithEffects): neither describes this document.
    for rels, reltype in ((document.part.package.rels, "/metadata/thumbnail"),
                          (document.part.rels, "/stylesWithEffects")):
        for key in [key for key, rel in rels.items() if rel.reltype.endswith(reltype)]:
            rels.pop(key)
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(default_rpr, BODY_FONT)
    for element in default_rpr.findall(qn("w:lang")):
        default_rpr.remove(element)
    language_mark = OxmlElement("w:lang")
    language_mark.set(qn("w:val"), "zh-CN" if language == "zh" else "en-GB")
    language_mark.set(qn("w:eastAsia"), "zh-CN")
    default_rpr.append(language_mark)

    _restyle(styles["Normal"], BODY_FONT, BODY_SIZE)
    _line_spacing(styles["Normal"], 28)
    body = styles["Body Text"]
    _restyle(body, BODY_FONT, BODY_SIZE)
    _line_spacing(body, 28)
    if language == "zh":
        _first_line_indent(body)
    title = styles["Title"]
    _restyle(title, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _line_spacing(title, 36, after=16)
    for name, font in (("Heading 1", HEADING_1_FONT), ("Heading 2", HEADING_2_FONT)):
        _restyle(styles[name], font, BODY_SIZE, align=None)
        _line_spacing(styles[name], 28, before=12)
        styles[name].paragraph_format.keep_with_next = True

    number = styles.add_style(NUMBER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    number.base_style = styles["Normal"]
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.space_after = Pt(16)
    item = styles.add_style(ITEM_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    item.base_style = body
    table_text = styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    _restyle(table_text, BODY_FONT, TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line_spacing(table_text, 16)
    _add_fallbacks(document)

    section = document.sections[0]
    _page(section, landscape)
    _page_number(section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def styled(container, style_id: str, text: str | None = None):
    """A new paragraph of a style named by its id (python-docx looks a style up by name through
    every style of the template, for each paragraph: too slow for a few thousand)."""
    paragraph = container.add_paragraph(text)
    paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def heading(document, text: str, level: int):
    return styled(document, f"Heading{level}", text)


# --- Numbered items ---------------------------------------------------------------------------

class Numbering:
    """A numbered list style: one abstract numbering ((一)… in Chinese, (1)… in English, as the
    pages label items) tied to ITEM_STYLE, restarted at 1 for each article or list."""

    def __init__(self, document, number_format: str, text: str):
        self.numbering = document.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        self.abstract_id = max(abstract_ids, default=0) + 1
        indent = 2 * BODY_SIZE * 20
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{self.abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{number_format}"/><w:suff w:val="space"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr></w:lvl>'
            '</w:abstractNum>')
        first_num = self.numbering.find(qn("w:num"))
        if first_num is None:
            self.numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        style_ppr = document.styles[ITEM_STYLE].element.get_or_add_pPr()
        if style_ppr.find(qn("w:numPr")) is None:  # the style's own list: the first numbering made
            self._number(style_ppr, self.restart())

    def restart(self) -> int:
        """A new list of this numbering, counting from 1; returns its w:numId."""
        num_id = max((int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))), default=0) + 1
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{self.abstract_id}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return num_id

    @staticmethod
    def _number(ppr, num_id: int) -> None:
        numbering = OxmlElement("w:numPr")
        level = OxmlElement("w:ilvl")
        level.set(qn("w:val"), "0")
        number = OxmlElement("w:numId")
        number.set(qn("w:val"), str(num_id))
        numbering.extend([level, number])
        ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, numbering)

    def item(self, document, num_id: int, *runs: tuple[str, bool]):
        """One numbered paragraph of list `num_id`; runs are (text, bold)."""
        paragraph = styled(document, ITEM_STYLE_ID)
        self._number(paragraph._p.get_or_add_pPr(), num_id)
        for text, bold in runs:
            paragraph.add_run(text).bold = bold or None
        return paragraph


def item_numbering(document, language: str) -> Numbering:
    """Items as the pages label them: (一) (二) … / (1) (2) …"""
    return Numbering(document, "chineseCounting" if language == "zh" else "decimal", "(%1)")


# --- Tables -----------------------------------------------------------------------------------

def table(document, header: list[str], rows: list[list[str | list[tuple[str, bool]]]], widths_mm: list[float]):
    """A Table Grid table whose header row repeats at the top of each page (w:tblHeader). A cell
    is a string, or a list of (text, italic) paragraphs."""
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = document.styles["Table Grid"]
    header_row = grid.rows[0]
    header_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header_row.cells, header):
        cell.paragraphs[0]._p.get_or_add_pPr().style = TABLE_TEXT_STYLE_ID
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        _body_row(grid._tbl, values)
    # Fixed layout: Word and WPS take the widths from the grid and the header row, so the other
    # rows' cells need none.
    grid.autofit = False
    for column, cell, width in zip(grid.columns, header_row.cells, widths_mm):
        column.width = cell.width = Mm(width)
    return grid


def _body_row(table_element, values: list[str | list[tuple[str, bool]]]) -> None:
    """One row of plain cells, written as XML: python-docx's add_row and add_run take most of a
    form's time, for a few hundred rows per build."""
    row = etree.SubElement(table_element, qn("w:tr"))
    for value in values:
        cell = etree.SubElement(row, qn("w:tc"))
        for text, italic in [(value, False)] if isinstance(value, str) else value:
            paragraph = etree.SubElement(cell, qn("w:p"))
            etree.SubElement(etree.SubElement(paragraph, qn("w:pPr")), qn("w:pStyle")).set(
                qn("w:val"), TABLE_TEXT_STYLE_ID)
            if text:
                run = etree.SubElement(paragraph, qn("w:r"))
                if italic:
                    etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:i"))
                words = etree.SubElement(run, qn("w:t"))
                words.text = text
                words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# --- Core properties and bytes ----------------------------------------------------------------

def document_date(handbook: Handbook) -> datetime.date:
    """The date the files carry (core properties): the current version's effective date, so
    the same data gives the same file."""
    return handbook.documents[handbook.main_document].all_versions()[-1].effective


PROPERTY_LIMIT = 255  # characters a core property (title, subject, author) may hold in python-docx


def _property(text: str) -> str:
    """A core property: the file's metadata only (the document shows the whole text), so a long
    title is cut, with an ellipsis, rather than stopping the build."""
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "…"


def _finish(document, handbook: Handbook, language: str, title: str, subject: str) -> bytes:
    """The file's metadata and bytes. Its author is the handbook, which made the file (its short
    titles, translation, checklists and forms are the handbook's), not the Party Committee."""
    properties = document.core_properties
    stamp = datetime.datetime.combine(document_date(handbook), datetime.time(), datetime.timezone.utc)
    properties.title = _property(title)
    properties.subject = _property(subject)
    properties.author = _property(handbook.label("handbook-name", language))
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = ""
    properties.language = "zh-CN" if language == "zh" else "en-GB"
    properties.revision = 1
    properties.created = properties.modified = stamp  # never printed: no lastPrinted
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- The Rules --------------------------------------------------------------------------------

def article_heading(article, language: str) -> str:
    """As the regulation page heads an article: 第四条 各级党组织的主要责任 / Article 4 — Main …"""
    return f"{article_label(article.number, language)} {'' if language == 'zh' else '— '}{article.title[language]}"


def item_title(item, language: str) -> str:
    """The item's short title (the handbook's, as the page shows it), before its text."""
    return item.title[language] + ("　" if language == "zh" else ". ")


def in_the_regulation_file(node: str) -> bool:
    """Whether a source text node is in the regulation's Word file: the Rules' own (their title,
    an article or item, their attachment line) or the roster they attach; not the notice's."""
    return node == "rules.title" or node.startswith(("art-", "rules.attachment-", "roster."))


def roster_as_issued(document, handbook: Handbook, language: str, roster_address: str) -> None:
    """The Rules' attachment as the notice issued it, as the regulation page ends: on a page of
    its own, the posts and the names as printed (romanised, with the Chinese, in English), its
    notes, and where the current holders are."""
    roster = handbook.roster
    styled(document, "BodyText", roster.label[language]).paragraph_format.page_break_before = True
    heading(document, roster.title[language], level=1)
    separator = colon(language)
    for group in roster.groups:
        if group.printed_in_source:
            styled(document, "BodyText").add_run(group.name[language]).bold = True
        for position in group.positions:
            names = (" ".join(position.holders) if language == "zh" else "; ".join(
                f"{romanize(name, roster.romanization_overrides)} {name}" for name in position.holders))
            styled(document, "BodyText", position.title[language] + separator + names)
    for note in roster.notes:
        styled(document, "BodyText", note.text[language])
    # as the page's last line, which links the roster page by its name: here the name and its address
    styled(document, "BodyText", f"{handbook.label('attachment-as-issued', language)} "
                                 f"{handbook.label('roster', language)}{in_brackets(roster_address, language)}")


def translation_note(document, handbook: Handbook, language: str, document_id: str | None = None) -> None:
    """On an English file, as on every English page and PDF: the Chinese text is authoritative."""
    sentence = status.translation_sentence(handbook, language, document_id)
    if sentence:
        styled(document, "BodyText", sentence)


ERRATA_COLUMNS = ("erratum-location", "erratum-kind", "erratum-original", "erratum-repaired")
ERRATA_WIDTHS = (32, 34, 45, 45)  # mm, within the 156 mm between the margins


def regulation_document(handbook: Handbook, language: str, roster_address: str,
                        document_id: str | None = None) -> bytes:
    """The current text of the Rules: title, notice number, each article a Heading 1 with its
    text, each item a numbered paragraph (its short title in bold, then its text); for the main
    document, then its attachment (the roster as issued; `roster_address` is the roster page's)
    and the errata, as the page lists them (the repairs the text above carries)."""
    data = handbook.documents[document_id or handbook.main_document]
    rules, notice = data.rules, data.notice
    document = new_document(language)
    styled(document, "Title", rules.title[language])
    number = notice.number[language] + ("" if language == "zh" else f" ({notice.number.zh})")
    styled(document, NUMBER_STYLE_ID, f"{number} · {long_date(notice.date, language)}")
    translation_note(document, handbook, language, document_id)
    styled(document, "BodyText", handbook.label("short-title-note", language))
    numbering = item_numbering(document, language)
    for article in rules.articles:
        heading(document, article_heading(article, language), level=1)
        if article.text[language]:
            styled(document, "BodyText", article.text[language])
        num_id = numbering.restart()
        for item in article.items:
            numbering.item(document, num_id, (item_title(item, language), True), (item.text[language], False))
    label = partial(handbook.label, language=language)
    for attachment in rules.attachments:  # the Rules end with their attachment line, as on the page
        styled(document, "BodyText", label("attachment") + colon(language) + attachment[language])
    if (document_id or handbook.main_document) == handbook.main_document:
        roster_as_issued(document, handbook, language, roster_address)
        # Only the repairs of text this file holds (the Rules and their attachment); the notice
        # is not in it, so its repairs are named as being on the site's page.
        here = [erratum for erratum in handbook.errata.errata if in_the_regulation_file(erratum.node)]
        heading(document, label("errata"), level=1)
        styled(document, "BodyText", label("errata-intro"))
        if len(here) < len(handbook.errata.errata):
            styled(document, "BodyText", label("errata-elsewhere"))
        table(document, [label(key) for key in ERRATA_COLUMNS],
              [[pages.node_name(handbook, language, erratum.node), label(erratum.kind.value),
                pages.show_record(erratum.original), erratum.repaired] for erratum in here],
              list(ERRATA_WIDTHS))
    return _finish(document, handbook, language, rules.title[language], notice.number[language])


# --- A role's checklist -----------------------------------------------------------------------

CHECKLIST_COLUMNS = ("checklist-done", "duty", "your-part", "checklist-timing", "checklist-source")
# mm, the 156 mm between the margins; the first takes ☐第一次 at 12 pt (17 mm) inside its cell margins
CHECKLIST_WIDTHS = (22, 66, 20, 22, 26)
CHECKBOX = "☐"


def checklist_rows(handbook: Handbook, language: str, role_id: str) -> list[list]:
    """The checklist page's duties, one row each: box (a box for each time a duty falls due in a
    year, where it does more than once), text (with its inference), part, timing, citation — from
    duties.role_duties and the pages' own wording."""
    wording = duty_wording(handbook, language)
    label = partial(handbook.label, language=language)
    rows = []
    for duty in logic.role_duties(handbook, role_id):
        text = [(duty.text[language], False)]
        if duty.inference:  # in italics in English; Chinese has none (a slanted CJK face is a distorted one)
            text.append((label(duty.inference_label(role_id)) + colon(language) + duty.inference[language],
                         language == "en"))
        # a duty due several times a year: a box for each time, as on the page (☐第一次 / ☐ 1st)
        times = wording["occurrences"](duty)
        boxes = [(CHECKBOX + ("" if language == "zh" else " ") + time, False) for time in times] or CHECKBOX
        rows.append([boxes, text, wording["own_part"](duty, role_id), wording["timing"](duty),
                     wording["short_citation"](duty.source)])
    return rows


def part_legend(document, handbook: Handbook, language: str, role_id: str, timing: bool = True) -> None:
    """What each of the role's parts means, as the page's legend says it (templates/part_legend),
    then what the timing beside each duty is (`timing`)."""
    label = partial(handbook.label, language=language)
    sep = colon(language)
    work_parts, article_3 = logic.parts_of(logic.role_duties(handbook, role_id), role_id)
    if not work_parts and not article_3:
        return
    styled(document, "BodyText", label("your-part-legend"))
    for part in work_parts:
        paragraph = styled(document, "BodyText")
        paragraph.add_run(label(f"part-{part.value}")).bold = True
        paragraph.add_run(sep + label(f"part-{part.value}-note"))
    if article_3:
        paragraph = styled(document, "BodyText")
        paragraph.add_run(list_separator(language).join(label(f"part-{p.value}") for p in article_3)).bold = True
        paragraph.add_run(sep + logic.article_3_note(handbook, article_3, language)
                          + in_brackets(duty_wording(handbook, language)["short_citation"]("art-3"), language))
    if timing:
        styled(document, "BodyText", logic.timing_legend(handbook, language))


def checklist_document(handbook: Handbook, language: str, role_id: str, page_address: str,
                       calendar_address: str | None = None) -> bytes:
    """One role's checklist as the page shows it: who and from what, the duties as a table to
    tick, and the Article 8 cases in which the role can be held responsible. `calendar_address`:
    the role's view of the calendar, for a role with entries there (a copy on paper or in a mail
    says "see the calendar" and needs its address)."""
    data = handbook.documents[handbook.main_document]
    notice = data.notice
    role = handbook.role(role_id)
    label = partial(handbook.label, language=language)
    wording = duty_wording(handbook, language)
    sep = colon(language)
    document = new_document(language)
    title = label("checklist") + sep + role_with_title(role, language)
    styled(document, "Title", title)
    for key, value in (
            ("checklist-role", role.name[language]),
            ("checklist-source", f"{titled_document(data.rules.title[language], notice.number[language], language)} · "
                                 f"{label('source-date')}{sep}{long_date(notice.date, language)}"),
            ("page-address", page_address),
            *([("checklist-calendar-address", calendar_address)] if calendar_address else [])):
        paragraph = styled(document, "Normal")
        paragraph.add_run(label(key) + sep).bold = True
        paragraph.add_run(value)
    styled(document, "BodyText", f"{role.description[language]}{'' if language == 'zh' else ' '}{label('named-in')}{sep}"
                           + list_separator(language).join(wording['short_citation'](anchor)
                                                           for anchor in logic.clauses_naming(handbook, role_id)))
    if how_to_tell := handbook.onboarding.how_to_tell(role_id):
        styled(document, "BodyText", how_to_tell[language])
    if role.held_titles:
        styled(document, "BodyText", label("held-titles") + sep + ("、" if language == "zh" else "; ").join(
            title[language] for title in role.held_titles))
    translation_note(document, handbook, language)

    heading(document, label("your-duties"), level=1)
    rows = checklist_rows(handbook, language, role_id)
    if rows:
        table(document, [label(key) for key in CHECKLIST_COLUMNS], rows, list(CHECKLIST_WIDTHS))
        part_legend(document, handbook, language, role_id)
    else:
        styled(document, "BodyText", label("no-duties"))
    upkeep = upkeep_lines(handbook, role_id, language)
    if upkeep:
        heading(document, label("upkeep"), level=1)
        for line in upkeep:
            styled(document, "BodyText", line)

    heading(document, label("held-accountable"), level=1)
    cases = logic.role_cases(handbook, role_id)
    accountability = handbook.duties.accountability
    if cases:
        styled(document, "BodyText", logic.consequences(handbook)[language]
               + in_brackets(wording['short_citation'](accountability.source), language))
        if accountability.inference:
            styled(document, "BodyText", label(accountability.inference_label(role_id)) + sep + accountability.inference[language])
        numbering = Numbering(document, "decimal", "%1.")
        num_id = numbering.restart()
        for case in cases:
            numbering.item(document, num_id, (case.text[language], False),
                           (in_brackets(wording['short_citation'](case.source), language), False))
    else:
        styled(document, "BodyText", label("no-accountability-cases"))
    if see_also := logic.clauses_using(handbook, role_id):  # as the page lists them (duty_pages.checklist)
        heading(document, label("see-also-clauses"), level=1)
        styled(document, "BodyText", fill_in(label("see-also-clauses-note"), words=see_also_words(handbook, role_id, language)))
        for anchor, clause in see_also:
            styled(document, "BodyText", wording['short_citation'](anchor) + sep + clause.title[language])
    return _finish(document, handbook, language, title, notice.number[language])


# --- A role's self-inspection form -----------------------------------------------------------

# mm across a landscape A4 page between the margins (243 mm): duty, citation, frequency, then
# the unit's four columns (status, evidence, date, person responsible).
INSPECTION_WIDTHS = (83, 26, 22, 32, 36, 20, 24)
BLANK_FIELD = "＿" * 16


def inspection_document(handbook: Handbook, language: str, role_id: str) -> bytes:
    """One role's self-inspection form to fill in, sign and file: a header block (unit, year,
    who filled it in, signature) and a landscape table, one row per duty, from the form's own
    rows and columns (self_inspection.py), its last four columns empty."""
    notice = handbook.documents[handbook.main_document].notice
    role = handbook.role(role_id)
    label = partial(handbook.label, language=language)
    sep = colon(language)
    document = new_document(language, landscape=True)
    title = label("office-inspection-title") + sep + role.name[language]
    styled(document, "Title", title)
    # The form is the handbook's own: the Rules are named as its basis, not set where an
    # official document carries its number (GB/T 9704's slot under the title).
    basis = styled(document, "Normal")
    basis.add_run(label("checklist-source") + sep).bold = True
    basis.add_run(titled_document(handbook.documents[handbook.main_document].rules.title[language],
                                  notice.number[language], language))
    # As the page: that the Rules provide for no self-inspection, what they do provide (Article 10,
    # quoted), then how the form is made
    styled(document, "BodyText", label("self-inspection-not-in-the-rules"))
    styled(document, "BodyText", self_inspection.what_the_rules_provide(handbook, language))
    styled(document, "BodyText", label("self-inspection-note"))
    if how_to_tell := handbook.onboarding.how_to_tell(role_id):  # as on the form's page
        styled(document, "BodyText", how_to_tell[language])
    translation_note(document, handbook, language)
    for _key, name in self_inspection.header_fields(handbook, language):
        field = styled(document, "Normal")
        field.add_run(name + sep).bold = True
        field.add_run(BLANK_FIELD)
    columns = self_inspection.inspection_columns(handbook, language)
    rows = [[[(line, index > 0) for index, line in enumerate(row.duty_lines(handbook, language))],
             row.citation, row.frequency] + [""] * sum(column.blank for column in columns)
            for row in self_inspection.inspection_rows(handbook, role_id, language)]
    if rows:
        table(document, [column.header for column in columns], rows, list(INSPECTION_WIDTHS))
        part_legend(document, handbook, language, role_id, timing=False)  # the note above says it
    else:
        styled(document, "BodyText", label("no-duties"))
    return _finish(document, handbook, language, title, notice.number[language])


__all__ = ["FONT_TABLE", "checklist_document", "checklist_rows", "inspection_document", "new_document", "regulation_document",
           "table"]
