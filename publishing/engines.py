"""The site generators ("engines") the handbook builds with, and what may differ between them.

    mkdocs      MkDocs 1.6 (the default), from the project's .venv
    properdocs  ProperDocs 1.6.7, a maintained fork of MkDocs 1.6 that reads the same mkdocs.yml;
                it lives in its own .venv-properdocs (made by `make build ENGINE=properdocs` or
                `make test`), since it replaces MkDocs' modules inside its own command

Both must write the same site: the only difference allowed is the page's
`<meta name="generator">`, which names the engine (see `without_generator`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from publishing import pdf_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ENGINE = "mkdocs"
# Each engine's own virtual environment; the Makefile makes .venv-<engine> from
# requirements-<engine>.txt. MkDocs runs in the Python that runs this code (the project's .venv).
ENGINE_VENVS = {"properdocs": ROOT / ".venv-properdocs"}
ENGINES = (DEFAULT_ENGINE, *ENGINE_VENVS)
ENGINE_ENVIRONMENT = "HANDBOOK_ENGINE"  # the engine `make publish ENGINE=…` builds a release with

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def engine_executable(engine: str) -> Path:
    """The command-line program of an engine that has its own environment."""
    return ENGINE_VENVS[engine] / "bin" / engine


def engine_command(engine: str = DEFAULT_ENGINE) -> list[str]:
    """The command that starts `engine` (followed by e.g. `build -f mkdocs.yml`)."""
    if engine == DEFAULT_ENGINE:
        return [sys.executable, "-m", "mkdocs"]
    if engine not in ENGINE_VENVS:
        raise ValueError(f"unknown engine {engine!r}: the handbook builds with {', '.join(ENGINES)}")
    executable = engine_executable(engine)
    if not executable.is_file():
        raise FileNotFoundError(f"{executable} is missing: run `make build ENGINE={engine}` once to make its environment")
    return [str(executable)]


def without_generator(html: bytes) -> bytes:
    """A page's HTML without the generator tag, the one line that names the engine."""
    return GENERATOR_TAG.sub(b'<meta name="generator">', html)


def _same(name: str, first: bytes, second: bytes) -> bool:
    if first == second:
        return True
    if name.endswith(".html"):
        return without_generator(first) == without_generator(second)
    if name.endswith(".pdf"):  # each printing stamps its own time: compare what it says
        return pdf_text.text(first) == pdf_text.text(second)
    return False


def site_differences(first: Path, second: Path) -> list[str]:
    """One line per file of two built sites that is only in one or differs: pages but for the
    generator tag, PDFs by their text, every other file (feeds, search indexes, sitemaps,
    assets) byte for byte."""
    def files(site: Path) -> set[str]:
        return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}

    in_first, in_second = files(first), files(second)
    found = [f"only in {first.name}: {name}" for name in sorted(in_first - in_second)]
    found += [f"only in {second.name}: {name}" for name in sorted(in_second - in_first)]
    found += [f"differs: {name}" for name in sorted(in_first & in_second)
              if not _same(name, (first / name).read_bytes(), (second / name).read_bytes())]
    return found
