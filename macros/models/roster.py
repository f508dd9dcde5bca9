"""The leading group and its office, keyed by position: data/roster.yml."""

from __future__ import annotations

import datetime

from pydantic import Field

from .common import DataModel, Id, NonEmptyText, Text


class Position(DataModel):
    id: Id
    title: Text
    holders: list[NonEmptyText] = Field(min_length=1)  # names as written in Chinese


class Group(DataModel):
    id: Id
    name: Text
    printed_in_source: bool  # whether the source prints the group's name above its positions
    positions: list[Position] = Field(min_length=1)


class Note(DataModel):
    id: Id
    text: Text


class Roster(DataModel):
    as_of: datetime.date
    label: Text
    title: Text
    groups: list[Group] = Field(min_length=1)
    notes: list[Note] = []
    romanization_overrides: dict[NonEmptyText, NonEmptyText] = {}

    def positions(self) -> list[Position]:
        return [position for group in self.groups for position in group.positions]
