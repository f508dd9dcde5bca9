"""Add the reporting calendar's feeds to each language's build: calendar/all.ics, all.csv and
calendar/<role-id>.ics / .csv (macros/feeds.py makes them, publishing/steps/feeds.py writes them
into the built site; this hook only calls it at the end of the build).

They are written into site_dir (site/calendar/… for Chinese, site/en/calendar/… for English),
so `mkdocs serve` serves them too. The feed's language is the build's theme language and its
absolute links start with the build's site_url (HANDBOOK_SITE_URL; the English build adds en/).
"""

from __future__ import annotations

import logging

from _project import handbook_of

from publishing.steps.feeds import write_calendar_feeds

log = logging.getLogger("mkdocs.hooks.calendar_feeds")


def on_post_build(config, **kwargs) -> None:
    from_cache = write_calendar_feeds(config.site_dir, handbook_of(config), config.theme["language"],
                                      config.site_url or "/")
    log.info("Calendar feeds (%s): %s", config.theme["language"], "from the cache" if from_cache else "made")
