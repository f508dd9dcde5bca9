"""The handbook's one reach into mkdocs-macros' internals, behind a version guard.

mkdocs-macros 1.5.0 asks git twelve questions (twelve `git` processes, `mkdocs_macros.context.
get_git_info`) for its `git` page variable every time its plugin is configured: in each build,
in the English build beside it, and again at every rebuild under `mkdocs serve`, where they
stood between a saved edit and the page showing it. The handbook's pages do not use `git`;
`remember_git_info` keeps the first answer for the life of the process (a `mkdocs serve`
session, or a build and the English build forked from it).

`remember_git_info` refuses another mkdocs-macros with one line, so an upgrade stops here:
check that `get_git_info` is still what `define_env` calls, then change MACROS_PLUGIN_VERSION.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from mkdocs.exceptions import PluginError

MACROS_PLUGIN_VERSION = "1.5.0"


def remember_git_info() -> None:
    try:
        installed = version("mkdocs-macros-plugin")
    except PackageNotFoundError:
        installed = "none"
    if installed != MACROS_PLUGIN_VERSION:
        raise PluginError(
            f"mkdocs-macros-plugin {installed} is installed, the handbook reaches into {MACROS_PLUGIN_VERSION}'s "
            "internals: check hooks/_macros_plugin.py, then update MACROS_PLUGIN_VERSION there")
    from mkdocs_macros import context

    if not hasattr(context.get_git_info, "cache_info"):  # once per process
        context.get_git_info = lru_cache(maxsize=1)(context.get_git_info)
