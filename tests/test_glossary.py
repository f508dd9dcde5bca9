"""Terminology: the English follows data/glossary.yml, and contains no Chinese."""

from __future__ import annotations

import re

from pydantic import BaseModel

from macros.models.common import Text
from support import CJK


def text_nodes(model, path="") -> list[tuple[str, Text]]:
    """Every bilingual text node in a model, with its path."""
    found = []
    if isinstance(model, Text):
        return [(path, model)]
    if isinstance(model, BaseModel):
        for name in type(model).model_fields:
            found += text_nodes(getattr(model, name), f"{path}.{name}" if path else name)
    elif isinstance(model, (list, tuple)):
        for index, value in enumerate(model):
            found += text_nodes(value, f"{path}[{index}]")
    elif isinstance(model, dict):
        for key, value in model.items():
            found += text_nodes(value, f"{path}.{key}")
    return found


def all_text_nodes(handbook) -> list[tuple[str, Text]]:
    nodes = []
    for document_id, document in handbook.documents.items():
        nodes += text_nodes(document, f"documents/{document_id}")
    for name in ("roster", "roles", "interface", "calendar", "aliases", "duties", "onboarding"):  # not the glossary's own notes
        nodes += text_nodes(getattr(handbook, name), name)
    return nodes


def test_every_glossary_term_in_a_chinese_text_has_its_english_term_beside_it(handbook):
    missing = []
    for path, node in all_text_nodes(handbook):
        for term in handbook.glossary.terms:
            if term.zh in node.zh and not any(f.lower() in node.en.lower() for f in term.english_forms()):
                missing.append(f"{path}: {term.zh} -> {term.en!r} not in {node.en[:60]!r}")
    assert not missing, "\n".join(missing)


def test_the_glossary_check_catches_a_wrong_term(handbook):
    term = next(t for t in handbook.glossary.terms if t.zh == "一岗双责")
    node = Text(zh="按照“一岗双责”要求", en="under the dual responsibility requirement")
    assert not any(f.lower() in node.en.lower() for f in term.english_forms())


def test_the_english_text_contains_no_chinese(handbook):
    chinese = [path for path, node in all_text_nodes(handbook) if re.search(CJK, node.en)]
    assert not chinese, chinese


def test_the_glossary_covers_the_core_terms(handbook):
    terms = {term.zh for term in handbook.glossary.terms}
    assert {"意识形态", "一岗双责", "网评员", "主体责任", "第一责任人"} <= terms
    assert len(terms) >= 25
