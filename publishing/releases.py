"""The releases kept beside a published site, the lock that lets one publish run at a time, and
each release's integrity manifest.

Layout, for DEST=/srv/handbook/site:

    /srv/handbook/site                  symlink -> site.releases/<id>/site   (what nginx serves)
    /srv/handbook/site.releases/
        <id>/site/                      one complete, checked build
        <id>/manifest.sha256            sha256 of every file of site/ (`sha256sum -c` format)
        <id>/release.json               version, data date, build time, site address
        .incoming-<id>/                 a build in progress (removed if its publish dies)
        publish.lock                    held (flock) by the running publish or rollback

A release folder is never changed once DEST points to it, and DEST is switched from one release
to another by rename(2) of a new symlink over it: every request nginx serves resolves DEST to one
release or the other, never to a half-written or half-removed folder.

    python -m publishing.releases list DEST       (make releases DEST=…)
    python -m publishing.releases rollback DEST   (make rollback DEST=…)
    python -m publishing.releases verify DEST     (make verify DEST=…)
"""

from __future__ import annotations

import argparse
import datetime
import errno
import fcntl
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

RELEASE_FILE = "release.json"
MANIFEST_FILE = "manifest.sha256"
SITE_FOLDER = "site"
INCOMING_PREFIX = ".incoming-"
SWAP_PREFIX = ".swap-"
LOCK_FILE = "publish.lock"
# The release a site published before releases were kept becomes, so it sorts first.
LEGACY_ID = "00000000-000000-before-releases"


class ReleaseError(Exception):
    """What a release command could not do; the published site is as it was."""


def releases_dir(dest: Path) -> Path:
    return dest.parent / f"{dest.name}.releases"


def new_release_id(folder: Path, now: datetime.datetime | None = None) -> str:
    """A sortable id from the UTC time, unique in `folder` (e.g. 20261130-151200)."""
    base = (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y%m%d-%H%M%S")
    newest = max((entry.name for entry in folder.iterdir() if entry.name[:1].isdigit()), default="")
    if base <= newest:  # the clock went back: ids must still sort in publishing order
        base = f"{newest}-after"
    candidate, number = base, 1
    while (folder / candidate).exists() or (folder / f"{INCOMING_PREFIX}{candidate}").exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


# --- The lock ---------------------------------------------------------------------------------

class PublishLock:
    """One publish or rollback per DEST at a time.

    flock(2) on releases/publish.lock: the kernel releases it when its holder dies, however it
    dies (SIGKILL, power loss of the process), so a lock left behind is stale by construction and
    is simply taken over. The file records who holds it, for the message a second publish prints.
    """

    def __init__(self, dest: Path, action: str = "publish"):
        self.dest, self.action = dest, action
        self.path = releases_dir(dest) / LOCK_FILE
        self.descriptor: int | None = None
        self.taken_over: dict | None = None

    def __enter__(self) -> "PublishLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(descriptor)
            os.close(descriptor)
            raise ReleaseError(
                f"another {holder.get('action', 'publish')} into {self.dest} is running, started "
                f"{holder.get('started', 'at an unknown time')} by pid {holder.get('pid', '?')}") from None
        previous = _holder(descriptor)
        if previous:  # written by a holder that died without clearing it
            self.taken_over = previous
        record = {"action": self.action, "pid": os.getpid(),
                  "started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")}
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, (json.dumps(record) + "\n").encode(), 0)
        self.descriptor = descriptor
        return self

    def __exit__(self, *exc) -> None:
        if self.descriptor is not None:
            try:
                os.ftruncate(self.descriptor, 0)  # the next holder sees a lock released cleanly
            except OSError:
                pass
            os.close(self.descriptor)  # releases the flock
            self.descriptor = None


def _holder(descriptor: int) -> dict:
    try:
        text = os.pread(descriptor, 4096, 0).decode("utf-8", "replace").strip()
        return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}


# --- Releases ---------------------------------------------------------------------------------

@dataclass
class Release:
    id: str
    folder: Path
    info: dict

    @property
    def site(self) -> Path:
        return self.folder / SITE_FOLDER

    def describe(self) -> str:
        info = self.info
        return (f"{self.id} (version {info.get('version', '?')}, data {info.get('data_date', '?')}, "
                f"built {info.get('built_at', '?')})")


def live_release_id(dest: Path) -> str | None:
    """The id of the release DEST points to, or None if DEST is not a release symlink."""
    if not dest.is_symlink():
        return None
    target = Path(os.readlink(dest))
    parts = target.parts
    if len(parts) == 3 and parts[0] == releases_dir(dest).name and parts[2] == SITE_FOLDER:
        return parts[1]
    return None


