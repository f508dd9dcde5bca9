"""Publish the handbook into DEST so that a reader never sees a half-built or broken site.

    python publishing/publish.py DEST          (or: make publish DEST=/srv/handbook/site)

0. Refuse a loopback site address (HANDBOOK_SITE_URL): every printed page and PDF would show it.
   Take the lock (one publish or rollback per DEST at a time; a lock left by a killed publish is
   taken over) and remove what an interrupted publish left behind (publishing/releases.py).
1. Build both languages with `mkdocs build --strict` (or HANDBOOK_BUILD_COMMAND) into a new folder
   in DEST.releases/, next to DEST (same file system, so the final step is a rename).
2. Check the build is complete (publishing/site_checks.py): both languages with the same pages,
   the key pages, a search index per language, each page's language, every internal link and
   anchor. Write its manifest (sha256 of every file) and release.json (version, data date, time).
3. Rename the folder to its release id, then point DEST (a symlink) at it with one rename(2).
   A DEST that is still a plain folder (published before releases were kept) is switched the
   same way (an atomic exchange) and kept as the first release. Keep the newest HANDBOOK_KEEP_RELEASES releases (default 3) for `make rollback`.

Killed at any point, DEST still serves the last good release; the next publish cleans up. If the
build, a check or the disk fails, DEST is not touched, nothing of the new build is kept, and one
line says why; the exit status is non-zero.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import datetime
import errno
import ipaddress
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.site_paths import DEFAULT_SITE_URL  # noqa: E402  (mkdocs.yml's default for HANDBOOK_SITE_URL)
from publishing import releases  # noqa: E402
from publishing.engines import DEFAULT_ENGINE, ENGINE_ENVIRONMENT, engine_command  # noqa: E402
from publishing.site_checks import KEY_PAGES, broken_links, incomplete  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KEEP = 3
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1
# Below this many free bytes after a failed build, the failure is put down to a full disk.
_NEARLY_FULL = 256 * 1024
# Fault hook for the tests: the publish kills itself (SIGKILL) when it reaches this point.
KILL_AT_VARIABLE = "HANDBOOK_PUBLISH_KILL_AT"
CHECKPOINTS = ("built", "checking", "manifest", "release", "swap", "swapped")
# Only when DEST is still a plain folder: switched, the old folder not yet kept as a release.
FILING = "filing"


class PublishError(Exception):
    """The new site was not published; DEST is as it was."""


class DiskFull(PublishError):
    pass


def checkpoint(name: str) -> None:
    if os.environ.get(KILL_AT_VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def site_url() -> str:
    return os.environ.get("HANDBOOK_SITE_URL") or DEFAULT_SITE_URL


def loopback_problem(url: str) -> str | None:
    """Why `url` cannot be a published site's address, or None."""
    host = (urlsplit(url).hostname or "").lower()
    try:
        address = ipaddress.ip_address(host)
        local = address.is_loopback or address.is_unspecified
    except ValueError:
        local = host == "localhost" or host.endswith(".localhost") or host == ""
    if not local:
        return None
    return (f"the site's address {url} is a loopback address, which every printed page and PDF would "
            "show to readers; set the address it is served from, e.g. "
            "make publish DEST=/srv/handbook/site HANDBOOK_SITE_URL=http://intranet.example/handbook/")


