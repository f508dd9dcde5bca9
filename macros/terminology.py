"""The glossary as the term base of all data: wherever a term's Chinese occurs in a text node,
the English of the same node uses the term's English (data/glossary.yml).

A term that occurs only inside a longer term is left to the longer one (网络评论 inside 网络评论员,
网络安全 inside 网络安全和信息化领导小组办公室), so each passage answers for the longest term it
holds. English forms match case-insensitively; "…" in a form stands for a few words in between
("summon … for a talk" matches "summon the person in charge for a talk").
"""

from __future__ import annotations

import enum
import re
from functools import lru_cache
from typing import Iterable, Iterator

from pydantic import BaseModel

from .errors import format_path
from .models.common import Text
from .models.glossary import Term

GAP = "…"


def text_nodes(model, location: tuple = ()) -> Iterator[tuple[tuple, Text]]:
    """Every bilingual text node in a model, with its path in the data file."""
    if isinstance(model, Text):
        yield location, model
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            yield from text_nodes(getattr(model, name), (*location, name))
    elif isinstance(model, (list, tuple)):
        for index, value in enumerate(model):
            yield from text_nodes(value, (*location, index))
    elif isinstance(model, dict):
        for key, value in model.items():
            yield from text_nodes(value, (*location, key.value if isinstance(key, enum.Enum) else key))


@lru_cache(maxsize=None)  # the same few hundred forms, matched against every clause
def _form_pattern(form: str) -> re.Pattern:
    parts = [re.escape(part.strip()) for part in form.split(GAP)]
    return re.compile(r"\b" + r".{0,60}?".join(parts), re.IGNORECASE | re.DOTALL)


def missing_terms(chinese: str, english: str, terms: Iterable[Term]) -> list[Term]:
    """The terms whose Chinese is in `chinese` (not only inside a longer term) and whose English
    is not in `english`."""
    by_id, forms = _checked_forms(terms)
    return [by_id[term_id] for term_id in _missing_term_ids(chinese, english, forms)]


def _checked_forms(terms: Iterable[Term]) -> tuple[dict[str, Term], tuple]:
    """The terms by id, and their (id, Chinese, English forms), longest Chinese first."""
    longest_first = sorted(terms, key=lambda term: len(term.zh), reverse=True)
    return ({term.id: term for term in longest_first},
            tuple((term.id, term.zh, tuple(term.english_forms())) for term in longest_first))


# Every text node of every data file is checked at each load; under `mkdocs serve` an edit
# changes a few of them: each (node, glossary) is checked once per process.
@lru_cache(maxsize=1 << 14)
def _missing_term_ids(chinese: str, english: str, forms: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    """`forms`: (id, Chinese, English forms) of each term, longest Chinese first."""
    missing = []
    masked = chinese
    english = " ".join(english.split())  # a page's lines break anywhere
    for term_id, term_chinese, english_forms in forms:
        if term_chinese in masked:
            if not any(_form_pattern(form).search(english) for form in english_forms):
                missing.append(term_id)
            masked = masked.replace(term_chinese, "\0")
    return tuple(missing)


def problem(term: Term) -> str:
    return (f"does not use the glossary's English for {term.zh} ('{term.en}', data/glossary.yml "
            f"term '{term.id}'); use it, or declare an exception with its reason in data/glossary.yml")


def check_terminology(handbook) -> Iterator[tuple[str, tuple, str]]:
    """Every text node of every data file, including the glossary's own notes."""
    glossary = handbook.glossary
    terms = {term.id: term for term in glossary.terms}
    excepted = {}
    for index, exception in enumerate(glossary.exceptions):
        if exception.term not in terms:
            yield "glossary", ("exceptions", index, "term"), f"unknown term '{exception.term}'"
        excepted[(exception.term, exception.file, exception.path)] = index
    used = set()
    by_id, forms = _checked_forms(glossary.terms)
    for source_name, source in handbook.sources.items():
        model = handbook.model(source_name)
        file = source.display_name.removeprefix("data/")
        for location, node in text_nodes(model):
            for term in (by_id[term_id] for term_id in _missing_term_ids(node.zh, node.en, forms)):
                key = (term.id, file, format_path(location))
                if key in excepted:
                    used.add(key)
                    continue
                yield source_name, (*location, "en"), problem(term)
    for key, index in excepted.items():
        if key not in used and key[0] in terms:
            yield "glossary", ("exceptions", index), (
                f"no longer needed: {key[1]}: {key[2]} uses the term '{key[0]}' or no longer holds it")


def page_problems(project_dir, terms: Iterable[Term]) -> Iterator[str]:
    """The same check for the pages: docs/en/<page> against docs/zh/<page>, one line each.
    (A page missing in one language is the parity check's business, not this one's.)"""
    from pathlib import Path

    zh_root, en_root = Path(project_dir) / "docs" / "zh", Path(project_dir) / "docs" / "en"
    for zh_page in sorted(zh_root.rglob("*.md")):
        relative = zh_page.relative_to(zh_root)
        en_page = en_root / relative
        if not en_page.is_file():
            continue
        for term in missing_terms(zh_page.read_text(encoding="utf-8"), en_page.read_text(encoding="utf-8"), terms):
            yield f"docs/en/{relative.as_posix()}: {problem(term)}"
