"""Documents are data: adding a document file and a page that calls the macro publishes it."""

from __future__ import annotations

import shutil

from macros.handbook import load_handbook
from support import ROOT, build, copy_project, page_path, soup

FIXTURE = ROOT / "tests" / "fixtures" / "second-document"


def test_a_second_document_from_a_fixture_renders_in_both_languages(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(FIXTURE, project, dirs_exist_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - regulation.md\n", "  - regulation.md\n  - amendment.md\n"), encoding="utf-8")

    handbook = load_handbook(project / "data")
    assert set(handbook.documents) == {"shgcw-2018-46", "test-amendment-2019"}

    finished = build(project, tmp_path / "site")
    assert finished.returncode == 0, finished.stderr
    for language, heading in (("zh", "第一条 测试条款"), ("en", "Article 1 — Test article")):
        page = soup(page_path(tmp_path / "site", language, "amendment/"))
        assert page.find(id="art-1").get_text(" ", strip=True).startswith(heading)
        assert page.find(id="art-1-1") is not None
    assert "沪工程委〔2019〕1号" in page_path(tmp_path / "site", "zh", "amendment/").read_text(encoding="utf-8")