def _die_with_parent() -> None:
    """In the build's process: be killed when the publish dies, so a killed publish leaves no
    build writing into a folder the next publish removes."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def build_command(config: Path, site_dir: Path) -> list[str]:
    """The build of a release: with the engine `make publish ENGINE=…` names (HANDBOOK_ENGINE,
    MkDocs by default), as `make build` builds with it."""
    custom = os.environ.get("HANDBOOK_BUILD_COMMAND")
    if custom:  # e.g. a fast stand-in in tests: "python fake_build.py {site_dir}"
        return [part.replace("{site_dir}", str(site_dir)) for part in shlex.split(custom)]
    # No -q: it lowers mkdocs' log level to ERROR, so --strict would not see a warning.
    return [*engine_command(os.environ.get(ENGINE_ENVIRONMENT) or DEFAULT_ENGINE), "build", "--strict",
            "-f", str(config), "-d", str(site_dir)]


def build(config: Path, site_dir: Path) -> None:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    finished = subprocess.run(build_command(config, site_dir), cwd=config.parent, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              errors="replace", preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    if finished.returncode != 0:
        if _disk_full(finished.stderr, site_dir):
            raise DiskFull(_disk_full_message(site_dir))
        # What went wrong, without the build's INFO lines.
        sys.stderr.writelines(line for line in finished.stderr.splitlines(keepends=True)
                              if not line.startswith("INFO"))
        raise PublishError("the build failed (see the ERROR line above)")


def _disk_full(errors: str, folder: Path) -> bool:
    if "No space left on device" in errors or "ENOSPC" in errors:
        return True
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def _disk_full_message(site_dir: Path) -> str:
    return (f"the disk holding {site_dir.parent.parent.parent} is full (No space left on device); "
            "the new build was removed; free some space and publish again")


def site_urls() -> list[str]:
    url = os.environ.get("HANDBOOK_SITE_URL")
    return [url if url.endswith("/") else url + "/"] if url else []


def check(site_dir: Path) -> None:
    problems = incomplete(site_dir, KEY_PAGES)
    checkpoint("checking")
    problems += broken_links(site_dir, site_urls())
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise PublishError(f"the build is incomplete: {shown}")


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False if the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
        return False
    raise OSError(error, os.strerror(error), str(second))


def switch_from_plain_folder(dest: Path, release_id: str) -> None:
    """Point DEST, still a plain folder (published before releases were kept), at a release, and
    keep the folder as the first kept release. With an atomic exchange DEST is never missing nor
    dangling; killed before the folder is filed away, it stays behind as a .swap- leftover that
    the next publish removes."""
    folder = releases.releases_dir(dest)
    legacy = folder / releases.LEGACY_ID
    releases.remove_tree(legacy)
    legacy.mkdir()
    link = folder / f"{releases.SWAP_PREFIX}{os.getpid()}"
    releases.remove_tree(link)
    os.symlink(Path(folder.name) / release_id / releases.SITE_FOLDER, link)
    if _exchange(link, dest):  # DEST is now the link; `link` holds the old folder
        checkpoint(FILING)
        os.rename(link, legacy / releases.SITE_FOLDER)
    else:  # two renames: DEST is missing for a moment; put it back if the second fails
        os.rename(dest, legacy / releases.SITE_FOLDER)
        try:
            os.rename(link, dest)
        except OSError:
            os.rename(legacy / releases.SITE_FOLDER, dest)
            raise
    releases.write_manifest(legacy)
    releases.write_release_info(legacy, {"id": releases.LEGACY_ID, "version": "unknown",
                                         "data_date": "unknown", "built_at": "before releases were kept"})


def project_version(project: Path) -> str:
    """VERSION and the last data change, by the rule of macros.status (the page footer's), kept
    here so publishing does not import the macros package (seconds on a loaded machine)."""
    try:
        return (project / "VERSION").read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown"


def data_date(project: Path) -> str:
    def git(*args):
        return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, timeout=30,
                              check=True).stdout.strip()
    try:
        if git("rev-parse", "--show-toplevel") and not git("status", "--porcelain", "--", "data"):
            committed = git("log", "-1", "--format=%cs", "--", "data")
            if committed:
                return committed
    except (OSError, subprocess.SubprocessError):
        pass
    times = [path.stat().st_mtime for path in (project / "data").rglob("*") if path.is_file()]
    return datetime.date.fromtimestamp(max(times)).isoformat() if times else "unknown"


def release_info(release_id: str, config: Path, files: int) -> dict:
    project = config.parent
    return {"id": release_id, "version": project_version(project), "data_date": data_date(project),
            "built_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "site_url": site_url(), "files": files}


def publish(dest: Path, config: Path = ROOT / "mkdocs.yml", keep: int | None = None,
            say=lambda line: print(line, file=sys.stderr)) -> releases.Release:
    """Build, check and switch DEST to the new release; the release now live."""
    dest = Path(os.path.abspath(dest))
    config = config.resolve()
    keep = keep if keep is not None else int(os.environ.get("HANDBOOK_KEEP_RELEASES") or DEFAULT_KEEP)
    if keep < 1:
        raise PublishError(f"HANDBOOK_KEEP_RELEASES must be at least 1, not {keep}")
    problem = loopback_problem(site_url())
    if problem:
        raise PublishError(problem)
    if dest.exists() and not dest.is_dir():
        raise PublishError(f"{dest} exists and is not a folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    folder = releases.releases_dir(dest)
    with releases.PublishLock(dest) as lock:
        if lock.taken_over:
            say(f"publish: taking over the lock of pid {lock.taken_over.get('pid', '?')} (started "
                f"{lock.taken_over.get('started', '?')}), which is no longer running")
        left = releases.leftovers(dest)
        for path in left:
            releases.remove_tree(path)
        if left:
            say(f"publish: removed what an interrupted publish or a rollback left: "
                f"{', '.join(path.name for path in left)}")
        release_id = releases.new_release_id(folder)
        incoming = folder / f"{releases.INCOMING_PREFIX}{release_id}"
        try:
            incoming.mkdir()
            build(config, incoming / releases.SITE_FOLDER)
            checkpoint("built")
            check(incoming / releases.SITE_FOLDER)
            files = releases.write_manifest(incoming)
            checkpoint("manifest")
            releases.write_release_info(incoming, release_info(release_id, config, files))
            for path in (incoming, incoming / releases.SITE_FOLDER):
                path.chmod(0o755)  # a published site is read by the web server's user
            os.rename(incoming, folder / release_id)
            checkpoint("release")
        except OSError as error:
            releases.remove_tree(incoming)
            if error.errno == errno.ENOSPC:
                raise DiskFull(_disk_full_message(incoming / releases.SITE_FOLDER)) from None
            raise
        except BaseException:
            releases.remove_tree(incoming)
            raise
        try:
            checkpoint("swap")
            if dest.is_dir() and not dest.is_symlink():
                switch_from_plain_folder(dest, release_id)
            else:
                releases.point_dest_at(dest, release_id)
        except OSError as error:
            if releases.live_release_id(dest) == release_id:
                # Switched already; only filing the old plain folder away failed.
                say(f"publish: the site published before releases were kept could not be kept: {error}")
            else:
                releases.remove_tree(folder / release_id)
                if error.errno == errno.ENOSPC:
                    raise DiskFull(_disk_full_message(incoming / releases.SITE_FOLDER)) from None
                raise
        checkpoint("swapped")
        removed = releases.prune(dest, keep)
        if removed:
            say(f"publish: removed releases beyond the {keep} kept: {', '.join(removed)}")
        return next(release for release in releases.complete_releases(dest) if release.id == release_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="the folder the web server serves the handbook from")
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml",
                        help="the Chinese site's mkdocs.yml (default: this project's)")
    parser.add_argument("--keep", type=int, default=None,
                        help=f"releases to keep for rollback (default: HANDBOOK_KEEP_RELEASES or {DEFAULT_KEEP})")
    arguments = parser.parse_args(argv)
    try:
        release = publish(arguments.dest, arguments.config_file, arguments.keep)
    except (PublishError, releases.ReleaseError) as error:
        print(f"publish: {arguments.dest} left unchanged: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"publish: {arguments.dest} left unchanged: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"publish: {arguments.dest} left unchanged: interrupted", file=sys.stderr)
        return 130
    print(f"publish: {arguments.dest} now serves release {release.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
