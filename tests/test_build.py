"""The build command: strict, and stopped by bad data with one line and nothing written."""

from __future__ import annotations

import pytest

from support import build, copy_project


def test_a_bad_data_file_stops_the_build_with_one_line_and_leaves_the_site_alone(tmp_path, site):
    project = copy_project(tmp_path / "project")
    roles = project / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("defined_in: art-6", "defined_in: art-66", 1),
                     encoding="utf-8")
    site_dir = tmp_path / "published"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("previous site", encoding="utf-8")

    finished = build(project, site_dir)

    assert finished.returncode != 0
    assert "Traceback" not in finished.stderr + finished.stdout
    errors = [line for line in finished.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1
    assert errors[0].endswith("data/roles.yml: roles[7].defined_in: unknown article or item 'art-66' (line 102)")
    assert [p.name for p in site_dir.iterdir()] == ["index.html"]
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "previous site"


def test_the_site_builds_strictly_with_both_languages(site):
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "en" / "search" / "search_index.json").is_file()


@pytest.mark.build
def test_a_warning_fails_the_strict_build(tmp_path):
    # Guards the test builds themselves: `mkdocs build --strict -q` passes despite warnings.
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[A page that does not exist](missing.md)\n",
                    encoding="utf-8")

    finished = build(project, tmp_path / "site")

    assert finished.returncode != 0
    assert "missing.md" in finished.stderr
    assert "the English build failed" in finished.stderr


@pytest.mark.build
def test_a_failed_chinese_build_stops_the_english_build_beside_it(tmp_path):
    # hooks/build_english.py builds English in a forked copy of the build while Chinese builds:
    # a Chinese page that fails must not leave that copy writing into the site folder.
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "zh" / "index.md"  # the first page: the failure comes at once
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ no_such_macro() }}\n", encoding="utf-8")
    site_dir = tmp_path / "site"

    finished = build(project, site_dir)  # returns once every process holding its output has ended

    assert finished.returncode != 0
    assert "no_such_macro" in finished.stderr
    assert not (site_dir / "en" / "index.html").exists(), "the English build went on after the Chinese one failed"


@pytest.mark.build
def test_a_broken_english_config_fails_the_build_with_the_english_error(tmp_path):
    # hooks/build_english.py forks the English build as soon as the data is checked, and it
    # loads its config while the Chinese build goes on: a mistake there still fails the build.
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.en.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnav: 5\n", encoding="utf-8")
    site_dir = tmp_path / "site"

    finished = build(project, site_dir, HANDBOOK_PDFS="0")

    assert finished.returncode != 0
    assert "the English build failed" in finished.stderr and "nav" in finished.stderr, finished.stderr[-2000:]
    assert not (site_dir / "en" / "index.html").exists()
