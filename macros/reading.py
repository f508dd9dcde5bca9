"""Reading aids: the side-by-side view and the regulation page's "other ways to read" block.

Data in, Markdown out, like pages.py (kept apart so other blocks can grow there in parallel).
"""

from __future__ import annotations

from .handbook import Handbook
from .pages import _common
from .rendering import render

# The ready PDFs of the whole document, per language, as written by publishing/pdfs.py.
REGULATION_PDFS = {"zh": "downloads/regulation-zh.pdf", "en": "downloads/regulation-en.pdf"}


def parallel(handbook: Handbook, language: str, document_id: str) -> str:
    return render("parallel.md.j2", document=handbook.documents[document_id],
                  **_common(handbook, language))


def reading_links(handbook: Handbook, language: str, page_depth: int) -> str:
    """Links from a page `page_depth` folders below the language root to the side-by-side
    view and to the PDFs (which live at the site root, above the English root)."""
    up_to_language_root = "../" * page_depth
    up_to_site_root = up_to_language_root + ("../" if language == "en" else "")
    pdfs = {lang: up_to_site_root + path for lang, path in REGULATION_PDFS.items()}
    return render("reading_links.md.j2", pdfs=pdfs, **_common(handbook, language))
