"""`make compare BASE=<rev>` (bench/compare.py) names every file that differs between two sites."""

from __future__ import annotations

import shutil

from bench.compare import differences


def test_the_comparison_names_each_changed_added_and_removed_file_but_not_the_pdfs(site, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    assert differences(site, copy) == []

    (copy / "en" / "calendar" / "all.ics").write_bytes((site / "en" / "calendar" / "all.ics").read_bytes() + b" ")
    (copy / "search" / "search_index.json").unlink()
    (copy / "extra.html").write_text("new", encoding="utf-8")
    (copy / "downloads" / "regulation-zh.pdf").write_bytes(b"printed again")
    assert differences(site, copy) == ["only in BASE: search/search_index.json", "only in this tree: extra.html",
                                       "differs: en/calendar/all.ics"]
