"""Loads every data file once, checks shape (pydantic) and references (reference_pass.py), and
holds the result.

`load_handbook(data_dir)` is what the site build and the tests call. It raises
HandbookDataError, whose message is one line naming the file and the path inside it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import pydantic

from .build_date import build_date
from .errors import HandbookDataError
from .models.aliases import Aliases
from .models.calendar import Calendar, Settings
from .models.common import Text
from .models.document import Document
from .models.duties import Duties
from .models.errata import Errata
from .models.glossary import Glossary
from .models.interface import Interface
from .models.obligations import Obligations
from .models.onboarding import Onboarding
from .models.roles import Roles
from .models.roster import Roster
from .problems import summarize
from .reference_pass import reference_problems
from .versions import clause_texts
from .yaml_files import YamlFile

# One data file per concept: attribute name -> (file under data/, model).
SINGLE_FILES = {
    "glossary": ("glossary.yml", Glossary),
    "roster": ("roster.yml", Roster),
    "errata": ("errata.yml", Errata),
    "roles": ("roles.yml", Roles),
    "interface": ("interface.yml", Interface),
    "calendar_settings": ("calendar.yml", Settings),
    "aliases": ("aliases.yml", Aliases),
    "duties": ("duties.yml", Duties),
    "onboarding": ("onboarding.yml", Onboarding),
    "obligations": ("obligations.yml", Obligations),
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
    calendar_settings: Settings
    aliases: Aliases
    duties: Duties
    onboarding: Onboarding
    obligations: Obligations
    # Derived, not read: the calendar entries come from the duties (data/duties.yml `calendar`).
    calendar: Calendar = field(init=False, repr=False)
    # Where each model came from, to name file, path and line in reference errors.
    sources: dict[str, YamlFile] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.calendar = Calendar.derive(self.calendar_settings, self.duties.duties, build_date())

    def on(self, today) -> "Handbook":
        """The same data seen on another build date (the calendar covers that date's year and the next)."""
        other = copy.copy(self)
        other.calendar = Calendar.derive(self.calendar_settings, self.duties.duties, today)
        return other

    def record_text(self, document_id: str) -> str:
        path = self.data_dir / RECORDS_FOLDER / f"{document_id}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = "file is missing" if isinstance(error, FileNotFoundError) else f"cannot be read ({error})"
            raise HandbookDataError(f"data/{RECORDS_FOLDER}/{path.name}", "",
                                    f"{reason}: it holds the original text of '{document_id}'") from None

    @property
    def main_document(self) -> str:
        """The id of the document the handbook is built around (the one with `main: true`)."""
        return next(document.id for document in self.documents.values() if document.main)

    def role(self, role_id: str):
        return next(role for role in self.roles.roles if role.id == role_id)

    def duty(self, duty_id: str):
        return next(duty for duty in self.duties.duties if duty.id == duty_id)

    def label(self, key: str, language: str) -> str:
        return self.interface.labels[key][language]

    def model(self, source_name: str):
        """The validated content of a source: 'duties', or 'document:<id>'."""
        if source_name.startswith("document:"):
            return self.documents[source_name.split(":", 1)[1]]
        return getattr(self, source_name)


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


def _name_roles(roles: Roles, glossary: Glossary, source: YamlFile) -> Roles:
    """Roles named by a glossary term (`term`) take their name from it: the term's Chinese, and
    its English (or the `term_form` chosen) with a capital first letter, as a name stands alone."""
    terms = {term.id: term for term in glossary.terms}
    named = []
    for index, role in enumerate(roles.roles):
        if role.term is not None:
            term = terms.get(role.term)
            if term is None:
                raise source.error(("roles", index, "term"), f"unknown glossary term '{role.term}'")
            english = role.term_form or term.en
            if english not in term.english_forms():
                raise source.error(("roles", index, "term_form"), (
                    f"'{english}' is not an English form of the glossary term '{term.id}' "
                    f"(its forms: {', '.join(term.english_forms())})"))
            role = role.model_copy(update={"name": Text(zh=term.zh, en=english[:1].upper() + english[1:])})
        named.append(role)
    return roles.model_copy(update={"roles": named})


def _word_cases(duties: Duties, document: Document) -> Duties:
    """Each of Article 8's cases is worded by its item, as the current version has it, with the
    item's closing ；/; made a full stop (the item read alone). A source that is no clause keeps
    no text; the reference pass reports it."""
    texts = clause_texts(document)
    worded = []
    for case in duties.accountability.cases:
        item = texts.get(case.source)
        if item is not None:
            case = case.model_copy(update={"text": Text(zh=_closed(item.zh, "；", "。"), en=_closed(item.en, ";", "."))})
        worded.append(case)
    accountability = duties.accountability.model_copy(update={"cases": worded})
    return duties.model_copy(update={"accountability": accountability})


def _closed(text: str, semicolon: str, full_stop: str) -> str:
    text = text.rstrip()
    return text[:-1] + full_stop if text.endswith(semicolon) else text


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
    main = [document_id for document_id, document in documents.items() if document.main]
    if len(main) != 1:
        found = ", ".join(main) or "none"
        raise HandbookDataError(f"data/{DOCUMENTS_FOLDER}", "",
                                f"exactly one document must say 'main: true'; found {found}")
    loaded["roles"] = _name_roles(loaded["roles"], loaded["glossary"], sources["roles"])
    loaded["duties"] = _word_cases(loaded["duties"], documents[main[0]])
    handbook = Handbook(data_dir=data_dir, documents=documents, sources=sources, **loaded)
    for source_name, location, problem in reference_problems(handbook):
        raise handbook.sources[source_name].error(location, problem)
    return handbook


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
