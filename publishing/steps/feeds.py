"""The feeds, written into one language's built site: the calendar's .ics and .csv per role and
for all (macros/feeds.py), each role's self-inspection form as CSV (macros/self_inspection.py)
and the Atom feed of changes (macros/changes_feed.py). A function of
the data and the output folder, so any engine's build can call it once the pages are written
(hooks/calendar_feeds.py and hooks/changes_feed.py call it at the end of each language's build).
"""

from __future__ import annotations

from pathlib import Path

from macros import changes_feed, feeds, self_inspection
from macros.cache_folders import cache_folder
from publishing import caches
from publishing.steps import write_files



def write_calendar_feeds(site_dir: str | Path, handbook, language: str, site_url: str,
                         cache: Path | None = None) -> bool:
    """calendar/all.ics, all.csv and calendar/<role-id>.ics / .csv; their absolute links start
    with `site_url`, this language's root URL. They are a function of the data, the build date,
    the address and the language, so they are kept in `cache` under a key of those and the
    code; returns whether they came from it."""
    key = caches.data_key(handbook, site_url, ("icalendar",), language, "calendar feeds")
    files, from_cache = caches.stored_files(Path(cache) if cache else cache_folder("feeds"), key,
                                            lambda: feeds.site_feeds(handbook, language, site_url))
    write_files(site_dir, files)
    return from_cache


def write_changes_feed(site_dir: str | Path, handbook, language: str, site_url: str) -> None:
    """changes.xml: the handbook's changes as an Atom feed."""
    write_files(site_dir, {changes_feed.PATH: changes_feed.atom(handbook, language, site_url)})


def write_self_inspection_csvs(site_dir: str | Path, handbook, language: str) -> None:
    """self-inspection/<role-id>.csv: each role's form as a table."""
    write_files(site_dir, self_inspection.site_files(handbook, language))
