"""`make bench`: build cost, live-reload rebuild, growth, page weight and search figures.

Prints one Markdown report and writes it to bench/results.md (the README's "Benchmarks" section
quotes it). Every figure is measured in this run, on this machine; builds run one after another
in child processes (`python -m mkdocs build --strict`), in temporary folders, and the project
itself is never changed. Timings are medians; on a shared machine they are noisy, so the report
also names the spread and the load average.

Optional sections: a module `bench/search.py` that defines

    def run(site_dir: pathlib.Path) -> list[tuple[str, str]]

is called with the site built from the project (both languages, as `mkdocs build` writes it) and
its (figure, value) rows are printed under "Search". If the module is missing, or has no `run`,
the report says the section is not available.

    .venv/bin/python -m bench.run [--runs 5] [--sizes 1,10,50] [--growth-runs 3] [--edits 3]
                                  [--no-cold] [--cache DIR] [--no-search] [--no-load] [--no-profile]
                                  [--suites test-fast,test] [--output bench/results.md]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gzip
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bench.profile import profile_build, summary
from bench.suites import measure as measure_suites
from bench.suites import table as suite_table
from bench.synthetic import ROOT, SOURCE_DOCUMENT, copy_project, make_project
from publishing.building import SITE_URL, build_command, build_environment, fetch, free_port  # noqa: F401

RESULTS = ROOT / "bench" / "results.md"
SEARCH_MODULE = ROOT / "bench" / "search.py"
GZIP_LEVEL = 6  # what a web server's gzip typically uses
BARE_CONFIG = "site_name: Bare\ntheme:\n  name: material\n"
BARE_PAGE = "# Bare\n\nOne page of text, the default Material theme, nothing else.\n"


# --- Building ---------------------------------------------------------------------------------

@dataclass
class Build:
    seconds: float
    peak_mb: float  # maximum resident set size of the build process


def build_once(project: Path, site_dir: Path, strict: bool = True, cache: Path | None = None) -> Build:
    """One `mkdocs build` in a child process: wall time and that process's peak memory.
    `cache` is the build's cache folder (HANDBOOK_CACHE: printed PDFs, converted pages, jieba's
    cuts, feeds, Word and Excel files…); an empty one makes a cold build."""
    command = build_command(project, site_dir, strict)
    environment = build_environment(**({"HANDBOOK_CACHE": str(cache)} if cache else {}))
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=environment,
                                   stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"build of {project} failed:\n{errors.read().decode(errors='replace')}")
    return Build(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def bare_project(folder: Path) -> Path:
    """A one-page site with the default Material theme: the baseline of the build ratio."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text(BARE_PAGE, encoding="utf-8")
    return folder


def median(values) -> float:
    return statistics.median(values)


def spread(values) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def measure_builds(work: Path, runs: int, cold: bool = True,
                   cache: Path | None = None) -> tuple[list[Build], list[Build], Build | None, Path]:
    """A cold build (an empty cache: every PDF printed, every page converted, every feed and
    file made, as on a fresh clone), then the project (warm: all of that reused from the cold
    build, as `make build` after a change that touches no page) and the bare site, alternately,
    `runs` times each; returns warm, bare, cold and the project's site."""
    bare = bare_project(work / "bare")
    site = work / "site"
    cache = cache or work / "cache"  # by default the benchmark's own, not the project's .cache/
    cold = build_once(ROOT, site, cache=cache) if cold else None
    project_runs, bare_runs = [], []
    for _ in range(runs):
        bare_runs.append(build_once(bare, work / "bare-site"))
        project_runs.append(build_once(ROOT, site, cache=cache))
    return project_runs, bare_runs, cold, site


# --- Rebuild under `mkdocs serve` ------------------------------------------------------------

EDITED_LINE = "      en: Purpose and basis\n"  # article 1's English title, a one-line edit


