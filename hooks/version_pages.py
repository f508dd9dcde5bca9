"""One page per earlier version of the Rules: /regulation/<yyyy-mm-dd>/, in each language's build.

The current text stays at /regulation/; each earlier version (data/documents/<id>.yml,
`versions`) gets a page named by its effective date that calls the `regulation_version` macro,
with the same anchors (art-N, art-N-M) as the current text. Kept out of the navigation and the
search index: a search lands on the current text.
"""

from __future__ import annotations

import html
import json

from _project import handbook_of, hidden_page

from macros.text import long_date
from macros.version_pages import REGULATION_PAGE
from macros.versions import version_id


def on_files(files, config, **kwargs):
    handbook = handbook_of(config)
    language = config.theme["language"]
    document = handbook.documents[handbook.main_document]
    for version in document.all_versions()[:-1]:
        date = version_id(version)
        title = handbook.label("version-page-title", language).replace(
            "{date}", long_date(version.effective, language))
        body = f"# {html.escape(title)} {{ #regulation }}\n\n{{{{ regulation_version({json.dumps(date)}) }}}}\n"
        files.append(hidden_page(config, f"{REGULATION_PAGE}{date}.md", title, body,
                                 front_matter="search:\n  exclude: true\n"))
    return files
