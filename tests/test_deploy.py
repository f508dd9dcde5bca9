"""The intranet server configuration (deploy/nginx.conf): valid, caching, MIME types, and a
Content-Security-Policy under which the site works in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from serving import NGINX_CONF, nginx_headers, nginx_types, serve_site
from support import pages_of, soup, switch_language


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (make test installs it)")
def test_the_nginx_configuration_is_valid():
    finished = subprocess.run(["nginx", "-t", "-c", str(NGINX_CONF)], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert "[warn]" not in finished.stderr, finished.stderr


def _expiry(uri: str) -> str:
    """What the config's `map $uri $handbook_expires` gives a URI (first matching regex)."""
    block = re.search(r"map \$uri \$handbook_expires \{([^}]*)\}", NGINX_CONF.read_text(encoding="utf-8")).group(1)
    default = None
    for pattern, value in re.findall(r"^\s*(\S+)\s+(\S+);", block, re.M):
        if pattern == "default":
            default = value
        elif re.search(pattern.lstrip("~"), uri):
            return value
    return default


def test_fingerprinted_assets_are_cached_for_a_year_and_pages_briefly(site):
    bundles = [p.relative_to(site).as_posix() for p in site.rglob("*.min.*")
               if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", p.name)]
    assert any("bundle." in b for b in bundles) and any("main." in b for b in bundles)
    for bundle in bundles:
        if "/lunr/" not in bundle:
            assert _expiry("/handbook/" + bundle) == "1y", bundle
    for page in ("/handbook/", "/handbook/regulation/index.html", "/handbook/en/search/search_index.json",
                 "/handbook/downloads/regulation-zh.pdf"):
        assert _expiry(page) == "10m", page
    assert _expiry("/handbook/assets/stylesheets/handbook.css") == "1h"
    assert _expiry("/handbook/en/assets/javascripts/reading.js") == "1h"


def test_calendar_feeds_and_tables_are_served_with_their_types():
    types = nginx_types()
    assert types["ics"] == "text/calendar; charset=utf-8"
    assert types["csv"] == "text/csv; charset=utf-8"
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert re.search(r"gzip_types[^;]*text/calendar[^;]*;", text) and re.search(r"^\s*gzip on;", text, re.M)


def test_the_security_headers_include_a_strict_content_security_policy():
    headers = nginx_headers()
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no hashes to keep in step
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert {"Referrer-Policy", "X-Frame-Options"} <= set(headers)


def test_no_page_runs_an_inline_script(site):
    """What lets the policy forbid inline scripts: every executed script is a file of the site."""
    inline = []
    for language in ("zh", "en"):
        root = site / ("en" if language == "en" else "")
        for url in pages_of(site, language):
            for script in soup(root / url / "index.html").find_all("script"):
                if not script.get("src") and script.get("type") != "application/json":
                    inline.append(f"{language}:{url} {str(script)[:80]}")
    assert not inline, inline


@pytest.fixture(scope="module")
def secured(site):
    base_url, server = serve_site(site, "/", nginx_headers())
    yield base_url
    server.shutdown()


CSP_LISTENER = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.browser
def test_search_the_language_switch_and_copy_citation_work_under_the_policy(context, secured):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=secured.rstrip("/"))
    context.add_init_script(CSP_LISTENER)
    errors = []
    context.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    context.on("weberror", lambda error: errors.append(str(error.error)))
    page = context.new_page()
    violations = []

    response = page.goto(secured + "regulation/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Search: type, wait for the worker's results, open the first.
    page.fill("input.md-search__input", "网评员")
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item a")
    violations += page.evaluate("window.__violations")
    page.click(".md-search-result__item a >> nth=0")
    page.wait_for_load_state()
    assert "网评员" in page.locator("article").inner_text()
    violations += page.evaluate("window.__violations")
    # Copy-citation.
    page.goto(secured + "regulation/")
    page.click("#art-4-2 ~ .hb-cite .hb-cite__button >> nth=0")
    # A selector, not wait_for_function: when the status is not filled at once, Playwright polls
    # a string predicate with eval, which this very policy forbids ('unsafe-eval').
    page.wait_for_selector(".hb-cite__status:not(:empty)")
    assert page.evaluate("navigator.clipboard.readText()").endswith("regulation/#art-4-2")
    violations += page.evaluate("window.__violations")
    # Language switch, then the English search.
    switch_language(page, "en")
    assert page.url.split("#")[0] == secured + "en/regulation/"  # at the place the reader was
    page.fill("input.md-search__input", "commentator")
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item a")
    page.goto(secured + "en/parallel/")
    violations += page.evaluate("window.__violations")

    assert not violations, violations
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
