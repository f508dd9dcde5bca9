"""One checklist page per role: /checklists/<role-id>/, in each language's build.

The pages are generated from data/roles.yml (a new role gets its page with no new file); each
calls the `checklist` macro. They are reached from /checklists/ and /duties/, not listed in the
navigation one by one.
"""

from __future__ import annotations

import html
import json

from _project import handbook_of
from mkdocs.structure.files import File, InclusionLevel

FOLDER = "checklists"


def on_files(files, config, **kwargs):
    handbook = handbook_of(config)
    from macros.text import role_with_title  # importable once handbook_of put the project on sys.path

    language = config.theme["language"]
    separator = "：" if language == "zh" else ": "
    for role in handbook.roles.roles:
        title = handbook.label("checklist", language) + separator + role_with_title(role, language)
        # Material prints page titles into its templates unescaped (<title>, header, search):
        # escape this one, since it comes from data.
        title = html.escape(title)
        # In search a checklist is found by its title (the role); the `checklist` macro gives the
        # page the weight of every page derived from the Rules (macros/__init__.py).
        content = (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"
                   f"{{{{ checklist({json.dumps(role.id)}) }}}}\n\n{{{{ follows_version(\"duties\") }}}}\n\n{{{{ calendar_subscribe({json.dumps(role.id)}) }}}}\n")
        files.append(File.generated(config, f"{FOLDER}/{role.id}.md", content=content,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    return files
