"""Search benchmark: the handbook's search against Material's default search settings.

Builds the site twice in one run (as configured, and with a bare `- search` plugin and no
hooks/search.py), serves each on 127.0.0.1 and runs tests/search_queries.yml through the real
search box in Debian's Chromium. Per build and language it reports:

- top-1 / top-3 hit rates of the query set;
- index ready: ms from navigation start until search answers (index fetched and built), median
  of several page loads, and the index fetch alone (resource timing);
- per-query latency in the browser: ms from the key event to the rendered results (median, p95);
- index size (bytes, gzip) against the size of the text it indexes (UTF-8, markup removed).

`python -m bench.search` prints a table; `--json FILE` also writes the figures.
`run(site_dir)` gives them as rows to `make bench` (bench/run.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/search.py` as well as `python -m bench.search`
    sys.path.insert(0, str(ROOT))

from macros.search import plain  # noqa: E402
from macros.site_paths import LANGUAGE_ROOTS  # noqa: E402
from publishing.building import build, copy_project, serve_directory  # noqa: E402
from publishing.chromium import launch  # noqa: E402
from publishing.search_support import hit_rate, load_queries, open_search, run_queries  # noqa: E402

LOADS = 5  # page loads per language for "index ready"

_READY_PROBE = """
window.__hbReady = null;
document.addEventListener("DOMContentLoaded", () => {
  const meta = document.querySelector(".md-search-result__meta");
  const config = document.getElementById("__config");
  if (!meta || !config) return;
  const placeholder = JSON.parse(config.textContent).translations["search.result.placeholder"];
  const check = () => {
    if (window.__hbReady === null && meta.textContent.trim() === placeholder)
      window.__hbReady = performance.now();
  };
  new MutationObserver(check).observe(meta, {childList: true, characterData: true, subtree: true});
  check();
});
"""

# Time one query: clear the box (results show the placeholder), then type and wait for results.
_TIME_QUERY = """async ([query, placeholder]) => {
  const box = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const changed = test => new Promise(resolve => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => { if (test()) { observer.disconnect(); resolve(); } });
    observer.observe(meta, {childList: true, characterData: true, subtree: true});
  });
  box.value = "";
  box.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  await changed(() => meta.textContent.trim() === placeholder);
  const start = performance.now();
  box.value = query;
  box.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
  await changed(() => meta.textContent.trim() !== placeholder);
  return performance.now() - start;
}"""


# --- The comparison build: Material's default search settings --------------------------------

class _Env(list):
    """mkdocs' !ENV tag, kept as it is when a configuration is rewritten."""


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: _Env(
    loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]))
_Dumper.add_representer(_Env, lambda dumper, value: dumper.represent_sequence("!ENV", list(value)))


def default_search_project(destination: Path) -> Path:
    """A copy of the project whose search is Material's default: a bare `search` plugin and
    no hooks/search.py (jieba stays installed, as Material's documentation advises)."""
    project = copy_project(destination)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        path = project / name
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        config["plugins"] = ["search" if isinstance(p, dict) and "search" in p else p
                             for p in config["plugins"]]
        config["hooks"] = [hook for hook in config.get("hooks", []) if hook != "hooks/search.py"]
        path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


# --- Measuring one built site -----------------------------------------------------------------

def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _sizes(site: Path, language: str) -> dict:
    index_file = site / LANGUAGE_ROOTS[language] / "search" / "search_index.json"
    raw = index_file.read_bytes()
    docs = json.loads(raw)["docs"]
    text = "\n".join(plain(doc["title"]) + "\n" + plain(doc["text"]) for doc in docs)
    text_bytes = len(text.encode("utf-8"))
    return {
        "index_bytes": len(raw),
        "index_gzip_bytes": len(gzip.compress(raw)),
        "text_bytes": text_bytes,
        "index_to_text": round(len(raw) / text_bytes, 2),
        "entries": len(docs),
    }


