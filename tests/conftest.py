"""Shared fixtures: the validated data, one strict build of the site, a local server, Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import shared_builds
from macros.handbook import load_handbook
from publishing.building import serve_directory
from publishing.chromium import CHROMIUM, launch
from support import PUBLISHED_URL, ROOT, build


# Every test, in-process or through a build, sees one build date (macros/build_date.py): the day
# the office found December 2026 missing from the feeds (issue 17). The calendar covers 2026, not
# yet set by the office, and 2027, set on 2026-11-20.
TEST_TODAY = "2026-11-30"
os.environ["HANDBOOK_TODAY"] = TEST_TODAY
# Every build of the tests converts each page cut in parts (publishing/converted_pages.py) whole
# as well, and fails where the two differ.
os.environ["HANDBOOK_CHECK_CUT_PAGES"] = "1"

# Fixtures that build a site: a test using one (directly or through another fixture) is marked
# `build`, and `make test-fast` (-m "not build and not browser and not publishing") leaves it out.
BUILDING_FIXTURES = {"site_build", "subpath_site", "more_documents", "broken_builds", "payload_site", "amended_site",
                     "offline_site", "cold_cache_build"}


# Set at collection: whether a test of the run reads the session's site (then its build starts
# at the first test, and the tests that do not read it run meanwhile).
READS_SITE = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
    reads_site = {item.module.__name__ for item in items
                  if "site_build" in getattr(item, "fixturenames", ()) and hasattr(item, "module")}
    config.stash[READS_SITE] = bool(reads_site)
    # The modules that never read the site first (each module's tests stay together and in order;
    # `make test` hands whole modules to its processes in this order: --dist loadfile
    # --no-loadscope-reorder, so a module's fixtures are made once).
    items.sort(key=lambda item: getattr(getattr(item, "module", None), "__name__", "") in reads_site)


@pytest.fixture(scope="session")
def shared_folder(tmp_path_factory) -> Path:
    """The folder all test processes of the run share (pytest-xdist's workers each have a
    temporary folder of their own inside it)."""
    own = tmp_path_factory.getbasetemp()
    return own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own


@pytest.fixture(scope="session", autouse=True)
def _site_build_started(request, shared_folder):
    """Start the session's site build at the first test, if a test of the run reads it."""
    if request.config.stash.get(READS_SITE, False):
        shared_builds.start(shared_folder, "site", ROOT)


@pytest.fixture(scope="session")
def handbook():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="session")
def site_build(shared_folder) -> tuple[Path, subprocess.CompletedProcess]:
    """The whole site, both languages, built once in the run with `mkdocs build --strict`, and
    its output."""
    shared_builds.start(shared_folder, "site", ROOT)  # started already, unless run alone
    site_dir, finished = shared_builds.result(shared_folder, "site")
    assert finished.returncode == 0, finished.stderr
    return site_dir, finished


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    """The built site every test that only reads it shares: never change it (copy it first)."""
    return site_build[0]


@pytest.fixture(scope="session")
def rebuilt_site(site, shared_folder) -> tuple[Path, subprocess.CompletedProcess]:
    """A second build of the same tree, after `site`: its PDFs come from the cache. It builds
    the languages one after the other (HANDBOOK_SERIAL_BUILD=1), where `site` built them side by
    side (hooks/build_english.py), so comparing the two compares the two ways too."""
    shared_builds.start(shared_folder, "rebuilt-site", ROOT, HANDBOOK_SERIAL_BUILD="1")
    site_dir, finished = shared_builds.result(shared_folder, "rebuilt-site")
    assert finished.returncode == 0, finished.stderr
    return site_dir, finished


SECOND_DOCUMENT = ROOT / "tests" / "fixtures" / "second-document"


@pytest.fixture(scope="session")
def more_documents(tmp_path_factory):
    """A copy of the project with two more documents, built once: the fixture's amendment
    (tests/test_documents.py) and a synthetic copy of the regulation from the growth benchmark
    (tests/test_bench.py). Returns (project, site folder, the finished build)."""
    from bench.synthetic import make_project

    folder = tmp_path_factory.mktemp("more-documents")
    project = make_project(folder / "project", 2)
    shutil.copytree(SECOND_DOCUMENT, project, dirs_exist_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - regulation.md\n", "  - regulation.md\n  - amendment.md\n"), encoding="utf-8")
    finished = build(project, folder / "site", HANDBOOK_PDFS="0")  # no test of it reads a PDF
    return project, folder / "site", finished


SUBPATH_PREFIX = "/handbook/"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory):
    """The site built for the published address under a sub-path (HANDBOOK_SITE_URL=PUBLISHED_URL,
    http://intranet.example/handbook/, as tests/test_publish.py publishes it: the PDFs one of the
    two builds prints, the other takes from the shared cache) and served on 127.0.0.1 under the
    same /handbook/ with deploy/nginx.conf's MIME types: (the serving base URL, folder). Its links
    are absolute from the site's root (/handbook/…), so a reader follows them on the serving host;
    canonical links, sitemaps, feeds and PDFs give the published address."""
    from serving import serve_site

    assert PUBLISHED_URL.endswith(SUBPATH_PREFIX) and PUBLISHED_URL.count("/") == 4
    site_dir = tmp_path_factory.mktemp("subpath-site")
    base_url, server = serve_site(site_dir, SUBPATH_PREFIX)
    finished = build(ROOT, site_dir, HANDBOOK_SITE_URL=PUBLISHED_URL)
    assert finished.returncode == 0, finished.stderr
    yield base_url, site_dir
    server.shutdown()


@pytest.fixture(scope="session")
def server(site) -> str:
    base_url, httpd = serve_directory(site)
    yield base_url
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian package chromium)")
    with sync_playwright() as playwright:
        chromium = launch(playwright.chromium)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="zh-CN")
    yield context
    context.close()
