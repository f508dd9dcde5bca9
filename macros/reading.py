"""Reading aids: the side-by-side view and the regulation page's "other ways to read" block.

Data in, Markdown out, like pages.py (kept apart so other blocks can grow there in parallel).
"""

from __future__ import annotations

import datetime

from .clause_links import clause_links, nothing
from .downloads import regulation_pdf, up_to_site_root
from .handbook import Handbook
from .rendering import page_context, render
from .text import copy_citation


def parallel(handbook: Handbook, language: str, document_id: str, page_url: str = "parallel/",
             today: datetime.date | None = None) -> str:
    document = handbook.documents[document_id]
    links = (clause_links(handbook, language, page_url, today or handbook.calendar.today)
             if document_id == handbook.main_document else nothing)

    def cite(article: int, item: int | None) -> str:  # the same words as on the regulation page
        return copy_citation(document.rules.title[language], getattr(document.notice.number, language),
                             article, item, language)

    return render("parallel.md.j2", document=document, citation=cite, clause_links=links, **page_context(handbook, language))


def reading_links(handbook: Handbook, language: str, page_url: str) -> str:
    """Links from a page to the side-by-side view and to the PDFs of the whole document."""
    pdfs = {lang: up_to_site_root(page_url, language) + regulation_pdf(lang) for lang in ("zh", "en")}
    return render("reading_links.md.j2", pdfs=pdfs, **page_context(handbook, language))
