"""One self-inspection form per role: /self-inspection/<role-id>/ and its CSV
/self-inspection/<role-id>.csv, in each language's build.

macros/self_inspection.py makes the pages' sources and the CSVs from data/roles.yml and
data/duties.yml (a new role gets its form with no new file); publishing/steps/ holds the plain
steps and this hook only hands them to MkDocs. The pages are reached from /self-inspection/ and
each role's checklist, not listed in the navigation one by one.
"""

from __future__ import annotations

from _project import handbook_of, hidden_page

from publishing.steps.feeds import write_self_inspection_csvs
from publishing.steps.pages import self_inspection_pages


def on_files(files, config, **kwargs):
    for page in self_inspection_pages(handbook_of(config), config.theme["language"]):
        files.append(hidden_page(config, page.path, page.title, page.body, page.front_matter))
    return files


def on_post_build(config, **kwargs) -> None:
    write_self_inspection_csvs(config.site_dir, handbook_of(config), config.theme["language"])
