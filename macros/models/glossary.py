"""The term base, data/glossary.yml: the English translation uses these terms."""

from __future__ import annotations

from pydantic import Field

from .common import DataModel, Id, NonEmptyText, Text


class Term(DataModel):
    id: Id
    zh: NonEmptyText
    en: NonEmptyText
    en_forms: list[NonEmptyText] = []  # other English forms that count as the term; "…" = a few words
    note: Text | None = None  # what the term means
    translation_note: Text | None = None  # why the English is rendered so, where that is a choice
    see: str | None = None  # anchor of the article or item that defines the term (art-3)

    def english_forms(self) -> list[str]:
        return [self.en, *self.en_forms]


class TermException(DataModel):
    """A text node that does not use a term's English, and why that is right."""

    term: Id  # the glossary term's id
    file: NonEmptyText  # the data file, under data/ (documents/shgcw-2018-46.yml)
    path: NonEmptyText  # the node's path in that file, as the build prints it (duties[3].text)
    reason: Text


class Glossary(DataModel):
    terms: list[Term] = Field(min_length=1)
    exceptions: list[TermException] = []
