"""One checklist page per role: /checklists/<role-id>/, in each language's build.

The pages are generated from data/roles.yml (a new role gets its page with no new file); each
calls the `checklist` macro. They are reached from /checklists/ and /duties/, not listed in the
navigation one by one.
"""

from __future__ import annotations

import json

from _project import handbook_of, hidden_page

from macros.text import role_with_title

FOLDER = "checklists"


def on_files(files, config, **kwargs):
    handbook = handbook_of(config)
    from macros.text import role_with_title  # importable once handbook_of put the project on sys.path

    language = config.theme["language"]
    separator = "：" if language == "zh" else ": "
    for role in handbook.roles.roles:
        title = handbook.label("checklist", language) + separator + role_with_title(role, language)
        # In search a checklist is found by its title (the role); the `checklist` macro gives the
        # page the weight of every page derived from the Rules (macros/__init__.py).
        role_id = json.dumps(role.id)
        body = (f"{{{{ checklist({role_id}) }}}}\n\n{{{{ follows_version(\"duties\") }}}}\n\n"
                f"{{{{ calendar_subscribe({role_id}) }}}}\n")
        files.append(hidden_page(config, f"{FOLDER}/{role.id}.md", title, body))
    return files
