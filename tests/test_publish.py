"""Publishing: DEST is replaced only by a complete, checked build, in one step."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from publishing import publish as publishing
from publishing.site_checks import incomplete
from support import ROOT, SITE_URL, copy_project

SCRIPT = ROOT / "publishing" / "publish.py"


def run_publish(dest, config=ROOT / "mkdocs.yml"):
    environment = {**os.environ, "HANDBOOK_SITE_URL": SITE_URL}
    return subprocess.run([sys.executable, str(SCRIPT), str(dest), "-f", str(config)],
                          env=environment, capture_output=True, text=True, timeout=600)


def previous_site(dest):
    dest.mkdir(parents=True)
    (dest / "index.html").write_text("previous site", encoding="utf-8")
    (dest / "old-page").mkdir()
    (dest / "old-page" / "index.html").write_text("a page since removed", encoding="utf-8")


def listing(folder):
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*"))


@pytest.mark.build
def test_publish_replaces_the_previous_site_with_the_complete_new_one(tmp_path):
    dest = tmp_path / "www" / "handbook"
    previous_site(dest)

    finished = run_publish(dest)

    assert finished.returncode == 0, finished.stderr
    assert "previous site" not in (dest / "index.html").read_text(encoding="utf-8")
    assert not (dest / "old-page").exists()
    for page in ("regulation/index.html", "en/regulation/index.html",
                 "search/search_index.json", "en/search/search_index.json"):
        assert (dest / page).is_file(), page
    assert os.listdir(dest.parent) == ["handbook"]  # no build or previous folder left behind
    assert oct(dest.stat().st_mode & 0o777) == "0o755"


@pytest.mark.build
def test_a_failing_build_leaves_the_published_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    roles = project / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("defined_in: art-5", "defined_in: art-55", 1),
                     encoding="utf-8")
    dest = tmp_path / "www" / "handbook"
    previous_site(dest)
    before = listing(dest)

    finished = run_publish(dest, project / "mkdocs.yml")

    assert finished.returncode != 0
    assert "Traceback" not in finished.stdout + finished.stderr
    assert "data/roles.yml: roles[0].defined_in: unknown article or item 'art-55'" in finished.stderr
    assert f"publish: {dest} left unchanged: the build failed" in finished.stderr
    assert listing(dest) == before
    assert (dest / "index.html").read_text(encoding="utf-8") == "previous site"
    assert os.listdir(dest.parent) == ["handbook"]


def _add_link(page, href):
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", f'<a href="{href}">x</a></article>', 1), encoding="utf-8")


@pytest.fixture
def built_by(site, monkeypatch):
    """Replace the publish step's build by a copy of the session's site, changed by `damage`."""
    def use(damage):
        def fake_build(config, site_dir):
            shutil.copytree(site, site_dir, dirs_exist_ok=True)
            damage(site_dir)
        monkeypatch.setattr(publishing, "build", fake_build)
    return use


@pytest.mark.parametrize("damage, problem", [
    (lambda s: shutil.rmtree(s / "en"), "missing page /en/"),
    (lambda s: (s / "en" / "regulation" / "index.html").unlink(), "missing page /en/regulation/"),
    (lambda s: (s / "search" / "search_index.json").unlink(), "search index /search/search_index.json"),
    (lambda s: _add_link(s / "glossary" / "index.html", "../regulation/#art-99"), "no anchor #art-99"),
    (lambda s: _add_link(s / "en" / "glossary" / "index.html", "../../roster/nowhere/"),
     "no such file roster/nowhere/index.html"),
])
def test_an_incomplete_build_is_not_published(tmp_path, built_by, damage, problem):
    built_by(damage)
    dest = tmp_path / "handbook"
    previous_site(dest)
    before = listing(dest)
    with pytest.raises(publishing.PublishError, match="incomplete") as raised:
        publishing.publish(dest)
    assert problem in str(raised.value)
    assert listing(dest) == before
    assert os.listdir(tmp_path) == ["handbook"]


def test_the_complete_site_passes_the_publish_checks(site):
    assert incomplete(site) == []


def test_a_first_publish_creates_dest(tmp_path, built_by):
    built_by(lambda s: None)
    dest = tmp_path / "new" / "handbook"
    publishing.publish(dest)
    assert (dest / "en" / "index.html").is_file()


def test_without_an_atomic_exchange_the_swap_renames_and_removes_the_previous_site(tmp_path, monkeypatch):
    monkeypatch.setattr(publishing, "_exchange", lambda first, second: False)
    dest, new = tmp_path / "handbook", tmp_path / "new"
    previous_site(dest)
    new.mkdir()
    (new / "index.html").write_text("new site", encoding="utf-8")
    publishing.swap_into_place(new, dest)
    assert listing(dest) == ["index.html"]
    assert (dest / "index.html").read_text(encoding="utf-8") == "new site"
    assert os.listdir(tmp_path) == ["handbook"]


def test_a_swap_that_fails_halfway_puts_the_previous_site_back(tmp_path, monkeypatch):
    monkeypatch.setattr(publishing, "_exchange", lambda first, second: False)
    dest, new = tmp_path / "handbook", tmp_path / "new"
    previous_site(dest)
    before = listing(dest)
    new.mkdir()
    real_rename = os.rename

    def rename(source, target):
        if os.fspath(source) == os.fspath(new):
            raise OSError(28, "No space left on device")
        real_rename(source, target)

    monkeypatch.setattr(publishing.os, "rename", rename)
    with pytest.raises(OSError):
        publishing.swap_into_place(new, dest)
    assert listing(dest) == before


def test_make_publish_asks_for_a_destination():
    finished = subprocess.run(["make", "-s", "publish", "DEST="], cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode != 0
    assert "usage: make publish DEST=" in finished.stderr
