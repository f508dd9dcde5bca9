"""The one way a hook reaches the project: its packages and its validated data.

MkDocs imports each hook by path with hooks/ on sys.path, so a hook starts with

    from _project import handbook_of

which puts the project's folder (the one with mkdocs.yml) on sys.path once, for `macros` and
`publishing`; `handbook_of(config)` loads and validates the build's data/ (cached by
macros.handbook) and turns a data mistake into MkDocs' one-line error, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))
# ProperDocs restores sys.path after loading each hook, so the folder added above is gone by the
# next hook (this module runs once): import the project's packages now, and their modules stay
# importable through them under either engine.
import macros  # noqa: E402,F401
import publishing  # noqa: E402,F401


# The command MkDocs was started with, as hooks/data_first.py's on_startup heard it. This module
# is imported once per process, where MkDocs loads the hooks again for every rebuild under
# `mkdocs serve` without calling on_startup again; None in a build started without a command.
_command = {"name": None}
WRITES_FILES = ("build", "gh-deploy")  # the commands after which the PDFs, Word and Excel files are written


def remember_command(command: str) -> None:
    _command["name"] = command


def writes_files() -> bool:
    """Whether this build writes the files made after the site (not under `mkdocs serve`)."""
    return _command["name"] in WRITES_FILES


def project_of(config) -> Path:
    """The folder of the build's mkdocs.yml (mkdocs.en.yml sits beside it)."""
    return Path(config.config_file_path).resolve().parent


def handbook_of(config):
    from macros.errors import HandbookDataError
    from macros.handbook import load_handbook

    try:
        return load_handbook(project_of(config) / "data")
    except HandbookDataError as error:  # one line, as the macros report it
        raise PluginError(str(error)) from None


def hidden_page(config, path: str, title: str, body: str, front_matter: str = ""):
    """A page a hook makes from data, kept out of the navigation. Material prints page titles
    into its templates unescaped (<title>, header, search), so the title, which comes from
    data, is escaped here, once for every such page."""
    import html
    import json

    from mkdocs.structure.files import File, InclusionLevel

    title = html.escape(title)
    content = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{front_matter}---\n\n{body}"
    return File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
