"""Publish the handbook into DEST so that a reader never sees a half-built or broken site.

    python publishing/publish.py DEST          (or: make publish DEST=/srv/handbook)

1. Build both languages with `mkdocs build --strict` into a new folder next to DEST (same file
   system, so the final step is a rename).
2. Check the build is complete (publishing/site_checks.py): both languages with the same pages,
   the key pages, a search index per language, each page's language, every internal link and
   anchor.
3. Swap the new folder into DEST in one step: on Linux an atomic exchange of the two folders
   (renameat2 RENAME_EXCHANGE), elsewhere two renames, undone if the second fails. The previous
   site is deleted only after the swap succeeded.

If the build or a check fails, DEST is not touched, the new folder is removed, and the reason is
printed; the exit status is non-zero.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publishing.site_checks import KEY_PAGES, broken_links, incomplete  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class PublishError(Exception):
    """The new site was not published; DEST is as it was."""


def build(config: Path, site_dir: Path) -> None:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    finished = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
         "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=environment)
    if finished.returncode != 0:
        raise PublishError("the build failed (see the ERROR line above)")


def site_urls() -> list[str]:
    url = os.environ.get("HANDBOOK_SITE_URL")
    return [url if url.endswith("/") else url + "/"] if url else []


def check(site_dir: Path) -> None:
    problems = incomplete(site_dir, KEY_PAGES) + broken_links(site_dir, site_urls())
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise PublishError(f"the build is incomplete: {shown}")


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False if the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
        return False
    raise OSError(errno, os.strerror(errno), str(second))


def swap_into_place(new: Path, dest: Path) -> None:
    """Make `new` the content of `dest`; the previous `dest` is removed once that succeeded."""
    if not dest.exists():
        os.rename(new, dest)
        return
    if _exchange(new, dest):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the previous site
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{dest.name}.previous-", dir=dest.parent))
    os.rmdir(previous)
    os.rename(dest, previous)
    try:
        os.rename(new, dest)
    except OSError:
        os.rename(previous, dest)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def publish(dest: Path, config: Path = ROOT / "mkdocs.yml") -> None:
    dest = dest.resolve()
    if dest.exists() and not dest.is_dir():
        raise PublishError(f"{dest} exists and is not a folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    try:
        build(config.resolve(), new)
        check(new)
        new.chmod(0o755)  # mkdtemp makes it private; a published site is read by the web server
        swap_into_place(new, dest)
    finally:
        if new.exists():
            shutil.rmtree(new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="the folder the web server serves the handbook from")
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml",
                        help="the Chinese site's mkdocs.yml (default: this project's)")
    arguments = parser.parse_args(argv)
    try:
        publish(arguments.dest, arguments.config_file)
    except (PublishError, OSError) as error:
        print(f"publish: {arguments.dest} left unchanged: {error}", file=sys.stderr)
        return 1
    print(f"publish: {arguments.dest} now holds the new site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
