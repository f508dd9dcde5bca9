"""Shared fixtures: the validated data, one strict build of the site, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path

import pytest

from macros.handbook import load_handbook
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, build


@pytest.fixture(scope="session")
def handbook():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The whole site, both languages, built once with `mkdocs build --strict`, and its output."""
    site_dir = tmp_path_factory.mktemp("site")
    finished = build(ROOT, site_dir)
    assert finished.returncode == 0, finished.stderr
    return site_dir, finished


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    """The built site every test that only reads it shares: never change it (copy it first)."""
    return site_build[0]


@pytest.fixture(scope="session")
def rebuilt_site(site, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A second build of the same tree, after `site`: its PDFs come from the cache."""
    site_dir = tmp_path_factory.mktemp("rebuilt-site")
    finished = build(ROOT, site_dir)
    assert finished.returncode == 0, finished.stderr
    return site_dir, finished


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_directory(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port); returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


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
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="zh-CN")
    yield context
    context.close()
