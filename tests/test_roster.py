"""The roster: every name of the source's attachment under its position, in the source's order,
with pinyin on the English page, the succession rule and the as-of date."""

from __future__ import annotations

import re

import pytest
from pypinyin import Style, lazy_pinyin

from macros.names import SURNAME_READINGS, romanize
from support import content, page_path, soup

RECORD_START, RECORD_END = "组 长：", "办公室成员由"


def names_in_record(record: str) -> dict[str, list[str]]:
    """Position title (Chinese, unpadded) -> names, read from the record's attachment itself.

    The record pads two-character names to three columns ("王 陈"): two one-character tokens in a
    row are one name."""
    block = record[record.index(RECORD_START):record.index(RECORD_END)]
    positions: dict[str, list[str]] = {}
    title = None
    for line in filter(None, (line.strip() for line in block.splitlines())):
        if "：" in line:
            title, line = line.split("：", 1)
            title = title.replace(" ", "").removeprefix("办公室")
            positions[title] = []
        tokens, names = line.split(), []
        while tokens:
            token = tokens.pop(0)
            if len(token) == 1 and tokens and len(tokens[0]) == 1:
                token += tokens.pop(0)
            names.append(token)
        positions[title] += names
    return positions


@pytest.fixture(scope="module")
def source_positions(handbook):
    return names_in_record(handbook.record_text(handbook.main_document))


def test_the_record_reader_joins_padded_names():
    assert names_in_record("组 长：李 江\n\n成 员：王 陈 朱洪春 朱 蓓\n\n办公室成员由")["成员"] == ["王陈", "朱洪春", "朱蓓"]


def test_every_name_of_the_source_is_under_its_position_in_the_data(handbook, source_positions):
    data = {p.title.zh: p.holders for p in handbook.roster.positions()}
    assert data == source_positions


def test_the_roster_counts_are_those_of_the_source(handbook):
    counts = {p.id: len(p.holders) for p in handbook.roster.positions()}
    assert counts == {"head": 1, "deputy-head": 6, "member": 20,
                      "office-director": 1, "office-deputy-director": 1, "office-staff": 23}


def _listed(site, language):
    page = soup(page_path(site, language, "roster/"))
    return {ul["data-position"]: [li.get_text(" ", strip=True) for li in ul.select("li")]
            for ul in page.select("ul.hb-roster-names")}


def test_the_roster_page_lists_every_name_under_its_position_in_order(site, handbook, source_positions):
    listed = _listed(site, "zh")
    for position in handbook.roster.positions():
        assert listed[position.id] == source_positions[position.title.zh], position.id
    assert "王陈" in listed["member"] and listed["office-director"] == ["王陈"]


def test_the_english_roster_gives_every_name_in_pinyin_with_the_chinese_beside_it(site, handbook):
    listed = _listed(site, "en")
    overrides = handbook.roster.romanization_overrides
    for position in handbook.roster.positions():
        for name, shown in zip(position.holders, listed[position.id], strict=True):
            assert shown.endswith(name)
            romanized = shown.removesuffix(name).strip()
            assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+(?:'[a-z]+)*", romanized), shown
            if name not in overrides:
                syllables = lazy_pinyin(name, style=Style.NORMAL)
                if name[0] in SURNAME_READINGS:  # a surname read otherwise than the word
                    syllables[0] = SURNAME_READINGS[name[0]]
                assert romanized.lower().replace(" ", "").replace("'", "") == "".join(syllables)
    # the page says whose spelling it is: the handbook's, not the persons' own
    note = content(soup(page_path(site, "en", "roster/"))).select_one(".hb-roster-romanised")
    assert note.get_text() == handbook.label("roster-romanised", "en")
    assert content(soup(page_path(site, "zh", "roster/"))).select_one(".hb-roster-romanised") is None  # no pinyin there


@pytest.mark.parametrize("name, expected", [("曾伟", "Zeng Wei"), ("单明", "Shan Ming"), ("仇强", "Qiu Qiang"),
                                            ("解芳", "Xie Fang"), ("翟敏", "Zhai Min"), ("长孙无忌", "Zhangsun Wuji"),
                                            ("李江", "Li Jiang"), ("曾", "Zeng"), ("尉迟敬德", "Yuchi Jingde"),
                                            ("都明", "Du Ming"), ("王嘉恩", "Wang Jia'en"), ("李西安", "Li Xi'an")])
def test_a_surname_is_read_as_a_surname(name, expected):
    """pypinyin reads words: 曾 ceng, 单 dan. A holder added later is romanised by the surname's
    reading (in-process, no build)."""
    assert romanize(name, {}) == expected


def test_a_surname_with_two_readings_in_use_asks_for_the_holder_s_romanisation(handbook):
    """乐 is Yue or Le: the build names the holder and asks for the override; with it, no problem."""
    import dataclasses

    from macros.reference_pass import check_roster

    roster = handbook.roster
    head = next(p for p in roster.positions() if p.id == "head")
    added = head.model_copy(update={"holders": [*head.holders, "乐平"]})
    groups = [g.model_copy(update={"positions": [added if p.id == "head" else p for p in g.positions]})
              for g in roster.groups]
    changed = dataclasses.replace(handbook, roster=roster.model_copy(update={"groups": groups}))
    problems = [message for _, _, message in check_roster(changed)]
    assert problems == ["the surname of '乐平' is read Yue or Le: give its romanisation here"]
    overridden = changed.roster.model_copy(update={"romanization_overrides": {
        **roster.romanization_overrides, "乐平": "Yue Ping"}})
    assert list(check_roster(dataclasses.replace(changed, roster=overridden))) == []


def test_a_surname_pypinyin_misreads_is_overridden(site, handbook):
    assert lazy_pinyin("缪")[0] != "miao"  # why the override exists (pypinyin reads it mou)
    member = _listed(site, "en")["member"]
    assert "Miao Xingwai 缪行外" in member
    assert not any(name.startswith("Mou ") for name in member)


@pytest.mark.parametrize("language, date", [("zh", "2018年11月8日"), ("en", "8 November 2018")])
def test_the_roster_shows_the_succession_rule_and_its_as_of_date(site, handbook, language, date):
    page = content(soup(page_path(site, language, "roster/")))
    succession = next(note for note in handbook.roster.notes if note.id == "succession")
    assert page.find(id="succession").get_text(strip=True) == succession.text[language]
    assert succession.text.zh == "以上人员如有变动，由其岗位接任者自然替补。"
    as_of = page.select_one(".hb-roster-as-of time")
    assert as_of["datetime"] == handbook.roster.as_of.isoformat() and as_of.get_text() == date


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_body_s_checklist_and_its_group_on_the_roster_link_each_other(site, handbook, language):
    roster = content(soup(page_path(site, language, "roster/")))
    linked = []
    for group in handbook.roster.groups:
        if group.role is None:
            continue
        link = roster.find(id=group.id).find_next_sibling("p").select_one("a")
        assert link["href"].endswith(f"checklists/{group.role}/") and link.get_text() == handbook.role(group.role).name[language]
        checklist = content(soup(page_path(site, language, f"checklists/{group.role}/")))
        back = checklist.select_one(".hb-role-roster a")
        assert back["href"].endswith(f"roster/#{group.id}") and back.get_text() == group.name[language]
        linked.append(group.role)
    assert linked == ["leading-group", "leading-group-office"]
    # a role no group lists has no such line
    assert content(soup(page_path(site, language, "checklists/member-units/"))).select_one(".hb-role-roster") is None
