"""Keep every request on the site's own host.

Material's JavaScript bundle names two CDN scripts it loads only in rare cases: a
ResizeObserver polyfill (browsers without ResizeObserver) and mermaid (pages with diagrams;
the handbook has none). On the intranet neither CDN can be reached, so point both at a local
path instead: a browser that would need them asks the handbook's own server, never the internet.
tests/test_site.py fails if any CDN address is left in the built HTML, CSS or JavaScript.

The first hook of each build, it also checks that the installed Material is the one whose
internals the handbook relies on (hooks/_material.py; the first reach into them checks it too,
when MkDocs imports hooks/search.py).
"""

from __future__ import annotations

from _material import keep_requests_local, require_pinned_material


def on_config(config, **kwargs):
    require_pinned_material(config)
    return config


def on_post_build(config, **kwargs) -> None:
    keep_requests_local(config.site_dir)
