"""Keep every request on the site's own host.

Material's JavaScript bundle names two CDN scripts it loads only in rare cases: a
ResizeObserver polyfill (browsers without ResizeObserver) and mermaid (pages with diagrams;
the handbook has none). On the intranet neither CDN can be reached, so point both at a local
path instead: a browser that would need them asks the handbook's own server, never the internet.
tests/test_site.py fails if any CDN address is left in the built HTML, CSS or JavaScript.
"""

from __future__ import annotations

from pathlib import Path

CDN_PREFIX = "https://unpkg.com/"
LOCAL_PREFIX = "./unavailable-offline/"  # resolved against the bundle's own URL; not shipped


def on_post_build(config, **kwargs) -> None:
    for bundle in Path(config.site_dir).glob("assets/javascripts/bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        if CDN_PREFIX in text:
            bundle.write_text(text.replace(CDN_PREFIX, LOCAL_PREFIX), encoding="utf-8")
