"""Data level: data/interface.yml holds the words the site uses, no more and no fewer.

A label is used where the code names it: t("key") in a template, label("key") / handbook.label("key")
in Python, or a quoted multi-word key the code passes on (a conditional key, a tuple of column
keys). Some keys are built at run time; `dynamic_labels` lists each such place with the
values it can take, so that a label it builds counts as used and must exist.
"""

from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from hooks.not_found import WORDS as NOT_FOUND_WORDS
from hooks.search import NEAREST_KINDS
from macros.duties import WORK_PARTS
from macros.models.duties import Frequency, Part
from macros.models.errata import ErratumKind
from macros.models.roles import RoleKind
from macros.rendering import template_label
from support import ROOT

# Where the site's words are asked for: templates, macros, hooks, theme overrides, publishing.
CODE_FOLDERS = ("macros", "hooks", "overrides", "publishing")
CODE_SUFFIXES = (".py", ".j2", ".html", ".js")
# t("key"), label("key"), handbook.label("key", …), year_text("key") (a label with {year} filled in)
# (a key followed by more, as in t("part-" ~ part.value), is built: see dynamic_labels)
CALLED = re.compile(r"""\b(?:t|label|year_text)\(\s*["']([a-z0-9-]+)["']\s*[,)]""")
# A multi-word key the code holds in a string before asking for it (single words such as
# "rules" are too common in code to count unless asked for by a call).
QUOTED_KEY = re.compile(r"""["']([a-z0-9]+(?:-[a-z0-9]+)+)["']""")


def dynamic_labels(handbook) -> dict[str, set[str]]:
    """Each place that builds a label's key at run time -> the keys it can build."""
    return {
        'duty_pages.py, duties.md.j2, onboarding.md.j2: "part-<part>"': {f"part-{p.value}" for p in Part},
        'part_legend.html.j2 and word_documents.part_legend, the legend of WORK_PARTS: "part-<part>-note"': {f"part-{p.value}-note" for p in WORK_PARTS},
        'duties.py (frequency_words, timing_label): f"frequency-<frequency>"': {f"frequency-{f.value}" for f in Frequency},
        'duties.py (timing_label): f"kind-<kind>", for a duty without a frequency': {
            f"kind-{duty.kind.value}" for duty in handbook.duties.duties if duty.frequency is None},
        'checklists.md.j2: "role-kind-<kind>"': {f"role-kind-{kind.value}" for kind in RoleKind},
        'calendar_pages.py: f"language-<code>"': {"language-zh", "language-en"},
        'feeds.py (local_rule): f"calendar-period-<frequency>", for a report after its period': {
            f"calendar-period-{f.value}" for f in (Frequency.quarterly, Frequency.half_yearly)},
        'versions.date_label: "<key>-as-issued", the text as issued': {
            f"{key}-as-issued" for key in ("version-current", "version-earlier", "follows-version", "feed-version",
                                           "version-page-title")},
        'hooks/search.py: f"search-nearest-<kind>"': {f"search-nearest-{kind}" for kind in NEAREST_KINDS},
        'hooks/not_found.py: f"not-found-<word>"': {f"not-found-{word}" for word in NOT_FOUND_WORDS},
        "errata.md.j2: t(<kind of erratum>)": {kind.value for kind in ErratumKind},
        "pages.py node_name: a node of the notice or the Rules an erratum names (notice.title -> notice-title)": {
            e.node.replace(".", "-") for e in handbook.errata.errata if e.node.startswith(("notice.", "rules."))},
    }


def code_texts() -> dict[str, str]:
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
            for folder in CODE_FOLDERS for path in sorted((ROOT / folder).rglob("*"))
            if path.is_file() and path.suffix in CODE_SUFFIXES}


def labels_called_by_name(texts: dict[str, str]) -> dict[str, str]:
    """Each key the code asks for by a literal call -> the first file that does."""
    called: dict[str, str] = {}
    for name, text in texts.items():
        for match in CALLED.finditer(text):
            called.setdefault(match.group(1), name)
    return called


def used_labels(handbook, texts: dict[str, str]) -> set[str]:
    labels = set(handbook.interface.labels)
    quoted = {key for text in texts.values() for key in QUOTED_KEY.findall(text)}
    built = set().union(*dynamic_labels(handbook).values())
    return set(labels_called_by_name(texts)) | (quoted & labels) | built


def test_every_interface_label_is_used_by_the_site(handbook):
    unused = sorted(set(handbook.interface.labels) - used_labels(handbook, code_texts()))
    assert not unused, (
        f"data/interface.yml: labels no template, macro, hook or script uses: {', '.join(unused)} "
        "(remove them, or add the place that builds their key to dynamic_labels)")


def test_every_label_the_code_asks_for_by_name_exists(handbook):
    called = labels_called_by_name(code_texts())
    missing = {key: where for key, where in called.items() if key not in handbook.interface.labels}
    assert not missing, f"asked for but not in data/interface.yml: {missing}"


def test_every_label_the_code_builds_exists(handbook):
    labels = set(handbook.interface.labels)
    missing = {where: sorted(keys - labels) for where, keys in dynamic_labels(handbook).items() if keys - labels}
    assert not missing, f"built but not in data/interface.yml: {missing}"


def test_the_scan_sees_calls_in_python_and_templates():
    """The patterns the two checks rely on, on the forms the code uses."""
    texts = {"a.j2": '{{ t("duties-legend") }} {{ year_text(\'calendar-months\') }} {{ t("part-" ~ p) }}',
             "b.py": 'handbook.label("copied", language) + label("x-y") + label(f"kind-{k}")'}
    assert set(labels_called_by_name(texts)) == {"duties-legend", "calendar-months", "copied", "x-y"}


def test_a_template_that_leaves_a_slot_of_a_label_empty_stops_the_page(handbook):
    """t(key) in a template fills a label's slots or fails: the calendar page once showed
    "见职责矩阵：{matrix}"."""
    with pytest.raises(ValueError, match=r"calendar-feed-event-driven-note.*\{matrix\} empty"):
        template_label(handbook, "zh", "calendar-feed-event-driven-note")
    with pytest.raises(ValueError, match=r"no slot \{years\}"):
        template_label(handbook, "zh", "calendar-feed-event-driven-note", years="2027")
    filled = template_label(handbook, "en", "calendar-feed-event-driven-note",
                            matrix=Markup('<a href="../duties/">duties</a>'))
    assert isinstance(filled, Markup) and filled.endswith('duty matrix&#58; <a href="../duties/">duties</a>')
    assert "&#34;" in filled  # the label's own text is made inert as any text is
    # a label the page's script fills in keeps its slots when asked for so
    assert "{done}" in template_label(handbook, "en", "checklist-progress", for_script=True)
    with pytest.raises(ValueError):
        template_label(handbook, "en", "checklist-progress")
