"""The handbook's changes as an Atom feed: /changes.xml (Chinese) and /en/changes.xml (English).

macros/changes_feed.py makes it and publishing/steps/feeds.py writes it into each language's
built site at the end of the build (as for the calendars); this hook also tells the theme its
title and address, for the <link rel="alternate"> every page's head carries (overrides/main.html).
"""

from __future__ import annotations

from _project import handbook_of

from macros import changes_feed
from publishing.steps.feeds import write_changes_feed



def on_config(config, **kwargs):
    handbook = handbook_of(config)
    config.extra["changes_feed"] = {
        "path": changes_feed.PATH,
        "title": handbook.label("changes-feed-title", config.theme["language"]),
    }
    return config


def on_post_build(config, **kwargs) -> None:
    write_changes_feed(config.site_dir, handbook_of(config), config.theme["language"], config.site_url or "/")
