"""Reading aids: the side-by-side view and the regulation page's "other ways to read" block.

Data in, Markdown out, like pages.py (kept apart so other blocks can grow there in parallel).
"""

from __future__ import annotations

from .downloads import regulation_pdf, up_to_site_root
from .handbook import Handbook
from .rendering import page_context, render
from .text import copy_citation


def parallel(handbook: Handbook, language: str, document_id: str) -> str:
    document = handbook.documents[document_id]

    def cite(article: int, item: int | None) -> str:  # the same words as on the regulation page
        return copy_citation(document.rules.title[language], getattr(document.notice.number, language),
                             article, item, language)

    return render("parallel.md.j2", document=document, citation=cite, **page_context(handbook, language))


def reading_links(handbook: Handbook, language: str, page_url: str) -> str:
    """Links from a page to the side-by-side view and to the PDFs of the whole document."""
    pdfs = {lang: up_to_site_root(page_url, language) + regulation_pdf(lang) for lang in ("zh", "en")}
    return render("reading_links.md.j2", pdfs=pdfs, **page_context(handbook, language))
