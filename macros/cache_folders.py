"""Where a build keeps what it made for the next build: .cache/ in the project (ignored by git),
or the folder HANDBOOK_CACHE names, so that copies of the project built by the tests and the
benchmark can share one. Every entry in it is named by a hash of all that decides it; deleting
the folder is always safe."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENVIRONMENT = "HANDBOOK_CACHE"
PROJECT = Path(__file__).resolve().parent.parent


def cache_folder(name: str, moved_by: str | None = None) -> Path:
    """The folder of one kind of entry, e.g. cache_folder("html"); `moved_by` names a variable
    that, when set, moves this kind alone (cache_folder("pdfs", "HANDBOOK_PDF_CACHE"))."""
    if moved_by and os.environ.get(moved_by):
        return Path(os.environ[moved_by])
    root = os.environ.get(CACHE_ENVIRONMENT)
    return (Path(root) if root else PROJECT / ".cache") / name
