"""Build the English site (mkdocs.en.yml) into <site_dir>/en/ beside the Chinese one.

Two builds rather than an i18n plugin: each language gets its own search index with its own
tokenizer, and `mkdocs build` / `mkdocs serve` on mkdocs.yml still produce (and live-reload) both.
The English site_url is the Chinese one plus "en/", so HANDBOOK_SITE_URL sets both.

The two builds run side by side: once the Chinese build has emptied the site folder (on_files,
the first event after MkDocs cleans it), a forked copy of this process builds the English site,
and the Chinese build waits for it once its own pages and files are written (on_post_build,
before the PDFs and the other files made from both languages). The copy starts with what this process has
already loaded — the validated data, jieba's dictionary, the compiled templates — so on two cores
a build takes about as long as its longer language (bench/results.md). It is forked once and kept
for the process's next builds (hooks/_build_process.py: under `mkdocs serve`, each rebuild's
English build remembers the English pages of the last). A failed English build fails the Chinese
one with the English error; a failed Chinese build stops the English one (on_build_error, or at
exit).

HANDBOOK_SERIAL_BUILD=1 (set by `make profile`, which can only see its own process), or a
system without fork, builds English after Chinese in this process, as one build did before.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from _build_process import build_config_file, english
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.build_english")

ENGLISH_CONFIG = "mkdocs.en.yml"


def _english_build(config) -> dict:
    """The English build's config file and settings, from the Chinese build's config."""
    request = {
        "config_file": str(Path(config.config_file_path).with_name(ENGLISH_CONFIG)),
        "site_dir": str(Path(config.site_dir) / "en"),
        "site_url": (config.site_url or "/").rstrip("/") + "/en/",
        "strict": config.strict,
        "use_directory_urls": config.use_directory_urls,
    }
    log.info("Building the English site into %s", request["site_dir"])
    return request


def _in_parallel() -> bool:
    return hasattr(os, "fork") and os.environ.get("HANDBOOK_SERIAL_BUILD", "") in ("", "0")


def on_files(files, config):
    if _in_parallel():
        english.start(_english_build(config))
    return files


# After the Chinese site's own files (its feeds, its search index: priorities 0 to -50), which
# are written while the English build runs; before the PDFs and the Word and Excel files (-70),
# which are made from both languages' pages or written into site/en/.
@event_priority(-60)
def on_post_build(config, **kwargs) -> None:
    if not english.building:
        build_config_file(**_english_build(config))
        return
    error = english.finish()
    if error is not None:
        raise PluginError(f"the English build failed: {error}")


def on_build_error(error, **kwargs) -> None:
    if english.building:  # it must not go on writing into the site folder
        english.stop()
