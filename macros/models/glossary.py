"""The term base, data/glossary.yml: the English translation uses these terms."""

from __future__ import annotations

from pydantic import Field, model_validator

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
    en_forms: list[NonEmptyText] = []  # other English forms that count as the term; "…" = a few words
    # other Chinese forms that count as the term: a longer one is marked whole (学校党委, not 学 + 校党委)
    zh_forms: list[NonEmptyText] = []
    note: Text | None = None  # what the term means
    translation_note: Text | None = None  # why the English is rendered so, where that is a choice
    see: str | None = None  # anchor of the article or item that defines the term (art-3)
    synonyms: Synonyms = Synonyms()  # words readers type for the term, per language (search)

    @model_validator(mode="after")
    def _longer_forms_hold_the_term(self):
        for form in self.zh_forms:
            if self.zh not in form:
                raise ValueError(f"zh_forms: '{form}' does not hold the term '{self.zh}'")
        return self

    def english_forms(self) -> list[str]:
        return [self.en, *self.en_forms]

    def forms(self, language: str) -> list[str]:
        return [self.zh, *self.zh_forms] if language == "zh" else self.english_forms()


class TermException(DataModel):
    """A text node that does not use a term's English, and why that is right."""

    term: Id  # the glossary term's id
    file: NonEmptyText  # the data file, under data/ (documents/shgcw-2018-46.yml)
    path: NonEmptyText  # the node's path in that file, as the build prints it (duties[3].text)
    reason: Text


class Glossary(DataModel):
    terms: list[Term] = Field(min_length=1)
    exceptions: list[TermException] = []
