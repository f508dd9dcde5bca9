"""Browser: language switch, copy-citation, and no request leaving the site (Debian's Chromium)."""

from __future__ import annotations

import pytest

from support import load_until_idle, pages_of, switch_language

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("url", ["", "regulation/", "glossary/", "roster/"])
def test_the_language_switch_lands_on_the_same_page(context, server, url):
    page = context.new_page()
    page.goto(server + url)
    switch_language(page, "en")
    assert page.url == server + "en/" + url
    assert page.locator("html").get_attribute("lang") == "en"
    switch_language(page, "zh")
    assert page.url == server + url
    assert page.locator("html").get_attribute("lang") == "zh"


@pytest.mark.parametrize("language, prefix, expected", [
    ("zh", "", "《上海工程技术大学党委网络意识形态工作责任制实施细则》（沪工程委〔2018〕46号）第四条第（二）项"),
    ("en", "en/", "Implementation Rules for the Online Ideological Work Responsibility System of the "
           "Party Committee of Shanghai University of Engineering Science (Hu Gong Cheng Wei [2018] No. 46), "
           "Art. 4(2)"),
])
def test_the_copy_citation_control_copies_the_formal_citation_and_permalink(
        context, server, handbook, language, prefix, expected):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    page = context.new_page()
    page.goto(server + prefix + "regulation/")
    button = page.locator("#art-4-2 ~ .hb-cite .hb-cite__button").first
    button.focus()
    page.keyboard.press("Enter")  # usable by keyboard, not only by mouse
    page.wait_for_function("document.querySelector('.hb-cite__status:not(:empty)') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{expected} {server}{prefix}regulation/#art-4-2"
    # the status says so in the page's language, in the words of data/interface.yml
    assert page.locator("#art-4-2 ~ .hb-cite .hb-cite__status").first.inner_text() == handbook.label("copied", language)


@pytest.mark.parametrize("language, prefix", [("zh", ""), ("en", "en/")])
def test_when_the_browser_refuses_to_copy_the_status_says_so_and_shows_the_citation(context, server, handbook,
                                                                                   language, prefix):
    page = context.new_page()
    page.goto(server + prefix + "regulation/")
    page.evaluate("""() => {  // a browser that refuses both ways of copying
        if (navigator.clipboard) navigator.clipboard.writeText = () => Promise.reject(new Error("refused"));
        document.execCommand = () => false;
    }""")
    button = page.locator("#art-4-2 ~ .hb-cite .hb-cite__button").first
    button.click()
    page.wait_for_function("document.querySelector('.hb-cite__status:not(:empty)') !== null")
    status = page.locator("#art-4-2 ~ .hb-cite .hb-cite__status").first.inner_text()
    assert status.startswith(handbook.label("copy-failed", language) + ("" if language == "zh" else " "))
    assert status.endswith(f"{server}{prefix}regulation/#art-4-2")


def test_no_request_leaves_the_local_server(context, server, site):
    outside = []
    context.on("request", lambda request: outside.append(request.url)
               if not request.url.startswith((server, "data:", "blob:")) else None)
    # Every page, loaded until the network is idle (late requests: search worker, index, lazy assets).
    addresses = [server + prefix + url for language, prefix in (("zh", ""), ("en", "en/"))
                 for url in pages_of(site, language)]
    for tab, address in load_until_idle(context, addresses):
        assert tab.url.startswith(address.split("#")[0]), (address, tab.url)
    assert len(addresses) > 70  # both languages' pages, checklists and forms included
    assert not outside, outside
