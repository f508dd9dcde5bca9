"""The Word and Excel files (macros/office_files.py makes them), written into the built site and
kept in a cache, so a build whose data did not change copies them instead of making them again
(about two seconds of every `mkdocs build` otherwise; the adapter is hooks/office_files.py).

The files are a function of the data alone, on a given build date, for a given site address:
the cache key hashes every file under data/, the build date (the calendar's years follow it),
the site's address, the code under macros/ (templates included) and the versions of the
libraries that write the files. A cache entry is one uncompressed zip of all the files,
`.cache/office/<key>.zip` beside mkdocs.yml (or HANDBOOK_OFFICE_CACHE), written under a
temporary name and renamed, so a half-written entry is never read. Entries unused for
caches.LIFETIME_DAYS are removed; deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from publishing import caches

CACHE_ENVIRONMENT = "HANDBOOK_OFFICE_CACHE"
LIBRARIES = ("python-docx", "openpyxl", "lxml")  # what writes the files' bytes
MACROS = Path(__file__).resolve().parent.parent.parent / "macros"


@dataclass(frozen=True)
class Written:
    count: int
    from_cache: bool


def default_cache() -> Path:
    """HANDBOOK_OFFICE_CACHE, else .cache/office/ in the project this module belongs to."""
    if os.environ.get(CACHE_ENVIRONMENT):
        return Path(os.environ[CACHE_ENVIRONMENT])
    return MACROS.parent / ".cache" / "office"


def _tree_digest(digest, folder: Path, patterns: tuple[str, ...]) -> None:
    for path in sorted(p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def cache_key(handbook, site_url: str) -> str:
    """Everything that decides the files' bytes, hashed: see the module's docstring."""
    digest = hashlib.sha256()
    for part in (site_url, handbook.calendar.today.isoformat(), *(version(name) for name in LIBRARIES)):
        digest.update(part.encode() + b"\0")
    _tree_digest(digest, Path(handbook.data_dir), ("*",))
    _tree_digest(digest, MACROS, ("*.py", "*.j2"))
    return digest.hexdigest()


def write_office_files(site_dir: str | Path, handbook, site_url: str, cache: Path | None = None) -> Written:
    """Write every Word and Excel file under `site_dir` (the site's root): from the cache when
    its key is there, else made and then stored in the cache."""
    cache = Path(cache) if cache is not None else default_cache()
    cache.mkdir(parents=True, exist_ok=True)
    entry = cache / f"{cache_key(handbook, site_url)}.zip"
    from_cache = entry.is_file()
    if from_cache:
        with zipfile.ZipFile(entry) as stored:
            files = {name: stored.read(name) for name in stored.namelist()}
        entry.touch()  # used: kept from pruning
    else:
        # imported here: python-docx and openpyxl take ~0.2 s to import, which a build whose
        # files come from the cache need not spend
        from macros.office_files import office_files

        files = office_files(handbook, site_url)
        writing = entry.with_name(f"{entry.stem}.{os.getpid()}.writing")
        with zipfile.ZipFile(writing, "w", zipfile.ZIP_STORED) as stored:
            for name, content in files.items():
                stored.writestr(name, content)
        writing.replace(entry)
    for name, content in files.items():
        target = Path(site_dir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    caches.prune(cache, "*.zip", "*.writing")
    return Written(len(files), from_cache)
