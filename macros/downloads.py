"""Where the downloads live, relative to the site root, and so the pages link to them: the PDFs
(publishing/pdfs.py prints them after the build) and the Word and Excel files (macros/office_files.py
makes them, publishing/steps/office.py writes them). Both languages' files sit under the Chinese
root. These functions give a file's path; word_documents.py and workbooks.py make the bytes
(regulation_document, checklist_document, calendar_workbook …)."""

from __future__ import annotations

from .site_paths import LANGUAGE_ROOTS

__all__ = ["LANGUAGE_ROOTS", "calendar_xlsx", "checklist_docx", "checklist_pdf", "duties_xlsx", "inspection_docx",
           "regulation_docx", "regulation_pdf", "self_inspection_pdf"]


def regulation_pdf(language: str) -> str:
    return f"downloads/regulation-{language}.pdf"


def checklist_pdf(role_id: str, language: str) -> str:
    return f"downloads/checklist-{role_id}-{language}.pdf"


def self_inspection_pdf(role_id: str, language: str) -> str:
    """A role's self-inspection form, blank (macros/self_inspection.py)."""
    return f"downloads/self-inspection-{role_id}-{language}.pdf"


# The Word and Excel files, beside the PDFs.

def regulation_docx(language: str) -> str:
    return f"downloads/regulation-{language}.docx"


def checklist_docx(role_id: str, language: str) -> str:
    return f"downloads/checklist-{role_id}-{language}.docx"


def inspection_docx(role_id: str, language: str) -> str:
    """A role's self-inspection form (macros/self_inspection.py gives its rows)."""
    return f"downloads/self-inspection-{role_id}-{language}.docx"


def calendar_xlsx(language: str) -> str:
    return f"downloads/calendar-{language}.xlsx"


def duties_xlsx(language: str) -> str:
    return f"downloads/duties-{language}.xlsx"
