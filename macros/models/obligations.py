"""The Rules divided into their obligations: data/obligations.yml.

Sentence coverage is not enough (a duty can quote one half of a sentence and drop the other), so
the operative articles are divided into obligations, each a verb with its own object, quoted
verbatim. Each is covered by a duty that cites the same clause, or is listed with the reason it is
not a duty of its own.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from .common import DataModel, Id, NonEmptyText


class NotADuty(str, Enum):
    lead_in = "lead-in"  # opens a list (领导小组承担的……责任主要是)
    definition = "definition"  # says what a body is
    aim = "aim"  # the result other obligations of the clause work towards (形成……格局)
    manner = "manner"  # how the clause's obligations are done, with nothing else: not a task of its own


class Obligation(DataModel):
    id: Id
    source: Id  # the article or item anchor
    quote: NonEmptyText  # the obligation's words, verbatim from the Chinese text
    duty: Id | None = None  # the duty that covers it (cites the same clause)
    not_a_duty: NotADuty | None = None  # or why no duty covers it

    @model_validator(mode="after")
    def _covered_or_explained(self):
        if (self.duty is None) == (self.not_a_duty is None):
            raise ValueError("give either the duty that covers it, or not_a_duty with the reason")
        return self


class Obligations(DataModel):
    obligations: list[Obligation] = Field(min_length=1)
