"""Data level: the models, the reference pass, and one-line errors for broken data files."""

from __future__ import annotations

import re
import shutil

import pytest

from macros.handbook import load_handbook
from macros.schema import SCHEMA_DIR, schemas
from support import ROOT, load_error_after_change


def test_the_regulation_has_twelve_articles_and_their_numbered_items(handbook):
    rules = handbook.documents["shgcw-2018-46"].rules
    assert len(rules.articles) == 12
    assert {a.number: len(a.items) for a in rules.articles if a.items} == {4: 7, 5: 9, 8: 9}


def test_anchors_follow_article_and_item_numbers(handbook):
    anchors = handbook.documents["shgcw-2018-46"].anchors()
    assert anchors[:5] == ["art-1", "art-2", "art-3", "art-4", "art-4-1"]
    assert "art-4-2" in anchors and "art-8-9" in anchors
    assert len(anchors) == len(set(anchors)) == 12 + 25


def test_the_notice_says_who_issued_what_and_when(handbook):
    notice = handbook.documents["shgcw-2018-46"].notice
    assert notice.number.zh == "沪工程委〔2018〕46号"
    assert notice.date.isoformat() == "2018-11-08"
    assert "实施细则" in notice.title.zh


def test_schemas_for_editors_are_current():
    for file_name, text in schemas().items():
        written = SCHEMA_DIR / file_name
        assert written.is_file() and written.read_text(encoding="utf-8") == text, (
            f"schema/{file_name} is out of date: run `make schema`")


def test_every_data_file_names_its_schema():
    for path in (ROOT / "data").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert re.match(r"# yaml-language-server: \$schema=(\.\./)+schema/\S+\.schema\.json$", first), path


