"""The versions of a document: each one's text, which clauses each changed, and the redline.

The document's `rules` are the current text; an earlier version is the current text with the
`before` texts of every later version put back, clause by clause (models/document.py). Anchors
(art-N, art-N-M) name the same clause in every version.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from .models.common import Text
from .models.document import Document, Version

if TYPE_CHECKING:
    from .handbook import Handbook


def clause_texts(document: Document) -> dict[str, Text]:
    """Anchor -> text of every clause of the current version, in document order."""
    texts = {}
    for article in document.rules.articles:
        texts[article.anchor] = article.text
        texts.update({article.item_anchor(item): item.text for item in article.items})
    return texts


def texts_of_version(document: Document, index: int) -> dict[str, Text | None]:
    """Anchor -> text of each clause in version `index` (0 is the first); None: not yet in it."""
    texts: dict[str, Text | None] = dict(clause_texts(document))
    for later in reversed(document.all_versions()[index + 1:]):
        for amended in later.amended:
            texts[amended.clause] = amended.before
    return texts


def document_as_of(document: Document, index: int) -> Document:
    """The document as version `index` gave it: clauses it did not yet have are left out."""
    texts = texts_of_version(document, index)
    articles = []
    for article in document.rules.articles:
        if texts[article.anchor] is None:
            continue
        items = [item.model_copy(update={"text": texts[article.item_anchor(item)]})
                 for item in article.items if texts[article.item_anchor(item)] is not None]
        articles.append(article.model_copy(update={"text": texts[article.anchor], "items": items}))
    return document.model_copy(update={"rules": document.rules.model_copy(update={"articles": articles})})


def dated_by_the_notice(document: Document, version: Version) -> bool:
    """Whether the version is the text as issued, dated by its notice: Article 12 puts the Rules in
    force 自文件发布之日 (from the date of issue), and that the date the notice bears is that day is
    the handbook's inference, so every line giving the date says so (`date_label`)."""
    return version.made_by is not None and version.made_by.number == document.notice.number \
        and version.effective == document.notice.date


def date_label(key: str, document: Document, version: Version) -> str:
    """The label that gives a version's date: `<key>-as-issued` for the text as issued, which says
    the date is the notice's, as the handbook reads Article 12; `key` for an amendment, whose
    notice sets its date."""
    return f"{key}-as-issued" if dated_by_the_notice(document, version) else key


def version_id(version: Version) -> str:
    """A version's id in addresses and anchors: its effective date, 2018-11-08."""
    return version.effective.isoformat()


def amendments_of_clause(document: Document, up_to: int | None = None) -> dict[str, list[Version]]:
    """Anchor -> the versions (after the first, up to index `up_to`) that changed the clause."""
    versions = document.all_versions()
    last = len(versions) - 1 if up_to is None else up_to
    found: dict[str, list[Version]] = {}
    for version in versions[1:last + 1]:
        for amended in version.amended:
            found.setdefault(amended.clause, []).append(version)
    return found


# --- Redline --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """A run of text in a redline: kept ("equal"), deleted ("delete") or inserted ("insert")."""

    kind: str
    text: str


_ENGLISH_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def tokens(text: str, language: str) -> list[str]:
    """Chinese by word (jieba, with the handbook's dictionary loaded by search), English by word."""
    if language == "zh":
        from .segmentation import SEGMENTER

        return list(SEGMENTER.cut(text, HMM=False))
    return _ENGLISH_TOKENS.findall(text)


def redline(before: str | None, after: str | None, language: str) -> list[Piece]:
    """The words deleted from `before` and inserted into `after`, in order."""
    old, new = tokens(before or "", language), tokens(after or "", language)
    pieces: list[Piece] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + text)
        else:
            pieces.append(Piece(kind, text))

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            add("equal", "".join(old[old_start:old_end]))
            continue
        add("delete", "".join(old[old_start:old_end]))
        add("insert", "".join(new[new_start:new_end]))
    return pieces


@dataclass(frozen=True)
class ClauseChange:
    clause: str  # anchor
    before: Text | None  # None: the clause is new
    after: Text | None


def changes_of_version(document: Document, index: int) -> list[ClauseChange]:
    """The clauses version `index` changed, in document order, with their text before and after."""
    version = document.all_versions()[index]
    after = texts_of_version(document, index)
    order = list(clause_texts(document))
    changed = sorted(version.amended, key=lambda amended: order.index(amended.clause))
    return [ClauseChange(amended.clause, amended.before, after[amended.clause]) for amended in changed]


# --- Reference pass (run by reference_pass.py) ---------------------------------------------

def version_problems(handbook: Handbook) -> Iterator[tuple[str, tuple, str]]:
    for document_id, document in handbook.documents.items():
        source = f"document:{document_id}"
        versions = document.versions
        if not versions:
            continue
        first = versions[0]
        if first.made_by is not None:
            yield source, ("versions", 0, "made_by"), (
                "the first version is the text the notice above issued: leave made_by out")
        if first.amended:
            yield source, ("versions", 0, "amended"), "the first version amends nothing: it is the text as issued"
        current = clause_texts(document)
        for index, version in enumerate(versions[1:], 1):
            where = ("versions", index)
            if version.made_by is None:
                yield source, (*where, "made_by"), "required: the notice that made this version (number, date)"
                continue
            if not version.amended:
                yield source, (*where, "amended"), "a later version must name the clauses it changed"
            if version.made_by.date > version.effective:
                yield source, (*where, "effective"), "a version cannot take effect before its notice's date"
            seen = set()
            for position, amended in enumerate(version.amended):
                if amended.clause not in current:
                    yield source, (*where, "amended", position, "clause"), (
                        f"unknown article or item '{amended.clause}' (a clause keeps its anchor in every version)")
                    continue
                if amended.clause in seen:
                    yield source, (*where, "amended", position, "clause"), f"'{amended.clause}' is listed twice"
                seen.add(amended.clause)
            if any(amended.clause not in current for amended in version.amended):
                continue
            after = texts_of_version(document, index)
            for position, amended in enumerate(version.amended):
                if amended.before is not None and after[amended.clause] is not None \
                        and amended.before.zh == after[amended.clause].zh:
                    yield source, (*where, "amended", position, "before"), (
                        f"the Chinese text of {amended.clause} is the same before and after this version")
