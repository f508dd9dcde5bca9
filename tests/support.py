"""Helpers shared by the tests: building a copy of the project, reading built pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from publishing.site_checks import pages_of  # noqa: F401  (the one list of a language's pages)

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["mkdocs.yml", "mkdocs.en.yml", "docs", "macros", "hooks", "overrides", "data",
                 "publishing", "VERSION"]
LANGUAGE_ROOTS = {"zh": "", "en": "en/"}
SITE_URL = "http://127.0.0.1:8000/"  # the site's own address in test builds
PDF_CACHE = ROOT / ".cache" / "pdfs"  # the one `make build` uses

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
CJK = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources, to build with changed data or pages."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def build(project: Path, site_dir: Path, **environment) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a user runs it; returns the finished process. Builds of copies
    share the project's PDF cache, so a copy prints only the PDFs its changes affect."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": SITE_URL,
           "HANDBOOK_PDF_CACHE": str(PDF_CACHE), **environment}
    # No -q: it lowers mkdocs' log level to ERROR, so --strict never sees a warning and passes.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def page_path(site: Path, language: str, url: str) -> Path:
    """The built file of a page URL such as 'regulation/' in one language."""
    return site / LANGUAGE_ROOTS[language] / url / "index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(page: BeautifulSoup):
    """The page's article, without the site's chrome."""
    return page.select_one("article.md-content__inner")


def load_error_after_change(tmp_path: Path, relative: str, old: str, new: str) -> str:
    """Copy data/, replace `old` by `new` once in data/<relative>, load it, and return the
    error's message, which must be one line. Fails if the changed data loads."""
    from macros.errors import HandbookDataError
    from macros.handbook import load_handbook

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in data/{relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        load_handbook(data)
    except HandbookDataError as error:
        message = str(error)
        assert "\n" not in message, message
        return message
    raise AssertionError(f"data/{relative} loaded although {old!r} became {new!r}")
