"""Broken data stops the build with one line: the fixture suite in tests/fixtures/bad/cases.yml.

Each case breaks one data file of a copy of the project the way an editor could, then runs
`mkdocs build --strict` as a user does. The build must fail with exactly one ERROR line naming
the file, the path inside it, the line and the fault, print no traceback, and write nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from macros.errors import HandbookDataError
from macros.handbook import load_handbook
from publishing.building import build_command, build_environment
from forked_builds import run_builds
from support import ROOT, copy_project

CASES_FILE = ROOT / "tests" / "fixtures" / "bad" / "cases.yml"
CASES = {case["case"]: case for case in yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))}
ERROR_PREFIX = "ERROR   -  "


def break_data(data_dir: Path, case: dict) -> None:
    """Apply one case to a data folder (a copy, never the project's own)."""
    path = data_dir / case["file"]
    text = path.read_text(encoding="utf-8")
    if "content" in case:
        text = case["content"]
    elif "cut_after" in case:
        assert case["cut_after"] in text, f"{case['case']}: fixture out of date, cut_after not in {case['file']}"
        text = text[:text.index(case["cut_after"]) + len(case["cut_after"])]
    else:
        assert case["find"] in text, f"{case['case']}: fixture out of date, find not in {case['file']}"
        text = text.replace(case["find"], case["replace"], 1)
    path.write_bytes(text.encode("utf-8"))


def test_the_fixture_suite_covers_every_fault_the_issue_names():
    required = {"malformed-yaml", "empty-file", "truncated-file", "missing-required-field",
                "list-where-text-belongs", "duplicate-id", "unknown-article", "unknown-role",
                "missing-english", "missing-chinese", "unknown-key", "impossible-date"}
    assert required <= set(CASES)
    for case in CASES.values():
        assert {"case", "fault", "file", "error"} <= set(case), case
        # the error names the file edited, or (`error_file`) the file the edit makes wrong
        named = case.get("error_file", case["file"])
        assert case["error"].startswith((f"data/{named}", "data/records/", "data/documents:"))


@pytest.fixture(scope="module")
def broken_builds(tmp_path_factory) -> dict[str, tuple[int, str, Path]]:
    """Every case's `mkdocs build --strict`, as many at a time as there are CPU cores, each in a
    fork of a process that has imported MkDocs and its plugins already (tests/forked_builds.py:
    each stops at the data, before writing the site): case -> (exit status, output, site folder)."""
    cases, jobs = sorted(CASES), []
    for name in cases:
        folder = tmp_path_factory.mktemp(name)
        project = copy_project(folder / "project")
        break_data(project / "data", CASES[name])
        command = build_command(project, folder / "site")
        assert command[:3] == [sys.executable, "-m", "mkdocs"]
        jobs.append((command[3:], project, build_environment()))
    finished = run_builds(jobs)
    return {name: (status, output, Path(arguments[arguments.index("-d") + 1]))
            for name, (arguments, _, _), (status, output) in zip(cases, jobs, finished)}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_data_is_named_in_one_line_by_the_loader(name, tmp_path):
    """In-process (make test-fast): the loader's one line, file, path and line number."""
    case = CASES[name]
    project = copy_project(tmp_path / "project")
    break_data(project / "data", case)

    with pytest.raises(HandbookDataError) as raised:
        load_handbook(project / "data")
    assert str(raised.value) == case["error"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_data_stops_the_build_with_one_line_naming_file_path_and_fault(name, broken_builds):
    case = CASES[name]
    returncode, output, site_dir = broken_builds[name]
    assert returncode != 0
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert errors == [ERROR_PREFIX + case["error"]], output
    assert not site_dir.exists()


def test_the_suite_would_notice_a_build_that_accepts_bad_data(tmp_path):
    """The check above fails when a case is not an error: a harmless edit loads fine."""
    project = copy_project(tmp_path / "project")
    break_data(project / "data", {"case": "harmless", "file": "roles.yml",
                                  "find": "en: Party organisations at all levels\n",
                                  "replace": "en: The Party organisations at all levels\n"})
    assert load_handbook(project / "data").role("party-organisation").name.en == "The Party organisations at all levels"


def test_a_byte_order_mark_written_by_an_editor_is_accepted(tmp_path):
    data = copy_project(tmp_path / "project") / "data"
    glossary = data / "glossary.yml"
    glossary.write_bytes(b"\xef\xbb\xbf" + glossary.read_bytes())
    assert load_handbook(data).glossary.terms[0].id == "ideology"


def test_a_missing_record_is_reported_not_crashed_on(tmp_path):
    data = copy_project(tmp_path / "project") / "data"
    (data / "records" / "shgcw-2018-46.txt").unlink()
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(data)
    assert str(raised.value) == (
        "data/records/shgcw-2018-46.txt: file is missing: it holds the original text of 'shgcw-2018-46'")


def test_a_key_with_a_line_break_is_named_on_one_line(tmp_path):
    """Found by the fuzzed loader: an unknown key holding a carriage return."""
    data = copy_project(tmp_path / "project") / "data"
    (data / "roster.yml").write_text('"\\r": null\n', encoding="utf-8")
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(data)
    assert str(raised.value) == (
        "data/roster.yml: ['\\r']: unknown key (a typo?) (and 5 more problems) (line 1)")
