"""Loads every data file once, checks shape (pydantic) and references, and holds the result.

`load_handbook(data_dir)` is what the site build and the tests call. It raises
HandbookDataError, whose message is one line naming the file and the path inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pydantic

from .errors import HandbookDataError
from .models.aliases import Aliases
from .models.calendar import Calendar
from .models.document import Document
from .models.duties import Duties
from .models.errata import Errata
from .models.glossary import Glossary
from .models.interface import Interface
from .models.onboarding import Onboarding
from .models.roles import Roles
from .models.roster import Roster
from .problems import summarize
from .yaml_files import YamlFile

# One data file per concept: attribute name -> (file under data/, model).
SINGLE_FILES = {
    "glossary": ("glossary.yml", Glossary),
    "roster": ("roster.yml", Roster),
    "errata": ("errata.yml", Errata),
    "roles": ("roles.yml", Roles),
    "interface": ("interface.yml", Interface),
    "calendar": ("calendar.yml", Calendar),
    "aliases": ("aliases.yml", Aliases),
    "duties": ("duties.yml", Duties),
    "onboarding": ("onboarding.yml", Onboarding),
}
DOCUMENTS_FOLDER = "documents"  # one file per document, named <document id>.yml
RECORDS_FOLDER = "records"  # the original text of each document, <document id>.txt


@dataclass
class Handbook:
    data_dir: Path
    documents: dict[str, Document]
    glossary: Glossary
    roster: Roster
    errata: Errata
    roles: Roles
    interface: Interface
    calendar: Calendar
    aliases: Aliases
    duties: Duties
    onboarding: Onboarding
    # Where each model came from, to name file, path and line in reference errors.
    sources: dict[str, YamlFile] = field(default_factory=dict, repr=False)

    def record_text(self, document_id: str) -> str:
        path = self.data_dir / RECORDS_FOLDER / f"{document_id}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = "file is missing" if isinstance(error, FileNotFoundError) else f"cannot be read ({error})"
            raise HandbookDataError(f"data/{RECORDS_FOLDER}/{path.name}", "",
                                    f"{reason}: it holds the original text of '{document_id}'") from None

    def role(self, role_id: str):
        return next(role for role in self.roles.roles if role.id == role_id)

    def label(self, key: str, language: str) -> str:
        return self.interface.labels[key][language]


def _validate(source: YamlFile, model: type[pydantic.BaseModel]):
    try:
        return model.model_validate(source.content)
    except pydantic.ValidationError as error:
        location, problem = summarize(error.errors())
        raise source.error(location, problem) from None


def _read(data_dir: Path, relative: str, model):
    path = data_dir / relative
    display = f"data/{relative}"
    if not path.is_file():
        raise HandbookDataError(display, "", "file is missing")
    source = YamlFile(path, display)
    return source, _validate(source, model)


def _load(data_dir: Path) -> Handbook:
    sources: dict[str, YamlFile] = {}
    loaded = {}
    for name, (relative, model) in SINGLE_FILES.items():
        sources[name], loaded[name] = _read(data_dir, relative, model)
    documents = {}
    for path in sorted((data_dir / DOCUMENTS_FOLDER).glob("*.yml")):
        source, document = _read(data_dir, f"{DOCUMENTS_FOLDER}/{path.name}", Document)
        if document.id != path.stem:
            raise source.error(("id",), f"id '{document.id}' must match the file name '{path.stem}'")
        sources[f"document:{document.id}"] = source
        documents[document.id] = document
    if not documents:
        raise HandbookDataError(f"data/{DOCUMENTS_FOLDER}", "", "no document found")
    handbook = Handbook(data_dir=data_dir, documents=documents, sources=sources, **loaded)
    for check in REFERENCE_CHECKS:
        for source_name, location, problem in check(handbook):
            raise handbook.sources[source_name].error(location, problem)
    return handbook


# --- Reference pass: each check yields (source name, path inside the file, problem). ---------

Problem = tuple[str, tuple, str]


def repeated_values(values) -> Iterator[tuple[int, str]]:
    """(index, value) of each value that already occurred earlier in `values`."""
    seen = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index, value
        seen.add(value)


def _check_document_known(handbook: Handbook, source_name: str, document_id: str) -> Iterator[Problem]:
    if document_id not in handbook.documents:
        yield source_name, ("document",), f"unknown document '{document_id}'"


def check_roles(handbook: Handbook) -> Iterator[Problem]:
    yield from _check_document_known(handbook, "roles", handbook.roles.document)
    roles = handbook.roles.roles
    for index, role_id in repeated_values(role.id for role in roles):
        yield "roles", ("roles", index, "id"), f"duplicate id '{role_id}'"
    known = {role.id for role in roles}
    document = handbook.documents.get(handbook.roles.document)
    anchors = set(document.anchors()) if document else set()
    for index, role in enumerate(roles):
        if role.defined_in not in anchors:
            yield "roles", ("roles", index, "defined_in"), f"unknown article or item '{role.defined_in}'"
        if role.part_of is not None and role.part_of not in known:
            yield "roles", ("roles", index, "part_of"), f"unknown role '{role.part_of}'"


def check_glossary(handbook: Handbook) -> Iterator[Problem]:
    terms = handbook.glossary.terms
    for index, term_id in repeated_values(term.id for term in terms):
        yield "glossary", ("terms", index, "id"), f"duplicate id '{term_id}'"
    for index, zh in repeated_values(term.zh for term in terms):
        yield "glossary", ("terms", index, "zh"), f"duplicate term '{zh}'"


def check_roster(handbook: Handbook) -> Iterator[Problem]:
    roster = handbook.roster
    yield from _check_document_known(handbook, "roster", roster.document)
    ids = [group.id for group in roster.groups] + [p.id for p in roster.positions()]
    for _, duplicate in repeated_values(ids):
        yield "roster", ("groups",), f"duplicate group or position id '{duplicate}'"
    for index, duplicate in repeated_values(note.id for note in roster.notes):
        yield "roster", ("notes", index, "id"), f"duplicate id '{duplicate}'"
    names = roster.names()
    for name in roster.romanization_overrides:
        if name not in names:
            yield "roster", ("romanization_overrides", name), f"'{name}' holds no position"
    if roster.maintained_by not in {role.id for role in handbook.roles.roles}:
        yield "roster", ("maintained_by",), f"unknown role '{roster.maintained_by}'"
    yield from _check_successions(handbook)


def _check_successions(handbook: Handbook) -> Iterator[Problem]:
    """Each succession is dated after the list was published, in order, names a post, and
    names as leaving someone who held it then and as joining someone who did not."""
    roster = handbook.roster
    document = handbook.documents.get(roster.document)
    published = document.notice.date if document else roster.as_of
    positions = {position.id: position for position in roster.positions()}
    previous = published
    for index, succession in enumerate(roster.successions):
        where = ("successions", index)
        if succession.date < previous:
            after = "the list was published" if previous == published else "the succession above it"
            yield "roster", (*where, "date"), f"{succession.date.isoformat()} is before {after} ({previous.isoformat()})"
            continue
        previous = succession.date
        position = positions.get(succession.position)
        if position is None:
            yield "roster", (*where, "position"), f"unknown position '{succession.position}'"
            continue
        before = roster.model_copy(update={"successions": roster.successions[:index]}).holders_on(position)
        if succession.leaves is not None and succession.leaves not in before:
            yield "roster", (*where, "leaves"), (
                f"'{succession.leaves}' does not hold {position.id} on {succession.date.isoformat()}")
        if succession.joins is not None and succession.joins in before:
            yield "roster", (*where, "joins"), (
                f"'{succession.joins}' already holds {position.id} on {succession.date.isoformat()}")


def check_errata(handbook: Handbook) -> Iterator[Problem]:
    from .source_text import source_nodes  # here to keep the import graph one-way

    yield from _check_document_known(handbook, "errata", handbook.errata.document)
    if handbook.errata.document not in handbook.documents:
        return
    nodes = dict(source_nodes(handbook, handbook.errata.document))
    record = handbook.record_text(handbook.errata.document)
    for index, duplicate in repeated_values(e.id for e in handbook.errata.errata):
        yield "errata", ("errata", index, "id"), f"duplicate id '{duplicate}'"
    for index, erratum in enumerate(handbook.errata.errata):
        if erratum.node not in nodes:
            yield "errata", ("errata", index, "node"), f"unknown text node '{erratum.node}'"
        elif erratum.repaired not in nodes[erratum.node]:
            yield "errata", ("errata", index, "repaired"), f"'{erratum.repaired}' is not in {erratum.node}"
        if erratum.original not in record:
            yield "errata", ("errata", index, "original"), "not found in the record"


def _version_name(document) -> str:
    return f"version of {document.current_version().effective.isoformat()}"


def _check_follows_current_version(handbook: Handbook, source_name: str, document_id: str,
                                   version) -> Iterator[Problem]:
    """Derived data names the version it follows; after an amendment the editor checks it
    against the changed clauses and names the new version."""
    document = handbook.documents.get(document_id)
    if document is None:
        return
    versions = {v.effective: v for v in document.all_versions()}
    current = document.current_version()
    if version not in versions:
        known = ", ".join(date.isoformat() for date in versions)
        yield source_name, ("version",), f"'{version.isoformat()}' is not a version of {document_id} (versions: {known})"
    elif version != current.effective:
        later = [v for v in document.all_versions() if v.effective > version]
        changed = ", ".join(dict.fromkeys(a.clause for v in later for a in v.amended))
        yield source_name, ("version",), (
            f"follows the version of {version.isoformat()}, but {document_id} was amended since "
            f"(changed: {changed}); check against the current text, then set "
            f"version: {current.effective.isoformat()}")


# A duty's frequency (the text's words) and its calendar entry's (how the calendar repeats it)
# must agree: 每年两次 is scheduled every six months, 节假日 on the year's key dates.
CALENDAR_FREQUENCY_OF_DUTY = {
    "quarterly": "quarterly", "half-yearly": "half-yearly", "twice-yearly": "half-yearly",
    "yearly": "yearly", "at-holidays": "key-dates", "regularly": "regular", "occasionally": "event-driven",
}


def check_duties(handbook: Handbook) -> Iterator[Problem]:
    """Every duty cites an existing anchor with its own words, names known roles, has exactly one
    accountable role; every case is an item of Article 8; the text is covered (see duties.py)."""
    from .duties import anchor_texts, coverage_gaps  # here to keep the import graph one-way

    data = handbook.duties
    yield from _check_document_known(handbook, "duties", data.document)
    document = handbook.documents.get(data.document)
    if document is None:
        return
    texts = anchor_texts(document)
    roles = {role.id for role in handbook.roles.roles}
    calendar_entries = {entry.id: entry for entry in handbook.calendar.entries}
    for index, duplicate in repeated_values(duty.id for duty in data.duties):
        yield "duties", ("duties", index, "id"), f"duplicate id '{duplicate}'"
    for index, duty in enumerate(data.duties):
        if duty.calendar is not None and duty.calendar not in calendar_entries:
            yield "duties", ("duties", index, "calendar"), f"unknown calendar entry '{duty.calendar}'"
        elif duty.calendar is not None and duty.frequency is not None:
            entry_frequency = calendar_entries[duty.calendar].frequency.value
            if CALENDAR_FREQUENCY_OF_DUTY[duty.frequency.value] != entry_frequency:
                yield "duties", ("duties", index, "frequency"), (
                    f"{duty.frequency.value} does not match calendar entry '{duty.calendar}' ({entry_frequency})")
        if duty.source not in texts:
            yield "duties", ("duties", index, "source"), f"unknown article or item '{duty.source}'"
        elif duty.quote not in texts[duty.source]:
            yield "duties", ("duties", index, "quote"), (
                f"duty '{duty.id}': not found in the current text of {duty.source} "
                f"({_version_name(document)})")
        for role_id in duty.roles:
            if role_id not in roles:
                yield "duties", ("duties", index, "roles", role_id), f"unknown role '{role_id}'"
        accountable = duty.accountable_roles()
        if len(accountable) != 1:
            found = ", ".join(accountable) or "none"
            yield "duties", ("duties", index, "roles"), (
                f"needs exactly one accountable role (accountable or primary-responsibility); found {found}")
    cases = data.accountability
    if cases.source not in texts:
        yield "duties", ("accountability", "source"), f"unknown article or item '{cases.source}'"
    for index, duplicate in repeated_values(case.id for case in cases.cases):
        yield "duties", ("accountability", "cases", index, "id"), f"duplicate id '{duplicate}'"
    for index, case in enumerate(cases.cases):
        if case.source not in texts or not case.source.startswith(cases.source + "-"):
            yield "duties", ("accountability", "cases", index, "source"), (
                f"'{case.source}' is not an item of {cases.source}")
        for position, role_id in enumerate(case.roles):
            if role_id not in roles:
                yield "duties", ("accountability", "cases", index, "roles", position), f"unknown role '{role_id}'"
    for gap in coverage_gaps(handbook, data.document):
        yield "duties", ("duties",), f"not covered: {gap}"
    yield from _check_follows_current_version(handbook, "duties", data.document, data.version)


def check_onboarding(handbook: Handbook) -> Iterator[Problem]:
    onboarding = handbook.onboarding
    yield from _check_document_known(handbook, "onboarding", onboarding.document)
    document = handbook.documents.get(onboarding.document)
    anchors = set(document.anchors()) if document else set()
    roles = {role.id for role in handbook.roles.roles}
    for index, role_id in enumerate(onboarding.roles):
        if role_id not in roles:
            yield "onboarding", ("roles", index), f"unknown role '{role_id}'"
    for index, conditional in enumerate(onboarding.conditional_roles):
        if conditional.role not in roles:
            yield "onboarding", ("conditional_roles", index, "role"), f"unknown role '{conditional.role}'"
    for index, reading in enumerate(onboarding.read):
        if reading.anchor not in anchors:
            yield "onboarding", ("read", index, "anchor"), f"unknown article or item '{reading.anchor}'"
    if onboarding.contact_group not in {group.id for group in handbook.roster.groups}:
        yield "onboarding", ("contact_group",), f"unknown roster group '{onboarding.contact_group}'"
    for frequency in sorted({d.frequency.value for d in handbook.duties.duties if d.frequency}):
        if frequency not in {key.value for key in onboarding.first_due}:
            yield "onboarding", ("first_due",), f"no entry for the frequency '{frequency}' used in data/duties.yml"


# Section ids of /calendar/; entry ids are anchors on the same page and must not clash with them.
CALENDAR_PAGE_IDS = ("calendar", "subscribe", "entries", "local-settings", "months", "roles", "event-driven")


def check_calendar(handbook: Handbook) -> Iterator[Problem]:
    from .models.calendar import RECURRING, Frequency  # here to keep the import graph one-way
    from .schedule import invalid_days

    calendar = handbook.calendar
    yield from _check_document_known(handbook, "calendar", calendar.document)
    document = handbook.documents.get(calendar.document)
    texts = {}
    if document:
        for article in document.rules.articles:
            texts[article.anchor] = article.text.zh
            texts.update({article.item_anchor(item): item.text.zh for item in article.items})
    roles = {role.id for role in handbook.roles.roles}
    settings = calendar.settings
    if settings.set_by not in roles:
        yield "calendar", ("settings", "set_by"), f"unknown role '{settings.set_by}'"
    for index, entry_id in repeated_values(entry.id for entry in calendar.entries):
        yield "calendar", ("entries", index, "id"), f"duplicate id '{entry_id}'"
    for index, entry in enumerate(calendar.entries):
        where = ("entries", index)
        if entry.id in CALENDAR_PAGE_IDS or entry.id.startswith(("month-", "role-")):
            yield "calendar", (*where, "id"), f"'{entry.id}' is reserved for a section of the calendar page"
        if entry.source not in texts:
            yield "calendar", (*where, "source"), f"unknown article or item '{entry.source}'"
        elif entry.quote not in texts[entry.source]:
            yield "calendar", (*where, "quote"), (
                f"entry '{entry.id}': not found in the current text of {entry.source} "
                f"({_version_name(document)})")
        if entry.owner not in roles:
            yield "calendar", (*where, "owner"), f"unknown role '{entry.owner}'"
        for role_field in ("recipients", "participants"):
            for position, role_id in enumerate(getattr(entry, role_field)):
                if role_id not in roles:
                    yield "calendar", (*where, role_field, position), f"unknown role '{role_id}'"
        if entry.frequency in RECURRING and entry.id not in settings.due:
            yield "calendar", (*where, "frequency"), (
                f"a {entry.frequency.value} entry needs its date under settings.due.{entry.id}")
        if entry.frequency is Frequency.key_dates and not settings.key_dates:
            yield "calendar", (*where, "frequency"), "a key-dates entry needs settings.key_dates"
    entries = {entry.id: entry for entry in calendar.entries}
    for entry_id, due in settings.due.items():
        where = ("settings", "due", entry_id)
        entry = entries.get(entry_id)
        if entry is None:
            yield "calendar", where, f"unknown entry '{entry_id}'"
            continue
        if entry.frequency not in RECURRING:
            yield "calendar", where, f"{entry.frequency.value} entries have no date to set here"
            continue
        if due.days_after_period_end and entry.frequency not in (Frequency.quarterly, Frequency.half_yearly):
            yield "calendar", (*where, "days_after_period_end"), "only for quarterly or half-yearly entries"
        if (due.every_months is None) == (entry.frequency is Frequency.regular):
            yield "calendar", (*where, "every_months"), "required for a regular entry, and only there"
            continue
        for month in invalid_days(settings.year, entry, due):
            yield "calendar", (*where, "day"), f"month {month} of {settings.year} has no day {due.day}"
    for index, key_id in repeated_values(key.id for key in settings.key_dates):
        yield "calendar", ("settings", "key_dates", index, "id"), f"duplicate id '{key_id}'"
    for index, key in enumerate(settings.key_dates):
        if key.date.year != settings.year:
            yield "calendar", ("settings", "key_dates", index, "date"), f"not in {settings.year}"
    yield from _check_follows_current_version(handbook, "calendar", calendar.document, calendar.version)

from .search import check_aliases  # noqa: E402  (search reads the loaded handbook)
from .versions import version_problems  # noqa: E402  (the versions of each document)

REFERENCE_CHECKS: list[Callable[[Handbook], Iterator[Problem]]] = [
    version_problems,
    check_roles,
    check_glossary,
    check_roster,
    check_errata,
    check_calendar,
    check_aliases,
    check_duties,
    check_onboarding,
]


# --- Loading once ---------------------------------------------------------------------------

_cache: dict[Path, tuple[tuple, Handbook]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    """Changes whenever a data file is added, removed or edited (for `mkdocs serve`)."""
    return tuple(
        (str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(data_dir.rglob("*"))
        if path.is_file()
    )


def load_handbook(data_dir: Path | str) -> Handbook:
    """The validated handbook; loaded once per change of the data files."""
    data_dir = Path(data_dir).resolve()
    fingerprint = _fingerprint(data_dir)
    cached = _cache.get(data_dir)
    if cached and cached[0] == fingerprint:
        return cached[1]
    handbook = _load(data_dir)
    _cache[data_dir] = (fingerprint, handbook)
    return handbook
