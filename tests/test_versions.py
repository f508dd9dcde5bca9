"""The Rules over time: versions as data, earlier texts at their own address, redlines, and the
duties, calendar and checklists naming the version they follow.

The real document has one version. Everything about amendments is tested on a copy of the
project with the made-up amendment of tests/fixtures/amendment/changes.yml (tests/amendment.py).
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from amendment import CHANGES, EFFECTIVE, amend
from macros import versions
from macros.errors import HandbookDataError
from macros.handbook import load_handbook
from support import ROOT, build, content, copy_project, page_path, soup

DOCUMENT = "shgcw-2018-46"
NEW = EFFECTIVE.isoformat()  # 2019-03-01
LANGUAGES = ("zh", "en")


def _amended_data(tmp_path: Path, **options) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    amend(data, **options)
    return data


@pytest.fixture(scope="module")
def amended(tmp_path_factory):
    """The handbook with the made-up amendment, loaded in-process."""
    return load_handbook(_amended_data(tmp_path_factory.mktemp("amended")))


@pytest.fixture(scope="module")
def amended_site(tmp_path_factory) -> Path:
    """The whole site built with the made-up amendment (one strict build for this module)."""
    base = tmp_path_factory.mktemp("amended-site")
    project = copy_project(base / "project")
    amend(project / "data")
    site_dir = base / "site"
    finished = build(project, site_dir)
    assert finished.returncode == 0, finished.stderr
    return site_dir


# --- Data ---------------------------------------------------------------------------------------

def test_the_real_document_has_one_version_made_by_its_notice_on_the_day_it_was_issued(handbook):
    document = handbook.documents[DOCUMENT]
    (version,) = document.all_versions()
    assert version.effective == document.notice.date == datetime.date(2018, 11, 8)
    assert version.made_by.number == document.notice.number and not version.amended
    assert handbook.duties.version == handbook.calendar.version == version.effective


def test_an_earlier_version_is_the_current_text_with_the_amended_clauses_put_back(handbook, amended):
    original = versions.clause_texts(handbook.documents[DOCUMENT])
    document = amended.documents[DOCUMENT]
    assert [v.effective.isoformat() for v in document.all_versions()] == ["2018-11-08", NEW]
    current = versions.clause_texts(document)
    assert {anchor: text.zh for anchor, text in current.items() if text != original[anchor]} == {
        anchor: text["zh"] for anchor, text in CHANGES["clauses"].items()}
    earlier = versions.document_as_of(document, 0)
    assert versions.clause_texts(earlier) == original
    assert earlier.anchors() == document.anchors()  # art-N and art-N-M name the same clauses


def test_a_clause_a_version_added_is_not_in_the_earlier_text(amended):
    document = amended.documents[DOCUMENT]
    last = document.all_versions()[-1]
    added = last.model_copy(update={"amended": [*last.amended, last.amended[0].model_copy(
        update={"clause": "art-12", "before": None})]})
    changed = document.model_copy(update={"versions": [document.versions[0], added]})
    earlier = versions.document_as_of(changed, 0)
    assert "art-12" not in earlier.anchors() and "art-11" in earlier.anchors()
    change = next(c for c in versions.changes_of_version(changed, 1) if c.clause == "art-12")
    assert change.before is None and [p.kind for p in versions.redline(None, change.after.zh, "zh")] == ["insert"]


@pytest.mark.parametrize("before, after, language, expected", [
    # Chinese is compared by word: the changed word is marked, the rest of the sentence is kept.
    ("每半年向同级报告。", "每季度向同级报告。", "zh",
     [("delete", "每半年"), ("insert", "每季度")]),
    ("及时掌握舆情。", "及时掌握和研判舆情。", "zh", [("insert", "和研判")]),
    ("Every six months, they report.", "Every quarter, they report.", "en",
     [("delete", "six months"), ("insert", "quarter")]),
])
def test_the_redline_marks_the_words_inserted_and_deleted(before, after, language, expected):
    pieces = versions.redline(before, after, language)
    assert [(p.kind, p.text) for p in pieces if p.kind != "equal"] == expected
    assert "".join(p.text for p in pieces if p.kind != "insert") == before
    assert "".join(p.text for p in pieces if p.kind != "delete") == after


def test_derived_data_that_still_follows_the_earlier_version_stops_the_build(tmp_path):
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(_amended_data(tmp_path, follow=False))
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("data/calendar.yml: version: follows the version of 2018-11-08, but "
                              f"{DOCUMENT} was amended since (changed: art-5-3, art-11)")
    assert f"set version: {NEW}" in message


def test_a_duty_whose_quote_an_amendment_removed_stops_the_build_naming_duty_and_clause(tmp_path, handbook):
    article_9 = handbook.documents[DOCUMENT].article(9).text
    changed = {"zh": article_9.zh.replace("可以提出问责建议", "应当提出问责建议"), "en": article_9.en}
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(_amended_data(tmp_path, clauses={"art-9": changed}))
    assert str(raised.value).startswith(
        "data/duties.yml: duties[")
    assert (".quote: duty 'propose-accountability': not found in the current text of art-9 "
            f"(version of {NEW})") in str(raised.value)


# --- The built site with the made-up amendment -------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_each_amended_clause_says_when_and_by_which_notice_and_links_to_its_redline(amended_site, language):
    page = content(soup(page_path(amended_site, language, "regulation/")))
    versions_page = content(soup(page_path(amended_site, language, "versions/")))
    notice = CHANGES["version"]["made_by"]["number"][language]
    for clause in CHANGES["clauses"]:
        note = page.find(id=clause).find_next("p", class_="hb-amended")
        following = page.find(id=clause).find_next(["h3", "h4"])
        assert following is None or note.sourceline < following.sourceline, clause
        said = note.get_text(" ", strip=True)
        assert notice in said
        assert ("2019年3月1日经" if language == "zh" else "Amended on 1 March 2019 by") in said
        href = note.find("a")["href"]
        assert href == f"../versions/#v-{NEW}-{clause}"
        assert versions_page.find(id=f"v-{NEW}-{clause}") is not None
    assert len(page.select(".hb-amended")) == len(CHANGES["clauses"])
    assert CHANGES["clauses"]["art-11"][language] in page.find(id="art-11").find_next("p", class_="hb-text").get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_earlier_version_has_its_own_address_with_the_same_anchors(amended_site, language):
    current = content(soup(page_path(amended_site, language, "regulation/")))
    earlier = content(soup(page_path(amended_site, language, "regulation/2018-11-08/")))
    anchors = lambda page: [h["id"] for h in page.select("h3[id^=art-], h4[id^=art-]")]  # noqa: E731
    assert anchors(earlier) == anchors(current)
    banner = earlier.select_one(".hb-version--earlier").get_text(" ", strip=True)
    assert CHANGES["version"]["made_by"]["number"][language] in banner
    assert earlier.select_one(".hb-version--earlier a")["href"] == "../../regulation/"
    old_text = earlier.find(id="art-11").find_next("p", class_="hb-text").get_text()
    assert old_text == ("本细则由学校网络信息安全领导小组办公室负责解释。" if language == "zh"
                        else "The Office of the University Network Information Security Leading Group "
                             "is responsible for the interpretation of these Rules.")
    assert not earlier.select(".hb-amended")  # nothing was amended yet in the first version


@pytest.mark.parametrize("language, inserted", [("zh", ["和研判", "，党委宣传部协助"]),
                                                 ("en", ["and assess", ", assisted by the Party Committee Publicity Department"])])
def test_the_versions_page_lists_every_version_and_redlines_each_amended_clause(amended_site, language, inserted):
    page = content(soup(page_path(amended_site, language, "versions/")))
    rows = page.select("table.hb-versions tbody tr")
    assert [row["id"] for row in rows] == ["version-2018-11-08", f"version-{NEW}"]
    assert rows[0].find("a")["href"] == "../regulation/2018-11-08/"
    assert rows[1].find("a")["href"] == "../regulation/"
    redlines = page.select("p.hb-redline")
    assert [p["data-clause"] for p in redlines] == [f"v-{NEW}-art-5-3", f"v-{NEW}-art-11"]
    assert [ins.get_text().strip() for p in redlines for ins in p.select("ins")] == inserted
    assert not page.select("p.hb-redline del")


@pytest.mark.parametrize("url", ["duties/", "calendar/", "checklists/principal-leader/"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_duties_calendar_and_checklists_name_the_version_they_follow(amended_site, site, language, url):
    line = content(soup(page_path(amended_site, language, url))).select_one(".hb-follows-version")
    assert line["data-version"] == NEW
    assert line.find("a")["href"].endswith("regulation/")
    real = content(soup(page_path(site, language, url))).select_one(".hb-follows-version")
    assert real["data-version"] == "2018-11-08"
    assert ("沪工程委〔2018〕46号" if language == "zh" else "Hu Gong Cheng Wei [2018] No. 46") in real.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_published_site_shows_one_version_and_no_amendment(site, language):
    page = content(soup(page_path(site, language, "versions/")))
    assert len(page.select("table.hb-versions tbody tr")) == 1
    assert page.select_one(".hb-versions-none") is not None and not page.select("p.hb-redline")
    regulation = content(soup(page_path(site, language, "regulation/")))
    assert not regulation.select(".hb-amended")
    assert "2018" in regulation.select_one("#version").get_text()
    assert not (site / ("" if language == "zh" else "en") / "regulation" / "2018-11-08").exists()
