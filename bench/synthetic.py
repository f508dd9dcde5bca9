"""A copy of the project with N times the regulation, for the growth benchmark.

`make_project(destination, factor)` copies the project's sources and adds `factor - 1` synthetic
documents made from the real one (data/documents/shgcw-2018-46.yml): each gets a new id
(`synthetic-002`, …) and document number, a stub page per language calling
{{ regulation("<id>") }}, and a nav entry in mkdocs.yml. Factor 1 is the project as it is.
Nothing in the project itself changes. Run it on its own to look at the result:

    .venv/bin/python -m bench.synthetic 10 /tmp/handbook-10x
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from publishing.building import ROOT, copy_project  # noqa: F401  (the one list of what a build needs)

SOURCE_DOCUMENT = "shgcw-2018-46"
PAGE_FOLDER = "synthetic"  # docs/<lang>/synthetic/<id>.md

ZH_PAGE = """---
title: 合成文件 {n}
---

# 合成文件 {n} {{ #synthetic-document }}

{{{{ regulation("{id}") }}}}
"""
EN_PAGE = """---
title: Synthetic document {n}
---

# Synthetic document {n} {{ #synthetic-document }}

{{{{ regulation("{id}") }}}}
"""


def synthetic_id(n: int) -> str:
    return f"synthetic-{n:03d}"


def synthetic_document(source: dict, n: int) -> dict:
    """The source document under a new id and document number (its text is kept)."""
    document = dict(source)
    document["id"] = synthetic_id(n)
    document.pop("main", None)  # the handbook stays built around the real one
    notice = dict(document["notice"])
    notice["number"] = {"zh": f"沪工程委〔2018〕{1000 + n}号", "en": f"Hu Gong Cheng Wei [2018] No. {1000 + n}"}
    document["notice"] = notice
    return document


def add_to_nav(mkdocs_yml: str, entries: list[str]) -> str:
    """Append entries to the end of the top-level `nav:` block, keeping everything else as is."""
    lines = mkdocs_yml.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    end = start + 1
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.strip() and not line[0].isspace() and not line.startswith("-"):
            break
        if line.strip() and not line.lstrip().startswith("#"):
            end = i + 1  # after the last entry, before trailing blank or comment lines
    added = [f"  - {entry}\n" for entry in entries]
    return "".join(lines[:end] + added + lines[end:])


def add_documents(project: Path, factor: int) -> list[str]:
    """Add factor - 1 synthetic documents with their pages and nav entries; returns their ids."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    data = project / "data" / "documents"
    source_path = data / f"{SOURCE_DOCUMENT}.yml"
    source_text = source_path.read_text(encoding="utf-8")
    schema_line = source_text.splitlines()[0]
    source = yaml.safe_load(source_text)  # the date becomes a date and is written back as one
    ids, nav = [], []
    for n in range(2, factor + 1):
        document = synthetic_document(source, n)
        body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10_000)
        (data / f"{document['id']}.yml").write_text(f"{schema_line}\n{body}", encoding="utf-8")
        for language, page in (("zh", ZH_PAGE), ("en", EN_PAGE)):
            folder = project / "docs" / language / PAGE_FOLDER
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{document['id']}.md").write_text(page.format(n=n, id=document["id"]),
                                                         encoding="utf-8")
        ids.append(document["id"])
        nav.append(f"{PAGE_FOLDER}/{document['id']}.md")
    if nav:
        config = project / "mkdocs.yml"
        config.write_text(add_to_nav(config.read_text(encoding="utf-8"), nav), encoding="utf-8")
    return ids


def make_project(destination: Path, factor: int) -> Path:
    """A copy of the project holding `factor` times the regulation."""
    copy_project(destination)
    add_documents(destination, factor)
    return destination


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factor", type=int, help="how many times the regulation (1 = as it is)")
    parser.add_argument("destination", type=Path, help="an empty or new folder")
    arguments = parser.parse_args()
    make_project(arguments.destination, arguments.factor)
    print(f"{arguments.destination}: {arguments.factor} document(s); build it with "
          f"`mkdocs build --strict -f {arguments.destination / 'mkdocs.yml'}`")


if __name__ == "__main__":
    main()
