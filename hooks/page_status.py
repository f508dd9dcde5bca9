"""Per language build: the "last updated" line's values and the print stylesheet's running header.

on_config puts the source document's date, the last data change and the version into
config.extra.handbook_status (shown by overrides/partials/hb-status.html on every page);
on_files adds assets/stylesheets/print-running.css, the running header and footer of printed
pages, written from the data in the build's language (macros/status.py).
"""

from __future__ import annotations

from _project import handbook_of, project_of
from mkdocs.structure.files import File

from macros.status import print_running_css, status

RUNNING_CSS = "assets/stylesheets/print-running.css"
_handbook = handbook_of
_project = project_of


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