def complete_releases(dest: Path) -> list[Release]:
    """Every complete release (with its release.json), oldest first."""
    folder = releases_dir(dest)
    found = []
    if folder.is_dir():
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            try:
                info = json.loads((entry / RELEASE_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if (entry / SITE_FOLDER).is_dir():
                found.append(Release(entry.name, entry, info))
    return found


def remove_tree(path: Path) -> None:
    """Remove a folder or link, whatever is in it."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path)


def leftovers(dest: Path) -> list[Path]:
    """What interrupted publishes left: builds in progress, unused swap links, incomplete
    releases, and complete releases that never went live (or were taken back by a rollback),
    i.e. newer than the live one. Only to be removed while holding the lock."""
    folder = releases_dir(dest)
    if not folder.is_dir():
        return []
    live = live_release_id(dest) or ""
    complete = {release.id for release in complete_releases(dest)}
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name == LOCK_FILE:
            continue
        if entry.name.startswith((INCOMING_PREFIX, SWAP_PREFIX)):
            found.append(entry)
        elif entry.name.startswith("."):
            continue
        elif entry.name not in complete or (entry.name > live and entry.name != live):
            found.append(entry)
    return found


def point_dest_at(dest: Path, release_id: str) -> None:
    """Switch DEST to a release in one rename(2) of a new symlink over the old one."""
    folder = releases_dir(dest)
    link = folder / f"{SWAP_PREFIX}{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(Path(folder.name) / release_id / SITE_FOLDER, link)
    os.rename(link, dest)
    _sync_folder(dest.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable, so a power cut cannot undo the switch."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def prune(dest: Path, keep: int) -> list[str]:
    """Remove the oldest releases beyond `keep` (the live one always stays); their ids."""
    live = live_release_id(dest)
    removable = [release for release in complete_releases(dest) if release.id != live]
    excess = len(removable) - max(keep - 1, 0)
    removed = []
    for release in removable[:max(excess, 0)]:
        remove_tree(release.folder)
        removed.append(release.id)
    return removed


# --- Integrity --------------------------------------------------------------------------------

def file_hashes(site: Path) -> dict[str, str]:
    """sha256 of every file under `site`, by path relative to it (POSIX form)."""
    hashes = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
            hashes[path.relative_to(site).as_posix()] = digest.hexdigest()
    return hashes


def write_manifest(release_folder: Path) -> int:
    """Write manifest.sha256 for release_folder/site; the number of files."""
    hashes = file_hashes(release_folder / SITE_FOLDER)
    text = "".join(f"{digest}  {name}\n" for name, digest in hashes.items())
    _write_durably(release_folder / MANIFEST_FILE, text)
    return len(hashes)


def read_manifest(release_folder: Path) -> dict[str, str]:
    hashes = {}
    for line in (release_folder / MANIFEST_FILE).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        hashes[name] = digest
    return hashes


def write_release_info(release_folder: Path, info: dict) -> None:
    _write_durably(release_folder / RELEASE_FILE, json.dumps(info, ensure_ascii=False, indent=2) + "\n")


def _write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def differences(dest: Path) -> tuple[Release, list[str]]:
    """The live release and how DEST differs from its manifest (empty: it matches)."""
    live = live_release_id(dest)
    if live is None:
        raise ReleaseError(f"{dest} is not a published release (no symlink into {releases_dir(dest).name}/)")
    folder = releases_dir(dest) / live
    try:
        expected = read_manifest(folder)
        info = json.loads((folder / RELEASE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReleaseError(f"release {live} has no readable manifest: {error}") from None
    actual = file_hashes(dest.resolve())
    changed = sorted(name for name in expected.keys() & actual.keys() if expected[name] != actual[name])
    missing = sorted(expected.keys() - actual.keys())
    added = sorted(actual.keys() - expected.keys())
    problems = ([f"changed {name}" for name in changed] + [f"missing {name}" for name in missing]
                + [f"added {name}" for name in added])
    return Release(live, folder, info), problems


# --- Commands ---------------------------------------------------------------------------------

def list_releases(dest: Path) -> list[str]:
    live = live_release_id(dest)
    lines = []
    for release in reversed(complete_releases(dest)):
        if release.id == live:
            state = "live"
        elif live is None or release.id > live:
            state = "not live (never swapped in, or taken back by a rollback)"
        else:
            state = "kept for rollback"
        lines.append(f"{release.describe()}  {state}")
    return lines


def rollback(dest: Path) -> tuple[Release, Release]:
    """Point DEST at the newest release older than the live one; (now live, taken back)."""
    with PublishLock(dest, "rollback"):
        live = live_release_id(dest)
        if live is None:
            raise ReleaseError(f"{dest} is not a published release (no symlink into {releases_dir(dest).name}/)")
        releases = complete_releases(dest)
        current = next((release for release in releases if release.id == live), None)
        earlier = [release for release in releases if release.id < live]
        if not earlier:
            raise ReleaseError(f"no release older than the live one ({live}) is kept")
        target = earlier[-1]
        point_dest_at(dest, target.id)
        return target, current or Release(live, releases_dir(dest) / live, {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The handbook's published releases.")
    parser.add_argument("command", choices=["list", "rollback", "verify"])
    parser.add_argument("dest", type=Path, help="the folder (symlink) the web server serves")
    arguments = parser.parse_args(argv)
    dest = Path(os.path.abspath(arguments.dest))
    try:
        if arguments.command == "list":
            lines = list_releases(dest)
            if not lines:
                print(f"releases: none kept for {dest}")
            for line in lines:
                print(line)
        elif arguments.command == "rollback":
            now, taken_back = rollback(dest)
            print(f"rollback: {dest} now serves release {now.describe()}; {taken_back.id} is taken "
                  "back (the next publish removes it)")
        else:
            release, problems = differences(dest)
            if problems:
                shown = ", ".join(problems[:10]) + (f" and {len(problems) - 10} more" if len(problems) > 10 else "")
                print(f"verify: {dest} does NOT match release {release.id}'s manifest: {shown}", file=sys.stderr)
                return 1
            print(f"verify: {dest} matches release {release.describe()}: "
                  f"{len(read_manifest(release.folder))} files, sha256 each")
    except ReleaseError as error:
        print(f"{arguments.command}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        if error.errno == errno.ENOSPC:
            print(f"{arguments.command}: the disk holding {dest.parent} is full; {dest} is unchanged",
                  file=sys.stderr)
        else:
            print(f"{arguments.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