def measure_site(browser, base_url: str, site: Path) -> dict:
    queries = load_queries()
    figures = {}
    for language, prefix in LANGUAGE_ROOTS.items():
        url = base_url + prefix
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        outcomes = run_queries(page, url, getattr(queries, language))
        placeholder = open_search(page, url)
        latencies = [page.evaluate(_TIME_QUERY, [o.query.q, placeholder]) for o in outcomes]
        context.close()

        ready, fetch = [], []
        for _ in range(LOADS):
            context = browser.new_context(locale="zh-CN")  # a fresh cache each time
            page = context.new_page()
            page.add_init_script(_READY_PROBE)
            page.goto(url)
            page.wait_for_function("window.__hbReady !== null")
            ready.append(page.evaluate("window.__hbReady"))
            fetch.append(page.evaluate(
                "performance.getEntriesByType('resource').filter(e => e.name.includes('search_index'))"
                ".map(e => e.duration)[0] || 0"))
            context.close()

        figures[language] = {
            "queries": len(outcomes),
            "top1": round(hit_rate(outcomes, 1), 3),
            "top3": round(hit_rate(outcomes, 3), 3),
            "missed_top3": [o.query.q for o in outcomes if not o.top3],
            "index_ready_ms": round(statistics.median(ready), 1),
            "index_fetch_ms": round(statistics.median(fetch), 1),
            "latency_median_ms": round(statistics.median(latencies), 1),
            "latency_p95_ms": round(_percentile(latencies, 0.95), 1),
            **_sizes(site, language),
        }
    return figures


def measure(handbook_site: Path | None = None) -> dict:
    """Both builds, both languages: {"handbook": {"zh": {...}, "en": {...}}, "material-default": …}.
    `handbook_site` is an already built handbook site to measure instead of building one."""
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        temporary = Path(temporary)
        projects = {"handbook": ROOT, "material-default": default_search_project(temporary / "default")}
        browser = launch(playwright.chromium)
        try:
            for name, project in projects.items():
                site = temporary / f"site-{name}"
                if name == "handbook" and handbook_site is not None:
                    site = handbook_site
                else:
                    finished = build(project, site)
                    if finished.returncode != 0:
                        raise RuntimeError(f"building the {name} site failed:\n{finished.stderr}")
                base_url, server = serve_directory(site)
                try:
                    results[name] = measure_site(browser, base_url, site)
                finally:
                    server.shutdown()
        finally:
            browser.close()
    return results


def run(site_dir: Path) -> list[tuple[str, str]]:
    """The section of `make bench` (bench/run.py): figures of the built site and of the same
    site with Material's default search settings, built in the same run."""
    rows = []
    for name, languages in measure(site_dir).items():
        for language, f in languages.items():
            label = f"search, {name}, {language}"
            rows += [
                (f"{label}: top-1 / top-3 hit rate", f"{f['top1']:.0%} / {f['top3']:.0%}"),
                (f"{label}: index ready after page load", f"{f['index_ready_ms']:.0f} ms"),
                (f"{label}: query latency median / p95", f"{f['latency_median_ms']:.1f} / {f['latency_p95_ms']:.1f} ms"),
                (f"{label}: index size (gzip) / indexed text", f"{f['index_bytes'] / 1024:.0f} KiB "
                 f"({f['index_gzip_bytes'] / 1024:.0f}) / {f['text_bytes'] / 1024:.0f} KiB"),
            ]
    return rows


def table(results: dict) -> str:
    rows = [("build", "lang", "top-1", "top-3", "ready ms", "fetch ms", "query ms (median / p95)",
             "index KiB (gzip)", "text KiB", "index/text")]
    for name, languages in results.items():
        for language, f in languages.items():
            rows.append((name, language, f"{f['top1']:.0%}", f"{f['top3']:.0%}", f"{f['index_ready_ms']:.0f}",
                         f"{f['index_fetch_ms']:.0f}", f"{f['latency_median_ms']:.1f} / {f['latency_p95_ms']:.1f}",
                         f"{f['index_bytes'] / 1024:.0f} ({f['index_gzip_bytes'] / 1024:.0f})",
                         f"{f['text_bytes'] / 1024:.0f}", f"{f['index_to_text']:.2f}"))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = measure()
    print(table(results))
    for name, languages in results.items():
        for language, figures in languages.items():
            if figures["missed_top3"]:
                print(f"{name} {language} missed (top 3): {', '.join(figures['missed_top3'])}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
