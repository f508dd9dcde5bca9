"""Terms where they stand: the glossary's terms marked in the Rules at their first occurrence in
each article (its own text and its items), each a link to /glossary/#term-<id> whose title gives
the term in the other language and what it means. Material's `content.tooltips` shows the title
as a tooltip on hover and on keyboard focus, and sets it as the link's accessible description.

A term inside a longer term is left to the longer one, as in the terminology check; English
forms match as that check matches them (case-insensitive, "…" for a few words in between).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from markupsafe import Markup

from .models.glossary import Term
from .rendering import inert
from .terminology import _form_pattern
from .text import colon


# A term as the search for it needs it: (its Chinese forms, its English forms).
TermForms = tuple[tuple[str, ...], tuple[str, ...]]


def _term_forms(terms: list[Term]) -> tuple[TermForms, ...]:
    return tuple((tuple(term.forms("zh")), tuple(term.english_forms())) for term in terms)


# Each clause is searched once per process for the same terms: both languages' pages mark the
# same clauses (the regulation, the side-by-side view, versions), and `mkdocs serve` marks them
# all again after every edit.
@lru_cache(maxsize=1 << 13)
def _span_positions(text: str, forms: tuple[TermForms, ...], language: str) -> tuple[tuple[int, int, int], ...]:
    """Non-overlapping (start, end, index in `forms`) in `text`, longest match first, in text order."""
    found = []
    for index, (chinese_forms, english_forms) in enumerate(forms):
        if language == "zh":
            for chinese in chinese_forms:
                if chinese in text:  # most terms are not in a given clause: skip the search
                    found += [(m.start(), m.end(), index) for m in re.finditer(re.escape(chinese), text)]
        else:
            for form in english_forms:
                for m in _form_pattern(form).finditer(text):
                    end = m.end()
                    while end < len(text) and text[end].isalnum():  # a form may end inside a word
                        end += 1
                    found.append((m.start(), end, index))
    claimed: list[tuple[int, int, int]] = []
    for start, end, index in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= s or start >= e for s, e, _ in claimed):
            claimed.append((start, end, index))
    return tuple(sorted(claimed, key=lambda span: span[0]))


def _spans(text: str, terms: list[Term], language: str) -> list[tuple[int, int, Term]]:
    """Non-overlapping (start, end, term) in `text`, longest match first, in text order."""
    return [(start, end, terms[index]) for start, end, index in _span_positions(text, _term_forms(terms), language)]


def tip(term: Term, language: str, other_label: str) -> str:
    """The tooltip: the term in the other language, then what it means (if the glossary says)."""
    other = term.en if language == "zh" else term.zh
    separator = colon(language)
    text = f"{other_label}{separator}{other}"
    if term.note:
        text += ("。" if language == "zh" else ". ") + term.note[language]
    return text


def term_marker(terms: list[Term], language: str, glossary_link: str, other_label: str) -> Callable[..., Markup]:
    """A function (text, article anchor[, Chinese of the clause]) -> the text, escaped, with each
    term marked the first time it occurs in that article (call it in reading order)."""
    seen: dict[str, set[str]] = {}

    def mark(text: str, article: str, chinese: str | None = None) -> Markup:
        """`chinese`: the Chinese of the same clause, for an English text: only the terms the
        Chinese holds are marked, so both languages mark the same terms."""
        done = seen.setdefault(article, set())
        candidates = terms
        if language != "zh" and chinese is not None:
            held = {term.id for _, _, term in _spans(chinese, terms, "zh")}
            candidates = [term for term in terms if term.id in held]
        parts, position = [], 0
        for start, end, term in _spans(text, candidates, language):
            if term.id in done:
                continue
            done.add(term.id)
            parts.append(inert(text[position:start]))
            # Each piece is escaped by inert(), so they are joined as they are (Markup.format,
            # which would pass them through unchanged, cost ~0.1 ms a term)
            parts.append(Markup(f'<a class="hb-term" href="{inert(f"{glossary_link}#term-{term.id}")}" '
                                f'data-term="{inert(term.id)}" title="{inert(tip(term, language, other_label))}">'
                                f'{inert(text[start:end])}</a>'))
            position = end
        parts.append(inert(text[position:]))
        return Markup("").join(parts)
    return mark
