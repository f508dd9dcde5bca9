"""What the build's caches under .cache/ share (printed PDFs: publishing/pdfs.py; Word and Excel
files: publishing/steps/office.py; calendar feeds: publishing/steps/feeds.py): entries named by
a hash of all that decides them, written under a temporary name and renamed, and removed once
unused for LIFETIME_DAYS (or, past MAX_BYTES a folder, least recently used first). Deleting a
cache's folder is always safe."""

from __future__ import annotations

import hashlib
import json
import os
import time
import zipfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

MACROS = Path(__file__).resolve().parent.parent / "macros"

LIFETIME_DAYS = 30  # entries not used for this long are removed
PARTIAL_LIFETIME_SECONDS = 3600  # a temporary file older than this was left by a failed build
MAX_BYTES = 300 * 1024 * 1024  # per kind of entry; a whole site's worth of each is far less
# A build prunes a folder at most this often: pruning looks at every entry (~10-20 ms a folder
# of a thousand), and `mkdocs serve` builds both languages at every save.
PRUNE_EVERY_SECONDS = 600


def installed_versions(*packages: str) -> list[str]:
    """"name version" of each of `packages` that is installed (part of a cache key: the engine
    may be MkDocs or ProperDocs, so some are not)."""
    found = []
    for package in packages:
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            pass
    return found


def prune(cache: Path, entries: str, partial: str, max_bytes: int | None = None) -> None:
    """Remove the entries (glob `entries`) unused for LIFETIME_DAYS, and the temporary files
    (glob `partial`) a failed build left; then, while the entries take more than `max_bytes`
    (MAX_BYTES), the least recently used (a long `mkdocs serve` session adds a few entries at
    every save)."""
    now = time.time()
    for pattern, lifetime in ((entries, LIFETIME_DAYS * 86400), (partial, PARTIAL_LIFETIME_SECONDS)):
        for entry in cache.glob(pattern):
            try:
                if entry.stat().st_mtime < now - lifetime:
                    entry.unlink()
            except FileNotFoundError:  # another build pruned it first
                pass
    kept = []
    for entry in cache.glob(entries):
        try:
            status = entry.stat()
        except FileNotFoundError:
            continue
        kept.append((status.st_mtime, status.st_size, entry))
    total = sum(size for _, size, _ in kept)
    for _, size, entry in sorted(kept, key=lambda found: found[0]):
        if total <= (MAX_BYTES if max_bytes is None else max_bytes):
            break
        try:
            entry.unlink()
        except FileNotFoundError:
            pass
        total -= size


def prune_now_and_then(cache: Path, entries: str, partial: str) -> None:
    """`prune`, unless a build pruned this folder less than PRUNE_EVERY_SECONDS ago (a hidden
    file's time says when, so the forked English build and the next process know it too)."""
    marker = cache / ".pruned"
    try:
        if time.time() - marker.stat().st_mtime < PRUNE_EVERY_SECONDS:
            return
    except OSError:
        pass
    prune(cache, entries, partial)
    try:
        marker.touch()
    except OSError:  # a read-only project still builds
        pass


# --- Values kept as JSON, one file per key --------------------------------------------------------

def read_json(folder: Path, key: str):
    """The value kept under `key`, or None; a value read is marked used (kept from pruning)."""
    entry = folder / f"{key}.json"
    try:
        value = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    try:
        os.utime(entry)
    except OSError:
        pass
    return value


def write_json(folder: Path, key: str, value) -> None:
    """Keep `value` under `key` (under a temporary name, then renamed: never half read)."""
    entry = folder / f"{key}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.writing")
        partial.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, entry)
    except OSError:  # a read-only project still builds
        pass


def prune_json(folder: Path) -> None:
    prune_now_and_then(folder, "*.json", "*.writing")


# --- Files made from the data alone ------------------------------------------------------------

def _tree_digest(digest, folder: Path, patterns: tuple[str, ...]) -> None:
    for path in sorted(p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def data_key(handbook, site_url: str, libraries: tuple[str, ...], *parts: str) -> str:
    """The key of files that are a function of the data alone, on a given build date, for a
    given site address: every file under data/, the build date (the calendar's years follow
    it), the site's address, the code under macros/ (templates included), the versions of the
    `libraries` that write the files' bytes, and `parts` (e.g. the language)."""
    digest = hashlib.sha256()
    for part in (site_url, handbook.calendar.today.isoformat(), *(version(name) for name in libraries), *parts):
        digest.update(part.encode() + b"\0")
    _tree_digest(digest, Path(handbook.data_dir), ("*",))
    _tree_digest(digest, MACROS, ("*.py", "*.j2"))
    return digest.hexdigest()


def stored_files(cache: Path, key: str, make: Callable[[], dict[str, bytes]]) -> tuple[dict[str, bytes], bool]:
    """The files (path -> bytes) stored under `key` in `cache`, one uncompressed zip per key;
    else `make()`'s, then stored. Returns them and whether they came from the cache."""
    cache.mkdir(parents=True, exist_ok=True)
    entry = cache / f"{key}.zip"
    if entry.is_file():
        with zipfile.ZipFile(entry) as stored:
            files = {name: stored.read(name) for name in stored.namelist()}
        entry.touch()  # used: kept from pruning
        prune_now_and_then(cache, "*.zip", "*.writing")
        return files, True
    files = make()
    writing = entry.with_name(f"{entry.stem}.{os.getpid()}.writing")
    with zipfile.ZipFile(writing, "w", zipfile.ZIP_STORED) as stored:
        for name, content in files.items():
            stored.writestr(name, content)
    writing.replace(entry)
    prune_now_and_then(cache, "*.zip", "*.writing")
    return files, False
