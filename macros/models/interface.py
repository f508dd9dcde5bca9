"""Words of the site itself (buttons, section headings), both languages: data/interface.yml."""

from __future__ import annotations

import re

from pydantic import field_validator

from .common import DataModel, Id, Text

# A brace in a label only as a slot that the code fills in: {years}, {matrix} (macros/rendering.py)
_SLOT = re.compile(r"\{[a-z_]+\}")


class Label(Text):
    @field_validator("zh", "en")
    @classmethod
    def _braces_only_in_slots(cls, text: str) -> str:
        if re.search(r"[{}]", _SLOT.sub("", text)):
            raise ValueError("a brace outside a slot; a slot is a name in braces, such as {years}, "
                             "which the code fills in")
        return text


class Interface(DataModel):
    labels: dict[Id, Label]
