"""The Word and Excel files (macros/office_files.py makes them), written into the built site and
kept in a cache, so a build whose data did not change copies them instead of making them again
(about two seconds of every `mkdocs build` otherwise; the adapter is hooks/office_files.py).

The files are a function of the data alone, on a given build date, for a given site address:
the cache key hashes every file under data/, the build date (the calendar's years follow it),
the site's address, the code under macros/ (templates included) and the versions of the
libraries that write the files. A cache entry is one uncompressed zip of all the files,
`.cache/office/<key>.zip` (macros/cache_folders.py; or HANDBOOK_OFFICE_CACHE), written under a
temporary name and renamed, so a half-written entry is never read. Entries unused for
caches.LIFETIME_DAYS are removed; deleting the folder is always safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.cache_folders import cache_folder
from publishing import caches
from publishing.steps import write_files

OFFICE_CACHE_ENVIRONMENT = "HANDBOOK_OFFICE_CACHE"  # moves the Word and Excel files alone
LIBRARIES = ("python-docx", "openpyxl", "lxml")  # what writes the files' bytes


@dataclass(frozen=True)
class Written:
    count: int
    from_cache: bool


def default_cache() -> Path:
    """HANDBOOK_OFFICE_CACHE, else the office/ folder of the build's cache."""
    return cache_folder("office", OFFICE_CACHE_ENVIRONMENT)


def cache_key(handbook, site_url: str) -> str:
    """Everything that decides the files' bytes, hashed: see the module's docstring."""
    return caches.data_key(handbook, site_url, LIBRARIES)


def write_office_files(site_dir: str | Path, handbook, site_url: str, cache: Path | None = None) -> Written:
    """Write every Word and Excel file under `site_dir` (the site's root): from the cache when
    its key is there, else made and then stored in the cache."""
    cache = Path(cache) if cache is not None else default_cache()

    def make() -> dict[str, bytes]:
        # imported here: python-docx and openpyxl take ~0.2 s to import, which a build whose
        # files come from the cache need not spend
        from macros.office_files import office_files

        return office_files(handbook, site_url)

    files, from_cache = caches.stored_files(cache, cache_key(handbook, site_url), make)
    write_files(site_dir, files)
    return Written(len(files), from_cache)
