"""Running search queries through the real search box of a built site (Playwright, Chromium).

Shared by tests/test_search.py and bench/search.py (here, in the product, so that bench/ never
imports tests/). The query set is tests/search_queries.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "search_queries.yml"
TOP = 3  # a query passes when a target is among the first TOP results


class Query(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str = Field(min_length=1)
    expect: tuple[str, ...] = Field(min_length=1)

    @field_validator("expect", mode="before")
    @classmethod
    def _one_or_more(cls, value):
        return [value] if isinstance(value, str) else value


class QuerySet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: list[Query] = Field(min_length=1)
    en: list[Query] = Field(min_length=1)


def load_queries(path: Path = QUERIES) -> QuerySet:
    return QuerySet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass
class Outcome:
    query: Query
    results: list[str]  # result targets in the order shown, "regulation/#art-4-2"
    rank: int | None  # 1-based rank of the first expected target, None if not shown

    @property
    def top1(self) -> bool:
        return self.rank == 1

    @property
    def top3(self) -> bool:
        return self.rank is not None and self.rank <= TOP


def target(href: str, language_root: str) -> str:
    """A result link as a target: path below the language root plus anchor, in
    directory-URL form ('regulation.html#art-4' from an offline build is 'regulation/#art-4')."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    root = urlsplit(language_root).path
    path = path[len(root):] if path.startswith(root) else path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def matches(expected: str, result: str) -> bool:
    if "#" in expected:
        return result == expected
    return result.split("#")[0] == expected


# Reads the results as shown: groups in order, inside each the page's own link and then its
# sections (those folded under "more on this page" last). A page link that only heads its
# sections (score 0: the page itself did not match) is not counted as a result.
_READ_RESULTS = """() => [...document.querySelectorAll('.md-search-result__list a.md-search-result__link')]
  .filter(a => a.querySelector('article').dataset.mdScore !== '0.00')
  .map(a => a.href)"""
_META = ".md-search-result__meta"


def open_search(page, url: str) -> str:
    """Open a page and its search box and wait until search is ready; returns the text the
    box shows before anything is typed ("type to start searching" in the page's language)."""
    page.goto(url)
    placeholder = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent)"
        ".translations['search.result.placeholder']")
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # a phone-width header shows a search button that opens the box
        toggle.click()
    page.locator("input.md-search__input").click()
    page.wait_for_function(f"p => document.querySelector('{_META}').textContent.trim() === p",
                           arg=placeholder)
    return placeholder


def search(page, query: str, placeholder: str) -> list[str]:
    """Type a query as a user does (fill, then a key press: Material reads key events) and
    return the result links in the order shown."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(f"p => document.querySelector('{_META}').textContent.trim() === p",
                           arg=placeholder)
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        f"p => {{ const t = document.querySelector('{_META}').textContent.trim();"
        " return t.length > 0 && t !== p; }", arg=placeholder)
    return page.evaluate(_READ_RESULTS)


def run_queries(page, language_root: str, queries: list[Query]) -> list[Outcome]:
    """Every query through the search box of the page at `language_root`."""
    placeholder = open_search(page, language_root)
    outcomes = []
    for query in queries:
        results = [target(href, language_root) for href in search(page, query.q, placeholder)]
        rank = next((i + 1 for i, result in enumerate(results)
                     if any(matches(e, result) for e in query.expect)), None)
        outcomes.append(Outcome(query, results, rank))
    return outcomes


def hit_rate(outcomes: list[Outcome], top: int = TOP) -> float:
    hits = [o for o in outcomes if o.rank is not None and o.rank <= top]
    return len(hits) / len(outcomes)
