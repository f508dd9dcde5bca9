"""The self-inspection form of each role: the handbook's own aid (the Rules provide for no
self-inspection; Article 10 provides for the University Party Committee's inspection and appraisal).

One row per duty the role takes part in (data order, the order of the text): the duty, its
citation and the anchor it links to, its frequency as the checklist shows it, and four columns
left empty for the unit to fill in (status, evidence, date, responsible person).

`inspection_rows` and `inspection_columns` are the form's one source: the page, the PDF printed
from it, the CSV and the Word form (word_documents.inspection_document) all read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .downloads import inspection_docx, self_inspection_pdf
from .duties import article_3_note, own_part_words, parts_of, role_duties, timing_label
from .feeds import csv_table
from .handbook import Handbook
from .rendering import page_context, render
from .site_paths import SELF_INSPECTION_FOLDER, to_language_root, to_site_root
from .text import anchor_citation, colon, role_with_title, short_citation

FOLDER = SELF_INSPECTION_FOLDER  # /self-inspection/ and /self-inspection/<role-id>/ in each language

# The columns of the form, in order: the first three are filled from the data, the rest are
# left empty for the unit. Each key is also the interface label of the column's header.
FILLED_COLUMNS = ("inspection-duty", "inspection-citation", "inspection-frequency")
BLANK_COLUMNS = ("inspection-status", "inspection-evidence", "inspection-date", "inspection-responsible")
# The header block above the table (unit, year, who filled it in, signature and date).
HEADER_FIELDS = ("inspection-unit", "inspection-year", "inspection-filled-by", "inspection-signature-date")


@dataclass(frozen=True)
class InspectionRow:
    """One duty of the role, as the form lists it."""

    duty_id: str  # the duty's id in data/duties.yml (both languages share it)
    citation: str  # 第四条第（二）项 / Art. 4(2)
    anchor: str  # the Rules' anchor it links to, e.g. art-4-2 (/regulation/#art-4-2)
    duty: str  # the duty's text in the form's language
    frequency: str  # its frequency label, as the checklist shows it
    part: str  # the role's part in it (执行、负责, 知悉 …), as the checklist shows it
    inference: str  # where the handbook takes the duty or a role from, if the Rules do not say it; or ""
    inference_label: str  # the label before it: about this role's part, or about other roles (Duty.inference_label)

    def duty_lines(self, handbook: Handbook, language: str) -> list[str]:
        """The duty cell as the form's files print it: the text, the role's part, the inference."""
        separator = colon(language)
        lines = [self.duty, handbook.label("your-part", language) + separator + self.part]
        if self.inference:
            lines.append(handbook.label(self.inference_label, language) + separator + self.inference)
        return lines


@dataclass(frozen=True)
class InspectionColumn:
    """One column of the form: its key (an interface label), its header, and whether the unit
    fills it in (empty on the form)."""

    key: str
    header: str
    blank: bool


def inspection_rows(handbook: Handbook, role_id: str, language: str) -> list[InspectionRow]:
    """Every duty the role takes part in, in data order, as rows of its form."""
    return [InspectionRow(duty_id=duty.id,
                          citation=anchor_citation(duty.source, language),
                          anchor=duty.source, duty=duty.text[language],
                          frequency=timing_label(handbook, duty, language),
                          part=own_part_words(handbook, duty, role_id, language),
                          inference=duty.inference[language] if duty.inference else "",
                          inference_label=duty.inference_label(role_id))
            for duty in role_duties(handbook, role_id)]


def inspection_columns(handbook: Handbook, language: str) -> list[InspectionColumn]:
    """The form's columns in order, with their headers in `language`."""
    return [InspectionColumn(key, handbook.label(key, language), key in BLANK_COLUMNS)
            for key in FILLED_COLUMNS + BLANK_COLUMNS]


def header_fields(handbook: Handbook, language: str) -> list[tuple[str, str]]:
    """The header block's fields, (key, label), in order."""
    return [(key, handbook.label(key, language)) for key in HEADER_FIELDS]


# --- The form as a page, a CSV and a PDF ------------------------------------------------------

