"""Building blocks shared by every data file's model."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

# Ids are part of URLs and anchors that people bookmark: lowercase ASCII, digits and hyphens.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class DataModel(BaseModel):
    """Strict by default: an unknown key is most likely a typo, so it is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Text(DataModel):
    """One text node in both languages, under one id (the id belongs to the owner)."""

    zh: NonEmptyText
    en: NonEmptyText

    def __getitem__(self, language: str) -> str:
        return getattr(self, language)
