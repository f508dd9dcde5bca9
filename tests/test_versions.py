"""The Rules over time: versions as data, earlier texts at their own address, redlines, and the
duties, calendar and checklists naming the version they follow.

The real document has one version. Everything about amendments is tested on a copy of the
project with the made-up amendment of tests/fixtures/amendment/changes.yml (tests/amendment.py).
"""

from __future__ import annotations

import datetime
import html
import shutil
from pathlib import Path

import pytest

from amendment import CHANGES, EFFECTIVE, amend
from macros import versions
from macros.errors import HandbookDataError
from macros.handbook import load_handbook
from macros.text import long_date
from support import ROOT, build, content, copy_project, page_path, root_link, soup

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
    finished = build(project, site_dir, HANDBOOK_PDFS="0")  # no test here reads a PDF
    assert finished.returncode == 0, finished.stderr
    return site_dir


# --- Data ---------------------------------------------------------------------------------------

def test_the_real_document_has_one_version_made_by_its_notice_on_the_day_it_was_issued(handbook):
    document = handbook.documents[DOCUMENT]
    (version,) = document.all_versions()
    assert version.effective == document.notice.date == datetime.date(2018, 11, 8)
    assert version.made_by.number == document.notice.number and not version.amended
    assert document.versions[0].made_by is None  # written once, in the notice
    assert handbook.duties.version == version.effective


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_line_giving_the_date_of_the_text_as_issued_says_it_is_the_notice_s_date(handbook, amended, language):
    """Article 12 puts the Rules in force 自文件发布之日; that the notice's date is that day is the
    handbook's inference. Every line that gives the date says so: the regulation's version line, the
    'follows the version' line of the duties and the calendar, the changes feed and, once amended,
    the earlier version's line; an amendment's own date, which its notice sets, is not marked
    (in-process)."""
    from macros import changes_feed, rendering, version_pages

    rendering.start_build()
    mark = "是本手册的推定" if language == "zh" else "the handbook's inference"
    issued = "落款日期" if language == "zh" else "the date the notice bears"
    document = handbook.documents[DOCUMENT]
    current = version_pages.version_context(handbook, document, language, "regulation/")["version_line"]
    follows = html.unescape(version_pages.follows_version(handbook, language, "duties/"))
    feed_titles = [entry.title for entry in changes_feed.entries(handbook, language)]
    assert all(mark in text and issued in text for text in (current, follows))
    assert len(feed_titles) == 1 and mark in feed_titles[0] and issued in feed_titles[0]
    changed = amended.documents[DOCUMENT]
    earlier = version_pages.version_context(amended, changed, language, "regulation/", index=0)["version_line"]
    latest = version_pages.version_context(amended, changed, language, "regulation/")["version_line"]
    assert mark in earlier and issued in earlier and mark not in latest
    # the earlier version's own page is titled by its notice, not by a date stated as fact
    from publishing.steps.pages import version_pages as made_version_pages

    (page,) = made_version_pages(amended, language)
    assert document.notice.number[language] in page.title
    assert long_date(document.notice.date, language) not in page.title


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
    assert message.startswith("data/duties.yml: version: follows the version of 2018-11-08, but "
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
        assert href == f"{root_link(language)}versions/#v-{NEW}-{clause}"
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
    assert earlier.select_one(".hb-version--earlier a")["href"] == f"{root_link(language)}regulation/"
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
    assert rows[0].find("a")["href"] == f"{root_link(language)}regulation/2018-11-08/"
    assert rows[1].find("a")["href"] == f"{root_link(language)}regulation/"
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_versions_page_says_the_date_in_force_is_the_notice_date_read_with_article_12(site, handbook, language):
    """The Rules give no date: Article 12 says they come into force on the date of issuance.
    The page quotes it and says the date shown is the one the notice bears; the version line
    claims no more than the handbook holds ("the latest version in the handbook")."""
    article_12 = next(a for a in handbook.documents[handbook.main_document].rules.articles if a.number == 12)
    words = article_12.text[language].rstrip("。.")
    note = content(soup(page_path(site, language, "versions/"))).select_one(".hb-versions-issued").get_text()
    assert (words if language == "zh" else words[0].lower() + words[1:]) in note
    assert ("落款日期" if language == "zh" else "the date the notice bears") in note
    line = content(soup(page_path(site, language, "regulation/"))).select_one("#version").get_text()
    assert ("本手册收录的最新版本" if language == "zh" else "The latest version in the handbook") in line
    assert ("现行" if language == "zh" else "Current") not in line


# --- Roster history -----------------------------------------------------------------------------

def test_a_succession_is_one_line_and_the_published_list_stays_as_published(handbook, amended):
    from macros.roster import history

    roster = amended.roster
    deputy = next(p for p in roster.positions() if p.id == "office-deputy-director")
    staff = next(p for p in roster.positions() if p.id == "office-staff")
    assert deputy.holders == ["李荣正"]  # as published: the record still matches
    assert roster.current_holders(deputy) == ["测试乙"]
    assert roster.holders_on(deputy, datetime.date(2019, 12, 31)) == ["测试甲"]
    assert "张玮" not in roster.current_holders(staff) and len(roster.current_holders(staff)) == 22
    assert [(t.name, t.start.isoformat(), t.end and t.end.isoformat()) for t in history(amended, deputy)] == [
        ("李荣正", "2018-11-08", "2019-07-01"), ("测试甲", "2019-07-01", "2020-09-01"), ("测试乙", "2020-09-01", None)]
    assert roster.last_change() == datetime.date(2020, 9, 1)
    assert handbook.roster.successions == [] and handbook.roster.last_change() == handbook.roster.as_of


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_roster_page_shows_current_holders_and_each_posts_history(amended_site, language):
    page = content(soup(page_path(amended_site, language, "roster/")))
    current = page.select_one('ul.hb-roster-names[data-position="office-deputy-director"]').get_text(" ", strip=True)
    assert current.endswith("测试乙") and "李荣正" not in current
    rows = page.select('details.hb-roster-history[data-position="office-deputy-director"] tbody tr')
    cells = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in rows]
    assert [row[0].endswith(name) for row, name in zip(cells, ["李荣正", "测试甲", "测试乙"], strict=True)]
    assert cells[0][1:] == (["2018年11月8日", "2019年7月1日"] if language == "zh" else ["8 November 2018", "1 July 2019"])
    assert cells[2][2] == ("未记录离任" if language == "zh" else "No departure recorded")
    assert page.select_one(".hb-roster-as-of time")["datetime"] == "2020-09-01"
    # only the posts whose holders changed have a history; the others would repeat their names
    assert [d["data-position"] for d in page.select("details.hb-roster-history")] == [
        "office-deputy-director", "office-staff"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_roster_with_no_change_since_it_was_published_shows_no_history(handbook, language):
    import copy

    from bs4 import BeautifulSoup

    from macros import pages

    unchanged = copy.deepcopy(handbook)
    object.__setattr__(unchanged.roster, "successions", [])  # the models are frozen; only this copy changes
    page = BeautifulSoup(pages.roster(unchanged, language, datetime.date(2026, 12, 3)), "html.parser")
    assert page.select("ul.hb-roster-names") and not page.select("details.hb-roster-history")


# --- Atom feed of the handbook's changes ---------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_atom(path: Path):
    """The feed, checked against what RFC 4287 requires of a feed and its entries."""
    import xml.etree.ElementTree as ET

    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed"

    def one(parent, tag):
        found = parent.findall(f"{ATOM}{tag}")
        assert len(found) == 1, (tag, len(found))
        return found[0]

    for tag in ("id", "title", "updated"):
        assert one(feed, tag).text.strip()
    assert one(one(feed, "author"), "name").text.strip()
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")].count("self") == 1
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert one(entry, tag).text.strip(), tag
        datetime.datetime.fromisoformat(one(entry, "updated").text)  # RFC 3339
        assert one(entry, "id").text.startswith("tag:sues.edu.cn,2018:handbook/")
        assert one(entry, "link").get("rel") == "alternate"
    datetime.datetime.fromisoformat(one(feed, "updated").text)
    ids = [one(entry, "id").text for entry in entries]
    assert len(ids) == len(set(ids))
    return feed, entries


def _target_exists(site: Path, href: str, site_url: str) -> bool:
    path, _, anchor = href.removeprefix(site_url).partition("#")
    file = site / path / "index.html"
    return file.is_file() and (not anchor or soup(file).find(id=anchor) is not None)


@pytest.mark.parametrize("language, prefix", [("zh", ""), ("en", "en/")])
def test_the_changes_feed_is_valid_atom_and_every_page_links_to_it(site, language, prefix):
    from support import SITE_URL, pages_of

    feed, entries = parse_atom(site / prefix / "changes.xml")
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == f"{SITE_URL}{prefix}changes.xml"
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        f"tag:sues.edu.cn,2018:handbook/{DOCUMENT}/version/2018-11-08/{language}"]
    # the handbook is its author, as of its Word files: not an office the Rules name
    name = {"zh": "网络意识形态工作责任制手册", "en": "Online Ideological Work Responsibility System Handbook"}[language]
    assert feed.find(f"{ATOM}author/{ATOM}name").text == name
    for url in pages_of(site, language):
        page = soup(page_path(site, language, url))
        link = page.find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, url
        assert (page_path(site, language, url).parent / link["href"]).resolve() == (site / prefix / "changes.xml").resolve()
    for url in ("versions/", "roster/"):
        visible = content(soup(page_path(site, language, url))).select_one(".hb-changes-feed a")
        assert visible["href"] == f"{root_link(language)}changes.xml", url


