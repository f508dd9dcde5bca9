"""Jinja rendering of data into Markdown/HTML, independent of the site generator.

Every value printed with {{ … }} goes through `_make_inert` unless it is already Markup: it is
HTML-escaped and every character that Markdown or Python-Markdown extensions could read as
syntax (*, _, [, |, #, {, …, line breaks; a line never starts with data, so - and .
are safe) becomes a numeric character reference. Text from the
data files therefore always shows literally, whatever it contains.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache, partial
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .cache_folders import cache_folder
from .text import article_label, colon, item_label, list_separator, long_date

TEMPLATES = Path(__file__).parent / "templates"
# Compiled templates for the next build's process (.cache/jinja/): Jinja's file names for an
# entry and for one being written (hooks/template_cache.py prunes them).
COMPILED_TEMPLATES = cache_folder("jinja")
COMPILED_TEMPLATE_FILES = ("__jinja2_*.cache", "__jinja2_*.tmp")


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory for the life of the process (`mkdocs serve`
    rebuilds, both languages' builds) and in .cache/jinja/ for the next process (each build, and
    the English build's copy, would otherwise compile Material's and the handbook's templates
    afresh: about 0.5 s a language). Jinja stores each template's source checksum with its
    code, so an edited template no longer matches and is compiled again; deleting the folder is
    always safe. Without a writable folder, the memory alone."""

    def __init__(self, folder: Path = COMPILED_TEMPLATES) -> None:
        self.memory: dict[str, bytes] = {}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.disk: FileSystemBytecodeCache | None = FileSystemBytecodeCache(str(folder))
        except OSError:
            self.disk = None

    def load_bytecode(self, bucket) -> None:
        code = self.memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source has changed
        elif self.disk is not None:
            self.disk.load_bytecode(bucket)
            if bucket.code is not None:  # used: its time keeps it from the pruning
                try:
                    os.utime(Path(self.disk.directory) / (self.disk.pattern % bucket.key))
                except OSError:
                    pass

    def dump_bytecode(self, bucket) -> None:
        self.memory[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            try:
                self.disk.dump_bytecode(bucket)  # written under a temporary name, then renamed
            except OSError:
                self.disk = None


COMPILED = CompiledTemplates()

# A line a page template puts between two top-level blocks (before each article of the Rules,
# each row of the side-by-side page) where the page may be cut: Python-Markdown converts each
# part on its own and each is remembered by itself (publishing/converted_pages.py), so an edit of
# one article converts that article again, not the whole page. It never reaches the HTML.
PAGE_CUT = "<!-- hb:cut -->"

_MARKDOWN_ACTIVE = set("\\`*_{}[]#|~^=!:+$<>&\"'") | {"\n", "\r", "\t"}
# Found by one regular expression, as texts hold few of them: every text of every page passes
# through `inert`, and a Python step per character took about 0.2 s of each build.
_ACTIVE = re.compile("[" + re.escape("".join(sorted(_MARKDOWN_ACTIVE))) + "]")


def _reference(match: re.Match) -> str:
    return f"&#{ord(match.group())};"


def inert(value) -> Markup:
    """Escape text so that neither HTML nor Markdown gives it meaning."""
    if isinstance(value, Markup):
        return value
    return _inert_text(str(value))


# The same texts (names, labels, titles) are printed on page after page, in both languages and
# at every rebuild under `mkdocs serve`: each is escaped once per process.
@lru_cache(maxsize=1 << 16)
def _inert_text(text: str) -> Markup:
    return Markup(_ACTIVE.sub(_reference, text))


def _make_inert(value):
    return value if isinstance(value, Markup) else inert(value)


def make_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_make_inert,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
        # A page renders templates thousands of times a build; Jinja would look at each file's
        # time every time. They are looked at once a build instead: `start_build`.
        auto_reload=False,
    )
    return environment


_ENVIRONMENT = make_environment()


# Counts the builds of this process (start_build): what a build may render once for all its pages
# (macros/clause_links.py) is kept for the build of this number only.
build_number = 0


def start_build() -> None:
    """Read afresh in this build the templates whose file changed since they were read (one
    edited under `mkdocs serve` shows at once); keep the others as they were compiled (under
    `mkdocs serve`, the English build is a fork of the process that read them for the Chinese
    build: reading all of them again took about 0.03 s a build)."""
    global build_number
    build_number += 1
    cache = _ENVIRONMENT.cache
    for key, template in list(cache.items()):
        if not template.is_up_to_date:  # the loader's own check: the file's time
            del cache[key]


def render(template_name: str, **context) -> str:
    return _ENVIRONMENT.get_template(template_name).render(**context)


# A slot of an interface label ({years}, {matrix}, …), which whoever shows the label fills in.
# Other braces in a label are text, and show as written (tests/test_text_stays_text.py).
LABEL_SLOT = re.compile(r"(\{[a-z_]+\})")


def template_label(handbook, language: str, key: str, for_script: bool = False, **values) -> str:
    """`t(key, **values)` in a template: the label in the page's language, its slots filled in
    with `values`. A slot left empty is an error, or the page would show "{matrix}"; a label the
    page's script fills in (checklist-progress) is asked for with for_script=True. A Markup value
    (a link) goes in as markup, and the rest of the label is made inert as any text is."""
    text = handbook.label(key, language)
    if not values and "{" not in text:  # most labels: nothing to fill in
        return text
    parts = LABEL_SLOT.split(text)  # text, slot, text, slot, …, text
    slots = {part[1:-1] for part in parts[1::2]}
    for name in values.keys() - slots:
        raise ValueError(f"label '{key}' has no slot {{{name}}}")
    if slots - values.keys() and not for_script:
        raise ValueError(f"label '{key}': the template leaves {{{sorted(slots - values.keys())[0]}}} empty")
    filled = [values.get(part[1:-1], part) if index % 2 else part for index, part in enumerate(parts)]
    if any(isinstance(value, Markup) for value in values.values()):
        return Markup("").join(inert(part) for part in filled)
    return "".join(str(part) for part in filled)


def page_context(handbook, language: str) -> dict:
    """What every page template may use: its language, its interface words (t), the separators
    (colon, list_separator), the wording of article and item labels and dates, and the line where
    the page may be cut (`cut`)."""
    return {
        "lang": language,
        "colon": colon(language),
        "list_separator": list_separator(language),
        "cut": Markup(PAGE_CUT),
        "t": partial(template_label, handbook, language),
        "article_label": article_label,
        "item_label": item_label,
        "long_date": long_date,
    }
