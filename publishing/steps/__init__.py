"""The build's own steps as plain Python: functions of the data (macros.handbook) and of entries
or files of the built output, with no engine in them. Each engine calls them through a thin
adapter (today the MkDocs hooks in hooks/), so moving to another engine means new adapters,
not new steps (tests/test_engines.py: only the adapters import an engine).

    search_index   the search index's Chinese words, aliases, spellings, glossary entries and
                   search/nearest.js (adapter: hooks/search.py)
    pages          the pages made from data: one checklist and one self-inspection form per role,
                   one page per earlier version of the Rules (adapters: hooks/checklist_pages.py,
                   hooks/self_inspection_pages.py, hooks/version_pages.py)
    feeds          the calendar's .ics/.csv, the self-inspection forms' CSVs and the Atom feed of
                   changes, written into the built site (adapters: hooks/calendar_feeds.py,
                   hooks/self_inspection_pages.py, hooks/changes_feed.py)
    office         the Word and Excel files, written into the built site from a cache keyed by
                   the data (adapter: hooks/office_files.py)
    status         the print stylesheet's running header and footer, written into the built
                   site (adapter: hooks/page_status.py, which also gives the theme the status line)

The feeds, forms' CSVs and Office files are written into the built site by `write_files` below.
"""

from __future__ import annotations

from pathlib import Path


def write_files(site_dir: str | Path, files: dict[str, bytes | str]) -> None:
    """Write each file (path under the site's folder -> content; text as UTF-8)."""
    for name, content in files.items():
        path = Path(site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

