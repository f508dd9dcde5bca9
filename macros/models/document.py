"""A published document (a notice with its attached rules), e.g. data/documents/shgcw-2018-46.yml."""

from __future__ import annotations

import datetime

from pydantic import Field, field_validator

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
    short_title: Text  # how English citations name the rules: Implementation Rules
    articles: list[Article] = Field(min_length=1)
    attachments: list[Text] = []

    @field_validator("articles")
    @classmethod
    def _articles_in_order(cls, articles: list[Article]) -> list[Article]:
        return _numbered_from_one(articles, "articles")


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

    def article(self, number: int) -> Article:
        return self.rules.articles[number - 1]

    def anchors(self) -> list[str]:
        """Every citable anchor, in document order: art-1, art-2, …, art-4-1, …"""
        found = []
        for article in self.rules.articles:
            found.append(article.anchor)
            found.extend(article.item_anchor(item) for item in article.items)
        return found
