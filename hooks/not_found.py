"""Per language build: the words of the 404 page (overrides/404.html) in the build's language.

Material's own 404 page says "404 - Not found" in English on both sites and offers no way on;
the handbook's says it in the site's language, with links to the home page and to search.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # hooks are imported by path; the project's packages are beside them
    sys.path.insert(0, str(PROJECT))

from macros.errors import HandbookDataError  # noqa: E402
from macros.handbook import load_handbook  # noqa: E402

WORDS = ("title", "text", "home", "search")


def on_config(config, **kwargs):
    try:
        handbook = load_handbook(Path(config.config_file_path).resolve().parent / "data")
    except HandbookDataError as error:  # one line, as the macros report it
        raise PluginError(str(error)) from None
    language = config.theme["language"]
    config.extra["handbook_not_found"] = {
        word: handbook.label(f"not-found-{word}", language) for word in WORDS}
    return config
