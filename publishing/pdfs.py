"""Write the ready PDFs from the built site with headless Chromium and the print stylesheet.

    python -m publishing.pdfs site/ [site_url]

runs after `mkdocs build` (hooks/pdfs.py calls `write_pdfs` at the end of every `mkdocs build`,
not under `mkdocs serve`). Each job is (page URL under the site root, PDF path under the site
root); add a page by adding a line to `jobs`.

Chromium opens each page at its real address (site_url), and every request under site_url is
answered from the built files — nothing else is fetched — so links print with the addresses
readers will use. Pages print exactly as the browser prints them: A4, the running header and
footer from the print stylesheet (assets/stylesheets/print-running.css).

Chromium draws Noto CJK (OpenType/CFF) as embedded Type 3 glyphs and names each glyph's text
after the lowest code point the font maps to it, which for many common characters is a
Kangxi or CJK radical (⽹ U+2F79 for 网). `repair_text` rewrites those entries of the PDF's
ToUnicode maps to the ideograph the font draws with the same glyph, so the text is searchable.
"""

from __future__ import annotations

import mimetypes
import multiprocessing
import os
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.downloads import LANGUAGE_ROOTS, checklist_pdf, regulation_pdf

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def jobs(site: Path) -> list[tuple[str, str]]:
    """(page URL, PDF path), both relative to the site root: the whole document and every
    role's checklist, in both languages. The file:// copy (`make offline`, no directory URLs)
    has regulation.html where the served site has regulation/."""
    site = Path(site)
    directory_urls = not (site / "regulation.html").is_file()
    if directory_urls:
        roles = sorted(path.parent.name for path in site.glob("checklists/*/index.html"))
    else:
        roles = sorted(path.stem for path in site.glob("checklists/*.html") if path.stem != "index")

    def url(page: str) -> str:
        return f"{page}/" if directory_urls else f"{page}.html"

    found = []
    for language, root in LANGUAGE_ROOTS.items():
        found.append((root + url("regulation"), regulation_pdf(language)))
        found += [(root + url(f"checklists/{role}"), checklist_pdf(role, language)) for role in roles]
    return found


# --- Rendering ------------------------------------------------------------------------------

def _answer_from(site: Path, site_url: str):
    """A Playwright route handler: files under site_url from `site`, everything else refused."""
    root = site.resolve()

    def handle(route):
        url = route.request.url
        if not url.startswith(site_url):
            return route.abort()
        path = (root / unquote(urlsplit(url[len(site_url):]).path)).resolve()
        if path.is_dir():
            path = path / "index.html"
        if not path.is_relative_to(root) or not path.is_file():
            return route.fulfill(status=404, body="")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return route.fulfill(status=200, body=path.read_bytes(), content_type=content_type)

    return handle


