"""Markdown to HTML, remembered: a page whose Markdown (after the macros) and surroundings are
what they were at an earlier build takes its HTML, table of contents, title and anchors from
.cache/html/ (macros/cache_folders.py) instead of being converted by Python-Markdown again (about half a second a language).

The key hashes everything MkDocs' conversion (`Page.render`) reads: the page's Markdown, its
file's place (source, destination, URL), every file of the site with its URL (the links it
resolves), the Markdown extensions and their settings, and the versions of the engine, of
Python-Markdown and of pymdown-extensions. A conversion that logged anything (a link warning,
say) is not kept, so every build says it again. Entries are removed once unused for
caches.LIFETIME_DAYS; deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from macros.cache_folders import cache_folder
from publishing import caches

# Where the engine and Python-Markdown report problems during a conversion.
CONVERSION_LOGGERS = ("mkdocs", "properdocs", "MARKDOWN")


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
        self._shared: str | None = None

    def wrap(self, page) -> None:
        convert = page.render  # the engine's own

        def render(config, files) -> None:
            if self._shared is None:
                self._shared = site_digest(config, files) or ""
            if not self._shared:
                self.converted += 1
                return convert(config, files)
            key = hashlib.sha256("\0".join((
                self._shared, type(page).__module__, page.file.src_uri, page.file.dest_uri,
                page.file.url, page.markdown)).encode("utf-8")).hexdigest()
            kept = caches.read_json(self.folder, key)
            if kept is not None:
                _restore(page, kept, files, self.make_toc)
                self.remembered += 1
                return
            logged = _Logged()
            loggers = [logging.getLogger(name) for name in CONVERSION_LOGGERS]
            for logger in loggers:
                logger.addHandler(logged)
            try:
                convert(config, files)
            finally:
                for logger in loggers:
                    logger.removeHandler(logged)
            self.converted += 1
            if logged.count == 0:
                caches.write_json(self.folder, key, _kept(page))

        page.render = render

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
