"""Checks of a built site (both languages) before it is published, also run by the tests.

Each check returns a list of problems, one short line each; an empty list means it holds.
Only the standard library is used, so publishing needs nothing beyond the site's own build.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from macros.site_paths import LANGUAGE_ROOTS

# Pages people cite or are sent to; each must exist in both languages.
KEY_PAGES = ["", "regulation/", "glossary/", "roster/"]
# Attributes that link to another page or file of the site.
LINK_ATTRIBUTES = ("href", "src")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_BASE = "http://site.invalid/"  # stands for the site's root while resolving relative links


class _PageParser(HTMLParser):
    """Collects the ids (anchors) of a page, the links it makes and its <html lang>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.lang: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for name in LINK_ATTRIBUTES:
            value = attributes.get(name)
            if value is not None:
                self.links.append((tag, value))


def parse_page(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def pages_of(site: Path, language: str) -> list[str]:
    """URLs of every page of one language ('' for its home page), relative to its root."""
    root = site / LANGUAGE_ROOTS[language]
    urls = []
    for path in sorted(root.rglob("index.html")):
        relative = path.parent.relative_to(root).as_posix()
        if language == "zh" and relative.split("/")[0] == "en":
            continue
        urls.append("" if relative == "." else relative + "/")
    return urls


def _internal_target(site: Path, page: Path, link: str, site_urls: list[str]) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to, or None for an outside link."""
    for site_url in site_urls:
        # The site's absolute address, or its path alone (404.html links /handbook/... that way).
        path = urlsplit(site_url).path or "/"
        if link.startswith(site_url):
            link = _BASE + link[len(site_url):]
            break
        if path != "/" and link.startswith(path):
            link = _BASE + link[len(path):]
            break
    else:
        if _SCHEME.match(link):
            return None
    absolute = urljoin(_BASE + page.relative_to(site).as_posix(), link)
    parts = urlsplit(absolute)
    if not absolute.startswith(_BASE):
        return None
    path = unquote(parts.path)[1:]
    target = site / path
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path, site_urls: list[str] = ()) -> list[str]:
    """Every internal link or #anchor in the site's HTML that leads nowhere.

    Links to the site's own absolute address (site_urls) count as internal; other hosts are
    not checked here (tests/test_site.py keeps pages from linking to them at all).
    """
    parsed: dict[Path, _PageParser] = {}

    def page_info(path: Path) -> _PageParser:
        if path not in parsed:
            parsed[path] = parse_page(path)
        return parsed[path]

    problems = []
    for page in html_pages(site):
        for tag, link in page_info(page).links:
            resolved = _internal_target(site, page, link, list(site_urls))
            if resolved is None:
                continue
            target, fragment = resolved
            where = f"{page.relative_to(site).as_posix()}: <{tag}> {link}"
            if not target.is_file():
                problems.append(f"{where}: no such file {target.relative_to(site).as_posix()}")
            elif fragment and target.suffix == ".html" and fragment not in page_info(target).ids:
                problems.append(f"{where}: no anchor #{fragment} in {target.relative_to(site).as_posix()}")
    return problems


def incomplete(site: Path, expected_pages: list[str] = KEY_PAGES) -> list[str]:
    """What a complete build has and this one lacks: both languages, the same pages in each,
    the key pages, a search index per language, and each page's declared language."""
    problems = []
    languages = {language: pages_of(site, language) for language in LANGUAGE_ROOTS}
    for language, root in LANGUAGE_ROOTS.items():
        for url in expected_pages:
            if url not in languages[language]:
                problems.append(f"missing page /{root}{url}")
        index = site / root / "search" / "search_index.json"
        try:
            documents = json.loads(index.read_text(encoding="utf-8"))["docs"]
        except (OSError, ValueError, KeyError, TypeError):
            problems.append(f"missing or unreadable search index /{root}search/search_index.json")
        else:
            if not documents:
                problems.append(f"empty search index /{root}search/search_index.json")
        for url in languages[language]:
            lang = parse_page(site / root / url / "index.html").lang
            if lang != language:
                problems.append(f"/{root}{url} declares language {lang!r}, not {language!r}")
    only = set(languages["zh"]) ^ set(languages["en"])
    problems += [f"page in one language only: {url}" for url in sorted(only)]
    return problems
