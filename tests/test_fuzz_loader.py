"""Fuzzed loader: whatever a data file contains, loading either succeeds or raises
HandbookDataError with a one-line message; never another exception."""

from __future__ import annotations

import os
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import macros.handbook as handbook_module
from macros.errors import HandbookDataError
from macros.handbook import load_handbook
from support import ROOT

DATA_FILES = sorted(path.relative_to(ROOT / "data").as_posix() for path in (ROOT / "data").rglob("*.yml"))
ORIGINALS = {name: (ROOT / "data" / name).read_text(encoding="utf-8") for name in DATA_FILES}
SYNTAX = list(":-[]{}#&*!|>'\"%@`,?\t\n ") + ["---", "...", "\ufeff", "\x00", "\x85", "zh: ", "en: ",
                                             "- id: x\n", "  ", "2018-02-30", "~", "<<: *a", "&a "]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["2018-11-08", "2018-02-30", "art-4", "art-99", "party-committee",
                                           "body", "post", "shgcw-2018-46", ""]),
)
keys = st.one_of(st.sampled_from(["id", "zh", "en", "title", "name", "document", "terms", "roles", "labels",
                                  "as_of", "groups", "errata", "articles", "items", "number", "text"]),
                 st.text(max_size=8))
trees = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)), max_leaves=20)


@st.composite
def generated_file(draw) -> str:
    """A whole new file: a random tree, dumped as YAML."""
    return yaml.safe_dump(draw(trees), allow_unicode=True) if draw(st.booleans()) else \
        yaml.safe_dump(draw(st.dictionaries(keys, trees, max_size=5)), allow_unicode=True)


@st.composite
def edited_text(draw, original: str) -> str:
    """The real file with a few edits an editor (or a broken copy) could make."""
    text = original
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "cut", "duplicate-line"]))
        if action == "insert":
            text = text[:position] + draw(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=6))) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)):]
        elif action == "cut":
            text = text[:position] + draw(st.sampled_from(["", "\n"]))
        else:
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position) + 1 or len(text)
            text = text[:end] + text[start:end] + text[end:]
    return text


@st.composite
def edited_tree(draw, original: str) -> str:
    """The real file's data with one value replaced, removed or added somewhere inside."""
    tree = yaml.safe_load(original)
    node = tree
    for _ in range(draw(st.integers(0, 6))):
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) \
            if isinstance(node, list) else []
        containers = [(key, child) for key, child in children if isinstance(child, (dict, list)) and child]
        if not containers:
            break
        _, node = draw(st.sampled_from(containers))
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node, key=str)))
        if action == "replace":
            node[key] = draw(trees)
        elif action == "remove":
            del node[key]
        else:
            node[draw(keys)] = draw(trees)
    elif isinstance(node, list) and node:
        index = draw(st.integers(0, len(node) - 1))
        if action == "replace":
            node[index] = draw(trees)
        elif action == "remove":
            del node[index]
        else:
            node.append(draw(st.sampled_from(node)) if draw(st.booleans()) else draw(trees))
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


@st.composite
def broken_data_file(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(DATA_FILES))
    original = ORIGINALS[name]
    content = draw(st.one_of(generated_file(), edited_text(original), edited_tree(original)))
    return name, content


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(ROOT / "data", data)
    return data


# Bounded: 120 examples (30 in the edit loop, `make test-fast`; `make test` runs all 120), no
# shrinking (each example loads the whole handbook, and shrinking a failure could take minutes);
# a failure prints the example as generated.
EXAMPLES = 30 if os.environ.get("HANDBOOK_TESTS_FAST") else 120


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=broken_data_file())
def test_any_data_file_content_is_accepted_or_reported_in_one_line(data_dir, case):
    name, content = case
    path = data_dir / name
    path.write_text(content, encoding="utf-8", newline="")
    handbook_module._cache.clear()  # load every example afresh, never a cached earlier one
    try:
        load_handbook(data_dir)
    except HandbookDataError as error:
        message = str(error)
        assert "\n" not in message and "\r" not in message, message
        assert message.startswith("data/"), message
    finally:
        path.write_text(ORIGINALS[name], encoding="utf-8")


def test_the_fuzzed_loader_starts_from_data_that_loads(data_dir):
    handbook_module._cache.clear()
    assert load_handbook(data_dir).documents
