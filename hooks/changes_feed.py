"""The handbook's changes as an Atom feed: /changes.xml (Chinese) and /en/changes.xml (English).

macros/changes_feed.py writes it; this hook adds it to each language's build as a generated file
(as hooks/calendar_feeds.py does for the calendars) and tells the theme its title and address,
for the <link rel="alternate"> every page's head carries (overrides/main.html).
"""

from __future__ import annotations

from _project import handbook_of
from mkdocs.structure.files import File

from macros import changes_feed

_handbook = handbook_of


def on_config(config, **kwargs):
    handbook = _handbook(config)
    config.extra["changes_feed"] = {
        "path": changes_feed.PATH,
        "title": handbook.label("changes-feed-title", config.theme["language"]),
    }
    return config


def on_files(files, config, **kwargs):
    content = changes_feed.atom(_handbook(config), config.theme["language"], config.site_url or "/")
    files.append(File.generated(config, changes_feed.PATH, content=content))
    return files
