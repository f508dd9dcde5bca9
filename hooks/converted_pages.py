"""Convert a page's Markdown to HTML only when it changed since an earlier build: the rest take
their HTML from .cache/html/ (publishing/converted_pages.py); of a page cut in parts (the
regulation, side by side), only the parts that changed."""

from __future__ import annotations

import logging

import _project  # noqa: F401  (the project's packages on sys.path)
from mkdocs.structure.toc import get_toc

from publishing.converted_pages import RememberedConversions

log = logging.getLogger("mkdocs.hooks.converted_pages")
_build: dict[str, RememberedConversions] = {}


def on_pre_build(config) -> None:
    _build["conversions"] = RememberedConversions(get_toc)


def on_pre_page(page, config, files):
    _build["conversions"].wrap(page)
    return page


def on_post_build(config) -> None:
    conversions = _build.pop("conversions")
    parts = ""
    if conversions.converted_parts or conversions.remembered_parts:
        parts = (f" (of the pages cut in parts: {conversions.converted_parts} parts converted, "
                 f"{conversions.remembered_parts} from the cache)")
    log.info("Pages: %d converted from Markdown, %d from the cache%s", conversions.converted,
             conversions.remembered, parts)
    conversions.prune()
