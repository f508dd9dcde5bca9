"""Terminology: the glossary is the term base of every data file and page; the English contains
no Chinese; the glossary explains its renderings."""

from __future__ import annotations

import re

import pytest

from macros.models.common import Text
from macros.models.glossary import Term
from macros.terminology import check_terminology, missing_terms, page_problems, text_nodes
from support import CJK, ROOT, build, content, copy_project, load_error_after_change, page_path, root_link, soup


def all_text_nodes(handbook) -> list[tuple[str, tuple, Text]]:
    return [(name, location, node) for name in handbook.sources
            for location, node in text_nodes(handbook.model(name))]


def test_every_data_file_uses_the_glossary_terms(handbook):
    problems = [handbook.sources[name].error(location, problem)
                for name, location, problem in check_terminology(handbook)]
    assert not problems, "\n".join(map(str, problems))


def test_the_term_check_reads_every_data_file_and_the_glossary_notes(handbook):
    with_text = {name for name, _, _ in all_text_nodes(handbook)}
    assert {"glossary", "roles", "roster", "duties", "calendar_settings", "onboarding", "interface",
            "aliases", "document:shgcw-2018-46"} <= with_text


def test_a_wrong_term_in_any_data_file_stops_the_build_naming_the_node(tmp_path):
    message = load_error_after_change(
        tmp_path, "duties.yml", "en: Run the Cybersecurity Week activities well.",
        "en: Run the Network Security Publicity Week activities well.")
    assert message.startswith("data/duties.yml: duties[")
    assert ".text.en: does not use the glossary's English for 网络安全宣传周 ('Cybersecurity Week'" in message


def test_a_wrong_term_in_a_glossary_note_is_caught_too(tmp_path):
    message = load_error_after_change(tmp_path, "glossary.yml",
                                      "en: The state and trends of public opinion in society.",
                                      "en: The state and trends of public sentiment.")
    assert message.startswith("data/glossary.yml: terms[") and "舆论" in message


def test_a_term_inside_a_longer_term_is_left_to_the_longer_one():
    short = Term(id="cybersecurity", zh="网络安全", en="cybersecurity")
    office = Term(id="office", zh="网络安全和信息化领导小组办公室", en="Office of the Cyberspace Affairs Leading Group")
    text = "并报上级网络安全和信息化领导小组办公室"
    assert missing_terms(text, "and also to the higher-level Office of the Cyberspace Affairs Leading Group", [short, office]) == []
    assert missing_terms(text + "，加强网络安全教育", "… Office of the Cyberspace Affairs Leading Group; network security", [short, office]) == [short]


def test_a_form_with_a_gap_matches_words_in_between():
    talk = Term(id="talk", zh="约谈", en="summoned for a talk", en_forms=["summon … for a talk"])
    assert not missing_terms("约谈", "summon the person in charge for a talk", [talk])
    assert missing_terms("约谈", "call the person in charge in", [talk]) == [talk]


def test_a_declared_exception_must_name_a_term_and_still_be_needed(tmp_path):
    stale = ("exceptions:\n  - term: ideology\n    file: roles.yml\n    path: roles[1].name\n"
             "    reason:\n      zh: 测试\n      en: test\n")
    glossary = (ROOT / "data" / "glossary.yml").read_text(encoding="utf-8")
    assert "\nexceptions:" not in glossary
    message = load_error_after_change(tmp_path, "glossary.yml", "terms:\n", stale + "terms:\n")
    assert message.startswith("data/glossary.yml: exceptions[0]: no longer needed: roles.yml: roles[1].name")


def test_a_declared_exception_excuses_its_node_only(tmp_path):
    import shutil

    from macros.handbook import load_handbook

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    roles = data / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace(
        "en: Party leading cadres\n", "en: Party leading officials\n", 1), encoding="utf-8")
    glossary = data / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("terms:\n", (
        "exceptions:\n  - term: leading-cadre\n    file: roles.yml\n    path: roles[13].name\n"
        "    reason:\n      zh: 测试\n      en: test\n") + "terms:\n", 1), encoding="utf-8")
    load_handbook(data)  # loads: the exception covers the one node


def test_every_docs_page_uses_the_glossary_terms(handbook):
    assert len(list((ROOT / "docs" / "zh").rglob("*.md"))) >= 9
    problems = list(page_problems(ROOT, handbook.glossary.terms))
    assert not problems, "\n".join(problems)


@pytest.mark.build  # runs `mkdocs build`, which stops at the page check
def test_a_wrong_term_on_a_page_stops_the_build_naming_the_page(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "index.md"
    text = page.read_text(encoding="utf-8")
    assert "Online Ideological Work" in text
    page.write_text(text.replace("Online Ideological Work", "Network Ideological Work"), encoding="utf-8")
    finished = build(project, tmp_path / "site")
    output = finished.stdout + finished.stderr
    assert finished.returncode != 0 and "Traceback" not in output
    assert ("docs/en/index.md: does not use the glossary's English for 网络意识形态工作 "
            "('online ideological work'") in output, output[-2000:]
    assert not (tmp_path / "site").exists()


def test_the_english_text_contains_no_chinese(handbook):
    chinese = [f"{name}: {location}" for name, location, node in all_text_nodes(handbook) if re.search(CJK, node.en)]
    assert not chinese, chinese


def test_the_glossary_covers_the_terms_that_varied(handbook):
    terms = {term.zh for term in handbook.glossary.terms}
    assert {"意识形态", "一岗双责", "网评员", "主体责任", "第一责任人", "网络安全", "阵地", "约谈", "部署",
            "综合指导", "考核", "实施办法", "舆论斗争", "互联网规律", "严肃查处", "专题研究"} <= terms


def test_renderings_that_are_a_choice_carry_a_translation_note(handbook):
    terms = {term.zh: term for term in handbook.glossary.terms}
    for zh in ("正能量", "管得住是硬道理", "网络大V", "第一责任人", "网络安全", "阵地", "实施办法"):
        assert terms[zh].translation_note, zh
    assert terms["第一责任人"].en == "first person responsible"
    assert "first person responsible" in terms["第一责任人"].translation_note.en


def test_the_four_levels_of_responsibility_are_explained_with_a_link_to_article_3(site, handbook):
    levels = ("主体责任", "第一责任人", "主要领导责任", "重要领导责任")
    terms = {term.zh: term for term in handbook.glossary.terms}
    for language, article in (("zh", "第三条"), ("en", "Art. 3")):
        page = content(soup(page_path(site, language, "glossary/")))
        for zh in levels:
            row = page.select_one(f"tr#term-{terms[zh].id}")
            link = row.select_one(f'a[href="{root_link(language)}regulation/#art-3"]')
            assert link is not None and link.get_text() == article, (language, zh)
            assert terms[zh].note[language] in row.get_text()
        notes = page.select(".hb-translation-note")
        assert len(notes) == sum(1 for t in handbook.glossary.terms if t.translation_note)
        label = handbook.label("translation-note", language)
        assert all(note.get_text().startswith(label) for note in notes)


def test_the_reader_glossary_does_not_explain_search_matching(handbook):
    for term in handbook.glossary.terms:
        for note in (term.note, term.translation_note):
            if note:
                assert not re.search(r"match|匹配", note.en + note.zh), term.id
