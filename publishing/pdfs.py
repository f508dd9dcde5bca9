"""Write the ready PDFs from the built site with headless Chromium and the print stylesheet.

    python -m publishing.pdfs site/ [site_url]

runs after `mkdocs build` (hooks/pdfs.py calls `write_pdfs` at the end of every `mkdocs build`,
not under `mkdocs serve`). Each job is (page URL under the site root, PDF path under the site
root); add a page by adding a line to `jobs`.

Chromium opens each page at its real address (site_url), and every request under site_url is
answered from the built files — nothing else is fetched — so links print with the addresses
readers will use. Pages print exactly as the browser prints them: A4, the running header and
footer from the print stylesheet (assets/stylesheets/print-running.css).

Printing is most of a build's time, so each PDF is printed once per change: a content-addressed
cache (`.cache/pdfs/` beside mkdocs.yml, or HANDBOOK_PDF_CACHE) keeps every printed PDF under a
key made of everything that decides it — the page's HTML (with its URL, version line and data
date; less the generator tag, which names the engine, so the engines of publishing/engines.py
share the cache), every file the page loads (stylesheets, scripts, images), the site's address,
the PDF's name, Chromium's version, the installed fonts and this module's own code. A build
copies the PDFs whose key is in the cache and prints only the others, all in one Chromium.

Chromium draws Noto CJK (OpenType/CFF) as embedded Type 3 glyphs and names each glyph's text
after the lowest code point the font maps to it, which for many common characters is a
Kangxi or CJK radical (⽹ U+2F79 for 网). `repair_text` rewrites those entries of the PDF's
ToUnicode maps to the ideograph the font draws with the same glyph, so the text is searchable.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import mimetypes
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from macros.downloads import LANGUAGE_ROOTS, checklist_pdf, regulation_pdf, self_inspection_pdf
from macros.cache_folders import cache_folder
from macros.site_paths import CHECKLIST_FOLDER, DEFAULT_SITE_URL, SELF_INSPECTION_FOLDER
from publishing import caches
from publishing.chromium import chromium_version, launch
from publishing.engines import without_generator

PDF_CACHE_ENVIRONMENT = "HANDBOOK_PDF_CACHE"  # moves the printed PDFs alone


def jobs(site: Path) -> list[tuple[str, str]]:
    """(page URL, PDF path), both relative to the site root: the whole document, every role's
    checklist and every role's self-inspection form, in both languages. The file:// copy
    (`make offline`, no directory URLs) has regulation.html where the served site has regulation/."""
    site = Path(site)
    directory_urls = not (site / "regulation.html").is_file()

    def roles(folder: str) -> list[str]:
        """The roles with a page under `folder` (checklists, self-inspection)."""
        if directory_urls:
            return sorted(path.parent.name for path in site.glob(f"{folder}/*/index.html"))
        return sorted(path.stem for path in site.glob(f"{folder}/*.html") if path.stem != "index")

    def url(page: str) -> str:
        return f"{page}/" if directory_urls else f"{page}.html"

    found = []
    for language, root in LANGUAGE_ROOTS.items():
        found.append((root + url("regulation"), regulation_pdf(language)))
        found += [(root + url(f"{CHECKLIST_FOLDER}/{role}"), checklist_pdf(role, language))
                  for role in roles(CHECKLIST_FOLDER)]
        # Each role's self-inspection form, blank (the page has nothing filled in).
        found += [(root + url(f"{SELF_INSPECTION_FOLDER}/{role}"), self_inspection_pdf(role, language))
                  for role in roles(SELF_INSPECTION_FOLDER)]
    return found


def _site_file(site: Path, site_url: str, url: str) -> Path | None:
    """The built file answering `url`, or None when it is not under site_url or not built."""
    if not url.startswith(site_url):
        return None
    root = site.resolve()
    path = (root / unquote(urlsplit(url[len(site_url):]).path)).resolve()
    if path.is_dir():
        path = path / "index.html"
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


# --- The cache key ----------------------------------------------------------------------------

class _Loads(HTMLParser):
    """The addresses a page loads: stylesheets, scripts, images."""

    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split() and attributes.get("href"):
            self.addresses.append(attributes["href"])
        elif tag in ("script", "img") and attributes.get("src"):
            self.addresses.append(attributes["src"])


# The start tags that can load something, quoted values and all: only these go through the
# parser (parsing whole pages was most of the time a warm build spent on its PDFs). Comments and
# the text of scripts and styles are matched whole, so a tag written inside them is not taken.
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_LOADING_TAG = re.compile(
    rf"<!--.*?-->|(<script\b{_ATTRIBUTES}>).*?</script\s*>|<style\b{_ATTRIBUTES}>.*?</style\s*>"
    rf"|(<(?:link|img)\b{_ATTRIBUTES}>)", re.IGNORECASE | re.DOTALL)


def loaded_addresses(html: str) -> list[str]:
    """The addresses of the stylesheets, scripts and images a page loads, in page order."""
    parser = _Loads()
    for script, tag in _LOADING_TAG.findall(html):
        if script:
            parser.feed(script + "</script>")
        elif tag:
            parser.feed(tag)
    parser.close()
    return parser.addresses


@lru_cache(maxsize=1)
def fonts_fingerprint() -> str:
    """The installed fonts (file, family, style, version): another font can change the print."""
    listing = subprocess.run(["fc-list", "--format", "%{file}|%{family}|%{style}|%{fontversion}\n"],
                             capture_output=True, text=True, check=False).stdout
    return hashlib.sha256("\n".join(sorted(listing.splitlines())).encode()).hexdigest()


@lru_cache(maxsize=1)
def printer_fingerprint() -> str:
    """Chromium's version, the fonts and this module's code (print options, text repair)."""
    own_code = Path(__file__).read_bytes()
    return "\n".join([chromium_version(), fonts_fingerprint(), hashlib.sha256(own_code).hexdigest()])


def cache_key(site: Path, site_url: str, url: str, pdf: str, loaded: dict[str, bytes] | None = None) -> str:
    """Everything that decides the printed PDF, hashed: see the module's docstring. `loaded`
    keeps the files read (address -> bytes) for the next key of the same build."""
    site_url = site_url.rstrip("/") + "/"
    page_url = site_url + url
    page = _site_file(site, site_url, page_url)
    if page is None:
        raise FileNotFoundError(f"{url}: page not built, cannot print {pdf}")
    html = page.read_bytes()
    loaded = {} if loaded is None else loaded
    digest = hashlib.sha256()
    for part in (printer_fingerprint(), site_url, url, pdf):
        digest.update(part.encode() + b"\0")
    digest.update(without_generator(html) + b"\0")  # the engine's name is not printed
    for address in sorted(set(loaded_addresses(html.decode("utf-8", errors="replace")))):
        absolute = urljoin(page_url, address)
        if absolute not in loaded:
            found = _site_file(site, site_url, absolute.split("#")[0])
            loaded[absolute] = found.read_bytes() if found else b"(missing)"
        digest.update(absolute.encode() + b"\0")
        digest.update(loaded[absolute] + b"\0")
    return digest.hexdigest()


def default_cache() -> Path:
    """HANDBOOK_PDF_CACHE, else the pdfs/ folder of the build's cache (macros/cache_folders.py)."""
    return cache_folder("pdfs", PDF_CACHE_ENVIRONMENT)


