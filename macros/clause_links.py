"""What hangs on each clause of the Rules: the duties derived from it (with their roles), the
calendar entries it sets (with the next date, a local setting) and the Article 8 cases that cite
it. Computed from the duty and calendar data; shown under each article and item on /regulation/
and /parallel/ (templates/clause_links.html.j2), never printed and never indexed for search.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import partial

from markupsafe import Markup

from .calendar_pages import date_notes
from .duties import part_words
from .handbook import Handbook
from .models.calendar import Entry
from .models.duties import AccountabilityCase, Duty
from . import rendering
from .rendering import render
from .schedule import Occurrence, next_occurrence
from .site_paths import to_language_root
from .text import colon, fill_in, list_separator, long_date, note_separator


@dataclass
class Clause:
    """Everything derived from one anchor (art-N or art-N-M), in the data's order."""

    duties: list[Duty] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    cases: list[AccountabilityCase] = field(default_factory=list)


def by_clause(handbook: Handbook) -> dict[str, Clause]:
    """Anchor -> what hangs on it; anchors with nothing are absent."""
    clauses: dict[str, Clause] = {}
    entries = {entry.duty: entry for entry in handbook.calendar.entries}
    for duty in handbook.duties.duties:
        clause = clauses.setdefault(duty.source, Clause())
        clause.duties.append(duty)
        if duty.id in entries:
            clause.entries.append(entries[duty.id])
    for case in handbook.duties.accountability.cases:
        clauses.setdefault(case.source, Clause()).cases.append(case)
    return clauses


def next_date(handbook: Handbook, entry: Entry, today: datetime.date) -> Occurrence | None:
    """The entry's first occurrence on or after `today` in the covered years, the same occurrences
    as the calendar and the feeds (None: event-driven, or none left)."""
    return next_occurrence(handbook.calendar, entry, today)


# The regulation and the side-by-side page show the same block for each clause: rendered once per
# build (rendering.build_number) for each language, root and date.
_rendered: dict = {"build": None, "handbook": None, "blocks": {}}


def clause_links(handbook: Handbook, language: str, page_url: str, today: datetime.date):
    """A function anchor -> the rendered block for that clause (empty Markup when nothing hangs on it)."""
    clauses = by_clause(handbook)
    label = partial(handbook.label, language=language)
    roles = {role.id: role for role in handbook.roles.roles}
    root = to_language_root(page_url, language)
    if _rendered["build"] != rendering.build_number or _rendered["handbook"] is not handbook:
        _rendered.update(build=rendering.build_number, handbook=handbook, blocks={})
    blocks = _rendered["blocks"]

    def block(anchor: str) -> Markup:
        key = (language, root, today, anchor)
        if key not in blocks:
            blocks[key] = _block(anchor)
        return blocks[key]

    def _block(anchor: str) -> Markup:
        clause = clauses.get(anchor)
        if clause is None:
            return Markup("")
        return Markup(render("clause_links.html.j2", clause=clause, anchor=anchor, t=partial(rendering.template_label, handbook, language), lang=language,
                             root=root, roles=roles, long_date=long_date,
                             cases_inference=handbook.duties.accountability.inference,
                             # the day the next date is counted from: a page built long ago shows it
                             next_label=fill_in(label("clause-links-next"), date=long_date(today, language)),
                             # the period a report is for, and whether the office set the date
                             date_notes=lambda occurrence: date_notes(handbook, occurrence, language,
                                                                      label("calendar-local-rule")),
                             next_date=lambda entry: next_date(handbook, entry, today),
                             count=lambda key, n: fill_in(label("clause-links-count"), what=label(key), n=n),
                             colon=colon(language),
                             part=lambda duty, role_id: part_words(handbook, duty, role_id, language),
                             role_separator=note_separator(language),
                             list_separator=list_separator(language)))
    return block


def no_clause_links(anchor: str) -> Markup:
    """For a text nothing is derived from (an earlier version, another document)."""
    return Markup("")