APPRAISAL_ARTICLE = 10  # the article on inspection and appraisal the form quotes


def what_the_rules_provide(handbook: Handbook, language: str) -> str:
    """'细则规定了学校党委的检查考核（第十条）：“…”' as plain text (the Word form; the page links the citation)."""
    article = handbook.documents[handbook.main_document].article(APPRAISAL_ARTICLE)
    cite = short_citation(APPRAISAL_ARTICLE, None, language)
    if language == "zh":
        return f"{handbook.label('self-inspection-what-the-rules-provide', language)}（{cite}）：“{article.text.zh}”"
    return f"{handbook.label('self-inspection-what-the-rules-provide', language)} ({cite}): \"{article.text.en}\""


def form_path(role_id: str) -> str:
    """The form's page, relative to a language's root."""
    return f"{FOLDER}/{role_id}/"


def csv_path(role_id: str) -> str:
    """The form as a CSV, relative to a language's root (beside the page's folder)."""
    return f"{FOLDER}/{role_id}.csv"


def csv_download_name(role_id: str, language: str) -> str:
    """The name the CSV is saved under: both languages' files apart."""
    return f"self-inspection-{role_id}-{language}.csv"


def page_title(handbook: Handbook, role_id: str, language: str) -> str:
    """The role's name as the Rules give it: a held title (党委书记) finds the role's checklist in
    search, and the form should not crowd it out."""
    separator = colon(language)
    return handbook.label("self-inspection", language) + separator + handbook.role(role_id).name[language]


def form_csv(handbook: Handbook, language: str, role_id: str) -> bytes:
    """The form as a table: the header row in `language`, one row per duty, the blank columns empty."""
    columns = inspection_columns(handbook, language)
    rows = [["\r\n".join(row.duty_lines(handbook, language)), row.citation, row.frequency] + [""] * len(BLANK_COLUMNS)
            for row in inspection_rows(handbook, role_id, language)]
    return csv_table([[column.header for column in columns], *rows])


def site_files(handbook: Handbook, language: str) -> dict[str, bytes]:
    """Every role's CSV, by its path under the language's root."""
    return {csv_path(role.id): form_csv(handbook, language, role.id) for role in handbook.roles.roles}


def _context(handbook: Handbook, language: str, page_url: str) -> dict:
    document = handbook.documents[handbook.main_document]

    def cite(anchor: str) -> str:
        return anchor_citation(anchor, language)

    return {**page_context(handbook, language), "root": to_language_root(page_url, language), "document": document,
            "cite": cite, "short_citation": cite, "role_with_title": role_with_title, "sep": colon(language),
            "article_3_note": partial(article_3_note, handbook, language=language),
            "form_path": form_path, "csv_path": csv_path, "csv_name": csv_download_name,
            "pdf": lambda role_id: to_site_root(page_url, language) + self_inspection_pdf(role_id, language),
            "word": lambda role_id: to_site_root(page_url, language) + inspection_docx(role_id, language)}


def form(handbook: Handbook, language: str, page_url: str, role_id: str) -> str:
    """One role's form: what it serves (Article 10, quoted), the header block, the table."""
    document = handbook.documents[handbook.main_document]
    work_parts, article_3 = parts_of(role_duties(handbook, role_id), role_id)
    return render("self_inspection.md.j2", role=handbook.role(role_id), work_parts=work_parts, article_3=article_3,
                  rows=inspection_rows(handbook, role_id, language),
                  columns=inspection_columns(handbook, language), fields=header_fields(handbook, language),
                  appraisal=document.article(APPRAISAL_ARTICLE),
                  how_to_tell=handbook.onboarding.how_to_tell(role_id),
                  **_context(handbook, language, page_url))


def index(handbook: Handbook, language: str, page_url: str) -> str:
    """Every role, linked to its form, the form's PDF and CSV."""
    counts = {role.id: len(role_duties(handbook, role.id)) for role in handbook.roles.roles}
    return render("self_inspections.md.j2", roles=handbook.roles.roles, counts=counts,
                  **_context(handbook, language, page_url))
