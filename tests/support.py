"""Helpers shared by the tests: building a copy of the project, reading built pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from macros.site_paths import LANGUAGE_ROOTS  # noqa: F401
from publishing import building
from publishing.building import CACHE, PDF_CACHE, ROOT, SITE_URL, copy_project  # noqa: F401
from publishing.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: F401
from publishing.site_checks import pages_of  # noqa: F401  (the one list of a language's pages)

# The address a published site has in the tests: a real (not a loopback) address, which
# publishing requires, under a sub-path. The publish tests and the sub-path build (conftest.py)
# share it, so the PDFs one build prints come to the other from the shared cache.
PUBLISHED_URL = "http://intranet.example/handbook/"

CJK = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"


def build(project: Path, site_dir: Path, **environment):
    """`mkdocs build --strict` of a project folder (publishing/building.py). Refused under
    `make test-fast`, so a test that builds without the `build` mark is noticed there."""
    if os.environ.get("HANDBOOK_TESTS_FAST"):
        raise AssertionError("this test builds the site: mark it @pytest.mark.build (or use a build fixture)")
    return building.build(project, site_dir, **environment)


def root_link(language: str, site_url: str = SITE_URL) -> str:
    """How a built page links to its language's root: absolute from the site's root ('/en/'),
    as macros/site_paths.py writes links in a served build."""
    from macros.site_paths import site_root_path

    return site_root_path(site_url, "") + LANGUAGE_ROOTS[language]


def link_target(site: Path, page: Path, href: str, site_url: str = SITE_URL) -> Path:
    """The file a link on a built page points to, whether the link is absolute from the site's
    root (a served build) or relative to the page (the file:// copy); no fragment or query."""
    from urllib.parse import unquote, urljoin, urlsplit

    from macros.site_paths import site_root_path

    root = site_root_path(site_url, "")
    url = urlsplit(urljoin(root + page.relative_to(site).as_posix(), href))
    return site / unquote(url.path)[len(root):]


def page_path(site: Path, language: str, url: str) -> Path:
    """The built file of a page URL such as 'regulation/' in one language."""
    return site / LANGUAGE_ROOTS[language] / url / "index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(page: BeautifulSoup):
    """The page's article, without the site's chrome."""
    return page.select_one("article.md-content__inner")


def load_error_after_change(tmp_path: Path, relative: str, old: str, new: str) -> str:
    """Copy data/, replace `old` by `new` once in data/<relative>, load it, and return the
    error's message, which must be one line. Fails if the changed data loads."""
    from macros.errors import HandbookDataError
    from macros.handbook import load_handbook

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in data/{relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        load_handbook(data)
    except HandbookDataError as error:
        message = str(error)
        assert "\n" not in message, message
        return message
    raise AssertionError(f"data/{relative} loaded although {old!r} became {new!r}")


def load_until_idle(context, addresses: list[str], tabs: int = 6):
    """Load each address in `context` until its network is idle (late requests: the search
    worker, its index, lazy assets), a few tabs at a time so their loads and idle waits overlap
    instead of adding up (each navigation is started, then each awaited); yields (tab, address)
    once that page has loaded and is idle."""
    pages = [context.new_page() for _ in range(min(tabs, len(addresses)))]
    for start in range(0, len(addresses), len(pages)):
        batch = list(zip(pages, addresses[start:start + len(pages)]))
        for page, address in batch:
            page.goto(address, wait_until="commit")
        for page, address in batch:
            page.wait_for_load_state("load")
            page.wait_for_load_state("networkidle")
            yield page, address


# The header's language menu has finished opening: shown and no longer sliding in (Material's
# .md-select__inner fades and moves for a quarter of a second).
_LANGUAGE_MENU_OPEN = """() => {
    const style = getComputedStyle(document.querySelector('.md-header .md-select__inner'));
    return style.opacity === '1' && new DOMMatrix(style.transform).m42 === 0;
}"""


def switch_language(page, target: str, open_with: str = "hover"):
    """Open the header's language menu as a reader does (`hover` on a desktop, `click`, a tap,
    on a phone) and choose the language `target`. The link is clicked only once the menu has
    finished opening: a click on a link still moving fails Playwright's hit test, and its retry
    scrolls the page to bring the link into view, moving the place the switch keeps (seen
    under load: a reader at Article 3 landed at the notice). Polled with evaluate, not
    wait_for_function, which the deployed Content-Security-Policy forbids ('unsafe-eval')."""
    menu = ".md-header .md-select"
    if open_with == "click":
        page.click(f"{menu} .md-header__button")
    else:
        page.hover(menu)
    for _ in range(100):
        if page.evaluate(_LANGUAGE_MENU_OPEN):
            break
        page.wait_for_timeout(50)
    else:
        raise AssertionError("the language menu did not open within 5 s")
    page.click(f"{menu} a.md-select__link[hreflang={target}]")
    page.wait_for_load_state()


def without_default_mark(handbook, title: str, language: str) -> str:
    """A feed event's title without the mark a default date adds (macros/feeds.py event_title):
    （默认日期，尚未设定） alone, or "；默认日期，尚未设定" inside the title's own bracket."""
    mark = handbook.label("calendar-feed-default-title", language)
    for tail, kept in ((f"（{mark}）", ""), (f" ({mark})", ""), (f"；{mark}）", "）"), (f"; {mark})", ")")):
        if title.endswith(tail):
            return title[:-len(tail)] + kept
    return title
