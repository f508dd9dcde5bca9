"""The forked English build of hooks/build_english.py, kept here rather than in the hook because
MkDocs imports a hook afresh at every configuration (each rebuild under `mkdocs serve`), while
an English build started before a rebuild's configuration must still be known to it.

An English build is a forked copy of the process that runs `mkdocs build` on mkdocs.en.yml; its
error, if any, comes back on a pipe. It starts in one of two ways:

- `start(settings)`: as the Chinese build's files are listed (its on_files, after MkDocs emptied
  the site folder), into site/en/ directly;
- `start(settings, early=True)`: under `mkdocs serve`, as a rebuild begins, once the server's
  process has checked the data and before the Chinese build loads its configuration (~0.3 s that
  the English build, the longer of the two, no longer waits for). The Chinese build empties the site folder after that, so the early build
  writes into a hidden folder beside en/ (MkDocs' cleaning passes over hidden names) that
  `finish` renames to en/. Its log lines are held until the Chinese build has got as far
  (`release`): when the Chinese build stops first (a data mistake), the English build is stopped
  and its lines are dropped, so the mistake is reported once, by the Chinese build.
"""

from __future__ import annotations

import atexit
import gc
import logging
import logging.handlers
import os
import shutil
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

import _project  # noqa: F401  (makes the project's packages importable)
from macros.site_paths import LANGUAGE_ROOTS

log = logging.getLogger("mkdocs.hooks.build_english")

ENGLISH_CONFIG = "mkdocs.en.yml"
EARLY_FOLDER = ".en-next"  # hidden: MkDocs' cleaning of the site folder leaves it alone


@dataclass(frozen=True)
class Settings:
    """What the English build takes from the Chinese build's configuration."""

    config_file: str
    site_dir: str  # <Chinese site_dir>/en
    site_url: str
    strict: bool
    use_directory_urls: bool

    @classmethod
    def of(cls, chinese_config) -> Settings:
        return cls(
            config_file=str(Path(chinese_config.config_file_path).with_name(ENGLISH_CONFIG)),
            site_dir=str(Path(chinese_config.site_dir) / LANGUAGE_ROOTS["en"]),
            site_url=(chinese_config.site_url or "/").rstrip("/") + "/" + LANGUAGE_ROOTS["en"],
            strict=chinese_config.strict,
            use_directory_urls=chinese_config.use_directory_urls,
        )


@dataclass
class EnglishBuild:
    settings: Settings
    pid: int
    errors: int  # read end of the pipe the English error comes on
    release_end: int | None = None  # early builds: write end of the pipe that releases its log
    early: bool = False

    @property
    def written_into(self) -> Path:
        target = Path(self.settings.site_dir)
        return target.with_name(EARLY_FOLDER) if self.early else target


running: EnglishBuild | None = None  # at most one per process
last_settings: Settings | None = None  # the last Chinese build's, for the next early start


def build_english(settings: Settings, site_dir: Path | None = None) -> None:
    english_config = load_config(
        settings.config_file,
        site_dir=str(site_dir or settings.site_dir),
        site_url=settings.site_url,
        strict=settings.strict,
        use_directory_urls=settings.use_directory_urls,
    )
    log.info("Building the English site into %s", settings.site_dir)
    build(english_config)


def start(settings: Settings, *, early: bool = False) -> None:
    """Fork the English build (stopping one still running)."""
    global running
    stop()
    read_end, write_end = os.pipe()
    release_read, release_write = os.pipe() if early else (None, None)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the English build; it ends here, never returning into the caller
        # What the copy holds of the parent's objects lives as long as it: its collector leaves
        # them alone (a full collection over them took ~0.17 s of one rebuild in five under serve)
        gc.freeze()
        os.close(read_end)
        if early:
            os.close(release_write)
        _run_in_child(settings, write_end, release_read)
    os.close(write_end)
    if early:
        os.close(release_read)
    running = EnglishBuild(settings, pid, read_end, release_write, early)


def _run_in_child(settings: Settings, errors: int, release: int | None) -> None:
    held = _hold_log() if release is not None else []
    status = 0
    try:
        if release is None:
            build_english(settings)
        else:
            build_english(settings, Path(settings.site_dir).with_name(EARLY_FOLDER))
    except BaseException as error:  # noqa: BLE001  (the Chinese build reports it)
        status = 1
        os.write(errors, (str(error) or type(error).__name__).encode("utf-8"))
    finally:
        # An early build shows its log once the Chinese build has got past its data (one byte on
        # the pipe); if it stopped first, the pipe closes with nothing on it.
        if held and os.read(release, 1):
            for handler in held:
                handler.flush()
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _hold_log() -> list[logging.handlers.MemoryHandler]:
    """Put each of MkDocs' log outputs behind a buffer that only `flush` empties."""
    logger = logging.getLogger("mkdocs")
    held = []
    for handler in list(logger.handlers):
        buffer = logging.handlers.MemoryHandler(capacity=sys.maxsize, flushLevel=sys.maxsize,
                                                target=handler, flushOnClose=False)
        logger.removeHandler(handler)
        logger.addHandler(buffer)
        held.append(buffer)
    return held


def release() -> None:
    """The Chinese build has checked its data: the early English build may show its log."""
    if running is not None and running.release_end is not None:
        try:
            os.write(running.release_end, b"1")
        except BrokenPipeError:  # it died; finish() reports how
            pass
        os.close(running.release_end)
        running.release_end = None


def finish() -> str | None:
    """Wait for the running English build; its error, or None once its pages are in site/en/."""
    global running
    build_, running = running, None
    if build_ is None:
        return None
    if build_.release_end is not None:
        os.close(build_.release_end)
    with os.fdopen(build_.errors, "rb") as pipe:
        error = pipe.read().decode("utf-8", "replace").strip()
    _, status = os.waitpid(build_.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return error or f"exit status {status}"
    if build_.early:
        target = Path(build_.settings.site_dir)
        if target.exists():  # nothing writes there before the English build is done; be sure
            shutil.rmtree(target)
        os.replace(build_.written_into, target)
    return None


def stop() -> None:
    """Stop the running English build, if any (its pages are not wanted)."""
    global running
    build_, running = running, None
    if build_ is None:
        return
    try:
        os.kill(build_.pid, signal.SIGTERM)
        os.waitpid(build_.pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    os.close(build_.errors)
    if build_.release_end is not None:
        os.close(build_.release_end)


# A Chinese build can also end by SystemExit (mkdocs-macros exits so on a macro error), which
# passes by on_build_error: stop the English build then too.
atexit.register(stop)
