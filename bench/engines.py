"""`make engines`: what the current Zensical builds of the handbook and what it lacks, measured,
written to bench/engines.md (re-run it at each Zensical release).

Zensical (by Material's authors, its successor) gets its own .venv-zensical (the Makefile makes
it: the project's pins, then the newest `zensical` the package index offers). It has no
-d/--site-dir and writes `site/` beside the config, so it builds a copy of the project. The
MkDocs build of this tree, at the same address, is the reference. Measured:

- files and pages (HTML) against MkDocs, the English site, the checklist pages, the feeds
  (Atom, iCalendar, CSV), the PDFs and the search index;
- search segmentation: how many phrases of data/search/dictionary.txt stay one word, split as
  Zensical's search worker splits Chinese (`Intl.Segmenter(lang, {granularity: "word"})`, run in
  Debian's Chromium) and as the handbook's build does (jieba with that dictionary);
- links inside the pages' content under a sub-path (site_url http://127.0.0.1:8000/handbook/):
  each link to the site (relative, or absolute from the host's root) of each page both engines
  build, resolved against the page's address, must stay under /handbook/ and reach a file of the
  MkDocs site.

    .venv/bin/python -m bench.engines [--output bench/engines.md]
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from publishing.building import ROOT, build, copy_project
from publishing.chromium import chromium_version, launch

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
DICTIONARY = ROOT / "data" / "search" / "dictionary.txt"
SUBPATH_URL = "http://127.0.0.1:8000/handbook/"
OUTPUT = ROOT / "bench" / "engines.md"


def zensical_version() -> str:
    finished = subprocess.run([str(ZENSICAL), "--version"], capture_output=True, text=True, check=True)
    return finished.stdout.strip().split()[-1]


def newest_listed_version() -> str | None:
    """The newest zensical the package index lists (it may need packages the index lacks)."""
    finished = subprocess.run([str(ZENSICAL.with_name("pip")), "index", "versions", "zensical"],
                              capture_output=True, text=True, check=False)
    found = re.search(r"^zensical \(([^)]+)\)", finished.stdout, re.M)
    return found.group(1) if found else None


def build_with_zensical(project: Path, site_url: str) -> subprocess.CompletedProcess:
    """`zensical build --strict` of a copy of the project; the site is project/site."""
    environment = {**os.environ, "HANDBOOK_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1",
                   # Zensical loads macros/__init__.py by path: its imports need the project on the path
                   "PYTHONPATH": str(project)}
    return subprocess.run([str(ZENSICAL), "build", "--strict", "-f", "mkdocs.yml"], cwd=project,
                          env=environment, capture_output=True, text=True, timeout=900)


# --- What a site holds -------------------------------------------------------------------------

def inventory(site: Path) -> dict[str, int]:
    files = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
    return {
        "files": len(files),
        "pages (HTML)": sum(name.endswith(".html") for name in files),
        "English pages (en/)": sum(name.startswith("en/") and name.endswith(".html") for name in files),
        "checklist pages (checklists/<role-id>/)": sum(bool(re.fullmatch(r"(en/)?checklists/[^/]+/index\.html", name))
                                                       for name in files),
        "self-inspection forms (self-inspection/<role-id>/)": sum(
            bool(re.fullmatch(r"(en/)?self-inspection/[^/]+/index\.html", name)) for name in files),
        "earlier versions (regulation/<date>/)": sum(bool(re.fullmatch(r"(en/)?regulation/[^/]+/index\.html", name))
                                                     for name in files),
        "Atom feeds (changes.xml)": sum(name.endswith("changes.xml") for name in files),
        "calendar feeds (.ics)": sum(name.endswith(".ics") for name in files),
        "spreadsheets (.csv)": sum(name.endswith(".csv") for name in files),
        "PDFs": sum(name.endswith(".pdf") for name in files),
        "Word and Excel files (.docx, .xlsx)": sum(name.endswith((".docx", ".xlsx")) for name in files),
        "search indexes": sum(bool(re.fullmatch(r"(en/)?(search/search_index\.json|search\.json)", name))
                              for name in files),
        "sitemaps": sum(name.endswith("sitemap.xml") for name in files),
    }


# --- Search segmentation -----------------------------------------------------------------------

def dictionary_phrases() -> list[str]:
    return [line.split()[0] for line in DICTIONARY.read_text(encoding="utf-8").splitlines() if line.strip()]


def kept_whole_by_segmenter(phrases: list[str], language: str = "zh") -> list[str]:
    """The phrases Chromium's Intl.Segmenter returns as one word, as Zensical's worker calls it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright.chromium)
        page = browser.new_page()
        kept = page.evaluate(
            """([phrases, language]) => {
                 const segmenter = new Intl.Segmenter(language, {granularity: "word"});
                 return phrases.filter(phrase => {
                   const words = [...segmenter.segment(phrase)].filter(s => s.isWordLike);
                   return words.length === 1 && words[0].segment === phrase;
                 });
               }""", [phrases, language])
        browser.close()
    return kept


