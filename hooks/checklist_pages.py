"""One checklist page per role: /checklists/<role-id>/, in each language's build.

The pages are generated from data/roles.yml (a new role gets its page with no new file); each
calls the `checklist` macro. They are reached from /checklists/ and /duties/, not listed in the
navigation one by one. The pages themselves are publishing/steps/pages.py's; this hook hands
them to MkDocs.
"""

from __future__ import annotations

from _project import handbook_of, hidden_page

from publishing.steps.pages import checklist_pages


def on_files(files, config, **kwargs):
    for page in checklist_pages(handbook_of(config), config.theme["language"]):
        files.append(hidden_page(config, page.path, page.title, page.body, page.front_matter))
    return files
