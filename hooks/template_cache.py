"""Compile the theme's templates once, not once per language build and process; list the
installed theme's files once per process.

Each language is its own MkDocs build (hooks/build_english.py) and MkDocs makes a new Jinja
environment for every build, so Material's ~80 templates were compiled twice per `mkdocs build`,
and twice again on every rebuild under `mkdocs serve` (bench/results.md, "Profile"). The theme's
environment now shares the handbook's cache of compiled templates (macros/rendering.py
CompiledTemplates): in memory for the life of the process, so every later rebuild reuses it, and
in .cache/jinja/ for the next process, so the next build and the English build's copy (forked
before either language has rendered a page) do too. Jinja stores each template's source checksum
with its code: an edited template (e.g. in overrides/) no longer matches and is compiled afresh.

Before every build MkDocs also lists every file of the theme's folders to find its static
files (Files.add_files_from_theme, the only caller of the listing), and matches each name against
a dozen patterns: Material's folders hold about 14,500 files, nearly all icons under `.icons/`,
which those patterns leave out (hidden names). Here the listing leaves hidden names out itself,
and the listing of installed packages' folders, which do not change while the process runs, is
kept for the life of the process; overrides/ and any other folder of the project are listed
afresh every time, so a file added there under `mkdocs serve` is picked up. The theme files a
build copies are the same.

The pages' own Markdown, which mkdocs-macros compiles as a template at every build, is compiled
once per process too (hooks/_macros_plugin.py `remember_compiled_pages`).
"""

from __future__ import annotations

import os
import sysconfig

from jinja2 import FileSystemLoader
from mkdocs.plugins import event_priority

import _project  # noqa: F401  (makes the project's packages importable)
from _macros_plugin import remember_compiled_pages
from macros import names
from macros.rendering import COMPILED, COMPILED_TEMPLATE_FILES, COMPILED_TEMPLATES
from publishing import caches


# Folders whose content only changes when a package is installed: site-packages and the like.
_INSTALLED = tuple({os.path.realpath(sysconfig.get_path(key)) for key in ("purelib", "platlib")})
_LISTINGS: dict[str, list[str]] = {}  # installed folder -> its templates, for the life of the process


def _installed(folder: str) -> bool:
    return os.path.realpath(folder).startswith(tuple(root + os.sep for root in _INSTALLED))


def _hidden(name: str) -> bool:
    """A name MkDocs never takes as a theme file (its patterns '.*' and '*/.*')."""
    return name.startswith(".") or "/." in name


class ListingCacheLoader(FileSystemLoader):
    """Jinja's FileSystemLoader whose listing leaves hidden names out and is kept per process
    for installed folders. Loading a template by name is Jinja's own, hidden or not."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            listing = _LISTINGS.get(folder)
            if listing is None:
                listing = [name for name in FileSystemLoader(folder, self.encoding, self.followlinks).list_templates()
                           if not _hidden(name)]
                if _installed(folder):
                    _LISTINGS[folder] = listing
            found.update(listing)
        return sorted(found)


# Before Material's search plugin configures itself: it compiles the theme's language templates
# in an environment of its own from Theme.get_env at every build (about 0.03 s).
@event_priority(80)
def on_config(config):
    # MkDocs makes the theme's environment (Theme.get_env) at the start of each build and lists
    # the theme's files through its loader before any later event; swap the loader there. Every
    # environment of the theme shares the handbook's compiled templates (macros/rendering.py).
    theme = config.theme
    make_env = type(theme).get_env

    def get_env():
        env = make_env(theme)
        env.bytecode_cache = COMPILED
        loader = env.loader
        env.loader = ListingCacheLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = get_env
    return config


def on_pre_build(config):
    # After every plugin's on_config, where mkdocs-macros makes this build's environment.
    remember_compiled_pages(config)


def on_post_build(config):
    # The two caches the pages' rendering keeps in .cache/ go as the others do (publishing/caches.py):
    # entries unused for 30 days (every copy of the project a test builds adds its own compiled
    # templates), at most every ten minutes.
    caches.prune_now_and_then(COMPILED_TEMPLATES, *COMPILED_TEMPLATE_FILES)
    caches.prune_now_and_then(names.store_folder(), *names.NAME_FILES)
