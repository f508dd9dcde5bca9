"""Deployment under a sub-path: built with HANDBOOK_SITE_URL=http://intranet.example/handbook/
(the published address) and served on 127.0.0.1 under /handbook/, every link a reader follows
lands inside /handbook/, and the site's own address is the published one. The build is the
session's `subpath_site` (tests/conftest.py), shared with the calendar's address test."""

from __future__ import annotations

import pytest

from conftest import SUBPATH_PREFIX as PREFIX
from support import PUBLISHED_URL, soup, switch_language


def test_the_address_comes_from_one_setting_and_reaches_both_languages(subpath_site):
    _, site_dir = subpath_site
    for language, root in (("zh", ""), ("en", "en/")):
        page = soup(site_dir / root / "regulation" / "index.html")
        assert page.select_one("link[rel=canonical]")["href"] == f"{PUBLISHED_URL}{root}regulation/"
        sitemap = (site_dir / root / "sitemap.xml").read_text(encoding="utf-8")
        assert f"<loc>{PUBLISHED_URL}{root}regulation/</loc>" in sitemap


@pytest.mark.browser
def test_language_switch_search_and_citation_stay_under_the_sub_path(context, subpath_site):
    base_url, _ = subpath_site
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split(PREFIX)[0])
    page = context.new_page()
    page.goto(base_url + "regulation/")

    switch_language(page, "en")
    assert page.url == base_url + "en/regulation/"
    assert page.locator("h1").inner_text().startswith("The regulation")

    page.fill("input.md-search__input", "commentators")
    page.press("input.md-search__input", "End")
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    href = first.evaluate("link => link.href")
    first.click()
    page.wait_for_load_state()
    assert href.startswith(base_url + "en/") and page.url == href
    assert page.locator("article").inner_text().lower().count("commentator") > 0

    page.goto(base_url + "parallel/")
    switch_language(page, "en")
    assert page.url == base_url + "en/parallel/"

    page.goto(base_url + "regulation/")
    page.click("#art-4-2 ~ .hb-cite .hb-cite__button >> nth=0")
    page.wait_for_function("document.querySelector('.hb-cite__status:not(:empty)') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    permalink = copied.rsplit(" ", 1)[1]
    assert permalink == base_url + "regulation/#art-4-2"
    page.goto(permalink)
    assert page.locator("#art-4-2").is_visible()

    pdf = page.locator(".hb-reading a[href$='regulation-en.pdf']").evaluate("link => link.href")
    assert pdf == base_url + "downloads/regulation-en.pdf"
    assert page.request.get(pdf).headers["content-type"] == "application/pdf"
