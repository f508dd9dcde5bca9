"""The term base, data/glossary.yml: the English translation uses these terms."""

from __future__ import annotations

from pydantic import Field

from .common import DataModel, Id, NonEmptyText, Text


class Synonyms(DataModel):
    """Words readers type for a term, per language ("review" for 研判's "assessment"). Search
    finds every passage with the term when one of them is typed (hooks/search.py); the build
    checks that the term occurs in the handbook's text in that language."""

    zh: list[NonEmptyText] = []
    en: list[NonEmptyText] = []

    def __getitem__(self, language: str) -> list[str]:
        return getattr(self, language)


class Term(DataModel):
    id: Id
    zh: NonEmptyText
    en: NonEmptyText
    en_forms: list[NonEmptyText] = []  # other English forms that count as the term
    note: Text | None = None
    synonyms: Synonyms = Synonyms()

    def english_forms(self) -> list[str]:
        return [self.en, *self.en_forms]

    def forms(self, language: str) -> list[str]:
        return [self.zh] if language == "zh" else self.english_forms()


class Glossary(DataModel):
    terms: list[Term] = Field(min_length=1)
