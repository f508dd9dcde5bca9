"""`make serve` (mkdocs serve): both languages served, an edit of a data file shown without a
restart, a rebuild that reads the watched files does not set off another one, the English build
started with the rebuild (hooks/build_english.py), the theme's template run again only for the
pages that changed (hooks/rendered_pages.py; every rebuild here checks the others), and a data
mistake reported once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import re

import pytest
import yaml

from publishing.building import fetch as _fetch
from publishing.building import free_port
from support import CACHE, ROOT, copy_project

DOCUMENT = "data/documents/shgcw-2018-46.yml"
EDITED_LINE = "      en: Purpose and basis\n"  # article 1's English title
pytestmark = pytest.mark.build


def _until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = project / "serve.log"
    # Every rebuild renders every page with the theme anyway and fails at a remembered page
    # that differs (publishing/rendered_pages.py)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": base, "HANDBOOK_CACHE": str(CACHE),
                   "HANDBOOK_CHECK_REMEMBERED_PAGES": "1"}
    with log.open("wb") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        assert _until(lambda: _fetch(base + "en/regulation/") is not None, 180), log.read_text(encoding="utf-8")
        yield project, base, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def _builds(log) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation...")


def _reloads(log) -> int:
    return log.read_text(encoding="utf-8").count("Reloading browsers")


def _served_folder(log) -> Path:
    """The folder `mkdocs serve` builds into (a temporary one); English goes into its en/."""
    return Path(re.search(r"Building the English site into (\S+)", log.read_text(encoding="utf-8"))[1]).parent


def test_both_languages_are_served_and_edits_are_watched_as_they_happen(serving):
    project, base, log = serving
    assert "第一条" in _fetch(base + "regulation/") and "Article 1" in _fetch(base + "en/regulation/")
    if sys.platform.startswith("linux"):
        assert "Watching for changes with inotify" in log.read_text(encoding="utf-8")


def test_a_data_edit_shows_on_the_served_page_without_a_restart(serving):
    project, base, log = serving
    document = project / DOCUMENT
    text = document.read_text(encoding="utf-8")
    assert EDITED_LINE in text
    builds = _builds(log)
    document.write_text(text.replace(EDITED_LINE, "      en: Purpose and basis, served edit\n"), encoding="utf-8")
    assert _until(lambda: "Purpose and basis, served edit" in (_fetch(base + "en/regulation/") or ""), 120), \
        log.read_text(encoding="utf-8")[-3000:]
    assert _builds(log) == builds + 1  # one save (its open, writes and close): one rebuild


def test_a_rebuild_does_not_set_off_another(serving):
    _, _, log = serving
    builds = _builds(log)
    time.sleep(3)  # a rebuild read every data file; none of that is a change
    assert _builds(log) == builds


def test_a_rebuild_starts_the_english_build_first_and_leaves_both_languages_whole(serving):
    """The English build of a rebuild starts before the Chinese build's configuration, into a
    hidden folder renamed to en/ once it is done (hooks/_english_process.py)."""
    project, base, log = serving
    document = project / DOCUMENT
    text = document.read_text(encoding="utf-8")
    title = re.search(r"^      en: Purpose and basis.*\n", text, re.M)[0]  # as the test before may have left it
    start = len(log.read_text(encoding="utf-8"))
    reloads = _reloads(log)
    document.write_text(text.replace(title, "      en: Purpose and basis, early English\n"), encoding="utf-8")
    try:
        assert _until(lambda: _reloads(log) > reloads, 120), log.read_text(encoding="utf-8")[start:]
        rebuild = log.read_text(encoding="utf-8")[start:]
        site = _served_folder(log)
        assert f"Building documentation to directory: {site / '.en-next'}" in rebuild
        assert not (site / ".en-next").exists()
        assert "Purpose and basis, early English" in (site / "en" / "regulation" / "index.html").read_text(encoding="utf-8")
        assert "第一条" in (site / "regulation" / "index.html").read_text(encoding="utf-8")
    finally:
        document.write_text(text, encoding="utf-8")
        assert _until(lambda: "early English" not in (_fetch(base + "en/regulation/") or "early English"), 120)


def test_a_rebuild_renders_with_the_theme_only_the_pages_the_edit_changed(serving):
    """Two edits of one title: the second changes only the pages that show the title (the first
    may also change every page's "data changed" date), so the theme renders only those again,
    in both languages; the check (HANDBOOK_CHECK_REMEMBERED_PAGES) renders the rest anyway and
    compares them with what the cache gave."""
    project, base, log = serving
    document = project / DOCUMENT
    text = document.read_text(encoding="utf-8")
    title = re.search(r"^      en: Purpose and basis.*\n", text, re.M)[0]
    try:
        for edit in ("first", "second"):
            start, reloads = len(log.read_text(encoding="utf-8")), _reloads(log)
            document.write_text(text.replace(title, f"      en: Purpose and basis, {edit} render\n"), encoding="utf-8")
            assert _until(lambda: _reloads(log) > reloads, 120), log.read_text(encoding="utf-8")[start:]
        rebuild = log.read_text(encoding="utf-8")[start:]
        counts = re.findall(r"Pages: (\d+) rendered by the theme, (\d+) from the cache \(checked\)", rebuild)
        assert len(counts) == 2, rebuild  # one line per language
        for rendered, remembered in counts:
            assert 1 <= int(rendered) <= 3 and int(remembered) >= 30, rebuild
        assert "Purpose and basis, second render" in _fetch(base + "en/regulation/")
    finally:
        document.write_text(text, encoding="utf-8")
        assert _until(lambda: "second render" not in (_fetch(base + "en/regulation/") or "second render"), 120)


def test_a_data_mistake_under_serve_is_reported_once_and_its_fix_is_served(serving):
    """The early English build does not start from data with a mistake, so the mistake is
    reported by the Chinese build alone, once; the next save that mends it is served."""
    project, base, log = serving
    cases = yaml.safe_load((ROOT / "tests" / "fixtures" / "bad" / "cases.yml").read_text(encoding="utf-8"))
    case = next(case for case in cases if case["case"] == "unknown-role")
    path = project / "data" / case["file"]
    text = path.read_text(encoding="utf-8")
    assert case["find"] in text
    start = len(log.read_text(encoding="utf-8"))
    path.write_text(text.replace(case["find"], case["replace"], 1), encoding="utf-8")
    try:
        assert _until(lambda: "An error happened during the rebuild" in log.read_text(encoding="utf-8")[start:], 120)
        time.sleep(1)  # room for anything an English build would still print
        failed = log.read_text(encoding="utf-8")[start:]
        assert failed.count(case["error"]) == 1, failed
        assert "Building the English site" not in failed, failed
    finally:
        reloads = _reloads(log)
        path.write_text(text, encoding="utf-8")
    assert _until(lambda: _reloads(log) > reloads, 120), log.read_text(encoding="utf-8")[start:]
    assert "Article 1" in _fetch(base + "en/regulation/")
