"""Reading YAML data files so that every error can name its file, path and line."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import HandbookDataError, format_path


# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one spent most of a large
# build parsing data files (see bench/results.md, "Profile").
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DataLoader(_SafeLoader):
    """SafeLoader that leaves dates as text: pydantic parses them, so an impossible date
    (2018-02-30) is reported with its path instead of crashing the YAML constructor."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlFile:
    """One parsed data file: its content plus the node tree, kept to look up line numbers."""

    def __init__(self, path: Path, display_name: str):
        self.display_name = display_name
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise HandbookDataError(display_name, "", f"not UTF-8 text ({error.reason})") from None
        except OSError as error:
            raise HandbookDataError(display_name, "", f"cannot be read ({error.strerror})") from None
        loader = _DataLoader(text)
        try:
            # Parsed once: the node tree (for line numbers) is also what the content is built from.
            self.node = loader.get_single_node()
            self.content = loader.construct_document(self.node) if self.node is not None else None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            problem = error.problem or error.context or "malformed YAML"
            raise HandbookDataError(
                display_name, "", f"malformed YAML: {problem}", mark.line + 1 if mark else None
            ) from None
        except yaml.YAMLError as error:
            raise HandbookDataError(display_name, "", f"malformed YAML: {error}") from None
        finally:
            loader.dispose()
        if self.content is None:
            raise HandbookDataError(display_name, "", "the file is empty")

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


def _child(node: yaml.Node, key) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        if 0 <= key < len(node.value):
            return node.value[key]
    return None
