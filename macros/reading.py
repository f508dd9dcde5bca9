"""Reading aids: the side-by-side view, the regulation page's "other ways to read" block, and
the download links of the Rules, the calendar and the duty matrix (PDF, Word, Excel).

Data in, Markdown out, like pages.py.
"""

from __future__ import annotations

import datetime

from .clause_links import clause_links, no_clause_links
from .downloads import calendar_xlsx, duties_xlsx, regulation_docx, regulation_pdf
from .handbook import Handbook
from .rendering import page_context, render
from .site_paths import to_language_root, to_site_root
from .term_marks import term_marker
from .text import copy_citation


def parallel(handbook: Handbook, language: str, document_id: str, page_url: str = "parallel/",
             today: datetime.date | None = None) -> str:
    document = handbook.documents[document_id]
    links = (clause_links(handbook, language, page_url, today or handbook.calendar.today)
             if document_id == handbook.main_document else no_clause_links)

    def cite(article: int, item: int | None) -> str:  # the same words as on the regulation page
        return copy_citation(document.rules.title[language], getattr(document.notice.number, language),
                             article, item, language)

    # Each column marks its terms as that language's /regulation/ does (tooltip in the column's
    # language, the English marking the terms its clause's Chinese holds); all link to this
    # page's glossary.
    glossary = to_language_root(page_url, language) + "glossary/"
    terms = {column: term_marker(handbook.glossary.terms, column, glossary,
                                 handbook.label("term-other-language", column))
             for column in ("zh", "en")}
    return render("parallel.md.j2", document=document, citation=cite, clause_links=links, terms=terms,
                  **page_context(handbook, language))


def reading_links(handbook: Handbook, language: str, page_url: str) -> str:
    """Links from a page to the side-by-side view and to the PDFs and Word files of the whole document."""
    pdfs = {lang: to_site_root(page_url, language) + regulation_pdf(lang) for lang in ("zh", "en")}
    word = {lang: to_site_root(page_url, language) + regulation_docx(lang) for lang in ("zh", "en")}
    return render("reading_links.md.j2", pdfs=pdfs, word=word, **page_context(handbook, language))


# The Excel workbook of a page's data: its label, and where each language's file lives.
WORKBOOKS = {"calendar": ("office-calendar-xlsx", calendar_xlsx), "duties": ("office-duties-xlsx", duties_xlsx)}


def office_downloads(handbook: Handbook, language: str, page_url: str, what: str) -> str:
    """Links to the Excel workbook of the calendar ("calendar") or the duty matrix ("duties"),
    in both languages (macros/office_files.py writes them)."""
    if what not in WORKBOOKS:  # an error, not an empty paragraph
        raise ValueError(f"office_downloads: unknown workbook '{what}' (one of {', '.join(WORKBOOKS)})")
    key, path = WORKBOOKS[what]
    to_root = to_site_root(page_url, language)
    links = [{"language": lang, "href": to_root + path(lang)} for lang in (language, *sorted({"zh", "en"} - {language}))]
    return render("office_links.html.j2", label=key, links=links, **page_context(handbook, language))