@pytest.mark.parametrize("language, prefix", [("zh", ""), ("en", "en/")])
def test_the_feed_has_an_entry_per_version_amended_clause_and_roster_change(amended_site, amended, language, prefix):
    from macros.changes_feed import atom, entries as feed_entries
    from support import SITE_URL

    _, entries = parse_atom(amended_site / prefix / "changes.xml")
    ids = [e.find(f"{ATOM}id").text.removeprefix("tag:sues.edu.cn,2018:handbook/") for e in entries]
    assert set(ids) == {f"{DOCUMENT}/version/2018-11-08/{language}", f"{DOCUMENT}/version/{NEW}/{language}",
                        f"{DOCUMENT}/version/{NEW}/art-5-3/{language}", f"{DOCUMENT}/version/{NEW}/art-11/{language}",
                        f"roster/office-deputy-director/2019-07-01/{language}",
                        f"roster/office-deputy-director/2020-09-01/{language}",
                        f"roster/office-staff/2020-09-01/{language}"}
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert _target_exists(amended_site / prefix.rstrip("/"), href, SITE_URL + prefix), href
    # The ids depend on the data only: not on the site's address, not on when it was built.
    elsewhere = atom(amended, language, "http://intranet.example/handbook/")
    assert all(entry_id in elsewhere for entry_id in (e.id for e in feed_entries(amended, language)))
    titles = " ".join(e.find(f"{ATOM}title").text for e in entries)
    assert ("测试乙接替测试甲" if language == "zh" else "Ce Shiyi (测试乙) succeeds Ce Shijia (测试甲)") in titles
