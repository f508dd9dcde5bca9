"""The guide for a newly appointed unit leader: data/onboarding.yml.

Only the framing is written here; what to set up, what recurs and whom to contact come from
data/duties.yml, data/roles.yml and data/roster.yml.
"""

from __future__ import annotations

from pydantic import Field

from .common import DataModel, Id, Text
from .duties import Frequency


class Reading(DataModel):
    anchor: Id  # an article or item of the document, e.g. art-3
    why: Text  # why a new unit leader reads it

    @property
    def article_number(self) -> int:
        """art-3 and art-3-2 -> 3 (templates have no string methods in every engine's Jinja)."""
        return int(self.anchor.split("-")[1])


class Phase(DataModel):
    title: Text
    intro: Text


class ConditionalRole(DataModel):
    role: Id
    when: Text  # e.g. "if your unit is a member unit of the Leading Group"
    how_to_tell: Text | None = None  # where the reader finds out whether `when` holds for them


class Onboarding(DataModel):
    intro: Text
    # The roles a new unit leader holds or works within; their duties make up the guide.
    roles: list[Id] = Field(min_length=1)
    # Further roles that apply only in some units, each with the condition.
    conditional_roles: list[ConditionalRole] = []
    read: list[Reading] = Field(min_length=1)
    contact_group: Id  # the roster group to contact (the Office)
    first_week: Phase
    first_month: Phase
    first_year: Phase
    # When the first occurrence of a recurring duty NOT on the calendar falls, counted from the
    # appointment; a duty on the calendar shows the calendar's dates instead (one home for them).
    first_due: dict[Frequency, Text] = {}

    def how_to_tell(self, role_id: str) -> Text | None:
        """For a role some units hold and others not: how a reader tells (shown on its checklist too)."""
        return next((c.how_to_tell for c in self.conditional_roles if c.role == role_id), None)
