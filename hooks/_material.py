"""Every reach of the handbook into mkdocs-material's internals, behind one version guard.

The handbook relies on details of Material 9.8.1 that are not its public interface:

- hooks/search.py: the written index's form (search/search_index.json: `config.separator`,
  `docs`, to which publishing/steps/search_index.py adds `aliases`/`words`/`spellings` fields
  the worker searches) and two steps of the minified search worker, the query step (replaced)
  and the marking of each result's query terms found or missing (passed through the handbook's
  function), by `patch_search_worker` below (with hooks/search_query.js);
- hooks/intranet_only.py: the unpkg.com CDN addresses in the JavaScript bundle, rewritten by
  `keep_requests_local` below;
- hooks/search.py: the search plugin's module-level `jieba`, through which it segments Chinese,
  replaced by the handbook's remembering segmenter (`route_segmentation` below), and its
  `SearchIndex.add_entry_from_context`, wrapped to take a page's entries from the cache
  (`remember_search_entries` below);
- overrides/main.html: a copy of the theme's `site_meta` block (its generator line names
  `extra.material_version`, set here);
- overrides/partials/javascripts/base.html and assets/javascripts/material-scope.js: the
  theme's inline start-up script, as a file; overrides/partials/javascripts/content.html and
  assets/javascripts/material-content.js: its inline script after the content, as a file;
- overrides/partials/alternate.html (the language switch) and overrides/404.html: the theme's
  templates of the same name, rewritten.

`require_pinned_material` stops the build with one line when another Material is installed, so
an upgrade fails here, in one place, before any of the reaches above misbehaves: the first reach
(`route_segmentation`, when MkDocs imports hooks/search.py with the configuration) calls it, and
so does the first hook of each build (hooks/intranet_only.py). Check each reach, then change
MATERIAL_VERSION.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from mkdocs.exceptions import PluginError

MATERIAL_VERSION = "9.8.1"


def require_pinned_material(config=None) -> None:
    try:
        installed = version("mkdocs-material")
    except PackageNotFoundError:
        installed = "none"
    if installed != MATERIAL_VERSION:
        raise PluginError(
            f"mkdocs-material {installed} is installed, the handbook reaches into {MATERIAL_VERSION}'s "
            "internals: check each reach listed in hooks/_material.py, then update MATERIAL_VERSION there")
    if config is not None:
        config.extra["material_version"] = MATERIAL_VERSION  # overrides/main.html's generator line


# --- The search worker ------------------------------------------------------------------------

# The query step in Material 9.8.1's search worker (minified):
#   e=e.replace(new RegExp("\\p{sc=Han}+","gu"),s=>[...fe(s,this.index.invertedIndex)].join("* "))
WORKER_QUERY_STEP = re.compile(
    r'(\w+)=\1\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\),(\w+)=>'
    r'\[\.\.\.\w+\(\2,this\.index\.invertedIndex\)\]\.join\("\* "\)\)'
)

# Where it marks each query term found or not in a result (its `terms`: "Missing: …"):
#   let f=he(r,Object.keys(u.metadata))
WORKER_TERMS_STEP = re.compile(r"let (\w+)=(\w+)\((\w+),(Object\.keys\(\w+\.metadata\))\)")


def patch_search_worker(site_dir: str | Path, prelude: str) -> None:
    """Put `prelude` (code defining handbookQuery and handbookTerms) before the worker, call
    handbookQuery in place of Material's query step and pass each result's found-or-missing
    terms through handbookTerms. The build stops if a step is not where it was."""
    workers = sorted(Path(site_dir).glob("assets/javascripts/workers/search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"search: expected one Material search worker, found {len(workers)}")
    worker = workers[0]
    code = worker.read_text(encoding="utf-8")
    if "handbookQuery" in code:  # already patched (mkdocs serve rebuilds into the same folder)
        return
    code, count = WORKER_QUERY_STEP.subn(r"\1=handbookQuery(\1,this.index)", code)
    code, terms_count = WORKER_TERMS_STEP.subn(r"let \1=handbookTerms(\2(\3,\4),\4)", code)
    for step, found in (("query step", count), ("terms step", terms_count)):
        if found != 1:
            raise PluginError(
                f"search: the {step} of {worker.name} has changed (Material upgraded?); update "
                f"WORKER_{step.split()[0].upper()}_STEP in hooks/_material.py and check hooks/search_query.js"
            )
    worker.write_text(prelude + "\n" + code, encoding="utf-8")


# --- Chinese segmentation ---------------------------------------------------------------------

def route_segmentation(segmenter) -> None:
    """Material's search plugin cuts Chinese with its module's `jieba` (set_dictionary,
    load_userdict in on_config; cut per section): hand it `segmenter` instead. The first reach
    of a build (at the import of hooks/search.py): the version guard comes first."""
    require_pinned_material()
    from material.plugins.search import plugin

    if getattr(plugin, "jieba", None) is None:
        raise PluginError("search: Material's search plugin no longer segments through its module's "
                          "`jieba` (Material upgraded?); update route_segmentation in hooks/_material.py")
    plugin.jieba = segmenter


def remember_search_entries(config, read, write, *key_parts: str) -> dict[str, int]:
    """Material indexes each page by parsing its HTML (SearchIndex.add_entry_from_context,
    which appends the page's entries): take them from `read(key)` when a page with the same
    HTML, table of contents, address, title and search settings was indexed before, else index
    it and `write(key, entries)`. `key_parts`: whatever else decides the entries (the
    segmenter's dictionary). Returns counts of pages indexed and taken, updated as pages come."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return {}
    index = search.search_index
    index_page = index.add_entry_from_context
    counts = {"indexed": 0, "from the cache": 0}

    def toc(items) -> list:
        return [[item.id, item.title, toc(item.children)] for item in items]

    def add_entry_from_context(page) -> None:
        key = hashlib.sha256(json.dumps([
            MATERIAL_VERSION, *key_parts, page.url, page.title, page.content, toc(page.toc),
            page.meta.get("title"), page.meta.get("search"), page.meta.get("tags"),
        ], ensure_ascii=False, default=str).encode("utf-8")).hexdigest()
        entries = read(key)
        if entries is not None:
            index.entries.extend(entries)
            counts["from the cache"] += 1
            return
        before = len(index.entries)
        index_page(page)
        write(key, index.entries[before:])
        counts["indexed"] += 1

    index.add_entry_from_context = add_entry_from_context
    return counts


# --- The CDN addresses in the bundle ------------------------------------------------------------

CDN_PREFIX = "https://unpkg.com/"
LOCAL_PREFIX = "./unavailable-offline/"  # resolved against the bundle's own URL; not shipped


def keep_requests_local(site_dir: str | Path) -> None:
    for bundle in Path(site_dir).glob("assets/javascripts/bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        if CDN_PREFIX in text:
            bundle.write_text(text.replace(CDN_PREFIX, LOCAL_PREFIX), encoding="utf-8")
