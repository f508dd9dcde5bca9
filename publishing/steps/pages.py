"""The pages the build makes from data, as plain values an engine's adapter turns into pages:
each is a path under the language's docs folder, a title and a Markdown body calling the macros
(hooks/checklist_pages.py, hooks/self_inspection_pages.py and hooks/version_pages.py hand them to
MkDocs, out of the navigation).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from macros import self_inspection
from macros.site_paths import CHECKLIST_FOLDER
from macros.text import colon, fill_in, long_date, role_with_title
from macros.version_pages import REGULATION_PAGE
from macros.versions import date_label, version_id



@dataclass(frozen=True)
class MadePage:
    path: str  # e.g. "checklists/principal-leader.md"
    title: str  # plain text, from data (the adapter escapes it once)
    body: str  # Markdown calling the macros
    front_matter: str = ""  # further YAML lines of the page's front matter


def checklist_pages(handbook, language: str) -> list[MadePage]:
    """One /checklists/<role-id>/ per role in data/roles.yml (a new role gets its page with no new file)."""
    separator = colon(language)
    pages = []
    for role in handbook.roles.roles:
        title = handbook.label("checklist", language) + separator + role_with_title(role, language)
        role_id = json.dumps(role.id)
        body = (f"{{{{ checklist({role_id}) }}}}\n\n{{{{ follows_version() }}}}\n\n"
                f"{{{{ calendar_subscribe({role_id}) }}}}\n")
        pages.append(MadePage(f"{CHECKLIST_FOLDER}/{role.id}.md", title, body))
    return pages


def self_inspection_pages(handbook, language: str) -> list[MadePage]:
    """One /self-inspection/<role-id>/ per role; each calls the `self_inspection` macro."""
    return [MadePage(f"{self_inspection.FOLDER}/{role.id}.md", self_inspection.page_title(handbook, role.id, language),
                     f"{{{{ self_inspection({json.dumps(role.id)}) }}}}\n\n{{{{ follows_version() }}}}\n")
            for role in handbook.roles.roles]


def version_pages(handbook, language: str) -> list[MadePage]:
    """One /regulation/<yyyy-mm-dd>/ per earlier version of the main document, kept out of search."""
    document = handbook.documents[handbook.main_document]
    pages = []
    for version in document.all_versions()[:-1]:
        date = version_id(version)
        title = fill_in(handbook.label(date_label("version-page-title", document, version), language),
                        date=long_date(version.effective, language), notice=version.made_by.number[language])
        body = f"# {html.escape(title)} {{ #regulation }}\n\n{{{{ regulation_version({json.dumps(date)}) }}}}\n"
        pages.append(MadePage(f"{REGULATION_PAGE}{date}.md", title, body, front_matter="search:\n  exclude: true\n"))
    return pages
