"""Add the reporting calendar's feeds to each language's build: calendar/all.ics, all.csv and
calendar/<role-id>.ics / .csv (macros/feeds.py makes them; this hook only hands them to MkDocs).

They are generated files in on_files, so MkDocs copies them into site_dir like any other file
(site/calendar/… for Chinese, site/en/calendar/… for English), `mkdocs serve` serves them, and
links to them from pages resolve. The feed's language is the build's theme language and its
absolute links start with the build's site_url (HANDBOOK_SITE_URL; the English build adds en/).
"""

from __future__ import annotations

from _project import handbook_of
from mkdocs.structure.files import File

from macros import feeds


def on_files(files, config):
    handbook = handbook_of(config)
    language = config.theme["language"]
    for path, content in feeds.site_feeds(handbook, language, config.site_url or "/").items():
        files.append(File.generated(config, path, content=content))
    return files