def wait_for(condition, timeout: float, interval: float = 0.05) -> float | None:
    """Seconds until condition() is true, or None after `timeout` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def measure_serve(work: Path, edits: int) -> dict:
    """Start `mkdocs serve` on a copy, edit one line of a data file, time until the page changes.

    The English regulation page is written last (after the Chinese site), so its change marks
    the end of the whole rebuild, as a reader refreshing that page would see it.
    """
    project = copy_project(work / "serve-project")
    document = project / "data" / "documents" / f"{SOURCE_DOCUMENT}.yml"
    text = document.read_text(encoding="utf-8")
    if EDITED_LINE not in text:
        raise RuntimeError(f"bench/run.py: the line to edit is no longer in {document.name}")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page = base + "en/regulation/"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": base}
    log = (work / "serve.log").open("wb")
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f",
         str(project / "mkdocs.yml")],
        cwd=project, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        first = wait_for(lambda: fetch(page) is not None, timeout=300, interval=0.2)
        if first is None:
            raise RuntimeError(f"mkdocs serve did not serve {page} within 300 s; see its log")
        first = time.perf_counter() - start
        rebuilds = []
        for edit in range(1, edits + 1):
            marker = f"bench edit {edit}"
            time.sleep(1.0)  # let the watcher settle after the previous build
            document.write_text(text.replace(EDITED_LINE, f"      en: Purpose and basis, {marker}\n"),
                                encoding="utf-8")
            seconds = wait_for(lambda: marker in (fetch(page) or ""), timeout=120)
            if seconds is None:
                raise RuntimeError(f"the edit did not reach {page} within 120 s")
            rebuilds.append(seconds)
        return {"first": first, "rebuilds": rebuilds}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
        log.close()


# --- Growth ----------------------------------------------------------------------------------

def measure_growth(work: Path, sizes: list[int], runs: int) -> list[dict]:
    """Build each size `runs` times, round-robin with the bare site, so that a change of the
    machine's load during the run falls on every size alike rather than on one."""
    projects = {factor: make_project(work / f"growth-{factor}x", factor) for factor in sizes}
    bare = bare_project(work / "bare")
    times: dict[int, list[Build]] = {factor: [] for factor in sizes}
    bare_times: list[float] = []
    for round_ in range(runs):
        bare_times.append(build_once(bare, work / "bare-site").seconds)
        for factor, project in projects.items():
            # A new, empty cache each time: every growth build prints its PDFs and converts its
            # pages, as before the caches, so the sizes stay comparable with each other and with
            # earlier runs.
            times[factor].append(build_once(project, work / f"growth-{factor}x-site",
                                            cache=work / f"growth-{factor}x-cache-{round_}"))
    rows = []
    for factor, builds in times.items():
        seconds = [b.seconds for b in builds]
        pages = len(list((work / f"growth-{factor}x-site").rglob("index.html")))
        rows.append({"factor": factor, "seconds": median(seconds), "spread": spread(seconds),
                     "noisy": (max(seconds) - min(seconds)) > 0.5 * median(seconds),
                     "bare_ratio": median(seconds) / median(bare_times),
                     "peak_mb": max(b.peak_mb for b in builds), "pages": pages})
    return rows


def linearity(rows: list[dict]) -> str:
    """Compare the cost of each added document between the sizes measured."""
    if len(rows) < 3:
        return "needs three sizes"
    (a, b, c) = rows[:3]
    first = (b["seconds"] - a["seconds"]) / (b["factor"] - a["factor"])
    second = (c["seconds"] - b["seconds"]) / (c["factor"] - b["factor"])
    ratio = second / first if first > 0 else float("inf")
    if ratio > 1.5:
        verdict = "worse than linear"
    elif ratio < 0.67:
        verdict = "better than linear (fixed costs dominate)"
    else:
        verdict = "linear"
    caution = ("; the runs of a size differed by more than half its median, so take the verdict "
               "with caution" if any(row["noisy"] for row in rows[:3]) else "")
    return (f"{verdict}: each added document costs {first:.3f} s between {a['factor']}× and "
            f"{b['factor']}×, {second:.3f} s between {b['factor']}× and {c['factor']}× "
            f"(ratio {ratio:.2f}; 0.67–1.5 counts as linear given the noise){caution}")


# --- Page weight ------------------------------------------------------------------------------

class _Loads(HTMLParser):
    """What a page asks the browser to fetch: scripts, stylesheets, images and icons."""

    def __init__(self):
        super().__init__()
        self.loads: list[tuple[str, str]] = []  # (kind, url)
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "script" and attrs.get("src"):
            self.loads.append(("js", attrs["src"]))
        elif tag == "script" and attrs.get("id") == "__config":
            self._in_config = True
        elif tag == "link" and "stylesheet" in rel and attrs.get("href"):
            self.loads.append(("css", attrs["href"]))
        elif tag == "link" and "icon" in rel and attrs.get("href"):
            self.loads.append(("image", attrs["href"]))
        elif tag == "img" and attrs.get("src"):
            self.loads.append(("image", attrs["src"]))

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def page_loads(site: Path, page: Path) -> list[tuple[str, str, Path | None]]:
    """(kind, address as the page writes it, file in the site or None if not on the site)."""
    folder = page.parent.relative_to(site).as_posix()
    base = "http://site.invalid/" + ("" if folder == "." else folder + "/")
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    loads = list(parser.loads)
    if parser.config:
        # Material's script fetches its search worker and the search index when the page loads.
        config = json.loads(parser.config)
        if config.get("search"):
            loads.append(("js (search worker)", config["search"]))
            loads.append(("search index", config.get("base", ".") + "/search/search_index.json"))
    result = []
    for kind, address in loads:
        url = urlsplit(urljoin(base, address))
        on_site = url.netloc == "site.invalid"
        file = site / url.path.lstrip("/") if on_site else None
        result.append((kind, address, file if file and file.is_file() else None))
    return result


