"""One page per earlier version of the Rules: /regulation/<yyyy-mm-dd>/, in each language's build.

The current text stays at /regulation/; each earlier version (data/documents/<id>.yml,
`versions`) gets a page named by its effective date that calls the `regulation_version` macro,
with the same anchors (art-N, art-N-M) as the current text. Kept out of the navigation and the
search index: a search lands on the current text.
"""

from __future__ import annotations

import html
import json

from _project import handbook_of
from mkdocs.structure.files import File, InclusionLevel

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
        # Material prints page titles into its templates unescaped: escape this one (from data).
        title = html.escape(title)
        content = (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nsearch:\n  exclude: true\n---\n\n"
                   f"# {title} {{ #regulation }}\n\n{{{{ regulation_version({json.dumps(date)}) }}}}\n")
        files.append(File.generated(config, f"{REGULATION_PAGE}{date}.md", content=content,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    return files
