"""What the build's caches under .cache/ share (printed PDFs: publishing/pdfs.py; Word and Excel
files: publishing/steps/office.py): entries named by a hash of all that decides them, written
under a temporary name and renamed, and removed once unused for LIFETIME_DAYS."""

from __future__ import annotations

import time
from pathlib import Path

LIFETIME_DAYS = 30  # entries not used for this long are removed
PARTIAL_LIFETIME_SECONDS = 3600  # a temporary file older than this was left by a failed build


def prune(cache: Path, entries: str, partial: str) -> None:
    """Remove the entries (glob `entries`) unused for LIFETIME_DAYS, and the temporary files
    (glob `partial`) a failed build left."""
    now = time.time()
    for pattern, lifetime in ((entries, LIFETIME_DAYS * 86400), (partial, PARTIAL_LIFETIME_SECONDS)):
        for entry in cache.glob(pattern):
            try:
                if entry.stat().st_mtime < now - lifetime:
                    entry.unlink()
            except FileNotFoundError:  # another build pruned it first
                pass
