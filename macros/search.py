"""What search needs from the data: words to segment whole, the words readers type instead of
the text's (aliases and glossary synonyms), readable result titles.

Used by publishing/steps/search_index.py at build time and by the reference pass (aliases must point at text
the handbook has). Knows nothing about MkDocs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from .problems import repeated_values
from .terminology import text_nodes
from .text import short_citation

if TYPE_CHECKING:
    from .handbook import Handbook

# A document number as printed: 中办发〔2015〕52号, 沪工程委〔2018〕46号.
_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,6}〔\d{4}〕\d+号")
_ITEM_ANCHOR = re.compile(r"#art-(\d+)-(\d+)$")
_ITEM_LABEL = re.compile(r"^\s*\([^)]*\)\s*")
_TAG = re.compile(r"<[^>]+>")
ZERO_WIDTH_SPACE = "\u200b"


def handbook_texts(handbook: "Handbook", language: str, glossary: bool = True) -> list[str]:
    """All text the handbook publishes in one language (documents, roster, roles and, unless
    `glossary` is false, the term base)."""
    texts = []
    for model in (*handbook.documents.values(), handbook.roster, handbook.roles):
        texts += [node[language] for _, node in text_nodes(model)]
    for document in handbook.documents.values():
        texts.append(getattr(document.notice.number, language))
    for term in handbook.glossary.terms if glossary else ():
        texts += term.forms(language)
    texts += sorted(handbook.roster.names())  # successors too
    return texts


def check_aliases(handbook: "Handbook") -> Iterator[tuple[str, tuple, str]]:
    """Each alias's long form must occur in the handbook's text, or the alias finds nothing."""
    for index, duplicate in repeated_values(alias.id for alias in handbook.aliases.aliases):
        yield "aliases", ("aliases", index, "id"), f"duplicate id '{duplicate}'"
    for language in ("zh", "en"):
        text = "\n".join(handbook_texts(handbook, language)).casefold()
        for index, alias in enumerate(handbook.aliases.aliases):
            if alias.long[language].casefold() not in text:
                yield ("aliases", ("aliases", index, "long", language),
                       f"'{alias.long[language]}' occurs nowhere in the handbook's text")


def _occurs(form: str, folded_text: str, language: str) -> bool:
    """Whether a term occurs in casefolded text; an English term only where a word starts
    ("assess" in "assessment", not "rum" in "forum")."""
    if form.casefold() not in folded_text:  # most terms are not in a text: no pattern search
        return False
    return language == "zh" or _word_start(form).search(folded_text) is not None


@lru_cache(maxsize=4096)
def _word_start(form: str) -> re.Pattern:
    """The pattern of an English term where a word starts (each page's index entry asks for
    every term's forms: compiled once)."""
    return re.compile(r"(?<![a-z])" + re.escape(form.casefold()))


def check_synonyms(handbook: "Handbook") -> Iterator[tuple[str, tuple, str]]:
    """A glossary term's synonyms find the passages with the term: the term must occur in the
    handbook's text (outside the glossary) in that language, or its synonyms find nothing."""
    for language in ("zh", "en"):
        text = "\n".join(handbook_texts(handbook, language, glossary=False)).casefold()
        for index, term in enumerate(handbook.glossary.terms):
            if term.synonyms[language] and not any(_occurs(f, text, language) for f in term.forms(language)):
                yield ("glossary", ("terms", index, "synonyms", language),
                       f"the term '{term.zh if language == 'zh' else term.en}' occurs nowhere in "
                       "the handbook's text, so its synonyms would find nothing")


def whole_words(handbook: "Handbook") -> list[str]:
    """Chinese words the segmenter must keep whole: glossary terms, names on the roster,
    position titles, alias forms, glossary synonyms and the Han part of document numbers (the user dictionary
    data/search/dictionary.txt adds the regulation's other phrases)."""
    words = [term.zh for term in handbook.glossary.terms]
    words += [word for term in handbook.glossary.terms for word in term.synonyms.zh]
    words += sorted(handbook.roster.names())  # successors too
    words += [position.title.zh for position in handbook.roster.positions()]
    for alias in handbook.aliases.aliases:
        words += [alias.long.zh, *alias.short.zh]
    for text in handbook_texts(handbook, "zh"):
        words += [re.match(r"[\u4e00-\u9fff]+", number).group(0)
                  for number in _DOCUMENT_NUMBER.findall(text)]
    return sorted({word for word in words if re.search(r"[\u4e00-\u9fff]", word)})


def plain(indexed: str) -> str:
    """An index field as text: no markup, no segmentation marks."""
    return _TAG.sub(" ", indexed).replace(ZERO_WIDTH_SPACE, "")


def alias_terms(handbook: "Handbook", language: str, text: str) -> list[str]:
    """The words readers type for what `text` says: the short forms of every alias whose long
    form occurs in it, and the synonyms of every glossary term that occurs in it."""
    folded = text.casefold()
    terms = []
    for alias in handbook.aliases.aliases:
        if alias.long[language].casefold() in folded:
            terms += [form for form in alias.short[language] if form not in terms]
    for term in handbook.glossary.terms:
        if term.synonyms[language] and any(_occurs(f, folded, language) for f in term.forms(language)):
            terms += [word for word in term.synonyms[language] if word not in terms]
    return terms


def result_title(location: str, title: str, language: str) -> str:
    """An item's search result names its article: '(二) 专题研究…' under art-4 becomes
    '第四条第（二）项 专题研究…' / 'Art. 4(2) — Regular study…'. Other titles are unchanged."""
    match = _ITEM_ANCHOR.search(location)
    if not match:
        return title
    citation = short_citation(int(match.group(1)), int(match.group(2)), language)
    rest = _ITEM_LABEL.sub("", title)
    return f"{citation} {rest}" if language == "zh" else f"{citation} — {rest}"
