"""Words of the site itself (buttons, section headings), both languages: data/interface.yml."""

from __future__ import annotations

from .common import DataModel, Id, Text


class Interface(DataModel):
    labels: dict[Id, Text]
