"""Building and serving the project from code: shared by the benchmark (bench/) and the tests
(tests/), which both import it from here (and never each other).

    build(project, site_dir)   `mkdocs build --strict` of a project folder, as a user runs it
                               (engine="properdocs": the same with ProperDocs, publishing/engines.py)
    copy_project(destination)  a copy of the sources, to build with changed data or pages
    serve_directory(folder)    a quiet local web server for a built site
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from macros.site_paths import DEFAULT_SITE_URL
from publishing.engines import DEFAULT_ENGINE, engine_command

ROOT = Path(__file__).resolve().parent.parent
# Everything a build reads: the one list of what a copy of the project needs.
PROJECT_PARTS = ["mkdocs.yml", "mkdocs.en.yml", "docs", "macros", "hooks", "overrides", "data",
                 "publishing", "VERSION"]
SITE_URL = DEFAULT_SITE_URL  # the default address (HANDBOOK_SITE_URL), used by test builds
CACHE = ROOT / ".cache"  # what `make build` keeps for the next build (macros/cache_folders.py)
PDF_CACHE = CACHE / "pdfs"  # of which the printed PDFs


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """The text at `url`, or None when nothing answers (a server still starting)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources, to build with changed data or pages. Compiled modules
    (`make bytecode`) come along: the copy's files keep their times, so Python takes them."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def build_command(project: Path, site_dir: Path, strict: bool = True, engine: str = DEFAULT_ENGINE) -> list[str]:
    # No -q: it lowers mkdocs' log level to ERROR, so --strict never sees a warning and passes.
    return [*engine_command(engine), "build", "-f", str(project / "mkdocs.yml"),
            "-d", str(site_dir)] + (["--strict"] if strict else [])


def build_environment(**environment) -> dict[str, str]:
    """The environment of a build of the project or of a copy: copies share the project's cache
    (.cache/), so a copy prints, converts or makes only what its changes affect."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": SITE_URL,
            "HANDBOOK_CACHE": str(CACHE), **environment}


def build(project: Path, site_dir: Path, engine: str = DEFAULT_ENGINE, **environment) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (or another engine's) as a user runs it; returns the finished process."""
    return subprocess.run(build_command(project, site_dir, engine=engine), cwd=project,
                          env=build_environment(**environment), capture_output=True, text=True,
                          timeout=600)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page mid-download (a test closing its page) is no error of the
        # site's; anything else is printed as before.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_directory(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port); returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
