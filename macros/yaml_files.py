"""Reading YAML data files so that every error can name its file, path and line.

The data is edited by hand, so the reader refuses what YAML itself lets through silently: a
key written twice in one mapping (the second would quietly win), and a file that stops in the
middle of a line (most likely cut off when it was saved or copied). A byte-order mark, which some
editors write, is accepted.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import HandbookDataError, format_path


# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one spent most of a large
# build parsing data files (see bench/results.md, "Profile"). When a file does not parse, it is
# parsed again with the pure-Python parser, whose messages say more to an editor.
_FAST_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_FAST_BASE):
    """Leaves dates as text: pydantic parses them, so an impossible date (2018-02-30) is
    reported with its path instead of crashing the YAML constructor."""


class _ExplainingLoader(yaml.SafeLoader):
    """The same, pure Python: used to word the error of a file that does not parse."""


for _loader in (_FastLoader, _ExplainingLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _parse(text: str, loader_class) -> tuple:
    """(node tree, content), parsed once: the content is constructed from the node tree."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _yaml_problem(error: yaml.MarkedYAMLError) -> tuple[str, int | None]:
    """A reader's wording of a YAML syntax error, and its line."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    problem = error.problem or error.context or "malformed YAML"
    if mark is not None and "'\\t'" in problem:
        problem = "a tab character is used for indentation or spacing; use spaces"
    elif "another document" in problem:
        problem = "a second YAML document starts here (a line '---'); a data file holds one"
    return f"malformed YAML: {problem}", line


# Files parsed in this process, by their text: under `mkdocs serve` a saved edit changes one file,
# and the others are not parsed again. Only files that passed every check of YamlFile are kept; their
# content is only read (validated by pydantic), never changed.
_PARSED: dict[str, tuple] = {}
_PARSED_KEPT = 64


def _remember(text: str, parsed: tuple) -> None:
    _PARSED[text] = parsed
    while len(_PARSED) > _PARSED_KEPT:
        del _PARSED[next(iter(_PARSED))]  # the oldest


class YamlFile:
    """One parsed data file: its content plus the node tree, kept to look up line numbers."""

    def __init__(self, path: Path, display_name: str):
        self.display_name = display_name
        try:
            # utf-8-sig: a byte-order mark written by some editors is not part of the data.
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise HandbookDataError(display_name, "", f"not UTF-8 text ({error.reason})") from None
        except OSError as error:
            raise HandbookDataError(display_name, "", f"cannot be read ({error.strerror})") from None
        if not text.strip():
            raise HandbookDataError(display_name, "", "the file is empty")
        if not text.endswith(("\n", "\r")):
            raise HandbookDataError(
                display_name, "",
                "the file may be cut off: its last line has no line break (check that the end "
                "is complete, then end the last line with a line break)",
                text.count("\n") + 1)
        parsed = _PARSED.get(text)
        if parsed is not None:
            self.node, self.content = parsed
            return
        try:
            try:
                self.node, self.content = _parse(text, _FastLoader)
            except yaml.YAMLError:
                self.node, self.content = _parse(text, _ExplainingLoader)
            if self.node is not None:
                _refuse_duplicate_keys(self.node, display_name, ())
                _refuse_text_cut_by_a_comment(self.node, text.splitlines(), display_name, ())
        except yaml.MarkedYAMLError as error:
            problem, line = _yaml_problem(error)
            raise HandbookDataError(display_name, "", problem, line) from None
        except yaml.reader.ReaderError as error:
            line = text.count("\n", 0, error.position) + 1
            raise HandbookDataError(
                display_name, "", f"character U+{error.character:04X} is not allowed in a data file",
                line) from None
        except yaml.YAMLError as error:
            raise HandbookDataError(display_name, "", f"malformed YAML: {error}") from None
        except RecursionError:
            raise HandbookDataError(display_name, "", "malformed YAML: nested too deeply") from None
        if self.content is None:
            raise HandbookDataError(display_name, "", "the file is empty")
        _remember(text, (self.node, self.content))

    def line_of(self, location: tuple) -> int | None:
        """The 1-based line of the value at `location`, or of its nearest parent that exists."""
        node, line = self.node, None
        for key in location:
            if node is None:
                break
            line = node.start_mark.line + 1
            node = _child(node, key)
        if node is not None:
            line = node.start_mark.line + 1
        return line

    def error(self, location: tuple, problem: str) -> HandbookDataError:
        return HandbookDataError(
            self.display_name, format_path(location), problem, self.line_of(location)
        )


def _refuse_duplicate_keys(node: yaml.Node, display_name: str, location: tuple,
                           seen: set | None = None) -> None:
    """A key written twice in one mapping is an error (YAML would keep the last silently)."""
    seen = set() if seen is None else seen
    if id(node) in seen:  # an alias back to a node already checked
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in keys:
                    raise HandbookDataError(
                        display_name, format_path(location + (key_node.value,)),
                        f"the key '{key_node.value}' is written twice here", key_node.start_mark.line + 1)
                keys.add(key_node.value)
                child_location = location + (key_node.value,)
            else:
                child_location = location
            _refuse_duplicate_keys(value_node, display_name, child_location, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _refuse_duplicate_keys(item, display_name, location + (index,), seen)


# The keys under which the data holds prose in one language.
_LANGUAGE_KEYS = ("zh", "en")


def _refuse_text_cut_by_a_comment(node: yaml.Node, lines: list[str], display_name: str,
                                  location: tuple, seen: set | None = None) -> None:
    """In unquoted text, " #" starts a YAML comment: `en: the same link (e.g. #art-4-2).` keeps
    only "the same link (e.g.". A comment on the same line after a language's text is almost
    always such a cut, so it is an error, with the fix (quotes) in the message."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            child_location = location + (key,) if key is not None else location
            if (key in _LANGUAGE_KEYS and isinstance(value_node, yaml.ScalarNode)
                    and not value_node.style  # plain (libyaml: "", PyYAML: None)
                    and value_node.end_mark.line == value_node.start_mark.line):
                rest = lines[value_node.end_mark.line][value_node.end_mark.column:]
                if rest.lstrip().startswith("#"):
                    raise HandbookDataError(
                        display_name, format_path(child_location),
                        "the text is cut off at ' #', which YAML reads as the start of a comment; "
                        "put the whole text in quotes", value_node.start_mark.line + 1)
            _refuse_text_cut_by_a_comment(value_node, lines, display_name, child_location, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _refuse_text_cut_by_a_comment(item, lines, display_name, location + (index,), seen)


def _child(node: yaml.Node, key) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        if 0 <= key < len(node.value):
            return node.value[key]
    return None
