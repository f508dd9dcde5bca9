"""The print stylesheet's running header and footer, written into one language's built site:
assets/stylesheets/print-running.css (macros/status.py makes it from the data and the page's
status line: source document's date, last data change, version). hooks/page_status.py calls it at
the end of each language's build, before the PDFs are printed.
"""

from __future__ import annotations

from pathlib import Path

from macros.status import print_running_css

RUNNING_CSS = "assets/stylesheets/print-running.css"


def write_print_running_css(site_dir: str | Path, handbook, language: str, status: dict) -> None:
    path = Path(site_dir) / RUNNING_CSS
    path.parent.mkdir(parents=True, exist_ok=True)
    css = print_running_css(handbook, language, handbook.main_document, status)
    path.write_bytes(css.encode("utf-8"))
