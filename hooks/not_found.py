"""Per language build: the words of the 404 page (overrides/404.html) in the build's language.

Material's own 404 page says "404 - Not found" in English on both sites and offers no way on;
the handbook's says it in the site's language, with links to the home page and to search.
"""

from __future__ import annotations

from _project import handbook_of

WORDS = ("title", "text", "home", "search")


def on_config(config, **kwargs):
    handbook = handbook_of(config)
    language = config.theme["language"]
    config.extra["handbook_not_found"] = {
        word: handbook.label(f"not-found-{word}", language) for word in WORDS}
    return config
