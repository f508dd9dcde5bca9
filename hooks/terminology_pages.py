"""The glossary holds for the pages too: each docs/en page uses the English of every glossary term
its docs/zh counterpart uses (macros/terminology.py). Run once, from the Chinese build; the
data files are checked when they are loaded."""

from __future__ import annotations

from _project import handbook_of, project_of
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from macros.terminology import page_problems


@event_priority(90)  # after the data (hooks/data_first.py), before Material's search loads jieba
def on_config(config, **kwargs):
    terms = handbook_of(config).glossary.terms
    for problem in page_problems(project_of(config), terms):
        raise PluginError(problem)
    return config
