"""Check the data before anything else, so a data mistake stops the build at once.

Its `on_config` runs before every other plugin's (priority 100): before Material's search loads
jieba's dictionary (about a second) and before the macros start. The validated handbook stays
cached (macros.handbook), so the hooks and macros that read it later do not load it again.
It also sets up, before the macros plugin is configured, that its git questions are asked once
per process (hooks/_macros_plugin.py).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from _macros_plugin import remember_git_info
from _project import handbook_of, remember_command


def on_startup(command, **kwargs) -> None:
    remember_command(command)  # hooks/pdfs.py and office_files.py ask _project.writes_files()


@event_priority(100)
def on_config(config, **kwargs):
    handbook_of(config)  # raises MkDocs' one-line error for a data mistake
    remember_git_info()
    return config
