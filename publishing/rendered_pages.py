"""The theme's page template, remembered under `mkdocs serve`: a page whose every input to the
template is what it was at an earlier rebuild takes the HTML the template gave then, from
.cache/pages/ (macros/cache_folders.py), instead of being rendered by Material's templates again
(about 0.2 s a language at each rebuild; a data edit usually changes two or three pages' HTML).

The key hashes all that the template can read (MkDocs' page context): the page's HTML, table of
contents, metadata, title, addresses and neighbours; the whole navigation (every title, address
and metadata); every setting of the configuration but the folder written into, plugins'
settings included (`extra`, where hooks put what the pages' status line and feed links show,
among them); the theme's settings and the files of its folders outside installed packages
(overrides/); the template's name and the versions of the engine and the theme. A value with
no stable description (an object shown by its address) makes the page uncacheable: it is
rendered, never guessed at.

Only under `mkdocs serve` (`remember_under_serve`): a built site is always rendered afresh. With
HANDBOOK_CHECK_REMEMBERED_PAGES=1 (the serve tests set it) every page is rendered anyway and a
remembered page that differs stops the build. Entries are removed once unused for
caches.LIFETIME_DAYS; deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import sysconfig
from collections.abc import Mapping
from pathlib import Path

from macros.cache_folders import cache_folder
from publishing import caches

CHECK_ENVIRONMENT = "HANDBOOK_CHECK_REMEMBERED_PAGES"
# What MkDocs puts into a page's context (mkdocs.commands.build.get_context), described one by
# one in the key, but for two the theme never shows: the build date and `pages` (the site's files;
# their titles and addresses are in the navigation). A page that did show them would fail the check.
CONTEXT_KEYS = {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
                "build_date_utc", "config", "page"}
_INSTALLED = tuple(os.path.realpath(sysconfig.get_path(key)) + os.sep for key in ("purelib", "platlib"))

remember_under_serve = False  # set by hooks/rendered_pages.py at the start of `mkdocs serve`


class Uncacheable(Exception):
    """A value of the context has no stable description."""


def describe(value, depth: int = 0):
    """A JSON-able description of a context value that is equal exactly when the value is."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if depth > 40:
        raise Uncacheable("nested too deep")
    kind = type(value).__name__
    if kind == "Theme":
        return {"theme": value.name, "dirs": list(value.dirs),
                "settings": describe(dict(value.items()), depth + 1), "folders": _theme_files(value.dirs)}
    if kind == "PluginCollection":  # a mapping of plugin objects: their kinds and settings
        return [[name, f"{type(plugin).__module__}.{type(plugin).__qualname__}",
                 describe(getattr(plugin, "config", None), depth + 1)] for name, plugin in value.items()]
    if isinstance(value, Mapping):
        return [[str(key), describe(item, depth + 1)] for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))]
    if isinstance(value, (list, tuple)):
        return [describe(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((describe(item, depth + 1) for item in value), key=repr)
    shown = repr(value)
    if " at 0x" in shown:
        raise Uncacheable(f"{type(value).__qualname__} has no stable description")
    return f"{type(value).__module__}.{type(value).__qualname__}: {shown}"


def _theme_files(folders) -> list:
    """The files of the theme's folders that are not an installed package's (overrides/), with
    their content: an edited override changes the pages."""
    found = []
    for folder in folders:
        if os.path.realpath(folder).startswith(_INSTALLED):
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                found.append([path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()])
    return found


def _navigation(items) -> list:
    return [{"kind": type(item).__name__, "title": item.title, "url": getattr(item, "url", None),
             "file": item.file.src_uri if getattr(item, "file", None) else None,
             "meta": describe(getattr(item, "meta", None)),
             "children": _navigation(item.children or []) if getattr(item, "children", None) else None}
            for item in items]


def _contents(toc) -> list:
    return [{"title": entry.title, "id": entry.id, "url": entry.url, "level": entry.level,
             "children": _contents(entry.children)} for entry in toc]


def _neighbour(page) -> list | None:
    return None if page is None else [page.title, page.url, page.file.src_uri]


class RememberedPages:
    """One build's page templates: `wrap(env)` makes the environment's templates render a page
    only when it was not rendered before under the same key."""

    def __init__(self, folder: Path | None = None, check: bool | None = None) -> None:
        self.folder = folder if folder is not None else cache_folder("pages")
        self.check = os.environ.get(CHECK_ENVIRONMENT, "") not in ("", "0") if check is None else check
        self.rendered = 0
        self.remembered = 0
        self._shared: dict[int, str] = {}  # id(nav) -> the digest of what all pages share

    def wrap(self, env) -> None:
        get_template = env.get_template
        remembered = self

        class Remembering:
            def __init__(self, template) -> None:
                self.template = template

            def render(self, *args, **kwargs):
                return remembered.render(self.template, *args, **kwargs)

            def __getattr__(self, name):
                return getattr(self.template, name)

        env.get_template = lambda *args, **kwargs: Remembering(get_template(*args, **kwargs))

    def _shared_digest(self, context) -> str:
        nav = context["nav"]
        digest = self._shared.get(id(nav))
        if digest is None:
            # Every setting but the folder written into, which no template shows (under `mkdocs
            # serve` an English rebuild writes into another folder than the first build did)
            settings = {name: value for name, value in context["config"].items() if name != "site_dir"}
            shared = {"versions": caches.installed_versions("mkdocs", "properdocs", "mkdocs-material", "jinja2"),
                      "config": describe(settings), "navigation": _navigation(nav.items)}
            digest = hashlib.sha256(json.dumps(shared, ensure_ascii=False).encode("utf-8")).hexdigest()
            self._shared = {id(nav): digest}
        return digest

    def key(self, template, context) -> str:
        page = context["page"]
        described = {
            "shared": self._shared_digest(context),
            "template": template.name,
            "context": {name: describe(value) for name, value in context.items()
                        if name not in CONTEXT_KEYS},
            "base_url": context["base_url"],
            "css": describe(context["extra_css"]),
            "javascript": [str(script) for script in context["extra_javascript"]],
            "content": page.content,
            "toc": _contents(page.toc),
            "meta": describe(page.meta),
            "title": page.title,
            "url": page.url,
            "canonical_url": page.canonical_url,
            "abs_url": page.abs_url,
            "edit_url": page.edit_url,
            "file": [page.file.src_uri, page.file.dest_uri],
            "is_homepage": page.is_homepage,
            "previous": _neighbour(page.previous_page),
            "next": _neighbour(page.next_page),
            "ancestors": [[ancestor.title, getattr(ancestor, "url", None)] for ancestor in page.ancestors],
        }
        return hashlib.sha256(json.dumps(described, ensure_ascii=False).encode("utf-8")).hexdigest()

    def render(self, template, *args, **kwargs) -> str:
        context = args[0] if len(args) == 1 and not kwargs else None
        if not isinstance(context, Mapping) or context.get("page") is None or "nav" not in context:
            return template.render(*args, **kwargs)
        try:
            key = self.key(template, context)
        except Uncacheable:
            self.rendered += 1
            return template.render(context)
        kept = self._read(key)
        if kept is not None and not self.check:
            self.remembered += 1
            return kept
        output = template.render(context)
        if kept is not None:  # checking
            if kept != output:
                raise RuntimeError(f"/{context['page'].url}: the remembered page differs from the page rendered now")
            self.remembered += 1
            return output
        self.rendered += 1
        self._write(key, output)
        return output

    # Kept as the HTML itself (JSON's escaping of a page's quotes cost more than the rest of a hit)
    def _read(self, key: str) -> str | None:
        entry = self.folder / f"{key}.html"
        try:
            html = entry.read_bytes().decode("utf-8", "surrogatepass")
            os.utime(entry)  # used: kept from pruning
        except OSError:
            return None
        return html

    def _write(self, key: str, html: str) -> None:
        entry = self.folder / f"{key}.html"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = entry.with_name(f"{entry.name}.{os.getpid()}.writing")
            partial.write_bytes(html.encode("utf-8", "surrogatepass"))
            os.replace(partial, entry)  # never half read
        except OSError:  # a read-only project still serves
            pass

    def prune(self) -> None:
        caches.prune_now_and_then(self.folder, "*.html", "*.writing")
