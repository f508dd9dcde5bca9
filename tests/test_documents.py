"""Documents are data: adding a document file and a page that calls the macro publishes it."""

from __future__ import annotations

from macros.handbook import load_handbook
from support import page_path, soup


def test_a_second_document_from_a_fixture_renders_in_both_languages(more_documents):
    # The session's copy with more documents (tests/conftest.py): the fixture's
    # tests/fixtures/second-document (data, both pages) and amendment.md added to nav.
    project, site, finished = more_documents
    handbook = load_handbook(project / "data")
    assert set(handbook.documents) == {"shgcw-2018-46", "test-amendment-2019", "synthetic-002"}

    assert finished.returncode == 0, finished.stderr
    for language, heading in (("zh", "第一条 测试条款"), ("en", "Article 1 — Test article")):
        page = soup(page_path(site, language, "amendment/"))
        assert page.find(id="art-1").get_text(" ", strip=True).startswith(heading)
        assert page.find(id="art-1-1") is not None
    assert "沪工程委〔2019〕1号" in page_path(site, "zh", "amendment/").read_text(encoding="utf-8")


def test_a_build_told_not_to_print_pdfs_prints_none_and_says_so(more_documents):
    # The fixture builds with HANDBOOK_PDFS=0 (hooks/pdfs.py), as the tests' other builds of
    # changed copies do whose PDFs no test reads; the Word and Excel files are still made.
    _, site, finished = more_documents
    assert "PDFs: none printed (HANDBOOK_PDFS=0)" in finished.stderr
    assert not list(site.rglob("*.pdf"))
    assert list((site / "downloads").glob("*.docx")) and list((site / "downloads").glob("*.xlsx"))
