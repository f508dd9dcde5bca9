"""Under `mkdocs serve`, render a page with the theme's template only when something it shows
changed since an earlier rebuild: the rest take their HTML from .cache/pages/
(publishing/rendered_pages.py). A built site is always rendered afresh."""

from __future__ import annotations

import logging

import _project  # noqa: F401  (the project's packages on sys.path)

from publishing import rendered_pages

log = logging.getLogger("mkdocs.hooks.rendered_pages")
_build: dict[str, rendered_pages.RememberedPages] = {}


def on_startup(command, **kwargs) -> None:
    # Once per process, for the configuration loaded first; the rebuilds' configurations and the
    # English build (a forked copy of this process) see the setting in the module.
    rendered_pages.remember_under_serve = command == "serve"


def on_env(env, config, files):
    if rendered_pages.remember_under_serve:
        _build["pages"] = rendered_pages.RememberedPages()
        _build["pages"].wrap(env)
    return env


def on_post_build(config) -> None:
    pages = _build.pop("pages", None)
    if pages is not None:
        log.info("Pages: %d rendered by the theme, %d from the cache%s", pages.rendered, pages.remembered,
                 " (checked)" if pages.check else "")
        pages.prune()
