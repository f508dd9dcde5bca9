"""The site's geometry, in one place: where each language's root is, and relative paths from a
page to its language's root and to the site's root. Pages are addressed by MkDocs' page URL
relative to their language root ('', 'calendar/', 'checklists/principal-leader/'; 'x.html' in
the file:// copy). Used by the macros, publishing/, bench/ and tests/."""

from __future__ import annotations

# Each language's root, relative to the site's root (the Chinese site is the root itself).
LANGUAGE_ROOTS = {"zh": "", "en": "en/"}


def to_language_root(page_url: str) -> str:
    """'calendar/' -> '../'; 'checklists/x/' -> '../../'; '' or 'x.html' -> ''."""
    return "../" * page_url.count("/")


def to_site_root(page_url: str, language: str, roots: dict[str, str] = LANGUAGE_ROOTS) -> str:
    """From a page of one language to the site root: 'checklists/x/' in English -> '../../../'."""
    return to_language_root(page_url) + "../" * roots[language].count("/")