def page_types(site: Path) -> dict[str, list[Path]]:
    """Pages grouped by type: the first segment of their address, per language."""
    groups: dict[str, list[Path]] = {}
    for page in sorted(site.rglob("index.html")):
        parts = page.parent.relative_to(site).parts
        language = "en" if parts[:1] == ("en",) else "zh"
        rest = parts[1:] if language == "en" else parts
        kind = "/" if not rest else rest[0] + "/" + ("…/" if len(rest) > 1 else "")
        groups.setdefault(f"{language} {kind}", []).append(page)
    return dict(sorted(groups.items(), key=lambda entry: (entry[0].startswith("en"), entry[0])))


def measure_pages(site: Path) -> tuple[list[dict], dict[str, dict]]:
    rows, assets = [], {}
    for name, pages in page_types(site).items():
        measured = []
        for page in pages:
            data = page.read_bytes()
            weight = {"html": len(data), "css": 0, "js": 0, "image": 0, "extra": 0,
                      "gzip": gzip_size(data), "missing": []}
            for kind, address, file in page_loads(site, page):
                if file is None:
                    weight["missing"].append(address)
                    continue
                content = file.read_bytes()
                key = file.relative_to(site).as_posix()
                asset = assets.setdefault(key, {"kind": kind, "bytes": len(content),
                                                "gzip": gzip_size(content), "pages": set()})
                asset["pages"].add(name)
                bucket = {"css": "css", "js": "js", "image": "image"}.get(kind, "extra")
                weight[bucket] += len(content)
                if bucket != "extra":
                    weight["gzip"] += asset["gzip"]
            weight["total"] = weight["html"] + weight["css"] + weight["js"] + weight["image"]
            measured.append((weight["total"], page, weight))
        total, page, weight = max(measured, key=lambda entry: entry[0])
        rows.append({"type": name, "page": page.parent.relative_to(site).as_posix() + "/",
                     "count": len(pages), **weight})
    return rows, assets


# --- Optional sections ------------------------------------------------------------------------

def search_section(site: Path, module_path: Path = SEARCH_MODULE) -> list[tuple[str, str]] | str:
    """Rows from bench/search.py's run(site_dir), or why there are none."""
    if not module_path.is_file():
        return "not available (bench/search.py is not in this checkout)"
    spec = importlib.util.spec_from_file_location("bench.search", module_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "run", None)):
        return "not available (bench/search.py defines no run(site_dir))"
    return [(str(name), str(value)) for name, value in module.run(site)]


def load_section(site: Path, seconds: float = 5) -> list[tuple[str, str]] | str:
    """Rows from bench/load.py (nginx + wrk on loopback, alone and while publishing), or why none."""
    import shutil

    missing = [tool for tool in ("nginx", "wrk") if shutil.which(tool) is None]
    if missing:
        return f"not available ({' and '.join(missing)} missing: `make nginx load-tool` installs them)"
    from bench import load

    figures = load.measure(site, seconds=seconds)
    return [(f"Set-up: nginx with deploy/nginx.conf on 127.0.0.1, {figures['tool']}, "
             f"{figures['connections']} connections; each run ≤ {figures['seconds']} s and ≤ "
             f"{figures['max_requests']:,} requests alone; while publishing, until 2 swaps happened (≤ "
             f"{figures['swap_seconds']:.0f} s, ≤ {figures['swap_requests']:,} requests; one publish took "
             f"{figures['publish_seconds']:.1f} s before the load)",
             "")] + load.rows(figures)


# --- Report -----------------------------------------------------------------------------------

def kb(size: int) -> str:
    return f"{size / 1024:,.1f}"


def machine() -> str:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (f"{os.cpu_count()} CPU cores{f' ({model})' if model else ''}, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}")


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def figure_table(add, name: str, figures) -> None:
    """A section's (name, value) rows as a table, or the reason it has none (a string)."""
    if isinstance(figures, str):
        add(f"{name} figures: {figures}.")
        return
    add("| Figure | Value |")
    add("| --- | ---: |")
    for figure, value in figures:
        add(f"| {figure} | {value} |")


