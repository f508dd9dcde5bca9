"""Where the ready PDFs (and the Word and Excel files) live, relative to the site root: publishing/pdfs.py writes them there
after the build, and pages link to them (both languages' PDFs sit under the Chinese root)."""

from __future__ import annotations

from .site_paths import LANGUAGE_ROOTS, to_site_root

__all__ = ["LANGUAGE_ROOTS", "calendar_xlsx", "checklist_docx", "checklist_pdf", "duties_xlsx", "inspection_docx",
           "regulation_docx", "regulation_pdf", "self_inspection_pdf", "up_to_site_root"]


def regulation_pdf(language: str) -> str:
    return f"downloads/regulation-{language}.pdf"


def checklist_pdf(role_id: str, language: str) -> str:
    return f"downloads/checklist-{role_id}-{language}.pdf"


def self_inspection_pdf(role_id: str, language: str) -> str:
    """A role's self-inspection form, blank (macros/self_inspection.py)."""
    return f"downloads/self-inspection-{role_id}-{language}.pdf"


up_to_site_root = to_site_root  # the name the pages' macros use


# The Word and Excel files (macros/office_files.py writes them), beside the PDFs.

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