# Each broken case: (file under data/, text to replace, replacement, expected one-line message).
BROKEN = {
    "missing-english": (
        "documents/shgcw-2018-46.yml", "\n      en: Purpose and basis\n", "\n",
        r"^data/documents/shgcw-2018-46\.yml: rules\.articles\[0\]\.title\.en: required field is missing \(line \d+\)$"),
    "empty-english": (
        "documents/shgcw-2018-46.yml", "\n      en: Purpose and basis\n", "\n      en: ''\n",
        r"^data/documents/shgcw-2018-46\.yml: rules\.articles\[0\]\.title\.en: the text is empty \(line \d+\)$"),
    "unknown-key": (
        "roles.yml", "    kind: body\n", "    kind: body\n    knid: body\n",
        r"^data/roles\.yml: roles\[0\]\.knid: unknown key \(a typo\?\) \(line 16\)$"),
    "duplicate-role": (
        "roles.yml", "  - id: party-organisation\n", "  - id: party-committee\n",
        r"^data/roles\.yml: roles\[1\]\.id: duplicate id 'party-committee' \(line \d+\)$"),
    "unknown-article": (
        "roles.yml", "    defined_in: art-5\n", "    defined_in: art-13\n",
        r"^data/roles\.yml: roles\[0\]\.defined_in: unknown article or item 'art-13' \(line \d+\)$"),
    "other-name-not-in-the-rules": (
        "roles.yml", "    also_named: [网络评论员]", "    also_named: [网络评论人员]",
        r"^data/roles\.yml: roles\[\d+\]\.also_named\[0\]: '网络评论人员' is not in the text of the Rules \(line \d+\)$"),
    # The checklist's "Named in" line lists where the Rules name the role, no more and no less
    "named-in-a-clause-that-does-not-name-the-role": (
        "roles.yml", "    also_named_in: [art-7]\n", "    also_named_in: [art-8]\n",
        r"^data/roles\.yml: roles\[6\]\.also_named_in\[0\]: art-8 does not name '校网络信息安全领导小组' \(line \d+\)$"),
    "named-in-leaves-out-a-clause-that-names-the-role": (
        "roles.yml", "    also_named_in: [art-11]\n", "",
        r"^data/roles\.yml: roles\[7\]\.also_named_in: art-11 names '校网络信息安全领导小组办公室': "
        r"list every clause that names the role \(line \d+\)$"),
    "named-in-quotes-the-other-word-the-clause-uses": (  # Article 5(5) says 网络评论员, not 网评员
        "roles.yml", "    also_named_in: [art-5-5]\n", "",
        r"^data/roles\.yml: roles\[11\]\.also_named_in: art-5-5 names '网络评论员': list every clause that names "
        r"the role \(line \d+\)$"),
    "named-in-a-clause-that-names-only-a-longer-role": (  # art-6 names the Office, not the Leading Group
        "roles.yml", "    also_named_in: [art-7]\n", "    also_named_in: [art-6, art-7]\n",
        r"^data/roles\.yml: roles\[6\]\.also_named_in\[0\]: art-6 does not name '校网络信息安全领导小组' \(line \d+\)$"),
    "named-in-an-unknown-clause": (
        "roles.yml", "    also_named_in: [art-7]\n", "    also_named_in: [art-7-9]\n",
        r"^data/roles\.yml: roles\[6\]\.also_named_in\[0\]: unknown article or item 'art-7-9' \(line \d+\)$"),
    "defined-in-a-clause-that-does-not-name-the-role": (
        "roles.yml", "    defined_in: art-7\n", "    defined_in: art-8\n",
        r"^data/roles\.yml: roles\[8\]\.defined_in: art-8 does not name '领导小组成员单位' \(line \d+\)$"),
    "named-in-out-of-order": (
        "roles.yml", "also_named_in: [art-1, art-4-2, art-6, art-10]", "also_named_in: [art-1, art-6, art-4-2, art-10]",
        r"^data/roles\.yml: roles\[0\]\.also_named_in\[2\]: 'art-4-2' comes before 'art-6' in the Rules: "
        r"list them in order \(line \d+\)$"),
    "named-in-its-defined-in-again": (
        "roles.yml", "    also_named_in: [art-6]\n", "    also_named_in: [art-4-4, art-6]\n",
        r"^data/roles\.yml: roles\[9\]\.also_named_in\[0\]: 'art-4-4' is the role's defined_in: also_named_in "
        r"lists the other clauses \(line \d+\)$"),
    "named-in-twice": (
        "roles.yml", "    also_named_in: [art-6]\n", "    also_named_in: [art-6, art-6]\n",
        r"^data/roles\.yml: roles\[9\]\.also_named_in\[1\]: 'art-6' is listed twice \(line \d+\)$"),
    "part-of-cycle": (  # the checklists walk part_of up to the body that carries a duty out
        "roles.yml", "    defined_in: art-4\n  - id: leadership-team\n",
        "    defined_in: art-4\n    part_of: principal-leader\n  - id: leadership-team\n",
        r"^data/roles\.yml: roles\[1\]\.part_of: 'party-organisation' is, through part_of, part of itself \(line \d+\)$"),
    "other-name-of-the-role-removed": (  # Article 4(3) names Party leading cadres 党员领导干部
        "roles.yml", "    also_named_in: [art-1, art-4-3, art-9]\n"
                     "    also_named: [党员领导干部, 领导干部]  # Article 4(3); Articles 1 and 9\n", "",
        r"^data/duties\.yml: duties\[\d+\]\.roles\.party-leading-cadres: art-4-3 does not name '党的领导干部' as "
        r"subject to this"),
    "qualifier-not-in-the-clause": (  # Article 3: 参与决策和工作的班子其它成员
        "roles.yml", "      zh: 参与决策和工作的\n", "      zh: 参与决策的\n",
        r"^data/roles\.yml: roles\[5\]\.qualifier\.zh: art-3 does not say '参与决策的班子其它成员' \(line \d+\)$"),
    "items-out-of-order": (
        "documents/shgcw-2018-46.yml", "    - number: 2\n", "    - number: 3\n",
        r"^data/documents/shgcw-2018-46\.yml: rules\.articles\[3\]\.items: items must be numbered"),
    "malformed-yaml": (
        "glossary.yml", "terms:\n", "terms: [\n",
        r"^data/glossary\.yml: malformed YAML: .* \(line \d+\)$"),
    "impossible-date": (
        "roster.yml", "as_of: 2018-11-08", "as_of: 2018-02-30",
        r"^data/roster\.yml: as_of: .*date.* \(line 7\)$"),
    "erratum-not-in-record": (
        "errata.yml", 'original: "党委 网络"', 'original: "党委  网络"',
        r"^data/errata\.yml: errata\[0\]\.original: not found in the record \(line \d+\)$"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_data_file_is_reported_in_one_line_naming_file_and_path(case, tmp_path):
    relative, old, new, expected = BROKEN[case]
    message = load_error_after_change(tmp_path, relative, old, new)
    assert re.search(expected, message), message


def test_an_edited_data_file_is_loaded_again(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    first = load_handbook(data)
    assert load_handbook(data) is first  # once per build, not once per page
    roster = data / "roster.yml"
    roster.write_text(roster.read_text(encoding="utf-8").replace("as_of: 2018-11-08", "as_of: 2019-01-02"),
                      encoding="utf-8")
    assert load_handbook(data).roster.as_of.isoformat() == "2019-01-02"


CONSEQUENCES = {"造成严重后果": "serious consequences", "产生恶劣影响": "pernicious impact", "造成严重影响": "serious impact"}


def test_a_short_title_keeps_the_consequence_its_clause_requires(handbook):
    """Article 8's items pursue responsibility only where the failure has a consequence (造成严重
    后果的, 产生恶劣影响的): a short title read alone, as a heading, in search or on a checklist's
    "see also", must not describe a lower threshold. Where the whole circumstance ends with its
    consequence (one limb), the title names it, in both languages."""
    checked = 0
    for anchor, clause in handbook.documents[handbook.main_document].clauses():
        text = clause.text["zh"]
        for zh, en in CONSEQUENCES.items():
            if text.rstrip("；。").endswith(zh + "的") and "的，或者" not in text:
                assert zh in clause.title["zh"] and en in clause.title["en"], (anchor, clause.title["zh"])
                checked += 1
    assert checked == 6  # Article 8, items 1, 4, 5, 6, 7 and 8
