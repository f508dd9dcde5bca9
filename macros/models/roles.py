"""Bodies and posts the regulation assigns work to: data/roles.yml."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from .common import DataModel, Id, NonEmptyText, Text


class RoleKind(str, Enum):
    body = "body"  # a committee, group, office or unit
    post = "post"  # a person in a position


class Role(DataModel):
    id: Id
    kind: RoleKind
    # A role whose name is a glossary term is named by the term (`term`), so the name has one
    # home; the loader fills `name` from it. Other roles write their `name`.
    name: Text | None = None
    term: Id | None = None  # the glossary term that is the role's name (data/glossary.yml)
    # The English form of that term the role is named by, when not the term's `en`: one of the
    # term's `en_forms` (a role that is many people takes the plural form)
    term_form: NonEmptyText | None = None
    description: Text
    # The Rules' words that narrow who is in the role, as its defining clause puts them before
    # its name (参与决策和工作的 班子其它成员): the onboarding guide's list of levels keeps them
    qualifier: Text | None = None
    defined_in: Id  # the article or item anchor whose text defines the role, e.g. art-3
    # The other articles and items whose text names the role (by its name or one of also_named):
    # with defined_in, every one that does, in the document's order (the reference pass checks
    # both ways); the checklist's "Named in" line lists them all
    also_named_in: list[Id] = []
    part_of: Id | None = None  # the role this one belongs to, e.g. a team's principal leader
    # Titles people in this post hold, as examples (党委书记 / the Party secretary): the Rules name
    # the role, not the titles; the site shows these as examples, never as the Rules' words.
    held_titles: list[Text] = []
    # The Rules' other words for the role, where a clause names it so (网络评论员 for 网评员): a
    # duty's clause that has one of them names the role (macros/reference_pass.py)
    also_named: list[NonEmptyText] = []
    # Words of the Rules by which the role's checklist lists, for reference, the other clauses
    # that use them (新媒体, 公众号, 网络平台 for the persons in charge of official new media): the
    # clauses that set others' duties about what the role runs (macros/duties.py clauses_using)
    see_also_words: list[Text] = []

    @model_validator(mode="after")
    def _one_home_for_the_name(self):
        if (self.name is None) == (self.term is None):
            raise ValueError("give either the role's name, or the glossary term that names it (term)")
        if self.term_form is not None and self.term is None:
            raise ValueError("term_form needs the glossary term it is a form of (term)")
        return self


class Roles(DataModel):
    roles: list[Role] = Field(min_length=1)
