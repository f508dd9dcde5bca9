"""After the Chinese build: the Word and Excel files under /downloads/ (macros/office_files.py
makes them from the data; publishing/steps/office.py writes them into the site, from its cache
when the data did not change; this hook only calls it).

Written by `mkdocs build` (like the PDFs) and skipped under `mkdocs serve`, which stays fast
(making them takes about two seconds); there their download links answer 404 until the next
`mkdocs build`. Only the Chinese build writes them: its site_dir is the site's root, where both
languages' files live.
"""

from __future__ import annotations

import logging
import time

from _project import handbook_of, writes_files
from mkdocs.plugins import event_priority

from publishing.steps.office import write_office_files

log = logging.getLogger("mkdocs.hooks.office_files")


@event_priority(-70)  # after the English build (hooks/build_english.py, -60)
def on_post_build(config, **kwargs) -> None:
    if not writes_files():  # not under `mkdocs serve`, like the PDFs
        return
    started = time.perf_counter()
    written = write_office_files(config.site_dir, handbook_of(config), config.site_url or "/")
    log.info("Word and Excel files: %d %s in %.1f s", written.count,
             "from the cache" if written.from_cache else "made", time.perf_counter() - started)
