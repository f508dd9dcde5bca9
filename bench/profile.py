"""`make profile`: one `mkdocs build --strict` of the project under cProfile, summarised.

Prints where the build's time goes (the handbook's own code apart from MkDocs, Material, jieba
and Markdown) and the functions with the most cumulative time, and keeps the raw profile in
.cache/build.prof (open it with `python -m pstats .cache/build.prof`). bench/run.py puts the
summary into bench/results.md. Times under cProfile are inflated; read them as shares.

    .venv/bin/python -m bench.profile [--top 25]
"""

from __future__ import annotations

import argparse
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.synthetic import ROOT

PROFILE = ROOT / ".cache" / "build.prof"

# (what, how to find it in the profile: path fragment and function name)
AREAS = [
    ("Whole build, both languages (`mkdocs build`)", "mkdocs/commands/build.py", "build"),
    ("English build (hooks/build_english.py)", "hooks/build_english.py", "on_post_build"),
    ("Ready PDFs: headless Chromium prints the document and every checklist (hooks/pdfs.py; not under `mkdocs serve`)",
     "hooks/pdfs.py", "on_post_build"),
    ("Handbook data: read and validated (macros/handbook.py `_load`)", "macros/handbook.py", "_load"),
    ("Handbook pages: templates rendered (macros/rendering.py `render`)", "macros/rendering.py", "render"),
    ("Importing the handbook's macros (pydantic models, pypinyin)", "macros/__init__.py", "<module>"),
    ("Markdown to HTML (Python-Markdown)", "markdown/core.py", "convert"),
    ("Search index incl. Chinese segmentation (Material + jieba)", "material/plugins/search/plugin.py",
     "on_page_context"),
    ("jieba dictionary load (once per process)", "jieba/__init__.py", "initialize"),
    ("Jinja template compilation (theme and pages)", "jinja2/environment.py", "compile"),
    ("All pages built (the above per page, plus the theme's page template)", "mkdocs/commands/build.py",
     "_build_page"),
]


def profile_build(output: Path = PROFILE, project: Path = ROOT) -> pstats.Stats:
    """Build the project once under cProfile (in a child process, into a temporary folder)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    # The English build in this process too (hooks/build_english.py), where cProfile sees it.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SERIAL_BUILD": "1"}
    with tempfile.TemporaryDirectory(prefix="handbook-profile-") as site:
        finished = subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build",
             "--strict", "-f", str(project / "mkdocs.yml"), "-d", site],
            cwd=project, env=environment, capture_output=True, text=True, timeout=600)
    if finished.returncode != 0:
        raise RuntimeError(f"profiled build failed:\n{finished.stderr}")
    return pstats.Stats(str(output))


def area_rows(stats: pstats.Stats) -> list[tuple[str, int, float]]:
    """(area, calls, cumulative seconds) for each area of AREAS found in the profile."""
    rows = []
    for name, fragment, function in AREAS:
        calls, seconds = 0, 0.0
        for (file, _, func), (_, primitive_calls, _, cumulative, _) in stats.stats.items():
            if func == function and file.replace(os.sep, "/").endswith(fragment):
                calls += primitive_calls
                seconds += cumulative
        rows.append((name, calls, seconds))
    return rows


def summary(stats: pstats.Stats) -> str:
    """The Markdown table bench/run.py puts into the report."""
    rows = area_rows(stats)
    total = rows[0][2] or 1.0
    lines = ["| Where the time goes (one profiled build) | Calls | Seconds | Share |",
             "| --- | ---: | ---: | ---: |"]
    for name, calls, seconds in rows:
        lines.append(f"| {name} | {calls} | {seconds:.2f} | {100 * seconds / total:.0f} % |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Profile one build of the handbook.")
    parser.add_argument("--top", type=int, default=25, help="functions to list by cumulative time")
    arguments = parser.parse_args(argv)
    stats = profile_build()
    print(summary(stats))
    print(f"\nTop {arguments.top} by cumulative time (raw profile: {PROFILE}):\n")
    stats.sort_stats("cumulative").print_stats(arguments.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
