"""Bodies and posts the regulation assigns work to: data/roles.yml."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .common import DataModel, Id, Text


class RoleKind(str, Enum):
    body = "body"  # a committee, group, office or unit
    post = "post"  # a person in a position


class Role(DataModel):
    id: Id
    kind: RoleKind
    name: Text
    description: Text
    defined_in: Id  # the article or item anchor whose text defines the role, e.g. art-3
    part_of: Id | None = None  # the role this one belongs to, e.g. a team's principal leader
    # Titles people in this post hold, as examples (党委书记 / the Party secretary): the Rules name
    # the role, not the titles; the site shows these as examples, never as the Rules' words.
    held_titles: list[Text] = []


class Roles(DataModel):
    roles: list[Role] = Field(min_length=1)
