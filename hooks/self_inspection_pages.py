"""One self-inspection form per role: /self-inspection/<role-id>/ and its CSV
/self-inspection/<role-id>.csv, in each language's build.

macros/self_inspection.py makes the pages' sources and the CSVs from data/roles.yml and
data/duties.yml (a new role gets its form with no new file); this hook only hands them to
MkDocs. The pages are reached from /self-inspection/ and each role's checklist, not listed in
the navigation one by one.
"""

from __future__ import annotations

from _project import handbook_of, hidden_page
from mkdocs.structure.files import File


def on_files(files, config):
    from macros import self_inspection  # importable once _project put the project on sys.path

    handbook = handbook_of(config)
    language = config.theme["language"]
    for path, title, body in self_inspection.page_sources(handbook, language):
        files.append(hidden_page(config, path, title, body))
    for path, content in self_inspection.site_files(handbook, language).items():
        files.append(File.generated(config, path, content=content))
    return files
