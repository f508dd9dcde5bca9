"""Data level: the project's modules import one way (no circle), so each can be read and tested
from the bottom up. Imports under `if TYPE_CHECKING:` (annotations only) do not count."""

from __future__ import annotations

import ast

from support import ROOT

PACKAGES = ("macros", "hooks", "publishing")


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def run_time_imports() -> dict[str, set[str]]:
    """Each module of PACKAGES -> the modules of PACKAGES it imports when it runs."""
    paths = {module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        annotations_only = {id(node) for statement in ast.walk(tree)
                            if isinstance(statement, ast.If) and getattr(statement.test, "id", "") == "TYPE_CHECKING"
                            for child in statement.body for node in ast.walk(child)}
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = set()
        for node in ast.walk(tree):
            if id(node) in annotations_only:
                continue
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
                if name.startswith("hooks.") and target in {m.split(".")[-1] for m in paths if m.startswith("hooks.")}:
                    target = "hooks." + target  # hooks import each other by bare name (hooks/ is on sys.path)
                for alias in node.names:
                    imported.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in paths else target)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
        graph[name] = {module for module in imported if module in paths and module != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The modules of each import circle (strongly connected components of more than one)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_module_of_the_project_imports_one_that_imports_it_back():
    graph = run_time_imports()
    assert "macros.reference_pass" in graph["macros.handbook"]  # the scan sees relative imports
    assert circles(graph) == []


def test_a_circle_is_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
