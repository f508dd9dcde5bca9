"""The leading group and its office, keyed by position: data/roster.yml."""

from __future__ import annotations

import datetime

from pydantic import Field, model_validator

from .common import DataModel, Id, NonEmptyText, Text


class Position(DataModel):
    id: Id
    title: Text
    holders: list[NonEmptyText] = Field(min_length=1)  # names as written in Chinese, as published


class Group(DataModel):
    id: Id
    name: Text
    printed_in_source: bool  # whether the source prints the group's name above its positions
    role: Id | None = None  # the role (roles.yml) of the body whose members the group lists
    positions: list[Position] = Field(min_length=1)


class Note(DataModel):
    id: Id
    text: Text


class Succession(DataModel):
    """One change of a post's holders: who left, who took over (either may be absent), and when."""

    date: datetime.date
    position: Id
    leaves: NonEmptyText | None = None
    joins: NonEmptyText | None = None

    @model_validator(mode="after")
    def _someone_leaves_or_joins(self) -> "Succession":
        if self.leaves is None and self.joins is None:
            raise ValueError("name who leaves the post, who joins it, or both")
        return self


class Roster(DataModel):
    as_of: datetime.date
    label: Text
    title: Text
    groups: list[Group] = Field(min_length=1)
    notes: list[Note] = []
    romanization_overrides: dict[NonEmptyText, NonEmptyText] = {}
    maintained_by: Id  # the role that keeps the roster up to date (roles.yml)
    # Changes since the list was published, oldest first: one line each.
    successions: list[Succession] = []

    def positions(self) -> list[Position]:
        return [position for group in self.groups for position in group.positions]

    def holders_on(self, position: Position, date: datetime.date | None = None) -> list[str]:
        """The holders of a post on `date` (today's when None): the published list with every
        succession up to that date applied; a successor takes the place of the one who left."""
        holders = list(position.holders)
        for succession in self.successions:
            if succession.position != position.id or (date is not None and succession.date > date):
                continue
            if succession.leaves is not None and succession.leaves in holders:
                place = holders.index(succession.leaves)
                if succession.joins is not None:
                    holders[place] = succession.joins
                else:
                    del holders[place]
            elif succession.joins is not None:
                holders.append(succession.joins)
        return holders

    def current_holders(self, position: Position) -> list[str]:
        return self.holders_on(position)

    def last_change(self) -> datetime.date:
        """The roster's date: when it was last confirmed (`as_of`) or last changed."""
        return max([self.as_of, *(succession.date for succession in self.successions)])

    def names(self) -> set[str]:
        """Everyone who holds or held a post on the roster."""
        names = {name for position in self.positions() for name in position.holders}
        return names | {s.joins for s in self.successions if s.joins is not None}