def kept_whole_by_jieba(phrases: list[str]) -> list[str]:
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(DICTIONARY))
    return [phrase for phrase in phrases if tokenizer.lcut(phrase) == [phrase]]


# --- Links under a sub-path --------------------------------------------------------------------

class _ContentLinks(HTMLParser):
    """The href of every link inside the page's <article> (the content, not the theme's chrome)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def _within_site(href: str) -> bool:
    """A link to another page or file of the site: relative, or absolute from the host's root."""
    return not (urlsplit(href).scheme or href.startswith(("#", "//")))


def broken_subpath_links(site: Path, reference: Path, pages: list[str]) -> tuple[int, list[str]]:
    """(content links within the site, those that leave /handbook/ or reach no file of `reference`)."""
    prefix = urlsplit(SUBPATH_URL).path
    total, broken = 0, []
    for name in pages:
        parser = _ContentLinks()
        parser.feed((site / name).read_text(encoding="utf-8"))
        page_url = SUBPATH_URL + (name[: -len("index.html")] if name.endswith("index.html") else name)
        for href in parser.links:
            if not _within_site(href):
                continue
            total += 1
            path = urlsplit(urljoin(page_url, href)).path
            target = reference / path[len(prefix):] if path.startswith(prefix) else None
            if target is not None and (target.is_dir() or not target.suffix):
                target = target / "index.html"
            if target is None or not target.is_file():
                broken.append(f"{name}: {href}")
    return total, broken


# --- The report --------------------------------------------------------------------------------

def report(version: str, listed: str | None, finished: subprocess.CompletedProcess, zensical: dict | None, mkdocs: dict,
           segmenter: list[str], jieba_kept: list[str], phrases: list[str], links: dict[str, tuple[int, list[str]]],
           template_error: str | None) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        "# Engines: what Zensical builds of the handbook",
        "",
        f"Written by `make engines` (bench/engines.py) on {today}: Zensical {version} (the newest "
        "`zensical` that installs from the package index here"
        + (f"; it lists {listed}, whose dependencies it lacks" if listed and listed != version else "")
        + "), against MkDocs 1.6.1 + Material 9.8.1 building "
        f"this tree at the same address ({SUBPATH_URL}). Re-run it at each Zensical release.",
        "",
        f"Zensical's build: exit code {finished.returncode}"
        + (f", stopped: `{template_error}`" if template_error else ", no warning (it reports none for what it skips)") + ".",
        "",
    ]
    if zensical is not None:
        lines += ["## What it builds", "", "| | MkDocs | Zensical |", "| --- | ---: | ---: |"]
        lines += [f"| {key} | {mkdocs[key]} | {zensical[key]} |" for key in mkdocs]
        lines.append("")
    lines += [
        "## Search: Chinese phrases kept whole",
        "",
        f"The {len(phrases)} phrases of `data/search/dictionary.txt` (the regulation's own terms), "
        "each split as one string:",
        "",
        "| Splitter | Kept whole |",
        "| --- | ---: |",
        f"| jieba with the dictionary (the handbook's build, MkDocs and ProperDocs) | {len(jieba_kept)} of {len(phrases)} |",
        f"| `Intl.Segmenter(\"zh\", {{granularity: \"word\"}})` in {chromium_version()} "
        f"(Zensical's search worker) | {len(segmenter)} of {len(phrases)} |",
        "",
        "Kept whole by Intl.Segmenter: " + ("、".join(segmenter) if segmenter else "none") + ".",
        "",
    ]
    if links:
        lines += ["## Links inside pages under a sub-path", "",
                  f"Every link to the site itself (relative, or absolute from the host's root) in the content "
                  f"(`<article>`) of the {len(next(iter(links.values()))[2])} pages "
                  f"both engines build, resolved against the page at {SUBPATH_URL}: broken when it leaves "
                  "`/handbook/` or reaches no file of the MkDocs site.", "",
                  "| Engine | Links | Broken |", "| --- | ---: | ---: |"]
        for engine, (total, broken, _) in links.items():
            lines.append(f"| {engine} | {total} | {len(broken)} |")
        zensical_broken = links.get("Zensical", (0, [], []))[1]
        if zensical_broken:
            lines += ["", "First broken links of Zensical's build:", ""]
            lines += [f"- `{line}`" for line in zensical_broken[:10]]
        lines.append("")
    lines += ["## What it lacks", ""]
    lines += lacks(zensical, mkdocs, segmenter, phrases, links, template_error)
    return "\n".join(lines) + "\n"


