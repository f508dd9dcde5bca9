"""The glossary holds for the pages too: each docs/en page uses the English of every glossary term
its docs/zh counterpart uses (macros/terminology.py). Run once, from the Chinese build; the
data files are checked when they are loaded."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # hooks are imported by path; the project's packages are beside them
    sys.path.insert(0, str(PROJECT))

from macros.errors import HandbookDataError  # noqa: E402
from macros.handbook import load_handbook  # noqa: E402
from macros.terminology import page_problems  # noqa: E402


def on_config(config, **kwargs):
    project = Path(config.config_file_path).resolve().parent
    try:
        terms = load_handbook(project / "data").glossary.terms
    except HandbookDataError as error:  # one line, as the macros report it
        raise PluginError(str(error)) from None
    for problem in page_problems(project, terms):
        raise PluginError(problem)
    return config
