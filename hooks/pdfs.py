"""After the whole site is built (both languages): the ready PDFs, by publishing/pdfs.py, which
prints only the PDFs whose page changed since they were last printed (a cache in .cache/pdfs/).

Runs at the end of every `mkdocs build`, so every built site — `make build`, the tests' builds —
has the PDFs its regulation pages link to. Skipped under `mkdocs serve`, which stays fast; there
the download links answer 404 until the next `mkdocs build`. HANDBOOK_PDFS=0 skips them in a
build too: for the tests' builds of changed copies that no test reads a PDF of (tests/conftest.py).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from _project import writes_files
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from macros.site_paths import DEFAULT_SITE_URL

log = logging.getLogger("mkdocs.hooks.pdfs")


@event_priority(-70)  # after the English build (hooks/build_english.py, -60)
def on_post_build(config, **kwargs) -> None:
    if not writes_files():  # only an explicit build command writes the PDFs
        return
    if os.environ.get("HANDBOOK_PDFS", "1") == "0":
        log.info("PDFs: none printed (HANDBOOK_PDFS=0)")
        return
    from publishing.pdfs import default_cache, write_pdfs

    try:
        written = write_pdfs(Path(config.site_dir), config.site_url or DEFAULT_SITE_URL)
    except Exception as error:  # Chromium missing or failing: one line, no traceback
        raise PluginError(f"the PDFs could not be written: {error}".splitlines()[0]) from None
    # tests/test_pdf_cache.py counts the printed PDFs from this line.
    log.info("PDFs: %d printed, %d from the cache (%s)", len(written.printed),
             len(written.paths) - len(written.printed), default_cache())
