"""Search aliases, data/aliases.yml: short names people type, and the long form the text uses.

Searching a short form (网信办, "cyberspace affairs office") finds every passage that contains the long form
(网络安全和信息化领导小组办公室, "Office of the Cyberspace Affairs Leading Group"): the build adds
the short forms to those passages' search entries (hooks/search.py).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .common import DataModel, Id, NonEmptyText, Text


class ShortForms(DataModel):
    zh: list[NonEmptyText] = []
    en: list[NonEmptyText] = []

    @model_validator(mode="after")
    def _at_least_one(self) -> "ShortForms":
        if not self.zh and not self.en:
            raise ValueError("give at least one short form (zh or en)")
        return self

    def __getitem__(self, language: str) -> list[str]:
        return getattr(self, language)


class Alias(DataModel):
    id: Id
    long: Text  # the wording the handbook's text uses, in each language
    short: ShortForms  # what people type instead


class Aliases(DataModel):
    aliases: list[Alias] = Field(min_length=1)
