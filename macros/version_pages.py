"""Pages and lines about the Rules over time: the version line of /regulation/, earlier versions
at /regulation/<yyyy-mm-dd>/, the redlines at /versions/ (the roster over time: roster.py).

Addresses: the current text is /regulation/; an earlier version is /regulation/<effective date>/;
the changes of a version are /versions/#v-<date>, of one clause /versions/#v-<date>-<anchor>.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from . import versions
from .handbook import Handbook
from .models.document import Document, Version
from .rendering import page_context, render
from .site_paths import to_language_root
from .text import anchor_citation, fill_in, long_date

REGULATION_PAGE = "regulation/"
VERSIONS_PAGE = "versions/"
CHANGES_FEED = "changes.xml"


def version_page(document: Document, version: Version) -> str:
    """The page of a version, relative to the language root (primary document only)."""
    if version == document.current_version():
        return REGULATION_PAGE
    return f"{REGULATION_PAGE}{versions.version_id(version)}/"


def redline_anchor(version: Version, clause: str | None = None) -> str:
    return f"v-{versions.version_id(version)}" + (f"-{clause}" if clause else "")


@dataclass(frozen=True)
class Amendment:
    """What the text says under an amended clause: when, by which notice, and where the redline is."""

    text: str
    link: str


def _amended_notes(handbook: Handbook, document: Document, language: str, root: str,
                   up_to: int | None) -> dict[str, list[Amendment]]:
    label = partial(handbook.label, language=language)
    notes = {}
    for clause, amending in versions.amendments_of_clause(document, up_to).items():
        notes[clause] = [
            Amendment(fill_in(label("amended-on"), date=long_date(v.effective, language),
                              notice=v.made_by.number[language]),
                      f"{root}{VERSIONS_PAGE}#{redline_anchor(v, clause)}")
            for v in amending]
    return notes


def version_context(handbook: Handbook, document: Document, language: str, page_url: str,
                    index: int | None = None) -> dict:
    """What the regulation template needs to show a version: the version line and, under each
    amended clause, when and by which notice it was amended (current text: index None)."""
    label = partial(handbook.label, language=language)
    all_versions = document.all_versions()
    index = len(all_versions) - 1 if index is None else index
    root = to_language_root(page_url, language)
    version = all_versions[index]
    is_primary = document.id == handbook.main_document
    if index == len(all_versions) - 1:
        line = fill_in(label(versions.date_label("version-current", document, version)),
                       date=long_date(version.effective, language), notice=version.made_by.number[language])
    else:
        following = all_versions[index + 1]
        line = fill_in(label(versions.date_label("version-earlier", document, version)),
                       start=long_date(version.effective, language), issued_by=version.made_by.number[language],
                       end=long_date(following.effective, language), notice=following.made_by.number[language])
    return {
        "version_line": line,
        "version_is_current": index == len(all_versions) - 1,
        "current_link": root + REGULATION_PAGE if is_primary else "",
        "versions_link": root + VERSIONS_PAGE if is_primary else "",
        "amended": _amended_notes(handbook, document, language, root, index) if is_primary else {},
    }


def versions_page(handbook: Handbook, language: str, page_url: str, document_id: str) -> str:
    document = handbook.documents[document_id]
    root = to_language_root(page_url, language)
    label = partial(handbook.label, language=language)
    rows, amendments = [], []
    for index, version in enumerate(document.all_versions()):
        rows.append({
            "version": version,
            "id": versions.version_id(version),
            "text_link": root + version_page(document, version),
            "changes_link": f"#{redline_anchor(version)}" if index else "",
        })
        if index:
            changes = versions.changes_of_version(document, index)
            amendments.append({
                "version": version,
                "anchor": redline_anchor(version),
                "heading": fill_in(label("amendment-heading"), date=long_date(version.effective, language),
                                   notice=version.made_by.number[language]),
                "clauses": [{
                    "anchor": redline_anchor(version, change.clause),
                    "name": anchor_citation(change.clause, language),
                    "link": f"{root}{version_page(document, version)}#{change.clause}",
                    "is_new": change.before is None,
                    "pieces": versions.redline(change.before[language] if change.before else None,
                                            change.after[language] if change.after else None, language),
                } for change in changes],
            })
    return render("versions.md.j2", document=document, rows=rows, amendments=amendments,
                  feed_link=root + CHANGES_FEED, clause_name=partial(anchor_citation, language=language),
                  **page_context(handbook, language))


def follows_version(handbook: Handbook, language: str, page_url: str) -> str:
    """"Follows the version in force since …", on the pages of the duties and of the calendar:
    the calendar is made from the duties, so both follow the duties' version."""
    document = handbook.documents[handbook.main_document]
    version = next(v for v in document.all_versions() if v.effective == handbook.duties.version)
    text = fill_in(handbook.label(versions.date_label("follows-version", document, version), language),
                   date=long_date(version.effective, language),
                   notice=version.made_by.number[language])
    link = to_language_root(page_url, language) + version_page(document, version)
    return render("follows_version.html.j2", text=text, link=link, version=version)