def lacks(zensical, mkdocs, segmenter, phrases, links, template_error) -> list[str]:
    found = []
    if template_error:
        found.append(f"- It stops on the theme overrides: `{template_error}`.")
    if zensical is not None:
        if zensical["files"] < mkdocs["files"]:
            found.append(f"- It writes {zensical['files']} of the {mkdocs['files']} files: it runs none of `hooks:` "
                         "(no warning, even with `--strict`), and half the site is made in hooks.")
        for key, what in (("English pages (en/)", "the English site (hooks/build_english.py)"),
                          ("checklist pages (checklists/<role-id>/)", "the checklist pages (hooks/checklist_pages.py)"),
                          ("Atom feeds (changes.xml)", "the Atom feed of changes (hooks/changes_feed.py)"),
                          ("calendar feeds (.ics)", "the calendar feeds (hooks/calendar_feeds.py)"),
                          ("self-inspection forms (self-inspection/<role-id>/)",
                           "the self-inspection forms (hooks/self_inspection_pages.py)"),
                          ("spreadsheets (.csv)", "the calendar and self-inspection spreadsheets "
                                                  "(hooks/calendar_feeds.py, hooks/self_inspection_pages.py)"),
                          ("PDFs", "the ready PDFs (hooks/pdfs.py)"),
                          ("Word and Excel files (.docx, .xlsx)", "the Word and Excel files (hooks/office_files.py)")):
            if zensical[key] < mkdocs[key]:
                found.append(f"- {what}: {zensical[key]} of {mkdocs[key]}.")
        found.append("- The 404 page's own words and links (hooks/not_found.py): it shows the theme's 404.")
    if len(segmenter) < len(phrases):
        found.append(f"- Chinese search: its worker splits with Intl.Segmenter, which keeps {len(segmenter)} of "
                     f"{len(phrases)} dictionary phrases whole (jieba at build: all); the index's words and aliases "
                     "(hooks/search.py) are not added.")
    zensical_links = links.get("Zensical")
    if zensical_links and zensical_links[1]:
        found.append(f"- Sub-path serving: {len(zensical_links[1])} of {zensical_links[0]} links in page "
                     "content break (it rewrites page-relative links inside raw HTML).")
    return found or ["- Nothing measured here."]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args(argv)
    if not ZENSICAL.is_file():
        print(f"{ZENSICAL} is missing: run `make engines`, which makes .venv-zensical", file=sys.stderr)
        return 2
    version = zensical_version()
    with tempfile.TemporaryDirectory(prefix="handbook-engines-") as temporary:
        work = Path(temporary)
        print(f"building with Zensical {version} …", file=sys.stderr)
        project = copy_project(work / "project")
        finished = build_with_zensical(project, SUBPATH_URL)
        template_error = None
        if finished.returncode != 0:
            errors = [line for line in (finished.stderr + finished.stdout).splitlines() if "Error" in line]
            template_error = errors[-1].strip() if errors else f"exit code {finished.returncode}"
        zensical_site = project / "site"
        print("building with MkDocs …", file=sys.stderr)
        reference = work / "mkdocs-site"
        built = build(ROOT, reference, HANDBOOK_SITE_URL=SUBPATH_URL)
        if built.returncode != 0:
            print(f"the MkDocs build failed:\n{built.stderr}", file=sys.stderr)
            return 2
        mkdocs = inventory(reference)
        zensical = inventory(zensical_site) if zensical_site.is_dir() else None
        links = {}
        if zensical is not None:
            pages = sorted(path.relative_to(zensical_site).as_posix() for path in zensical_site.rglob("index.html")
                           if (reference / path.relative_to(zensical_site)).is_file())
            for engine, site in (("MkDocs", reference), ("Zensical", zensical_site)):
                total, broken = broken_subpath_links(site, reference, pages)
                links[engine] = (total, broken, pages)
        phrases = dictionary_phrases()
        print("measuring search segmentation in Chromium …", file=sys.stderr)
        text = report(version, newest_listed_version(), finished, zensical, mkdocs, kept_whole_by_segmenter(phrases),
                      kept_whole_by_jieba(phrases), phrases, links, template_error)
    arguments.output.write_text(text, encoding="utf-8")
    print(f"wrote {arguments.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
