"""mkdocs-macros entry point: loads and validates data/ once, then exposes one macro per block.

A page calls e.g. {{ regulation() }}; the page's language is the build's theme language
(each language is its own build: mkdocs.yml for Chinese, mkdocs.en.yml for English).
This file is the only one that knows mkdocs; the rest of the package is plain Python:

- data:      yaml_files.py (read, with line numbers) -> models/ (shape) -> handbook.py (load once)
             -> reference_pass.py (ids, quotes, dates across files); problems.py and errors.py
             word what is wrong in one line
- questions: duties.py, schedule.py, search.py, source_text.py (the record's order), status.py,
             versions.py (each version's text, the amended clauses, the redline), roster.py (who
             held each post, the roster's date)
- wording:   text.py (numerals, citations), names.py (pinyin), downloads.py (PDF, Word, Excel paths),
             terminology.py (the glossary as the term base of every data file), term_marks.py (terms marked in the Rules),
             clause_links.py (each clause's duties and roles under it), build_date.py (the day a build
             stands on)
- pages:     pages.py, duty_pages.py, calendar_pages.py, reading.py (the regulation and the
             side-by-side view, and their download links), version_pages.py, self_inspection.py
             render templates/ through rendering.py (autoescaped, Markdown-inert); feeds.py makes the
             .ics and .csv files, changes_feed.py the Atom feed of changes, office_files.py the
             Word and Excel files (word_documents.py, workbooks.py)
- shared with publishing/ and hooks/: site_paths.py (the site's geometry), cache_folders.py (where
             .cache/ is), segmentation.py (jieba's cuts, remembered); schema.py writes schema/
             (`make schema`)
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from . import calendar_pages, duty_pages, pages, reading, rendering, site_paths, version_pages
from . import self_inspection as inspection_forms  # the macro below is called self_inspection
from .errors import HandbookDataError
from .handbook import load_handbook

# Search weight of a page derived from the Rules (duty matrix, checklists, self-inspection forms,
# onboarding, calendar; the home page weighs as they do):
# it repeats the articles' words, so a passage of /regulation/ with the same words ranks first.
# Set here, by the macro that makes the page derived, and nowhere else.
DERIVED_PAGE_SEARCH_BOOST = 0.3


def define_env(env) -> None:
    data_dir = Path(env.project_dir) / "data"
    try:
        handbook = load_handbook(data_dir)
    except HandbookDataError as error:
        # One line, no traceback; raised before mkdocs cleans or writes site_dir.
        raise PluginError(str(error)) from None
    language = env.conf["theme"]["language"]
    rendering.start_build()
    # Links between pages: absolute from the site's root when served, relative for file://.
    site_paths.configure(env.conf["site_url"] or "/", env.conf["extra"].get("language_root", ""),
                         env.conf["use_directory_urls"])

    @env.macro
    def regulation(document_id: str | None = None) -> str:
        """The notice and the full Implementation Rules (the main document unless named), with
        anchors art-N and art-N-M."""
        return pages.regulation(handbook, language, document_id or handbook.main_document, env.page.url)

    @env.macro
    def regulation_version(version: str, document_id: str | None = None) -> str:
        """An earlier version of the Rules, by effective date (pages made by hooks/version_pages.py)."""
        return pages.regulation(handbook, language, document_id or handbook.main_document, env.page.url, version)

    @env.macro
    def versions(document_id: str | None = None) -> str:
        """Every version of the Rules, and what each amendment changed (redline)."""
        return version_pages.versions_page(handbook, language, env.page.url, document_id or handbook.main_document)

    @env.macro
    def follows_version() -> str:
        """Which version of the Rules the duties, and so the calendar and the forms, follow."""
        return version_pages.follows_version(handbook, language, env.page.url)

    @env.macro
    def errata() -> str:
        """The list of repairs made to the record's page-break artifacts."""
        return pages.errata(handbook, language, env.page.url)

    @env.macro
    def glossary() -> str:
        """The term base."""
        return pages.glossary(handbook, language, env.page.url)

    @env.macro
    def roster() -> str:
        """The leading group and its office, keyed by position."""
        # "More than a year old" is judged against the day the site is built (macros/build_date.py).
        return pages.roster(handbook, language, handbook.calendar.today, env.page.url)

    def _derived_from_the_rules() -> None:
        """Weigh the page being rendered as derived (Material's search reads page.meta later)."""
        meta = env.page.meta
        meta["search"] = {**(meta.get("search") or {}), "boost": DERIVED_PAGE_SEARCH_BOOST}

    @env.macro
    def weigh_like_derived_pages() -> str:
        """For a page that sums up the Rules (the home page): weigh it in search like a derived
        page, so the article's own passage ranks first. Writes nothing."""
        _derived_from_the_rules()
        return ""

    @env.macro
    def calendar() -> str:
        """The reporting calendar: duties, local date settings, month by month, by role, event-driven."""
        _derived_from_the_rules()
        return calendar_pages.calendar(handbook, language, env.page.url, env.conf["site_url"] or "/")

    @env.macro
    def calendar_subscribe(role_id: str) -> str:
        """"Subscribe to your calendar" links of one role (.ics and .csv, every language)."""
        return calendar_pages.subscribe(handbook, language, env.page.url, role_id)

    @env.macro
    def parallel(document_id: str | None = None) -> str:
        """The Rules in Chinese and English side by side, with the regulation page's anchors."""
        return reading.parallel(handbook, language, document_id or handbook.main_document, env.page.url)

    @env.macro
    def reading_links() -> str:
        """Links to the side-by-side view and the ready PDFs of the whole document."""
        return reading.reading_links(handbook, language, env.page.url)

    @env.macro
    def office_downloads(what: str) -> str:
        """Links to the Excel workbook of the calendar ("calendar") or the duty matrix ("duties")."""
        return reading.office_downloads(handbook, language, env.page.url, what)

    @env.macro
    def duty_matrix() -> str:
        """Every duty, grouped by article, with the roles taking part as columns."""
        _derived_from_the_rules()
        return duty_pages.duty_matrix(handbook, language, env.page.url)

    @env.macro
    def checklist(role_id: str) -> str:
        """One role's printable checklist (pages made by hooks/checklist_pages.py)."""
        _derived_from_the_rules()
        subscribe = calendar_pages.subscribe(handbook, language, env.page.url, role_id)
        return duty_pages.checklist(handbook, language, env.page.url, env.page.canonical_url or "", role_id,
                                    subscribe)

    @env.macro
    def checklists() -> str:
        """Every role, linked to its checklist."""
        _derived_from_the_rules()
        return duty_pages.checklist_index(handbook, language, env.page.url)

    @env.macro
    def checklist_link(role_id: str, text: str) -> str:
        """A link reading `text` to one role's checklist, for a written page (the home page)."""
        try:
            return duty_pages.checklist_link(handbook, language, env.page.url, role_id, text)
        except ValueError as error:
            raise PluginError(f"{env.page.file.src_uri}: {error}") from None

    @env.macro
    def self_inspection(role_id: str) -> str:
        """One role's self-inspection form (pages made by hooks/self_inspection_pages.py)."""
        _derived_from_the_rules()
        return inspection_forms.form(handbook, language, env.page.url, role_id)

    @env.macro
    def self_inspections() -> str:
        """Every role, linked to its self-inspection form, its PDF and its CSV."""
        _derived_from_the_rules()
        return inspection_forms.index(handbook, language, env.page.url)

    @env.macro
    def onboarding() -> str:
        """The guide for a newly appointed unit leader."""
        _derived_from_the_rules()
        return duty_pages.onboarding(handbook, language, env.page.url)
