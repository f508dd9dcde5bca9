"""Per language build: the "last updated" line's values and the print stylesheet's running header.

on_config puts the source document's date, the last data change and the version into
config.extra.handbook_status (shown by overrides/partials/hb-status.html on every page);
on_post_build writes assets/stylesheets/print-running.css, the running header and footer of
printed pages, from the data in the build's language (publishing/steps/status.py).
"""

from __future__ import annotations

from _project import handbook_of, project_of

from macros.status import status
from publishing.steps.status import write_print_running_css



def on_config(config, **kwargs):
    project = project_of(config)
    handbook = handbook_of(config)
    language = config.theme["language"]
    config.extra["handbook_status"] = status(handbook, language, project, handbook.main_document)
    return config


def on_post_build(config, **kwargs) -> None:
    write_print_running_css(config.site_dir, handbook_of(config), config.theme["language"],
                            config.extra["handbook_status"])
