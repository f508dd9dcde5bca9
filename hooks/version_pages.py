"""One page per earlier version of the Rules: /regulation/<yyyy-mm-dd>/, in each language's build.

The current text stays at /regulation/; each earlier version (data/documents/<id>.yml,
`versions`) gets a page named by its effective date that calls the `regulation_version` macro,
with the same anchors (art-N, art-N-M) as the current text. Kept out of the navigation and the
search index: a search lands on the current text. The pages themselves are
publishing/steps/pages.py's; this hook hands them to MkDocs.
"""

from __future__ import annotations

from _project import handbook_of, hidden_page

from publishing.steps.pages import version_pages


def on_files(files, config, **kwargs):
    for page in version_pages(handbook_of(config), config.theme["language"]):
        files.append(hidden_page(config, page.path, page.title, page.body, page.front_matter))
    return files
