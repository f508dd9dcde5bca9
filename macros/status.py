"""How current the handbook is: the source document's date, the last data change, the version.

Shown at the foot of every page and in the running footer of printed pages. The version lives in
one place, the VERSION file at the project root.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .handbook import Handbook
from .rendering import TEMPLATES
from .text import colon, long_date, titled_document

VERSION_FILE = "VERSION"


def version(project_dir: Path) -> str:
    return (Path(project_dir) / VERSION_FILE).read_text(encoding="utf-8").strip()


def data_changed(project_dir: Path) -> datetime.date:
    """The date of the last commit touching data/, or — outside git, or with uncommitted data
    changes — the newest modification time of a data file."""
    project_dir = Path(project_dir)
    try:
        run = lambda *args: subprocess.run(  # noqa: E731
            ["git", *args], cwd=project_dir, capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
        if run("rev-parse", "--show-toplevel") and not run("status", "--porcelain", "--", "data"):
            committed = run("log", "-1", "--format=%cs", "--", "data")
            if committed:
                return datetime.date.fromisoformat(committed)
    except (OSError, subprocess.SubprocessError):
        pass
    newest = max(path.stat().st_mtime for path in (project_dir / "data").rglob("*") if path.is_file())
    return datetime.date.fromtimestamp(newest)


def status(handbook: Handbook, language: str, project_dir: Path, document_id: str) -> dict:
    """Plain values for the theme's status line (overrides/partials/hb-status.html)."""
    source = handbook.documents[document_id].notice.date
    changed = data_changed(project_dir)
    label = lambda key: handbook.label(key, language)  # noqa: E731
    return {
        "source": {"label": label("status-source"), "iso": source.isoformat(),
                   "text": long_date(source, language)},
        "data": {"label": label("status-data"), "iso": changed.isoformat(),
                 "text": long_date(changed, language)},
        "version": {"label": label("status-version"), "text": version(project_dir)},
        "separator": colon(language),
        "translation": translation_status(handbook, language, document_id),
    }


def translation_status(handbook: Handbook, language: str, document_id: str) -> dict | None:
    """On English pages: the Chinese is authoritative, the English a reference translation, and
    the day it was last reviewed. None on Chinese pages, which are the source."""
    if language == "zh":
        return None
    reviewed = handbook.documents[document_id].english_reviewed_on
    before, after = handbook.label("status-translation", language).split("{date}")
    return {"before": before, "after": after, "iso": reviewed.isoformat(),
            "text": long_date(reviewed, language)}


def translation_sentence(handbook: Handbook, language: str, document_id: str | None = None) -> str | None:
    """The same as one sentence, for the files people download (Word, Excel); None in Chinese."""
    parts = translation_status(handbook, language, document_id or handbook.main_document)
    return parts and parts["before"] + parts["text"] + parts["after"]


def css_string(value) -> str:
    """Any value as a quoted CSS string: quotes, backslashes and line breaks escaped."""
    text = str(value)
    return '"' + "".join(f"\\{ord(ch):x} " if ch in '"\\\n\r\f' else ch for ch in text) + '"'


# CSS, not HTML: every printed value becomes a CSS string, so data cannot add CSS syntax.
_CSS = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
                   finalize=css_string, trim_blocks=True, lstrip_blocks=True)


def print_running_css(handbook: Handbook, language: str, document_id: str, status_values: dict) -> str:
    """The printed pages' header and footer: the Rules' number and title over their own text,
    the handbook's name and its basis over every other page."""
    document = handbook.documents[document_id]
    number, title = getattr(document.notice.number, language), document.rules.title[language]
    basis = (handbook.label("checklist-source", language) + colon(language)
             + titled_document(title, number, language))
    return _CSS.get_template("print-running.css.j2").render(
        number=number, title=title, handbook_name=handbook.label("handbook-name", language), basis=basis,
        status=status_values, page_label=handbook.label("page-of", language), lang=language)
