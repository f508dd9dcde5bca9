"""The handbook's one reach into mkdocs-macros' internals, behind a version guard.

mkdocs-macros 1.5.0 asks git twelve questions (twelve `git` processes, `mkdocs_macros.context.
get_git_info`) for its `git` page variable every time its plugin is configured: in each build,
in the English build beside it, and again at every rebuild under `mkdocs serve`, where they
stood between a saved edit and the page showing it. The handbook's pages do not use `git`;
`remember_git_info` keeps the first answer for the life of the process (a `mkdocs serve`
session, or a build and the English build forked from it).

mkdocs-macros also makes a new Jinja environment at every build and compiles every page's
Markdown with it as a template (`env.from_string`), though most pages are unchanged from the last
rebuild: `remember_compiled_pages` keeps each page's compiled code for the life of the process,
keyed by its source and by every setting of the environment that the compiled code depends on.

Both refuse another mkdocs-macros with one line, so an upgrade stops here: check that
`get_git_info` is still what `define_env` calls and that pages are still rendered with
`env.from_string`, then change MACROS_PLUGIN_VERSION.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from mkdocs.exceptions import PluginError

MACROS_PLUGIN_VERSION = "1.5.0"


def _check_version() -> None:
    try:
        installed = version("mkdocs-macros-plugin")
    except PackageNotFoundError:
        installed = "none"
    if installed != MACROS_PLUGIN_VERSION:
        raise PluginError(
            f"mkdocs-macros-plugin {installed} is installed, the handbook reaches into {MACROS_PLUGIN_VERSION}'s "
            "internals: check hooks/_macros_plugin.py, then update MACROS_PLUGIN_VERSION there")


def remember_git_info() -> None:
    _check_version()
    from mkdocs_macros import context

    if not hasattr(context.get_git_info, "cache_info"):  # once per process
        context.get_git_info = lru_cache(maxsize=1)(context.get_git_info)


# Compiled page templates: (environment settings, source) -> code, most recently used last.
_COMPILED_PAGES: OrderedDict[tuple, object] = OrderedDict()
_COMPILED_PAGES_KEPT = 512  # pages of both languages, with room for the versions edited under `mkdocs serve`


def _code_settings(environment) -> tuple:
    """What Jinja's compiled code depends on besides the source: the syntax, whitespace and
    escaping settings, the extensions, and the filter and test names checked while compiling."""
    return (
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, repr(environment.autoescape), environment.optimized,
        environment.finalize is not None, environment.undefined, environment.is_async,
        tuple(sorted(environment.extensions)), tuple(sorted(environment.filters)), tuple(sorted(environment.tests)),
    )


def remember_compiled_pages(config) -> None:
    """Compile each page's Markdown once per process in the macros plugin's environment of this
    build (call it once that environment exists: after the plugins' on_config)."""
    plugin = config.plugins.get("macros")
    if plugin is None:
        return
    _check_version()
    environment = plugin.env
    settings = _code_settings(environment)
    compile_anew = environment.compile

    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        if not isinstance(source, str) or name is not None or filename is not None or raw or defer_init:
            return compile_anew(source, name, filename, raw, defer_init)  # not from_string's call
        key = (settings, source)
        code = _COMPILED_PAGES.get(key)
        if code is None:
            code = compile_anew(source)
            _COMPILED_PAGES[key] = code
            if len(_COMPILED_PAGES) > _COMPILED_PAGES_KEPT:
                _COMPILED_PAGES.popitem(last=False)
        else:
            _COMPILED_PAGES.move_to_end(key)
        return code

    environment.compile = compile
