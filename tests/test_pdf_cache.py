"""Each PDF is printed once per change (publishing/pdfs.py's cache), and a build that takes its
PDFs from the cache writes the same site, byte for byte, as one that printed them. So does a
build that takes its pages' HTML, search entries, jieba's cuts and the feeds from the cache (macros/cache_folders.py)
and one that makes them all afresh."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from publishing import pdf_text, pdfs
from support import PDF_CACHE, ROOT, SITE_URL, build, copy_project

PRINTED = re.compile(r"PDFs: (\d+) printed, (\d+) from the cache")


def _counts(finished) -> tuple[int, int]:
    found = PRINTED.findall(finished.stderr)
    assert len(found) == 1, finished.stderr
    return int(found[0][0]), int(found[0][1])


def _files(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_second_build_prints_nothing_and_writes_the_same_site_byte_for_byte(site, rebuilt_site):
    second, finished = rebuilt_site
    assert _counts(finished) == (0, len(pdfs.jobs(site)))
    assert re.search(r"Word and Excel files: \d+ from the cache", finished.stderr)  # none made again
    first_files, second_files = _files(site), _files(second)
    assert first_files.keys() == second_files.keys()
    different = [name for name in first_files if first_files[name] != second_files[name]]
    assert different == []  # pages, feeds, search indexes, PDFs
    # and the languages built one after the other wrote what they write side by side
    assert "Building the English site" in finished.stderr and "HANDBOOK_SERIAL_BUILD" not in os.environ


CONVERTED = re.compile(r"Pages: (\d+) converted from Markdown, (\d+) from the cache")
CUT = re.compile(r"Chinese words: (\d+) runs of text cut by jieba, (\d+) from the cache")
FEEDS = re.compile(r"Calendar feeds \((\w+)\): (made|from the cache)")
INDEXED = re.compile(r"Search: (\d+) pages indexed, (\d+) from the cache")


@pytest.fixture(scope="module")
def cold_cache_build(tmp_path_factory):
    """The same tree built with an empty cache of its own (HANDBOOK_CACHE), as on a fresh clone,
    but for the printed PDFs (the session's: printing them all again proves nothing here)."""
    folder = tmp_path_factory.mktemp("cold-cache")
    finished = build(ROOT, folder / "site", HANDBOOK_CACHE=str(folder / "cache"), HANDBOOK_PDF_CACHE=str(PDF_CACHE))
    assert finished.returncode == 0, finished.stderr
    return folder / "site", finished


def test_a_build_with_an_empty_cache_and_one_with_it_filled_write_the_same_site(site, cold_cache_build, rebuilt_site):
    cold_site, cold = cold_cache_build
    _, warm = rebuilt_site
    # cold: every page converted and indexed, jieba's dictionary loaded, the feeds made
    assert [int(kept) for _, kept in INDEXED.findall(cold.stderr)] == [0, 0]
    assert [int(kept) for _, kept in CONVERTED.findall(cold.stderr)] == [0, 0]
    assert all(int(converted) > 30 for converted, _ in CONVERTED.findall(cold.stderr))
    assert [int(kept) for _, kept in CUT.findall(cold.stderr)] == [0, 0]
    assert sum(int(made) for made, _ in CUT.findall(cold.stderr)) > 1000
    assert sorted(FEEDS.findall(cold.stderr)) == [("en", "made"), ("zh", "made")]
    # warm (the second build of the session's cache): nothing converted, indexed, cut or made again
    assert [int(indexed) for indexed, _ in INDEXED.findall(warm.stderr)] == [0, 0]
    assert [int(converted) for converted, _ in CONVERTED.findall(warm.stderr)] == [0, 0]
    assert [int(made) for made, _ in CUT.findall(warm.stderr)] == [0, 0]
    assert sorted(FEEDS.findall(warm.stderr)) == [("en", "from the cache"), ("zh", "from the cache")]
    # and all three sites are one site, byte for byte
    shared, made_afresh = _files(site), _files(cold_site)
    assert shared.keys() == made_afresh.keys()
    assert [name for name in shared if shared[name] != made_afresh[name]] == []


@pytest.mark.build
def test_a_changed_copy_built_with_the_shared_cache_is_the_one_built_with_an_empty_cache(tmp_path):
    """The keys hold what decides each entry: after an edit of a page's text and of the glossary
    (a new word for jieba: every search entry and cut under a new dictionary), the shared cache
    gives the same site as no cache at all, and still spares the pages the edit did not touch."""
    import uuid

    # New each run, so that no earlier run of this test left them in the shared cache.
    marker = uuid.uuid4().int
    title, word = f"Purpose and basis (edited {marker % 10**8})", "网信" + chr(0x4E00 + marker % 20000)
    project = copy_project(tmp_path / "project")
    document = project / "data" / "documents" / "shgcw-2018-46.yml"
    text = document.read_text(encoding="utf-8")
    assert "      en: Purpose and basis\n" in text
    document.write_text(text.replace("      en: Purpose and basis\n", f"      en: {title}\n"), encoding="utf-8")
    glossary = project / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    assert "      en: [internet affairs, cyber affairs]\n" in text
    glossary.write_text(text.replace("      en: [internet affairs, cyber affairs]\n",
                                     f"      en: [internet affairs, cyber affairs]\n      zh: [{word}]\n", 1),
                        encoding="utf-8")
    shared = build(project, tmp_path / "shared", HANDBOOK_PDFS="0")
    empty = build(project, tmp_path / "empty", HANDBOOK_PDFS="0", HANDBOOK_CACHE=str(tmp_path / "cache"))
    assert shared.returncode == 0 and empty.returncode == 0, shared.stderr + empty.stderr
    converted = [(int(made), int(kept)) for made, kept in CONVERTED.findall(shared.stderr)]
    assert all(made > 0 and kept > 0 for made, kept in converted) and len(converted) == 2
    assert [int(kept) for _, kept in INDEXED.findall(shared.stderr)] == [0, 0]  # a new dictionary
    first, second = _files(tmp_path / "shared"), _files(tmp_path / "empty")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert title in first["en/regulation/index.html"].decode("utf-8")


@pytest.fixture
def printed_copy(site, tmp_path):
    """A copy of the built site, three of its PDF jobs, and an empty cache of their own."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    chosen = [job for job in pdfs.jobs(copy) if job[0].startswith("en/")][:3]
    return copy, chosen, tmp_path / "cache"


def _text(path) -> str:
    return pdf_text.text(path)


def test_a_changed_page_reprints_only_its_pdf_and_a_changed_stylesheet_reprints_all(printed_copy):
    site, chosen, cache = printed_copy
    assert len(pdfs.write_pdfs(site, SITE_URL, chosen, cache).printed) == 3  # cold: all missing
    assert pdfs.write_pdfs(site, SITE_URL, chosen, cache).printed == []

    url, pdf = chosen[1]
    page = site / url / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", "<p>Zanzibar marker paragraph</p></article>", 1), encoding="utf-8")
    assert pdfs.write_pdfs(site, SITE_URL, chosen, cache).printed == [site / pdf]
    assert "Zanzibar marker paragraph" in _text(site / pdf)

    stylesheet = site / "en" / "assets" / "stylesheets" / "handbook.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert pdfs.write_pdfs(site, SITE_URL, chosen, cache).printed == [site / pdf for _, pdf in chosen]
    assert len(list(cache.glob("*.pdf"))) == 3 + 1 + 3


def test_the_key_changes_with_the_address_the_printer_and_every_file_a_page_loads(site, monkeypatch):
    url, pdf = pdfs.jobs(site)[0]
    key = pdfs.cache_key(site, SITE_URL, url, pdf)
    assert key == pdfs.cache_key(site, SITE_URL, url, pdf)
    assert key != pdfs.cache_key(site, "http://intranet.example/handbook/", url, pdf)
    assert key != pdfs.cache_key(site, SITE_URL, url, pdf.replace(".pdf", "-x.pdf"))

    parser = pdfs._Loads()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    loaded = {address.split("?")[0].rsplit("/", 1)[-1] for address in parser.addresses}
    assert {"handbook.css", "print-running.css", "handbook.js"} <= loaded  # the version line's CSS too

    monkeypatch.setattr(pdfs, "printer_fingerprint", lambda: "Chromium 999 with other fonts")
    assert key != pdfs.cache_key(site, SITE_URL, url, pdf)


def test_the_key_reads_what_every_page_loads_as_a_full_parse_of_the_page_finds(site):
    # The key looks only at the tags that can load something (publishing/pdfs.py
    # loaded_addresses); a parse of the whole page must find the same addresses, in order.
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 70
    for page in pages:
        html = page.read_text(encoding="utf-8")
        whole = pdfs._Loads()
        whole.feed(html)
        assert pdfs.loaded_addresses(html) == whole.addresses, page
    regulation = pdfs.loaded_addresses((site / "regulation" / "index.html").read_text(encoding="utf-8"))
    assert "../assets/stylesheets/print-running.css" in regulation and any(".min.js" in a for a in regulation)


def test_the_tags_that_load_are_found_whatever_their_attributes_hold():
    html = ('<script src="a.js"></script><p>x</p><img alt="1 > 0" src="b.png">'
            "<LINK rel='stylesheet' href='c.css'><link rel=icon href=d.png><script>var s = '<img src=e.png>';</script>")
    whole = pdfs._Loads()
    whole.feed(html)
    assert pdfs.loaded_addresses(html) == whole.addresses == ["a.js", "b.png", "c.css"]
