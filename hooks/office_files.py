"""After the Chinese build: the Word and Excel files under /downloads/ (macros/office_files.py
makes them from the data; this hook only writes them into the site).

Written by `mkdocs build` (like the PDFs) and skipped under `mkdocs serve`, which stays fast
(making them takes about two seconds); there their download links answer 404 until the next
`mkdocs build`. Only the Chinese build writes them: its site_dir is the site's root, where both
languages' files live.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from _project import handbook_of

log = logging.getLogger("mkdocs.hooks.office_files")
# Set by on_startup; `mkdocs serve` reloads this module for every rebuild without calling it.
_command = {"name": None}
WRITES_FILES = ("build", "gh-deploy")


def on_startup(command, **kwargs) -> None:
    _command["name"] = command


def on_post_build(config, **kwargs) -> None:
    if _command["name"] not in WRITES_FILES or config.extra.get("language_root"):
        return
    from macros.office_files import office_files

    started = time.perf_counter()
    files = office_files(handbook_of(config), config.site_url or "/")
    for path, content in files.items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    log.info("Word and Excel files: %d in %.1f s", len(files), time.perf_counter() - started)
