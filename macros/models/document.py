"""A published document (a notice with its attached rules), e.g. data/documents/shgcw-2018-46.yml."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from .common import DataModel, Id, NonEmptyText, Text


def _numbered_from_one(values: list, what: str) -> list:
    numbers = [value.number for value in values]
    if numbers != list(range(1, len(values) + 1)):
        raise ValueError(f"{what} must be numbered 1, 2, 3, … in order; found {numbers}")
    return values


class Item(DataModel):
    """A numbered item of an article: (一), (二), … in the source."""

    number: int = Field(ge=1)
    title: Text  # the handbook's short title, not source text
    text: Text


class Article(DataModel):
    number: int = Field(ge=1)
    title: Text  # the handbook's short title, not source text
    text: Text
    items: list[Item] = []

    @field_validator("items")
    @classmethod
    def _items_in_order(cls, items: list[Item]) -> list[Item]:
        return _numbered_from_one(items, "items")

    @property
    def anchor(self) -> str:
        return f"art-{self.number}"

    def item_anchor(self, item: Item) -> str:
        return f"art-{self.number}-{item.number}"


class DocumentNumber(DataModel):
    zh: NonEmptyText  # as printed, e.g. 沪工程委〔2018〕46号
    en: NonEmptyText  # an English rendering, e.g. Hu Gong Cheng Wei [2018] No. 46

    def __getitem__(self, language: str) -> str:
        return getattr(self, language)


class Notice(DataModel):
    issuer: Text
    number: DocumentNumber
    title: Text
    addressees: Text
    body: list[Text] = Field(min_length=1)
    attachments: list[Text] = []
    signatory: Text
    date: datetime.date


class Rules(DataModel):
    label: Text  # printed above the title: 附件 / Attachment
    title: Text
    articles: list[Article] = Field(min_length=1)
    attachments: list[Text] = []

    @field_validator("articles")
    @classmethod
    def _articles_in_order(cls, articles: list[Article]) -> list[Article]:
        return _numbered_from_one(articles, "articles")


# A clause is an article's own text (art-N) or one numbered item (art-N-M); its anchor is the same
# in every version of a document.
ClauseAnchor = Annotated[str, StringConstraints(pattern=r"^art-[1-9][0-9]*(-[1-9][0-9]*)?$")]


class MadeBy(DataModel):
    """The notice that made a version: its number and date (and title, for an amending notice)."""

    number: DocumentNumber
    date: datetime.date
    title: Text | None = None


class AmendedClause(DataModel):
    """One clause a version changed, with its text as it stood in the version before.

    The document's `rules` hold the current text; each earlier version is the current text with
    the `before` texts of every later version put back. `before: null`: the version added the clause.
    """

    clause: ClauseAnchor
    before: Text | None


class Version(DataModel):
    effective: datetime.date  # the day this version took effect (its address: /regulation/<date>/)
    made_by: MadeBy | None = None  # the amending notice; left out for the first (made by `notice`)
    amended: list[AmendedClause] = []


class Document(DataModel):
    id: Id
    # The one document the handbook is built around: roles, duties, the calendar, the roster,
    # errata and onboarding cite its anchors. Exactly one document says so.
    main: bool = False
    # The day the English of this document and of the handbook's data was last reviewed against
    # the Chinese, clause by clause; every English page states it (macros/status.py).
    english_reviewed_on: datetime.date
    notice: Notice
    rules: Rules
    # Oldest first; the last is the current version, whose text is `rules`. The first is the
    # document as the notice issued it. Left out: one version, made by `notice` on its date.
    versions: list[Version] = []

    @field_validator("versions")
    @classmethod
    def _versions_in_order(cls, versions: list[Version]) -> list[Version]:
        dates = [version.effective for version in versions]
        if dates != sorted(set(dates)):
            raise ValueError("versions must be listed oldest first, one per effective date; found "
                             + ", ".join(date.isoformat() for date in dates))
        return versions

    def all_versions(self) -> list[Version]:
        """Every version, oldest first (one, made by the notice, when `versions` is left out)."""
        issued = MadeBy(number=self.notice.number, date=self.notice.date)
        if not self.versions:
            return [Version(effective=self.notice.date, made_by=issued)]
        first, *later = self.versions
        return [first.model_copy(update={"made_by": issued}), *later]

    def current_version(self) -> Version:
        return self.all_versions()[-1]

    def article(self, number: int) -> Article:
        return self.rules.articles[number - 1]

    def clauses(self) -> list[tuple[str, Article | Item]]:
        """Every article and item with its anchor, in document order."""
        found = []
        for article in self.rules.articles:
            found.append((article.anchor, article))
            found.extend((article.item_anchor(item), item) for item in article.items)
        return found

    def anchors(self) -> list[str]:
        """Every citable anchor, in document order: art-1, art-2, …, art-4-1, …"""
        found = []
        for article in self.rules.articles:
            found.append(article.anchor)
            found.extend(article.item_anchor(item) for item in article.items)
        return found
