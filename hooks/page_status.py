"""Per language build: the "last updated" line's values and the print stylesheet's running header.

on_config puts the source document's date, the last data change and the version into
config.extra.handbook_status (shown by overrides/partials/hb-status.html on every page);
on_files adds assets/stylesheets/print-running.css, the running header and footer of printed
pages, written from the data in the build's language (macros/status.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # hooks are imported by path; the project's packages are beside them
    sys.path.insert(0, str(PROJECT))

from macros.errors import HandbookDataError  # noqa: E402
from macros.handbook import load_handbook  # noqa: E402
from macros.status import print_running_css, status  # noqa: E402

RUNNING_CSS = "assets/stylesheets/print-running.css"


def _project(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _handbook(config):
    try:
        return load_handbook(_project(config) / "data")
    except HandbookDataError as error:  # one line, as the macros report it
        raise PluginError(str(error)) from None


def on_config(config, **kwargs):
    project = _project(config)
    handbook = _handbook(config)
    language = config.theme["language"]
    config.extra["handbook_status"] = status(handbook, language, project, handbook.main_document)
    return config


def on_files(files, config, **kwargs):
    handbook = _handbook(config)
    css = print_running_css(handbook, config.theme["language"], handbook.main_document,
                            config.extra["handbook_status"])
    files.append(File.generated(config, RUNNING_CSS, content=css))
    return files
