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

Under `mkdocs serve`, a rebuild starts the English build before anything else, even before the
Chinese build loads its configuration (on_serve; hooks/_english_process.py says how): an edit
then shows about 0.3 s sooner (bench/README.md).

HANDBOOK_SERIAL_BUILD=1 (set by `make profile`, which can only see its own process), or a
system without fork, builds English after Chinese in this process (the tests compare the two ways'
sites, tests/conftest.py `rebuilt_site`).
"""

from __future__ import annotations

import gc
import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _english_process as english
from _project import handbook_of


def _in_parallel() -> bool:
    return hasattr(os, "fork") and os.environ.get("HANDBOOK_SERIAL_BUILD", "") in ("", "0")


def on_files(files, config):
    settings = english.Settings.of(config)
    english.last_settings = settings
    if not _in_parallel():
        return files
    running = english.running
    if running is not None and running.early and running.settings == settings:
        english.release()  # started with this rebuild, for this very configuration
        return files
    english.start(settings)  # stops one left by a build that failed before its end
    return files


# After the Chinese site's own files (its feeds, its search index: priorities 0 to -50), which
# are written while the English build runs; before the PDFs and the Word and Excel files (-70),
# which are made from both languages' pages or written into site/en/.
@event_priority(-60)
def on_post_build(config, **kwargs) -> None:
    if english.running is None:
        english.build_english(english.Settings.of(config))
        return
    error = english.finish()
    if error is not None:
        raise PluginError(f"the English build failed: {error}")


def on_build_error(error, **kwargs) -> None:
    english.stop()


def _data_is_valid(config) -> bool:
    try:
        handbook_of(config)
    except PluginError:
        return False
    return True


def on_serve(server, config, builder):
    """Start each rebuild's English build before the rebuild itself (the server calls its
    `builder` with no argument for a rebuild). The settings are the last Chinese build's; if
    the rebuild's own differ (mkdocs.yml edited), on_files starts the English build again."""
    rebuild = getattr(server, "builder", None)
    if rebuild is None or not _in_parallel():
        return server
    # What the first build leaves alive lives as long as the server: the collector passes over it
    # from now on. A full collection walked all of it, ~0.1-0.24 s in one rebuild in five, at
    # times before the English build had started.
    gc.collect()
    gc.freeze()

    def rebuild_english_first(*args, **kwargs):
        # With the data loaded first (~0.03 s after an edit), the English build starts from it as
        # the Chinese build will; with a data mistake, it does not start: the Chinese build
        # reports the mistake
        if english.last_settings is not None and _data_is_valid(config):
            english.start(english.last_settings, early=True)
        try:
            rebuild(*args, **kwargs)
        finally:
            english.stop()  # one left by a rebuild that stopped before waiting for it

    server.builder = rebuild_english_first
    return server
