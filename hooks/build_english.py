"""Build the English site (mkdocs.en.yml) into <site_dir>/en/ beside the Chinese one.

Two builds rather than an i18n plugin: each language gets its own search index with its own
tokenizer, and `mkdocs build` / `mkdocs serve` on mkdocs.yml still produce (and live-reload) both.
The English site_url is the Chinese one plus "en/", so HANDBOOK_SITE_URL sets both.

The two builds run side by side: once the Chinese build has emptied the site folder (on_files,
the first event after MkDocs cleans it), a forked copy of this process builds the English site,
and the Chinese build waits for it once its own pages and files are written (on_post_build,
before the PDFs and the other files made from both languages). The copy starts with what this process has
already loaded — the validated data, jieba's dictionary, the compiled templates — so on two cores
a build takes about as long as its longer language (bench/results.md). A failed English build
fails the Chinese one with the English error; a failed Chinese build stops the English one
(on_build_error, or at exit).

HANDBOOK_SERIAL_BUILD=1 (set by `make profile`, which can only see its own process), or a
system without fork, builds English after Chinese in this process, as one build did before.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.build_english")

ENGLISH_CONFIG = "mkdocs.en.yml"
# The running English build of this process's Chinese build: its pid and the pipe its error comes on.
_english: dict[str, tuple[int, int]] = {}


def _build_english(config) -> None:
    english_config = load_config(
        str(Path(config.config_file_path).with_name(ENGLISH_CONFIG)),
        site_dir=str(Path(config.site_dir) / "en"),
        site_url=(config.site_url or "/").rstrip("/") + "/en/",
        strict=config.strict,
        use_directory_urls=config.use_directory_urls,
    )
    log.info("Building the English site into %s", english_config.site_dir)
    build(english_config)


def _in_parallel() -> bool:
    return hasattr(os, "fork") and os.environ.get("HANDBOOK_SERIAL_BUILD", "") in ("", "0")


def on_files(files, config):
    if not _in_parallel():
        return files
    _stop_english()  # one left by a build that failed before its end
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the English build; it ends here, never returning into the Chinese build
        os.close(read_end)
        status = 0
        try:
            _build_english(config)
        except BaseException as error:  # noqa: BLE001  (the Chinese build reports it)
            status = 1
            os.write(write_end, (str(error) or type(error).__name__).encode("utf-8"))
        finally:
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(write_end)
    _english["build"] = (pid, read_end)
    # A Chinese build can also end by SystemExit (mkdocs-macros exits so on a macro error),
    # which passes by on_build_error: stop the English build then too.
    atexit.register(_stop_english)
    return files


# After the Chinese site's own files (its feeds, its search index: priorities 0 to -50), which
# are written while the English build runs; before the PDFs and the Word and Excel files (-70),
# which are made from both languages' pages or written into site/en/.
@event_priority(-60)
def on_post_build(config, **kwargs) -> None:
    running = _english.pop("build", None)
    if running is None:
        _build_english(config)
        return
    pid, read_end = running
    with os.fdopen(read_end, "rb") as pipe:
        error = pipe.read().decode("utf-8", "replace").strip()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise PluginError(f"the English build failed: {error or f'exit status {status}'}")


def on_build_error(error, **kwargs) -> None:
    _stop_english()


def _stop_english() -> None:
    running = _english.pop("build", None)
    if running is None:
        return
    pid, read_end = running
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    os.close(read_end)