def _prune(cache: Path) -> None:
    """Remove entries unused for caches.LIFETIME_DAYS, and prints a failed build left half done
    (at most every caches.PRUNE_EVERY_SECONDS, as every cache)."""
    caches.prune_now_and_then(cache, "*.pdf", "*.printing")


# --- Writing ----------------------------------------------------------------------------------

@dataclass
class Written:
    """The PDFs of one run: all of them, and those printed (not taken from the cache)."""
    paths: list[Path] = field(default_factory=list)
    printed: list[Path] = field(default_factory=list)


def write_pdfs(site: Path, site_url: str, page_jobs: list[tuple[str, str]] | None = None,
               cache: Path | None = None) -> Written:
    """Write every job's PDF into the site: from the cache when its key is there, else printed
    (all missing pages in one Chromium) and then stored in the cache."""
    site = Path(site)
    site_url = site_url.rstrip("/") + "/"
    page_jobs = page_jobs if page_jobs is not None else jobs(site)
    cache = Path(cache) if cache is not None else default_cache()
    cache.mkdir(parents=True, exist_ok=True)
    written = Written()
    missing: list[tuple[str, Path, Path]] = []  # (url, cache entry, target)
    loaded: dict[str, bytes] = {}  # the stylesheets and scripts the pages share, read once
    for url, pdf in page_jobs:
        entry = cache / f"{cache_key(site, site_url, url, pdf, loaded)}.pdf"
        target = site / pdf
        target.parent.mkdir(parents=True, exist_ok=True)
        written.paths.append(target)
        if entry.is_file():
            shutil.copyfile(entry, target)
            os.utime(entry)  # used: kept by _prune
        else:
            missing.append((url, entry, target))
    if missing:
        _print_all(site, site_url, missing)
        written.printed = [target for _, _, target in missing]
    _prune(cache)
    return written


def _repaired(printed: str, entry: str) -> str:
    """Repair a freshly printed PDF and move it into the cache under its key (atomically, so
    a build running beside this one never reads half a file)."""
    repair_text(Path(printed))
    os.replace(printed, entry)
    return entry


def _print_all(site: Path, site_url: str, missing: list[tuple[str, Path, Path]]) -> None:
    """Print the missing pages in one Chromium, as many pages at a time as there are CPU cores,
    while a pool of processes repairs the text of those already printed."""
    cores = os.cpu_count() or 1
    pool = None
    if len(missing) > 1 and cores > 1:
        radical_equivalents()  # read the fonts once, before the workers are forked
        pool = ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork"))
        pool.submit(int).result()  # fork every worker now, before Chromium's threads start
    try:
        work = lambda: asyncio.run(_print_pages(site, site_url, missing, pool, cores))  # noqa: E731
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no loop here (a build, the command line): run one
            work()
        else:  # called from inside an event loop: give the printing its own thread
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(1) as thread:
                thread.submit(work).result()
    finally:
        if pool is not None:
            pool.shutdown()
    for _, entry, target in missing:
        shutil.copyfile(entry, target)


