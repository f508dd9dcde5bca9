"""The term base, data/glossary.yml: the English translation uses these terms."""

from __future__ import annotations

from pydantic import Field

from .common import DataModel, Id, NonEmptyText, Text


class Term(DataModel):
    id: Id
    zh: NonEmptyText
    en: NonEmptyText
    en_forms: list[NonEmptyText] = []  # other English forms that count as the term
    note: Text | None = None

    def english_forms(self) -> list[str]:
        return [self.en, *self.en_forms]


class Glossary(DataModel):
    terms: list[Term] = Field(min_length=1)
