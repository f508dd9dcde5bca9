"""Markdown to HTML, remembered: a page whose Markdown (after the macros) and surroundings are
what they were at an earlier build takes its HTML, table of contents, title and anchors from
.cache/html/ (macros/cache_folders.py) instead of being converted by Python-Markdown again (about half a second a language).

The key hashes everything MkDocs' conversion (`Page.render`) reads: the page's Markdown, its
file's place (source, destination, URL), every file of the site with its URL (the links it
resolves), the Markdown extensions and their settings, and the versions of the engine, of
Python-Markdown and of pymdown-extensions. A conversion that logged anything (a link warning,
say) is not kept, so every build says it again. Entries are removed once unused for
caches.LIFETIME_DAYS; deleting the folder is always safe.

A page its template marks with cut lines (macros/rendering.PAGE_CUT: between the articles of
the Rules) is converted part by part when it is not remembered whole, and each part is
remembered by itself: an edit of one article converts that article's part again, not the whole
page (under `mkdocs serve`, a title edit converted the two largest pages of each language). The
parts give what the whole gives as long as they are cut between top-level blocks and no id is in
two of them (a heading's generated id would then differ: the page is converted whole instead).
HANDBOOK_CHECK_CUT_PAGES=1 converts each cut page whole as well and stops the build where the
two differ (the tests' build runs with it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path

from markdown.extensions.toc import nest_toc_tokens

from macros.cache_folders import cache_folder
from macros.rendering import PAGE_CUT
from publishing import caches

# Where the engine and Python-Markdown report problems during a conversion.
CONVERSION_LOGGERS = ("mkdocs", "properdocs", "MARKDOWN")
CUT_LINE = "\n" + PAGE_CUT + "\n"
# Put after each part: Python-Markdown strips its output, but what ends a part in the whole page
# (one line break after a Markdown block, two after raw HTML) is what the part's HTML gives
# before this comment, which Python-Markdown passes through as it is.
PART_END = "<!-- hb:part-end -->"
_ID = re.compile(r'\sid="([^"]*)"')


class CutPageDiffers(RuntimeError):
    """HANDBOOK_CHECK_CUT_PAGES=1: a page converted part by part is not what it is converted whole."""


def site_digest(config, files) -> str | None:
    """What every page's conversion shares: the settings and the site's files. None when the
    extensions are not all named (an extension object has no stable description)."""
    extensions = list(config["markdown_extensions"])
    if not all(isinstance(extension, str) for extension in extensions):
        return None
    shared = {
        "versions": caches.installed_versions("mkdocs", "properdocs", "markdown", "pymdown-extensions"),
        "extensions": extensions,
        "settings": config["mdx_configs"] or {},
        "directory urls": bool(config["use_directory_urls"]),
        "files": sorted((file.src_uri, file.dest_uri, file.url, str(file.inclusion)) for file in files),
    }
    return hashlib.sha256(json.dumps(shared, ensure_ascii=False, sort_keys=True, default=repr)
                          .encode("utf-8")).hexdigest()


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


class RememberedConversions:
    """One build's conversions: `wrap(page)` gives the page a stand-in for its
    `render(config, files)` that converts only what was not converted before under the same key."""

    def __init__(self, make_toc, folder: Path | None = None) -> None:
        self.make_toc = make_toc  # the engine's get_toc: a table of contents from the toc tokens
        self.folder = folder if folder is not None else cache_folder("html")
        self.converted = 0
        self.remembered = 0
        self.converted_parts = 0  # of pages cut in parts (PAGE_CUT), converted part by part
        self.remembered_parts = 0
        self._shared: str | None = None

    def wrap(self, page) -> None:
        convert = page.render  # the engine's own

        def render(config, files) -> None:
            parts = page.markdown.split(CUT_LINE)
            page.markdown = "\n".join(parts)  # a cut line only says where to cut: never converted
            if self._shared is None:
                self._shared = site_digest(config, files) or ""
            if not self._shared:
                self.converted += 1
                return convert(config, files)
            key = self._key(page, "page", page.markdown)
            kept = caches.read_json(self.folder, key)
            if kept is not None:
                _restore(page, kept, files, self.make_toc)
                self.remembered += 1
                return
            self.converted += 1
            whole = self._in_parts(page, parts, convert, config, files) if len(parts) > 1 else None
            if whole is None:
                whole = self._converted(page, convert, config, files)
            elif os.environ.get("HANDBOOK_CHECK_CUT_PAGES"):
                _check_parts(page, whole, self._converted(page, convert, config, files))
            _restore(page, whole, files, self.make_toc)
            if not whole.pop("logged", False):
                caches.write_json(self.folder, key, whole)

        page.render = render

    def _key(self, page, kind: str, markdown: str) -> str:
        return hashlib.sha256("\0".join((
            self._shared, kind, type(page).__module__, page.file.src_uri, page.file.dest_uri,
            page.file.url, markdown)).encode("utf-8")).hexdigest()

    def _converted(self, page, convert, config, files) -> dict:
        """The engine's conversion of `page.markdown`, as kept in the cache (with `logged`: whether
        it logged anything)."""
        logged = _Logged()
        loggers = [logging.getLogger(name) for name in CONVERSION_LOGGERS]
        for logger in loggers:
            logger.addHandler(logged)
        try:
            convert(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(logged)
        return {**_kept(page), "logged": logged.count > 0}

    def _in_parts(self, page, parts: list[str], convert, config, files) -> dict | None:
        """The page converted part by part, each part from the cache when it was converted
        before; None when an id is in two parts or a part's end is not its own (the page is then
        converted whole)."""
        markdown, converted = page.markdown, []
        try:
            for part in parts:
                key = self._key(page, "part", part)
                kept = caches.read_json(self.folder, key)
                if kept is None:
                    page.markdown = f"{part}\n\n{PART_END}\n"
                    kept = self._converted(page, convert, config, files)
                    if not kept["content"].endswith(PART_END):
                        return None
                    kept["content"] = kept["content"][:-len(PART_END)]
                    if not kept["logged"]:
                        caches.write_json(self.folder, key, kept)
                    self.converted_parts += 1
                else:
                    self.remembered_parts += 1
                converted.append(kept)
        finally:
            page.markdown = markdown
        return _joined(converted)

    def prune(self) -> None:
        caches.prune_json(self.folder)


def _toc_tokens(items) -> list[dict]:
    return [{"level": item.level, "id": item.id, "name": item.title, "children": _toc_tokens(item.children)}
            for item in items]


def _kept(page) -> dict:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": _toc_tokens(page.toc),
        "title": page._title_from_render,  # the first heading's text (Page.title reads it)
        "anchors": sorted(page.present_anchor_ids or ()),
        "links to anchors": None if links is None else {
            file.src_uri: anchors for file, anchors in links.items()},
    }


def _restore(page, kept: dict, files, make_toc) -> None:
    page.content = kept["content"]
    page.toc = make_toc(kept["toc"])
    page._title_from_render = kept["title"]
    page.present_anchor_ids = set(kept["anchors"])
    links = kept["links to anchors"]
    if links is not None:
        page.links_to_anchors = {files.get_file_from_path(src_uri): anchors for src_uri, anchors in links.items()}


def _flat_toc(tokens: list[dict]) -> list[dict]:
    return [entry for token in tokens for entry in (
        [{"level": token["level"], "id": token["id"], "name": token["name"]}, *_flat_toc(token["children"])])]


def _joined(parts: list[dict]) -> dict | None:
    """One page's conversion from its parts' (in order): the HTML, each part's with what ends it
    in the whole page (PART_END), the headings nested again as one list, the anchors and links together.
    None when an id is in two parts: a heading without an id of its own would have been given
    another one in the whole page (Python-Markdown's toc avoids the ids present)."""
    seen: set[str] = set()
    for part in parts:
        ids = set(_ID.findall(part["content"]))
        if ids & seen:
            return None
        seen |= ids
    links: dict[str, dict[str, str]] | None = None
    for part in parts:
        if part["links to anchors"] is not None:
            links = links if links is not None else {}
            for src_uri, anchors in part["links to anchors"].items():
                links.setdefault(src_uri, {}).update(anchors)
    return {
        "content": "".join(part["content"] for part in parts).strip(),  # stripped as Python-Markdown does
        "toc": nest_toc_tokens([entry for part in parts for entry in _flat_toc(part["toc"])]),
        "title": parts[0]["title"],
        "anchors": sorted(set().union(*(part["anchors"] for part in parts))),
        "links to anchors": links,
        "logged": any(part["logged"] for part in parts),
    }


def _check_parts(page, in_parts: dict, whole: dict) -> None:
    for field in ("content", "toc", "title", "anchors", "links to anchors"):
        if in_parts[field] != whole[field]:
            raise CutPageDiffers(f"{page.file.src_uri}: its {field} converted part by part differs from "
                                 f"the page converted whole (macros/rendering.PAGE_CUT must stand between "
                                 f"top-level blocks)")