def report(figures: dict) -> str:
    out = []
    add = out.append
    add("# Benchmark results")
    add("")
    add(f"Measured {figures['date']} by `make bench` on {figures['machine']}. Load average "
        f"(1/5/15 min) {figures['load_before']} at the start, {figures['load_after']} at the end: "
        "other processes were running, so single timings are noisy; every time below is a median, "
        "with the range of the runs.")
    add("")
    builds, bare = figures["builds"], figures["bare"]
    project_s, bare_s = median([b.seconds for b in builds]), median([b.seconds for b in bare])
    add(f"## Full build (median of {len(builds)})")
    add("")
    add("| Build | Time (s) | Range (s) | Peak memory (MB) |")
    add("| --- | ---: | ---: | ---: |")
    cold = figures["cold"]
    add(f"| Handbook, both languages (`mkdocs build --strict`), PDFs from the cache | {project_s:.2f} | "
        f"{spread([b.seconds for b in builds])} | {median([b.peak_mb for b in builds]):.0f} |")
    add(f"| Bare one-page Material site (baseline, same run) | {bare_s:.2f} | "
        f"{spread([b.seconds for b in bare])} | {median([b.peak_mb for b in bare]):.0f} |")
    add(f"| **Ratio handbook / baseline** | **{project_s / bare_s:.2f}×** | | |")
    if cold is not None:
        add(f"| Cold build: every cache empty, every PDF printed, every page converted, every file made (one run) | "
            f"{cold.seconds:.2f} | | {cold.peak_mb:.0f} |")
    add("")
    add("The handbook's builds share one cache of their own (`HANDBOOK_CACHE`, never the project's "
        "`.cache/`): the cold build fills it, then every build finds there every PDF, Word and Excel "
        "file and feed, every page's HTML and search entries and jieba's cuts, as `make build` does "
        "after a change that touches no page. A changed page is converted, indexed and printed again; "
        "changed data makes the files again.")
    add("")
    serve = figures.get("serve")
    if serve:
        add("## Live reload (`mkdocs serve`)")
        add("")
        add("| Figure | Time (s) |")
        add("| --- | ---: |")
        add(f"| Start until the first build is served | {serve['first']:.2f} |")
        add(f"| One-line data edit until the changed page is served (median of "
            f"{len(serve['rebuilds'])}; range {spread(serve['rebuilds'])}) | "
            f"{median(serve['rebuilds']):.2f} |")
        add("")
        add("The edit changes one English line of the regulation's data file; the time runs until "
            "`/en/regulation/` (written last) shows it, so it covers the watcher's delay and both "
            "languages.")
        add("")
    growth = figures.get("growth")
    if growth:
        add(f"## Growth (synthetic documents, median of {figures['growth_runs']})")
        add("")
        add("| Size | Documents | Pages built | Time (s) | Range (s) | × bare site | "
            "Time per document (s) | Peak memory (MB) |")
        add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in growth:
            add(f"| {row['factor']}× | {row['factor']} | {row['pages']} | {row['seconds']:.2f} | "
                f"{row['spread']} | {row['bare_ratio']:.2f} | {row['seconds'] / row['factor']:.3f} | "
                f"{row['peak_mb']:.0f} |")
        add("")
        add("The sizes are built in turn, round after round, each round with one build of the bare "
            "site (\"× bare site\": median time over the bare site's median in those rounds).")
        add("")
        add(f"Growth is {linearity(growth)}.")
        add("")
    pages, assets = figures["pages"]
    add("## Page weight")
    add("")
    add(f"Each page type (the heaviest page of the type): the HTML plus every stylesheet, script and "
        f"image it names, uncompressed and gzip (level {GZIP_LEVEL}); in KB. \"Search\" is what "
        "Material's script fetches on load (search worker and index), counted apart.")
    add("")
    add("| Page type | Pages | HTML | CSS | JS | Images | **Total** | **Total gzip** | Search | "
        "Not on the site |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in pages:
        add(f"| {row['type']} (`{row['page']}`) | {row['count']} | {kb(row['html'])} | "
            f"{kb(row['css'])} | {kb(row['js'])} | {kb(row['image'])} | **{kb(row['total'])}** | "
            f"**{kb(row['gzip'])}** | {kb(row['extra'])} | {', '.join(row['missing']) or 'none'} |")
    add("")
    add("What the pages load:")
    add("")
    add("| File | Kind | KB | KB gzip | Loaded by |")
    add("| --- | --- | ---: | ---: | --- |")
    for key, asset in sorted(assets.items(), key=lambda entry: (entry[0].startswith("en/"), entry[0])):
        languages = {name.split()[0] for name in asset["pages"]}
        every = {row["type"] for row in pages if row["type"].split()[0] in languages}
        by = (f"every {' and '.join(sorted(languages))} page" if asset["pages"] == every
              else ", ".join(sorted(asset["pages"])))
        add(f"| `{key}` | {asset['kind']} | {kb(asset['bytes'])} | {kb(asset['gzip'])} | {by} |")
    add("")
    add("Each language is its own build, so the English site has its own copy of the theme's "
        "assets under `en/`: a reader who switches language downloads them once more.")
    add("")
    add("## Search")
    add("")
    figure_table(add, "Search", figures["search"])
    add("")
    serving = figures.get("load")
    if serving is not None:
        add("## Serving under load (`bench/load.py`)")
        add("")
        figure_table(add, "Serving", serving)
        add("")
    if figures.get("suites"):
        add("## Test suites")
        add("")
        out.extend(suite_table(figures["suites"]))
        add("")
        add("Each suite runs as a user runs it (`make <target>`), one after the other. Processor time is "
            "what every core spent outside idle meanwhile (/proc/stat: the suite with its builds, "
            "Chromium and nginx, and anything else running); over the cores it is the least wall time "
            "any split of that work could reach on this machine. `make test` is timed only when asked "
            "(`make bench SUITES=test-fast,test`).")
        add("")
    if figures.get("profile"):
        add("## Profile (one build under cProfile, `make profile`)")
        add("")
        add(figures["profile"])
        add("")
        add("Times under the profiler are inflated; the shares are what matter. What was found and "
            "fixed is in bench/README.md.")
        add("")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the handbook's build and pages.")
    parser.add_argument("--runs", type=int, default=5, help="full builds of each site (median)")
    parser.add_argument("--sizes", default="1,10,50", help="growth sizes, times the regulation")
    parser.add_argument("--growth-runs", type=int, default=3, help="builds at each size (median)")
    parser.add_argument("--edits", type=int, default=3, help="one-line edits under mkdocs serve")
    parser.add_argument("--no-cold", dest="cold", action="store_false",
                        help="skip the cold build (empty cache); the warm builds print once")
    parser.add_argument("--cache", type=Path, default=None,
                        help="build cache of the warm builds (default: a new one the cold build fills)")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="skip the search section")
    parser.add_argument("--no-load", dest="load", action="store_false",
                        help="skip serving the site with nginx under load (wrk)")
    parser.add_argument("--load-seconds", type=float, default=5,
                        help="each wrk run's length, alone (and at least, while publishing)")
    parser.add_argument("--no-profile", dest="profile", action="store_false",
                        help="skip the profiled build")
    parser.add_argument("--suites", default="test-fast",
                        help="test suites (Makefile targets) to time, e.g. test-fast,test; '' for none")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the report")
    arguments = parser.parse_args(argv)
    sizes = [int(size) for size in arguments.sizes.split(",") if size.strip()]

    figures = {"date": datetime.date.today().isoformat(), "machine": machine(),
               "load_before": load_average(), "growth_runs": arguments.growth_runs}
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as folder:
        work = Path(folder)
        print(f"Full builds: handbook and bare Material site, {arguments.runs} each …", file=sys.stderr)
        figures["builds"], figures["bare"], figures["cold"], site = measure_builds(work, arguments.runs, arguments.cold,
                                                                              arguments.cache)
        figures["pages"] = measure_pages(site)
        if arguments.search:
            print("Search figures …", file=sys.stderr)
            figures["search"] = search_section(site)
        else:
            figures["search"] = "skipped (--no-search)"
        if arguments.load:
            print("Serving under load (nginx, wrk), alone and while publishing …", file=sys.stderr)
            figures["load"] = load_section(site, arguments.load_seconds)
        if arguments.edits > 0:
            print(f"mkdocs serve: {arguments.edits} one-line edits …", file=sys.stderr)
            figures["serve"] = measure_serve(work, arguments.edits)
        if sizes:
            print(f"Growth: {sizes} × the regulation, {arguments.growth_runs} builds each …",
                  file=sys.stderr)
            figures["growth"] = measure_growth(work, sizes, arguments.growth_runs)
        suites = [name for name in arguments.suites.split(",") if name.strip()]
        if suites:
            print(f"Test suites: {', '.join(f'make {name}' for name in suites)} …", file=sys.stderr)
            figures["suites"] = measure_suites(suites)
        if arguments.profile:
            print("Profiling one build …", file=sys.stderr)
            figures["profile"] = summary(profile_build())
    figures["load_after"] = load_average()
    text = report(figures)
    print(text)
    arguments.output.write_text(text + "\n", encoding="utf-8")
    print(f"\nWritten to {arguments.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
