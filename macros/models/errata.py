"""Repairs of the source's page-break artifacts: data/errata.yml."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .common import DataModel, Id, NonEmptyText, Text


class ErratumKind(str, Enum):
    split_word = "split-word"  # a word or sentence broken across two pages
    doubled_character = "doubled-character"  # a character printed at the foot and head of a page
    padding_space = "padding-space"  # spaces padding a short name or title to a column width


class Erratum(DataModel):
    id: Id
    node: NonEmptyText  # the text node repaired, e.g. art-6, notice.title or roster.member
    kind: ErratumKind
    original: str = Field(min_length=1)  # exactly as in the record, page break and spaces included
    repaired: NonEmptyText
    note: Text | None = None


class Errata(DataModel):
    errata: list[Erratum] = Field(min_length=1)