async def _print_pages(site: Path, site_url: str, missing, pool, cores: int) -> None:
    from playwright.async_api import async_playwright

    loop = asyncio.get_running_loop()
    answer = _answer_from(site, site_url)
    queue = list(missing)
    repairs = []
    async with async_playwright() as playwright:
        browser = await launch(playwright.chromium)
        try:
            context = await browser.new_context(service_workers="block")
            await context.route("**/*", answer)

            async def printer():
                page = await context.new_page()
                while queue:
                    url, entry, _ = queue.pop(0)
                    printed = entry.with_name(f"{entry.stem}.{os.getpid()}.printing")
                    await page.goto(site_url + url, wait_until="load")
                    await page.evaluate("document.fonts.ready")
                    await page.pdf(path=str(printed), prefer_css_page_size=True, print_background=False,
                                   tagged=True, outline=True)
                    repairs.append(loop.run_in_executor(pool, _repaired, str(printed), str(entry)))
                await page.close()

            await asyncio.gather(*(printer() for _ in range(min(cores, len(missing)))))
            await asyncio.gather(*repairs)
        finally:
            await browser.close()


def _answer_from(site: Path, site_url: str):
    """A Playwright route handler: files under site_url from `site`, everything else refused."""

    async def handle(route):
        url = route.request.url
        if not url.startswith(site_url):
            return await route.abort()
        path = _site_file(site, site_url, url)
        if path is None:
            return await route.fulfill(status=404, body="")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return await route.fulfill(status=200, body=path.read_bytes(), content_type=content_type)

    return handle


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
    """Make every CJK character of the PDF extract as itself (see the module's docstring).

    The repaired ToUnicode maps are appended to the file as an incremental update (ISO 32000-1,
    7.5.6: the new objects, a cross-reference section for them and a trailer pointing back to
    Chromium's), and everything Chromium wrote stays as it is: reading only the fonts and
    appending a few streams is much cheaper than copying every object of a tagged PDF."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    table = radical_equivalents()
    original = pdf.read_bytes()
    reader = PdfReader(io.BytesIO(original))
    repaired: dict[tuple[int, int], bytes] = {}  # (object number, generation) -> the new CMap
    seen: set[tuple[int, int]] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for reference in fonts.get_object().values():
            font = reference.get_object()
            to_unicode = font.raw_get("/ToUnicode") if "/ToUnicode" in font else None
            if not isinstance(to_unicode, IndirectObject):
                continue  # no map, or (never from Chromium) one not stored as its own object
            key = (to_unicode.idnum, to_unicode.generation)
            if key in seen:
                continue
            seen.add(key)
            data = to_unicode.get_object().get_data()
            cmap = repair_cmap(data, table)
            if cmap != data:
                repaired[key] = cmap
    if repaired:
        pdf.write_bytes(original + _incremental_update(original, reader.trailer, repaired))


def _incremental_update(original: bytes, trailer, streams: dict[tuple[int, int], bytes]) -> bytes:
    """New versions of `streams` (Flate-compressed), their cross-reference section and a trailer
    whose /Prev is the original's cross-reference section, for appending to `original`."""
    update = bytearray(b"" if original.endswith(b"\n") else b"\n")
    offsets = {}
    for (number, generation), data in sorted(streams.items()):
        offsets[number] = (len(original) + len(update), generation)
        compressed = zlib.compress(data)
        update += b"%d %d obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (number, generation, len(compressed))
        update += compressed + b"\nendstream\nendobj\n"
    section = len(original) + len(update)
    update += b"xref\n0 1\n0000000000 65535 f \n"  # the free list's head, as in Chromium's own section
    for number, (offset, generation) in offsets.items():
        update += b"%d 1\n%010d %05d n \n" % (number, offset, generation)
    entries = [b"/Size %d" % trailer["/Size"]]
    for name in ("/Root", "/Info"):
        if name in trailer:
            reference = trailer.raw_get(name)
            entries.append(b"%s %d %d R" % (name.encode(), reference.idnum, reference.generation))
    if "/ID" in trailer:
        entries.append(b"/ID [" + b" ".join(b"<" + bytes(part).hex().encode() + b">" for part in trailer["/ID"]) + b"]")
    previous = int(re.findall(rb"startxref\s+(\d+)", original)[-1])
    entries.append(b"/Prev %d" % previous)
    update += b"trailer\n<< " + b" ".join(entries) + b" >>\nstartxref\n%d\n%%%%EOF\n" % section
    return bytes(update)


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print("usage: python -m publishing.pdfs SITE_DIR [SITE_URL]", file=sys.stderr)
        return 2
    site_url = argv[1] if len(argv) > 1 else os.environ.get("HANDBOOK_SITE_URL", DEFAULT_SITE_URL)
    written = write_pdfs(Path(argv[0]), site_url)
    for path in written.paths:
        print(path, "(printed)" if path in written.printed else "(from the cache)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
