"""`make serve` (mkdocs serve): both languages served, an edit of a data file shown without a
restart, and a rebuild that reads the watched files does not set off another one."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from publishing.building import fetch as _fetch
from publishing.building import free_port
from support import CACHE, copy_project

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
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": base, "HANDBOOK_CACHE": str(CACHE)}
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