def write_pdfs(site: Path, site_url: str, page_jobs: list[tuple[str, str]] | None = None) -> list[Path]:
    """Print every job; the jobs are shared among one Chromium per CPU core (printing is
    CPU-bound, and the checklists make some thirty PDFs)."""
    site = Path(site)
    page_jobs = page_jobs if page_jobs is not None else jobs(site)
    workers = max(1, min(os.cpu_count() or 1, len(page_jobs) // 4))
    if workers == 1:
        return _print(site, site_url, page_jobs)
    radical_equivalents()  # read the fonts once, before the workers are forked
    shares = [page_jobs[index::workers] for index in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        printed = pool.map(_print, [site] * workers, [site_url] * workers, shares)
        return [path for share in printed for path in share]


def _print(site: Path, site_url: str, page_jobs: list[tuple[str, str]]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    site_url = site_url.rstrip("/") + "/"
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(service_workers="block")
            context.route("**/*", _answer_from(site, site_url))
            page = context.new_page()
            for url, pdf in page_jobs:
                page.goto(site_url + url, wait_until="load")
                page.evaluate("document.fonts.ready")
                target = site / pdf
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(target), prefer_css_page_size=True, print_background=False,
                         tagged=True, outline=True)
                repair_text(target)
                written.append(target)
        finally:
            browser.close()
    return written


# --- Searchable CJK text ---------------------------------------------------------------------

RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
IDEOGRAPHS = (range(0x3400, 0xA000), range(0xF900, 0xFB00), range(0x20000, 0x40000))


@lru_cache(maxsize=1)
def radical_equivalents() -> dict[int, int]:
    """Radical code point -> the ideograph drawn with the same glyph, from the installed
    Simplified Chinese CJK fonts (the fonts Chromium uses for zh text)."""
    from fontTools.ttLib import TTFont

    listing = subprocess.run(["fc-list", ":lang=zh-cn", "file", "index", "family"],
                             capture_output=True, text=True, check=False).stdout
    table: dict[int, int] = {}
    for line in sorted(set(listing.splitlines())):
        match = re.match(r"(?P<file>[^:]+): (?P<family>[^:]+):index=(?P<index>\d+)", line)
        if not match or not match["family"].split(",")[0].endswith(" SC"):
            continue
        font = TTFont(match["file"], fontNumber=int(match["index"]), lazy=True)
        cmap = font.getBestCmap() or {}
        glyph_text: dict[str, int] = {}
        for code, glyph in sorted(cmap.items()):
            if any(code in block for block in IDEOGRAPHS):
                glyph_text.setdefault(glyph, code)
        for code, glyph in cmap.items():
            if code in RADICALS and glyph in glyph_text:
                table.setdefault(code, glyph_text[glyph])
        font.close()
    return table


_BFCHAR = re.compile(rb"beginbfchar\s*(.*?)\s*endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange\s*(.*?)\s*endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _decode(hexes: bytes) -> str:
    return bytes.fromhex(hexes.decode()).decode("utf-16-be")


def _encode(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode()


def repair_cmap(data: bytes, table: dict[int, int]) -> bytes:
    """A ToUnicode CMap with radicals replaced by their ideographs (ranges become single codes)."""
    mapping: dict[bytes, str] = {}
    width = 2
    for block in _BFCHAR.findall(data):
        codes = _HEX.findall(block)
        for code, text in zip(codes[::2], codes[1::2]):
            mapping[code] = _decode(text)
            width = len(code)
    for block in _BFRANGE.findall(data):
        codes = _HEX.findall(block)
        for low, high, start in zip(codes[::3], codes[1::3], codes[2::3]):
            width = len(low)
            first = _decode(start)
            for offset in range(int(high, 16) - int(low, 16) + 1):
                code = f"{int(low, 16) + offset:0{width}X}".encode()
                mapping[code] = first[:-1] + chr(ord(first[-1]) + offset)
    if not any(ord(ch) in table for text in mapping.values() for ch in text):
        return data
    repaired = {code: "".join(chr(table.get(ord(ch), ord(ch))) for ch in text)
                for code, text in mapping.items()}
    entries = sorted(repaired.items())
    body = b""
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        body += b"%d beginbfchar\n" % len(chunk)
        body += b"".join(b"<" + code.upper() + b"> <" + _encode(text) + b">\n" for code, text in chunk)
        body += b"endbfchar\n"
    head = data[:min(m.start() for m in re.finditer(rb"\d+\s+begin(bfchar|bfrange)", data))]
    tail = data[data.rindex(b"endcmap"):]
    return head + body + tail


def repair_text(pdf: Path) -> None:
    """Make every CJK character of the PDF extract as itself (see the module's docstring)."""
    from pypdf import PdfReader, PdfWriter

    table = radical_equivalents()
    writer = PdfWriter(clone_from=PdfReader(pdf))
    seen = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for reference in fonts.get_object().values():
            font = reference.get_object()
            to_unicode = font.get("/ToUnicode")
            if to_unicode is None or id(to_unicode.get_object()) in seen:
                continue
            stream = to_unicode.get_object()
            seen.add(id(stream))
            data = stream.get_data()
            repaired = repair_cmap(data, table)
            if repaired != data:
                stream.set_data(repaired)  # re-encoded with the stream's own filter
    writer.write(pdf)


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print("usage: python -m publishing.pdfs SITE_DIR [SITE_URL]", file=sys.stderr)
        return 2
    site_url = argv[1] if len(argv) > 1 else os.environ.get("HANDBOOK_SITE_URL", "http://127.0.0.1:8000/")
    for path in write_pdfs(Path(argv[0]), site_url):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
