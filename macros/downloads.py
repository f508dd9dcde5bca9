"""Where the ready PDFs live, relative to the site root: publishing/pdfs.py writes them there
after the build, and pages link to them (both languages' PDFs sit under the Chinese root)."""

from __future__ import annotations

LANGUAGE_ROOTS = {"zh": "", "en": "en/"}


def regulation_pdf(language: str) -> str:
    return f"downloads/regulation-{language}.pdf"


def checklist_pdf(role_id: str, language: str) -> str:
    return f"downloads/checklist-{role_id}-{language}.pdf"


def up_to_site_root(page_url: str, language: str) -> str:
    """From a page of one language to the site root: 'checklists/x/' in English -> '../../../'."""
    return "../" * page_url.count("/") + "../" * LANGUAGE_ROOTS[language].count("/")
