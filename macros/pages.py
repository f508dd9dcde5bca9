"""One function per data block a page shows: data in, Markdown out (no site-generator code).

Each function takes the validated Handbook and the page's language and renders one template.
"""

from __future__ import annotations

import datetime
from functools import partial

from . import version_pages, versions
from .handbook import Handbook
from .names import romanize
from .roster import history, roster_date
from .clause_links import clause_links, no_clause_links
from .rendering import page_context, render
from .site_paths import to_language_root
from .term_marks import term_marker
from .text import anchor_citation, colon, copy_citation


def regulation(handbook: Handbook, language: str, document_id: str, page_url: str = "regulation/",
               version: str | None = None, today: datetime.date | None = None) -> str:
    """The current text, or with `version` (an effective date, yyyy-mm-dd) an earlier one.
    The current text of the main document shows under each clause what hangs on it (the duties
    follow the current text; `today` picks each calendar entry's next date)."""
    document = handbook.documents[document_id]
    rules = document.rules
    index = None
    if version is not None:
        ids = [versions.version_id(v) for v in document.all_versions()]
        index = ids.index(version)
        document = versions.document_as_of(document, index)

    def cite(article: int, item: int | None) -> str:
        return copy_citation(rules.title[language], getattr(document.notice.number, language), article, item, language)

    shows_links = version is None and document_id == handbook.main_document
    links = clause_links(handbook, language, page_url, today or handbook.calendar.today) if shows_links else no_clause_links
    terms = term_marker(handbook.glossary.terms, language, to_language_root(page_url, language) + "glossary/",
                        handbook.label("term-other-language", language))
    # the main document's attachment, the roster as issued, closes its current text
    roster = handbook.roster if shows_links else None
    return render("regulation.md.j2", document=document, citation=cite, clause_links=links, terms=terms,
                  roster=roster, roster_link=to_language_root(page_url, language) + "roster/",
                  romanize=lambda name: romanize(name, handbook.roster.romanization_overrides),
                  **version_pages.version_context(handbook, handbook.documents[document_id], language,
                                                  page_url, index),
                  **page_context(handbook, language))


def node_name(handbook: Handbook, language: str, node: str) -> str:
    """A reader's name for a source text node: 第四条第（五）项 / Art. 4(5), 名单：组长 / Roster: Head."""
    if node.startswith("art-"):
        return anchor_citation(node, language)
    if node.startswith("roster."):
        position_id = node.split(".", 1)[1]
        titles = {g.id: g.name[language] for g in handbook.roster.groups}
        for group in handbook.roster.groups:
            for position in group.positions:
                # the office's 主任 is 办公室主任, as the source prints it, not a director of the group
                prefix = (group.name[language] + ("" if language == "zh" else " ")) if group.printed_in_source else ""
                titles[position.id] = prefix + position.title[language]
        separator = colon(language)
        return handbook.label("roster", language) + separator + titles[position_id]
    return handbook.label(node.replace(".", "-"), language)


def node_link(node: str, language: str = "zh", page_url: str = "regulation/") -> str:
    """Where a node is shown, from the regulation page (`page_url`)."""
    if node.startswith("art-"):
        return f"#{node}"
    if node.startswith("roster."):
        return f"{to_language_root(page_url, language)}roster/#{node.split('.', 1)[1]}"
    return "#notice" if node.startswith("notice.") else "#rules"


def show_record(text: str) -> str:
    """Make the record's invisible artifacts visible: ⏎ for a page break, ␣ for a space."""
    return text.replace("\n\n", "⏎").replace("\n", "⏎").replace(" ", "␣")


def errata(handbook: Handbook, language: str, page_url: str = "regulation/") -> str:
    return render("errata.md.j2", errata=handbook.errata.errata,
                  node_name=partial(node_name, handbook, language), node_link=partial(node_link, language=language, page_url=page_url),
                  show_record=show_record, **page_context(handbook, language))


def glossary(handbook: Handbook, language: str, page_url: str = "glossary/") -> str:
    def see(anchor: str) -> str:  # art-3 -> 第三条 / Art. 3
        return node_name(handbook, language, anchor)

    return render("glossary.md.j2", terms=handbook.glossary.terms, see=see, root=to_language_root(page_url, language),
                  **page_context(handbook, language))


def roster(handbook: Handbook, language: str, today: datetime.date, page_url: str = "roster/") -> str:
    """The current holders of each post with its history; the roster's date at the top, and a
    plain warning when that date is more than a year before `today` (the build's date)."""
    data = handbook.roster
    overrides = data.romanization_overrides
    return render("roster.md.j2", roster=data, current_holders=data.current_holders,
                  history=partial(history, handbook),
                  changed=lambda position: any(s.position == position.id for s in data.successions),
                  roster_date=roster_date(handbook, language, today),
                  feed_link=to_language_root(page_url, language) + version_pages.CHANGES_FEED,
                  root=to_language_root(page_url, language), role_of=handbook.role,
                  romanize=lambda name: romanize(name, overrides), **page_context(handbook, language))
