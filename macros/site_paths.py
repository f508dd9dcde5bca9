"""The site's geometry, in one place: where each language's root is, and how a page links to its
language's root and to the site's root. Pages are addressed by MkDocs' page URL relative to
their language root ('', 'calendar/', 'checklists/principal-leader/'; 'x.html' in the file://
copy). Used by the macros, publishing/, bench/ and tests/.

Links between pages are written in one of two ways, chosen once per build by `configure`
(macros/__init__.py calls it with the build's settings):

- served (directory URLs, the default): absolute from the site's root, '/regulation/' or, under a
  sub-path, '/handbook/regulation/'. Every engine leaves such a link alone inside raw HTML, and
  it is right on every page (Zensical rewrites page-relative links in raw HTML, which breaks
  them under a sub-path: bench/engines.md);
- the file:// copy (`make offline`, no directory URLs): relative, '../regulation.html', since
  there '/' is the root of the disk.

Before `configure` (in-process renders, tests) links are relative.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Each language's root, relative to the site's root (the Chinese site is the root itself).
LANGUAGE_ROOTS = {"zh": "", "en": "en/"}
# The folders of the pages made per role, in each language: /checklists/<role-id>/ and
# /self-inspection/<role-id>/ (addresses people bookmark: do not rename).
CHECKLIST_FOLDER = "checklists"
SELF_INSPECTION_FOLDER = "self-inspection"
# The site's address when HANDBOOK_SITE_URL is not set (mkdocs.yml's default, `make serve`'s).
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"

# The path of the site's root ('/', '/handbook/') when links are absolute; None: relative.
_site_root_path: dict[str, str | None] = {"path": None}


def site_root_path(site_url: str, language_root: str) -> str:
    """'http://host/handbook/en/' of the English build (language root 'en/') -> '/handbook/'."""
    path = urlsplit(site_url or "/").path or "/"
    path = path if path.endswith("/") else path + "/"
    if language_root and path.endswith("/" + language_root):
        path = path[: -len(language_root)]
    return path


def configure(site_url: str, language_root: str, directory_urls: bool) -> None:
    """Set how this build links its pages: absolute when served, relative for file://."""
    _site_root_path["path"] = site_root_path(site_url, language_root) if directory_urls else None


def relative_to_language_root(page_url: str) -> str:
    """'calendar/' -> '../'; 'checklists/x/' -> '../../'; '' or 'x.html' -> ''."""
    return "../" * page_url.count("/")


def to_language_root(page_url: str, language: str, roots: dict[str, str] = LANGUAGE_ROOTS) -> str:
    """The prefix of a link from a page to a page of its own language: '/en/' (served) or
    '../' (file://) from 'calendar/' in English."""
    if _site_root_path["path"] is not None:
        return _site_root_path["path"] + roots[language]
    return relative_to_language_root(page_url)


def to_site_root(page_url: str, language: str, roots: dict[str, str] = LANGUAGE_ROOTS) -> str:
    """The prefix of a link from a page to the site root: '/' (served) or, from 'checklists/x/'
    in English, '../../../' (file://)."""
    if _site_root_path["path"] is not None:
        return _site_root_path["path"]
    return relative_to_language_root(page_url) + "../" * roots[language].count("/")
