"""A second engine: ProperDocs builds the same site as MkDocs from the same mkdocs.yml
(publishing/engines.py). Pages may differ only in their generator tag; PDFs are compared by
their text; feeds, search indexes, sitemaps and every other file byte for byte."""

from __future__ import annotations

import re

import pytest

from publishing.engines import engine_executable, site_differences, without_generator
from support import ROOT, build


@pytest.fixture(scope="session")
def properdocs_build(site, tmp_path_factory):
    """The site built by ProperDocs, after the shared MkDocs build (`site`), so every PDF comes
    from the cache that build filled. Returns (site folder, the finished build)."""
    if not engine_executable("properdocs").is_file():
        pytest.fail("ProperDocs is not installed: `make test` (or `make build ENGINE=properdocs`) makes .venv-properdocs")
    site_dir = tmp_path_factory.mktemp("properdocs-site")
    finished = build(ROOT, site_dir, engine="properdocs")
    assert finished.returncode == 0, finished.stderr
    return site_dir, finished


@pytest.mark.build
def test_properdocs_builds_the_same_site(site, properdocs_build):
    properdocs_site, _ = properdocs_build
    generator = re.search(rb'<meta name="generator" content="([^"]*)">', (properdocs_site / "index.html").read_bytes())
    assert generator and b"ProperDocs" in generator.group(1), "the second build did not run ProperDocs"
    assert list(site.rglob("*.pdf")), "the shared build wrote no PDFs to compare"
    differences = site_differences(site, properdocs_site)
    assert not differences, "ProperDocs and MkDocs built different files:\n" + "\n".join(differences)


@pytest.mark.build
def test_properdocs_prints_no_pdf_anew(properdocs_build):
    _, finished = properdocs_build
    assert re.search(r"PDFs: 0 printed, \d+ from the cache", finished.stderr), finished.stderr[-2000:]


def test_only_the_generator_tag_is_left_out():
    page = b'<head><meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1"><title>x</title>'
    assert without_generator(page) == without_generator(page.replace(b"mkdocs-1.6.1", b"mkdocs-ProperDocs 1.6.7"))
    assert without_generator(page) != without_generator(page.replace(b"<title>x", b"<title>y"))


# Python's string and dict methods, which Jinja2 allows and MiniJinja (Zensical) does not.
PYTHON_METHOD = re.compile(r"\.(startswith|endswith|r?split|replace|format|count|[lr]?strip|lower|upper|join"
                           r"|items|keys|values|get|find|capitalize)\(")
JINJA_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def python_methods_in(text: str) -> list[str]:
    return [code for code in JINJA_CODE.findall(text) if PYTHON_METHOD.search(code)]


def test_templates_use_only_what_jinja2_and_minijinja_both_accept():
    templates = [*(ROOT / "overrides").rglob("*.html"), *(ROOT / "macros" / "templates").rglob("*.j2")]
    found = [f"{path.relative_to(ROOT)}: {code}" for path in templates
             for code in python_methods_in(path.read_text(encoding="utf-8"))]
    assert not found, "Python methods in templates (use filters or tests):\n" + "\n".join(found)
    assert python_methods_in('{% set n = "../" * root.count("/") %}'), "the check finds nothing"


# A page-relative path written by hand ("../", or href="x/" in a template), anywhere but the
# site's geometry.
HAND_WRITTEN_RELATIVE = re.compile(r"""["'](\.\./)|href=["'](?![#{]|https?:|mailto:)""")


def test_links_between_pages_are_made_in_one_place():
    """Every link from a page to another is prefixed in macros/site_paths.py: the file:// copy
    needs page-relative links, engines resolve them differently inside raw HTML (Zensical
    rewrites them), so their geometry must be changeable in one module."""
    sources = [*(ROOT / "macros").rglob("*.py"), *(ROOT / "macros" / "templates").rglob("*.j2"),
               *(ROOT / "hooks").glob("*.py")]
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sources if path.name != "site_paths.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if HAND_WRITTEN_RELATIVE.search(line)]
    assert not found, "links written by hand (use macros/site_paths.py):\n" + "\n".join(found)
    assert HAND_WRITTEN_RELATIVE.search('<a href="../regulation/#{{ term.see }}">')
    assert not HAND_WRITTEN_RELATIVE.search('<a href="{{ root }}regulation/">')


# The engine adapters: the MkDocs hooks, and the macros plugin's entry point (mkdocs-macros
# loads it; it turns a data mistake into the engine's one-line error). Nothing else of the
# project may import an engine or its theme, so another engine needs only new adapters.
ENGINE_MODULES = {"mkdocs", "material", "properdocs", "zensical"}
ADAPTERS = ("hooks/", "macros/__init__.py")


def engine_imports(source: str) -> list[str]:
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
        found += [name for name in names if name.split(".")[0] in ENGINE_MODULES]
    return found


def test_only_the_adapters_import_an_engine():
    sources = [path for package in ("macros", "publishing", "bench", "hooks") for path in (ROOT / package).rglob("*.py")]
    found = [f"{path.relative_to(ROOT)}: imports {name}" for path in sources
             if not path.relative_to(ROOT).as_posix().startswith(ADAPTERS)
             for name in engine_imports(path.read_text(encoding="utf-8"))]
    assert not found, "engine imports outside the adapters (hooks/, macros/__init__.py):\n" + "\n".join(found)
    assert engine_imports("from mkdocs.structure.files import File\nimport material.plugins") == [
        "mkdocs.structure.files", "material.plugins"]
