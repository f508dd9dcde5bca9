"""Publishing: DEST is replaced only by a complete, checked build, in one step.
(Faults, the lock, rollback and verify, with a fast stand-in build: tests/test_publish_faults.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from publishing import publish as publishing
from publishing import releases
from publishing.site_checks import broken_links, incomplete
from support import PUBLISHED_URL, ROOT, copy_project

SCRIPT = ROOT / "publishing" / "publish.py"


def run_publish(dest, config=ROOT / "mkdocs.yml"):
    environment = {**os.environ, "HANDBOOK_SITE_URL": PUBLISHED_URL}
    environment.pop("HANDBOOK_BUILD_COMMAND", None)
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
    """The one test with the real build: a site published before releases were kept (a plain
    folder) becomes the first kept release, and DEST a symlink to the new one."""
    dest = tmp_path / "www" / "handbook"
    previous_site(dest)

    finished = run_publish(dest)

    assert finished.returncode == 0, finished.stderr
    assert dest.is_symlink()
    assert "previous site" not in (dest / "index.html").read_text(encoding="utf-8")
    assert not (dest / "old-page").exists()
    for page in ("regulation/index.html", "en/regulation/index.html",
                 "search/search_index.json", "en/search/search_index.json", "downloads/regulation-zh.pdf"):
        assert (dest / page).is_file(), page
    assert PUBLISHED_URL + "regulation/" in (dest / "regulation" / "index.html").read_text(encoding="utf-8")
    assert sorted(os.listdir(dest.parent)) == ["handbook", "handbook.releases"]
    kept = releases.complete_releases(dest)
    assert [release.id for release in kept][0] == releases.LEGACY_ID
    assert (kept[0].site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert releases.differences(dest)[1] == []  # the manifest matches every file
    assert oct(dest.resolve().stat().st_mode & 0o777) == "0o755"
    assert f"now serves release {kept[-1].id}" in finished.stdout


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
    assert nothing_left_beside(dest)


def nothing_left_beside(dest):
    """Only DEST and its releases folder (holding at most the released lock) beside DEST."""
    return (sorted(os.listdir(dest.parent)) == [dest.name, f"{dest.name}.releases"]
            and os.listdir(releases.releases_dir(dest)) == ["publish.lock"])


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
        monkeypatch.setenv("HANDBOOK_SITE_URL", PUBLISHED_URL)
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
    assert nothing_left_beside(dest)


def test_the_complete_site_passes_the_publish_checks(site):
    assert incomplete(site) == []


def test_a_first_publish_creates_dest(tmp_path, built_by):
    built_by(lambda s: None)
    dest = tmp_path / "new" / "handbook"
    publishing.publish(dest)
    assert (dest / "en" / "index.html").is_file()


def a_new_release(dest):
    """A release folder beside DEST, ready to be switched to."""
    release = releases.releases_dir(dest) / "20990101-000000"
    (release / "site").mkdir(parents=True)
    (release / "site" / "index.html").write_text("new site", encoding="utf-8")
    return release.name


@pytest.mark.parametrize("atomic", [True, False])
def test_a_plain_folder_is_switched_to_the_release_and_kept_as_the_first_one(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(publishing, "_exchange", lambda first, second: False)
    dest = tmp_path / "handbook"
    previous_site(dest)
    before = listing(dest)
    new = a_new_release(dest)
    publishing.switch_from_plain_folder(dest, new)
    assert dest.is_symlink() and releases.live_release_id(dest) == new
    assert (dest / "index.html").read_text(encoding="utf-8") == "new site"
    legacy = releases.releases_dir(dest) / releases.LEGACY_ID
    assert listing(legacy / "site") == before
    assert releases.read_manifest(legacy) == releases.file_hashes(legacy / "site")
    assert [release.id for release in releases.complete_releases(dest)] == [releases.LEGACY_ID]


def test_a_switch_from_a_plain_folder_that_fails_halfway_puts_it_back(tmp_path, monkeypatch):
    monkeypatch.setattr(publishing, "_exchange", lambda first, second: False)
    dest = tmp_path / "handbook"
    previous_site(dest)
    before = listing(dest)
    new = a_new_release(dest)
    real_rename = os.rename

    def rename(source, target):
        if releases.SWAP_PREFIX in os.fspath(source):  # the new link onto DEST
            raise OSError(28, "No space left on device")
        real_rename(source, target)

    monkeypatch.setattr(publishing.os, "rename", rename)
    with pytest.raises(OSError):
        publishing.switch_from_plain_folder(dest, new)
    assert not dest.is_symlink() and listing(dest) == before


def test_links_to_the_site_path_count_as_internal(tmp_path):
    """404.html names its assets by absolute path (/handbook/assets/…) when served at a sub-path."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.css").write_text("", encoding="utf-8")
    (tmp_path / "404.html").write_text('<link href="/handbook/assets/main.css">'
                                       '<link href="/handbook/assets/gone.css">', encoding="utf-8")
    problems = broken_links(tmp_path, [PUBLISHED_URL])
    assert problems == ["404.html: <link> /handbook/assets/gone.css: no such file assets/gone.css"]


def test_make_publish_asks_for_a_destination():
    finished = subprocess.run(["make", "-s", "publish", "DEST="], cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode != 0
    assert "usage: make publish DEST=" in finished.stderr


def test_a_release_is_built_with_the_engine_make_publish_names(tmp_path, monkeypatch):
    """`make publish ENGINE=properdocs` builds the release with ProperDocs, as `make build
    ENGINE=properdocs` does; without it, with MkDocs (in-process: the command, not a build)."""
    from publishing.engines import ENGINE_ENVIRONMENT, engine_command

    monkeypatch.delenv("HANDBOOK_BUILD_COMMAND", raising=False)
    monkeypatch.delenv(ENGINE_ENVIRONMENT, raising=False)
    config, site = ROOT / "mkdocs.yml", tmp_path / "site"
    tail = ["build", "--strict", "-f", str(config), "-d", str(site)]
    assert publishing.build_command(config, site) == [sys.executable, "-m", "mkdocs", *tail]
    monkeypatch.setenv(ENGINE_ENVIRONMENT, "properdocs")
    try:
        expected = [*engine_command("properdocs"), *tail]
    except FileNotFoundError:  # its environment is made by `make test`, not by `make test-fast`
        with pytest.raises(FileNotFoundError):
            publishing.build_command(config, site)
    else:
        assert publishing.build_command(config, site) == expected and "properdocs" in expected[0]
    assert "HANDBOOK_ENGINE=$(ENGINE)" in (ROOT / "Makefile").read_text(encoding="utf-8")
