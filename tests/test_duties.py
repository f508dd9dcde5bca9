"""Duties data: every obligation of the Rules is a duty of known roles with one accountable role,
cited by anchor and in the text's own words; Article 8's nine cases; coverage of the text."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest

from macros.duties import coverage_gaps, obligations, role_cases, role_duties
from macros.errors import HandbookDataError
from macros.handbook import load_handbook
from macros.models.duties import SCHEDULABLE, Part
from support import ROOT, load_error_after_change

DOCUMENT = "shgcw-2018-46"
ARTICLE_3_WORDS = {Part.primary_responsibility: "主体责任", Part.first_responsibility: "第一责任人",
                   Part.main_leadership_responsibility: "主要领导责任",
                   Part.important_leadership_responsibility: "重要领导责任"}


def test_every_duty_cites_an_existing_article_or_item_in_its_own_words(handbook):
    document = handbook.documents[DOCUMENT]
    anchors = set(document.anchors())
    for duty in handbook.duties.duties:
        assert duty.source in anchors, duty.id
        number = int(duty.source.split("-")[1])
        article = document.article(number)
        text = article.text.zh if duty.source == article.anchor else article.items[int(duty.source.split("-")[2]) - 1].text.zh
        assert duty.quote in text, duty.id


# The duties whose Chinese is not made only of the clause's own phrases, and the phrases that
# are theirs: each says again a subject or object the clause's sentence leaves to the one before,
# or (interpret-the-rules, office-reports-major-matters) turns the clause round to its actor.
RESTATED_PHRASES = {
    "central-group-and-life-meetings": ["把网络意识形态工作列为党委中心组学习的重要内容"],
    "review-new-media-annually": ["校内各类官方新媒体必须接受由党委宣传部组织的年度检查审核"],
    "act-on-new-media-problems": ["校内各类官方新媒体存在问题的"],
    "office-reports-major-matters": ["按重大事项报告制度报告重大事项"],
    "interpret-the-rules": ["负责解释本细则"],
}


def test_every_duty_is_said_in_the_phrases_of_its_clause(handbook):
    """A duty's Chinese, cut at its punctuation, is phrases of its clause (its article's text
    included): no word changed, added or dropped inside a phrase ("其他" for the text's "其它",
    "和" for its "、", a dropped "要" or "工作"), but for the restatements listed above."""
    document = handbook.documents[DOCUMENT]
    restated = {}
    for duty in handbook.duties.duties:
        number, *item = map(int, duty.source.split("-")[1:])
        article = document.article(number)
        clause = article.text.zh + (article.items[item[0] - 1].text.zh if item else "")
        phrases = [phrase for phrase in re.split(r"[，。；、：“”（）《》]", duty.text.zh) if phrase]
        if outside := [phrase for phrase in phrases if phrase not in clause]:
            restated[duty.id] = outside
    assert restated == RESTATED_PHRASES


# Phrases of a clause with duties that its duties do not repeat word for word: what the duties
# say instead ('' where nothing: not a duty), and why.
PHRASES_SAID_OTHERWISE = {
    "art-6": {"校网络信息安全领导小组办公室作为网络意识形态工作管理部门":
              ("", "the Office's standing, not a duty: its role description says it")},
    "art-7": {"校网络信息安全领导小组成员单位应当承担本单位网络意识形态工作责任":
              ("承担本单位网络意识形态工作责任", "who acts is named in full (校网络信息安全 before the role's name)")},
    "art-9": {"学校网络安全和信息化领导小组办公室可以提出问责建议":
              ("可以提出问责建议", "who acts is named another way, which the duty's inference reads")},
    "art-11": {"本细则由学校网络信息安全领导小组办公室负责解释": ("负责解释本细则", "the duty says it actively")},
}
# Words that may come between the name of who acts and what a duty, an imperative, keeps
LINKING_WORDS = ("应当", "可以", "必须", "要", "作为")


def test_every_phrase_of_a_clause_with_duties_is_said_by_its_duties(handbook):
    """The converse of the test above: a duty that stops short of its clause says less than the
    Rules (a coordinating duty without 形成…工作格局, drills without 提升应对处理能力). Every
    phrase of a clause that has duties or cases, cut at its punctuation, is in their texts, but
    for: a role's name opening the phrase (学校 or 并 before it, 应当, 可以 … after it), since a
    duty is an imperative, the rest being there whole; a 并 that joins it to the phrase before;
    the 的 that ends an Article 8 circumstance; an article's lead-in to its items; and
    PHRASES_SAID_OTHERWISE, each with its reason."""
    document = handbook.documents[DOCUMENT]
    said: dict[str, str] = {}
    for entry in [*handbook.duties.duties, *handbook.duties.accountability.cases]:
        said[entry.source] = said.get(entry.source, "") + entry.text.zh
    names = sorted({role.name.zh for role in handbook.roles.roles}
                   | {name for role in handbook.roles.roles for name in role.also_named}, key=len, reverse=True)

    def without_who_acts(phrase: str) -> str | None:
        """The phrase after the role's name that opens it, or None where none opens it."""
        phrase = phrase.removeprefix("并")
        for name in names:
            for opening in (name, "学" + name):  # 学校党委 is the University Party Committee (校党委)
                if phrase.startswith(opening):
                    rest = phrase[len(opening):]
                    for word in LINKING_WORDS:
                        rest = rest.removeprefix(word)
                    return rest
        return None

    unsaid = {}
    for anchor, clause in document.clauses():
        if anchor not in said:
            continue
        phrases = [p.strip() for p in re.split(r"[，。；：]", clause.text.zh) if p.strip()]
        if getattr(clause, "items", None):
            phrases = phrases[:-1]  # the lead-in to the items (…主要是：)
        text = said[anchor]
        missing = [p for p in phrases
                   if p not in text and p.removeprefix("并") not in text
                   and not (anchor.startswith("art-8-") and p.removesuffix("的") in text)
                   and not ((rest := without_who_acts(p)) and rest in text)
                   and not (p in PHRASES_SAID_OTHERWISE.get(anchor, {})
                            and PHRASES_SAID_OTHERWISE[anchor][p][0] in text)]
        if missing:
            unsaid[anchor] = missing
    assert unsaid == {}
    used = {(anchor, phrase) for anchor, phrases in PHRASES_SAID_OTHERWISE.items() for phrase in phrases}
    clauses = dict(document.clauses())
    assert all(phrase in clauses[anchor].text.zh for anchor, phrase in used)  # no stale exception


def test_every_duty_has_known_roles_and_exactly_one_accountable_role(handbook):
    roles = {role.id for role in handbook.roles.roles}
    for duty in handbook.duties.duties:
        assert set(duty.roles) <= roles, duty.id
        assert len(duty.accountable_roles()) == 1, duty.id


def test_article_9_names_no_one_who_carries_out_accountability(handbook):
    """Accountability follows the authority for cadre management (Article 9 names no one): the
    University Party Committee answers for the two duties, as their notes say, and does not
    carry them out, so no checklist says "Carried out by: University Party Committee"."""
    art_9 = [duty for duty in handbook.duties.duties if duty.source == "art-9" and "可以" not in duty.text["zh"]]
    assert [duty.id for duty in art_9] == ["pursue-responsibility-on-facts", "enforce-accountability-by-authority"]
    for duty in art_9:
        assert duty.parts("party-committee") == [Part.accountable], duty.id
        assert not any(Part.carries_out in duty.parts(role) for role in duty.roles), duty.id
        assert "只因每项职责须有一个负责方" in duty.inference.zh


def test_every_numbered_item_and_every_obligation_is_covered(handbook):
    assert coverage_gaps(handbook, DOCUMENT) == []
    assert len(obligations(handbook.documents[DOCUMENT].article(3).text.zh)) == 5


def test_the_coverage_check_lists_what_is_missing(handbook):
    duties = handbook.duties.duties
    art_6_reports = {"office-reporting-systems", "office-reports-major-matters", "office-quarterly-report"}
    without = [d for d in duties if d.source != "art-4-3" and d.id not in art_6_reports]
    broken = dataclasses.replace(handbook, duties=handbook.duties.model_copy(update={"duties": without}))
    gaps = coverage_gaps(broken, DOCUMENT)
    assert gaps[0] == "art-4-3: no duty or accountability case cites it"
    assert len(gaps) == 2 and gaps[1].startswith("art-6: no duty quotes from '建立网上重要情况通报制度")


def test_article_8_has_nine_cases_each_on_its_own_item(handbook):
    cases = handbook.duties.accountability.cases
    assert [case.source for case in cases] == [f"art-8-{n}" for n in range(1, 10)]
    for case in cases:
        assert {"party-organisation", "party-leading-cadres"} <= set(case.roles)


def test_each_article_8_case_is_worded_by_its_item_in_both_languages(handbook):
    """A case says what its item says, no more and no less, in the reference translation's words
    (not a second English rendering): the item's text, its closing ；/; made a full stop."""
    items = dict(handbook.documents[DOCUMENT].clauses())
    for case in handbook.duties.accountability.cases:
        item = items[case.source].text
        assert case.text.zh == (item.zh[:-1] + "。" if item.zh.endswith("；") else item.zh), case.id
        assert case.text.en == (item.en[:-1] + "." if item.en.endswith(";") else item.en), case.id
    wordings = [case.text for case in handbook.duties.accountability.cases]
    assert wordings[1].zh.startswith("处理应对本单位、本部门网络意识形态领域重大问题") and wordings[1].zh.endswith("产生恶劣影响的。")
    assert "within their jurisdiction" in wordings[2].en and not any("your" in text.en for text in wordings)


def test_the_levels_of_article_3_are_the_texts_own_words(handbook):
    article_3 = handbook.documents[DOCUMENT].article(3).text.zh
    for part, words in ARTICLE_3_WORDS.items():
        assert handbook.label(f"part-{part.value}", "zh") == words
        assert words in article_3
    holders = {part: {role for d in handbook.duties.duties for role in d.roles if part in d.parts(role)}
               for part in ARTICLE_3_WORDS}
    assert holders == {Part.primary_responsibility: {"leadership-team"},
                       Part.first_responsibility: {"principal-leader"},
                       Part.main_leadership_responsibility: {"member-in-charge"},
                       Part.important_leadership_responsibility: {"other-team-members"}}


def test_every_duty_with_a_schedulable_frequency_is_on_the_calendar(handbook):
    for duty in handbook.duties.duties:
        if duty.frequency in SCHEDULABLE:
            assert duty.calendar, f"{duty.id} recurs {duty.frequency.value} but has no calendar block"
    calendar_ids = [duty.calendar.id for duty in handbook.duties.duties if duty.calendar]
    assert len(calendar_ids) == len(set(calendar_ids)) == 15


def test_every_role_has_duties_and_the_unit_leaders_answer_for_article_8(handbook):
    for role in handbook.roles.roles:
        assert role_duties(handbook, role.id), role.id
    for role_id in ("principal-leader", "member-in-charge", "other-team-members"):
        assert len(role_cases(handbook, role_id)) == 9


# The work Article 6 gives the Office (具体统筹协调组织网络宣传管理和舆论引导工作), in its words
ARTICLE_6_WORDS = ("网络宣传", "舆论引导")


def test_the_office_takes_part_in_exactly_the_article_5_items_that_name_article_6_s_work(handbook):
    """Article 5 lists the Leading Group's duties; the handbook infers that its Office also
    carries out an item only where the item names the work Article 6 gives the Office, and says
    so in the item's inference. One test, applied to every item of Article 5."""
    document = handbook.documents[handbook.main_document]
    assert all(word in document.article(6).text["zh"] for word in ARTICLE_6_WORDS)
    article_5 = document.article(5)
    naming = {article_5.item_anchor(item) for item in article_5.items
              if any(word in item.text["zh"] for word in ARTICLE_6_WORDS)}
    with_office = {duty.source for duty in handbook.duties.duties
                   if duty.source.startswith("art-5") and "leading-group-office" in duty.roles}
    assert with_office == naming == {"art-5-2"}
    with_office = {duty.id for duty in handbook.duties.duties
                   if duty.source in naming and "leading-group-office" in duty.roles}
    for duty_id in with_office:
        inference = handbook.duty(duty_id).inference["zh"]
        assert "第六条" in inference and all(word in inference for word in ARTICLE_6_WORDS)


MAJOR_THEMES_OFFICE_INFERENCE = '    inference:\n      zh: 第五条列的是领导小组的职责；此项写的“网络宣传和舆论引导工作”，与第六条由校网络信息安全领导小组办公室具体统筹协调组织的“网络宣传管理和舆论引导工作”相应，办公室因此也承担办理此项，是本手册的推定。第五条其他各项未写“网络宣传”“舆论引导”字样，本手册对其不作此推定。\n      en: "Article 5 lists the duties of the Leading Group; this item\'s \'online publicity and guidance of public opinion\' corresponds to the \'management of online publicity and the guidance of public opinion\' that, under Article 6, the Office of the University Network Information Security Leading Group specifically coordinates and organises; that the Office therefore also carries this item out is the handbook\'s inference. The other items of Article 5 do not contain the words rendered here as \'online publicity\' or \'guidance of public opinion\', and the handbook makes no such inference for them."\n    inferred_for: [leading-group-office]\n'
# A role subject to a duty (here: inspected) where the clause names no such role
INSPECTION_INFERENCE = "    inference:\n      zh: 第六条未写明督查对象；各级党组织是接受督查的一方，是本手册的推定。\n      en: Article 6 does not name who is inspected; that Party organisations at all levels are those inspected is the handbook's inference.\n    inferred_for: [party-organisation]\n"

# A role subject to a duty where the clause names it by a wider word (干部)
ASSESSMENT_USE_INFERENCE = "    inference:\n      zh: 第十条写的是“干部”；党的领导干部作为干部，其评价使用和奖惩以检查考核结果为重要依据，是本手册的推定。\n      en: Article 10 speaks of cadres; that Party leading cadres, as cadres, are among those whose evaluation, appointment, rewarding and punishment take the results of inspection and appraisal as an important basis is the handbook's inference.\n    inferred_for: [party-leading-cadres]\n"

# Each broken case: (text to replace in data/duties.yml, replacement, expected one-line message).
BROKEN = {
    "unknown-anchor": (
        "    source: art-4-1\n", "    source: art-4-8\n",
        r"^data/duties\.yml: duties\[6\]\.source: unknown article or item 'art-4-8' \(line \d+\)$"),
    "quote-not-in-text": (
        "    quote: 每年两次重点研究网络意识形态工作\n", "    quote: 每年三次重点研究网络意识形态工作\n",
        r"^data/duties\.yml: duties\[\d+\]\.quote: duty '[a-z0-9-]+': not found in the current text of art-4-2 \(version of 2018-11-08\) \(line \d+\)$"),
    "unknown-role": (
        "roles: {party-committee: accountable, party-organisation: carries-out}",
        "roles: {party-committee: accountable, party-organisaton: carries-out}",
        r"^data/duties\.yml: duties\[0\]\.roles\.party-organisaton: unknown role 'party-organisaton' \(line \d+\)$"),
    "two-accountable": (
        "roles: {party-committee: accountable, party-organisation: carries-out}",
        "roles: {party-committee: accountable, party-organisation: accountable}",
        r"^data/duties\.yml: duties\[0\]\.roles: needs exactly one accountable role .*found party-committee, party-organisation \(line \d+\)$"),
    "no-accountable": (
        "roles: {party-committee: accountable, party-organisation: carries-out}",
        "roles: {party-committee: informed, party-organisation: carries-out}",
        r"^data/duties\.yml: duties\[0\]\.roles: needs exactly one accountable role .*found none \(line \d+\)$"),
    "unknown-part": (
        "roles: {party-committee: accountable, party-organisation: carries-out}",
        "roles: {party-committee: accountable, party-organisation: does}",
        r"^data/duties\.yml: duties\[0\]\.roles\.party-organisation.*\(line \d+\)$"),
    "recurring-without-frequency": (
        "    kind: recurring\n    frequency: quarterly\n", "    kind: recurring\n",
        r"^data/duties\.yml: duties\[\d+\]: a recurring duty needs a frequency"),
    "calendar-not-an-id": (
        "      id: office-quarterly-report\n", "      id: Office Quarterly Report\n",
        r"^data/duties\.yml: duties\[\d+\]\.calendar\.id: 'Office Quarterly Report' is not a valid id"),
    "case-outside-article-8": (
        "      source: art-8-9\n", "      source: art-4-1\n",
        r"^data/duties\.yml: accountability\.cases\[8\]\.source: 'art-4-1' is not an item of art-8 \(line \d+\)$"),
    "case-unknown-role": (
        "roles: &held-responsible [party-committee,", "roles: &held-responsible [party-comittee,",
        r"^data/duties\.yml: accountability\.cases\[0\]\.roles\[0\]: unknown role 'party-comittee' \(line \d+\)$"),
    "item-not-covered": (
        "    source: art-5-1\n    quote: 组织开展马克思主义中国化最新成果、社会主义核心价值观网络传播\n",
        "    source: art-5-2\n    quote: 开展分众化传播\n",
        r"^data/duties\.yml: duties: not covered: art-5-1: no duty or accountability case cites it"),
    "unknown-key": (
        "    quote: 实施责任追究，应当实事求是\n", "    quote: 应当实事求是\n    source_note: x\n",
        r"^data/duties\.yml: duties\[\d+\]\.source_note: unknown key"),
    "occasional-duty-on-the-calendar-without-trigger": (
        "    frequency: occasionally\n", "    frequency: occasionally\n    calendar: {id: opinion-leaders, title: {zh: 统战, en: United front}}\n",
        r"^data/duties\.yml: duties\[\d+\]: an occasional duty on the calendar needs a trigger"),
    "calendar-duty-nobody-carries-out": (
        "    roles: {party-committee: [carries-out, accountable], party-organisation: [subject, informed]}\n",
        "    roles: {party-committee: accountable, party-organisation: [subject, informed]}\n",
        r"^data/duties\.yml: duties\[\d+\]\.calendar: a duty on the calendar needs a role that carries it out"),
    "a-deadline-the-text-does-not-set": (
        "      en: Report major matters as the system for reporting major matters requires.\n",
        "      en: Report major matters without delay, as the system for reporting major matters requires.\n",
        r"^data/duties\.yml: duties\[\d+\]\.text: en says 'without delay', which the cited text does not \(art-6\)"),
    "a-condition-the-text-does-not-set": (
        "        zh: 校内官方新媒体尚未登记备案时\n", "        zh: 开设校内官方新媒体时（开通前登记备案）\n",
        r"^data/duties\.yml: duties\[\d+\]\.calendar\.trigger: zh says '开通前', which the cited text does not \(art-4-4\)"),
    "frequency-the-quote-does-not-say": (
        "    frequency: twice-yearly\n", "    frequency: half-yearly\n",
        r"^data/duties\.yml: duties\[\d+\]\.frequency: half-yearly is not what the quote says: it needs the "
        r"Rules' words for it \(每半年\) in the quote"),
    "regularly-is-not-occasionally": (
        "    frequency: occasionally\n", "    frequency: regularly\n",
        r"^data/duties\.yml: duties\[\d+\]\.frequency: regularly is not what the quote says"),
    "article-8-inference-removed": (
        "。将校党委、各级党组织作为党组织", "。将其作为党组织",
        r"^data/duties\.yml: accountability\.cases\[0\]\.roles\[0\]: art-8 does not name '校党委': "
        r"say in accountability\.inference where the handbook takes it from \(naming it\)"),
    "inference-removed": (
        MAJOR_THEMES_OFFICE_INFERENCE, "",
        r"^data/duties\.yml: duties\[\d+\]\.roles\.leading-group-office: art-5-2 does not name '校网络信息安全领导小组办公室' as doing this: "
        r"say in `inference` where the handbook takes it from"),
    "consulted-inference-removed": (
        "此项未写明领导小组成员单位；成员单位参与其中，是本手册据第七条（成员单位“加强本单位本系统网络评论队伍建设”）推定的。",
        "此项据第七条推定。",
        r"^data/duties\.yml: duties\[\d+\]\.roles\.member-units: art-5-5 does not name '领导小组成员单位' as taking "
        r"part in this: say in `inference` where the handbook takes it from"),
    "subject-inference-removed": (
        INSPECTION_INFERENCE, "",
        r"^data/duties\.yml: duties\[\d+\]\.roles\.party-organisation: art-6 does not name '各级党组织' as subject "
        r"to this: say in `inference` where the handbook takes it from"),
    "informed-role-the-clause-does-not-name": (
        "    roles: {party-committee: [carries-out, accountable], party-organisation: [subject, informed]}\n",
        "    roles: {party-committee: [carries-out, accountable], party-organisation: [subject, informed], member-units: informed}\n",
        r"^data/duties\.yml: duties\[\d+\]\.roles\.member-units: art-10 does not name '领导小组成员单位' as "
        r"receiving this: say in `inference` where the handbook takes it from"),
    # An inference accounts for the roles it names, not for every role of its duty
    "inference-does-not-name-the-role": (
        "由官方新媒体负责人办理、所在单位党组织督促", "由其负责人办理、所在单位党组织督促",
        r"^data/duties\.yml: duties\[\d+\]\.roles\.new-media-operators: art-4-4 does not name '官方新媒体负责人' as "
        r"doing this: say in `inference` where the handbook takes it from \(naming it\)"),
    "inference-not-listed-for-the-role-it-is-about": (
        "    inferred_for: [new-media-operators, publicity-department, party-organisation]\n",
        "    inferred_for: [publicity-department, party-organisation]\n",
        r"^data/duties\.yml: duties\[\d+\]\.inferred_for: art-4-4 does not name '官方新媒体负责人' as subject to "
        r"this: the inference is about its part, so inferred_for lists 'new-media-operators' \(line \d+\)$"),
    "inferred-for-a-role-of-no-part": (
        "    inferred_for: [new-media-operators, publicity-department, party-organisation]\n",
        "    inferred_for: [new-media-operators, publicity-department, party-organisation, online-commentators]\n",
        r"^data/duties\.yml: duties\[\d+\]\.inferred_for\[3\]: 'online-commentators' takes no part in the duty \(roles\)"),
    "inferred-for-without-an-inference": (
        ASSESSMENT_USE_INFERENCE.split("    inferred_for:")[0], "",
        r"^data/duties\.yml: duties\[\d+\]: an inference names the roles it is about in inferred_for, and only an "
        r"inference has inferred_for \(line \d+\)$"),
    "inference-does-not-name-the-recipient": (
        "同级办公室即校网络信息安全领导小组办公室，这是本手册的推定", "同级办公室即其办公室，这是本手册的推定",
        r"^data/duties\.yml: duties\[\d+\]\.calendar\.recipients\[0\]: the quote does not name "
        r"'校网络信息安全领导小组办公室' as receiving this"),
    # A duty that drops words of an obligation it covers says less than the Rules
    "duty-drops-words-of-its-obligation": (
        "      zh: 加强体制机制建设，建立健全学校", "      zh: 建立健全学校",
        r"^data/obligations\.yml: obligations\[\d+\]\.duty: 'two-tier-system' does not say '加强体制机制建设' "
        r"in its Chinese text or quote \(line \d+\)$"),
    "sentence-not-quoted": (
        "    quote: 实施责任追究，应当实事求是\n", "    quote: 学校网络安全和信息化领导小组办公室可以提出问责建议\n",
        r"^data/duties\.yml: duties: not covered: art-9: no duty quotes from '实施责任追究，应当实事求是。'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_duties_file_is_reported_in_one_line(case, tmp_path):
    old, new, expected = BROKEN[case]
    message = load_error_after_change(tmp_path, "duties.yml", old, new)
    assert re.search(expected, message), message


@pytest.mark.parametrize("old, new, expected", [
    ("contact_group: office", "contact_group: offices",
     r"^data/onboarding\.yml: contact_group: unknown roster group 'offices'"),
    ("  - anchor: art-3\n", "  - anchor: art-30\n",
     r"^data/onboarding\.yml: read\[0\]\.anchor: unknown article or item 'art-30'"),
    ("  occasionally:\n", "  sometimes:\n", r"^data/onboarding\.yml: first_due\.sometimes"),
    ("first_due:\n", "first_due:\n  quarterly:\n    zh: 任职后第一个季度末\n    en: At the end of your first quarter in office\n",
     r"^data/onboarding\.yml: first_due\.quarterly: every such duty is on the calendar, whose dates the guide shows"),
    ("first_due:\n  occasionally:\n    zh: 不定期进行；细则未规定首次办理的时间（任职第一年内是本手册的建议）\n"
     "    en: Occasionally; the Rules set no time for the first (within your first year is the handbook's suggestion)\n",
     "first_due: {}\n",
     r"^data/onboarding\.yml: first_due: no entry for 'occasionally', the frequency of a duty not on the calendar"),
])
def test_a_broken_onboarding_file_is_reported_in_one_line(tmp_path, old, new, expected):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "onboarding.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text  # the fault is really made
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(data)
    assert re.search(expected, str(raised.value)), str(raised.value)


def test_the_onboarding_guide_gives_a_calendar_duty_the_calendars_own_dates(handbook):
    """One home for when a recurring duty first falls due: the calendar (finding 8 of issue 11:
    the guide's own words for it disagreed between the languages and with the calendar)."""
    from bs4 import BeautifulSoup

    from macros import duty_pages
    from macros.calendar_pages import date_span
    from macros.schedule import entry_occurrences
    from macros.text import fill_in, long_date

    for language in ("zh", "en"):
        page = BeautifulSoup(duty_pages.onboarding(handbook, language, "onboarding/"), "html.parser")
        rows = page.select("tr[data-calendar]")
        assert rows
        for row in rows:
            entry = handbook.calendar.entry(row["data-calendar"])
            # from the build date on: a newly appointed leader's next dates, not the year's past ones
            dates = [date_span(o.start, o.end, language) for o in entry_occurrences(handbook.calendar, entry)
                     if o.start >= handbook.calendar.today]
            assert dates, entry.id
            cell = row.find_all("td")[1].get_text()
            assert all(date in cell for date in dates), (entry.id, cell)
            # the cell starts with the dates (at most the year before the first, 2027年)
            assert re.fullmatch(r"(\d{4}年)?", cell[:cell.index(dates[0])]), (entry.id, cell)
        # and the day they are counted from, so that a page built long ago shows its age: said
        # once, just above the table, naming its column
        built = long_date(handbook.calendar.today, language)
        note = fill_in(handbook.label("onboarding-first-due-calendar", language),
                       column=handbook.label("onboarding-first-due", language), date=built)
        assert page.select_one("table.hb-recurring").find_previous_sibling("p").get_text() == note


def test_a_duty_that_says_more_than_its_text_says_so_where_it_is_shown(handbook):
    """Issue 11, findings 10 and 11: the Office "reports major matters" where Art. 6 only sets up a
    reporting system; nobody is named in the new-media sentence or in Art. 9's accountability."""
    from bs4 import BeautifulSoup

    from macros import duty_pages

    inferred = {"office-reports-major-matters", "act-on-new-media-problems", "enforce-accountability-by-authority",
                "pursue-responsibility-on-facts"}
    assert inferred <= {duty.id for duty in handbook.duties.duties if duty.inference}
    for language in ("zh", "en"):
        matrix = BeautifulSoup(duty_pages.duty_matrix(handbook, language, "duties/"), "html.parser")
        checklist = BeautifulSoup(duty_pages.checklist(handbook, language, "checklists/party-committee/", "",
                                                       "party-committee"), "html.parser")
        for duty in handbook.duties.duties:
            shown = matrix.find(id=f"duty-{duty.id}").select_one(".hb-inference")
            assert (shown is not None) == (duty.inference is not None), duty.id
            if duty.inference:
                assert duty.inference[language] in shown.get_text()
        for duty_id in ("enforce-accountability-by-authority", "pursue-responsibility-on-facts"):
            assert checklist.find(id=f"duty-{duty_id}").select_one(".hb-inference") is not None
        # the new leaders' guide too: every duty it lists carries its inference, as the checklist does
        guide = BeautifulSoup(duty_pages.onboarding(handbook, language, "onboarding/"), "html.parser")
        listed = guide.select("li[id^=duty-], tr[id^=recurring-]")
        assert any(handbook.duty(row["id"].split("-", 1)[1]).inference for row in listed)
        for row in listed:
            duty = handbook.duty(row["id"].split("-", 1)[1])
            shown = row.select_one(".hb-inference")
            assert (shown is not None) == (duty.inference is not None), duty.id
            if duty.inference:
                assert duty.inference[language] in shown.get_text()


def test_on_a_role_s_checklist_and_form_an_inference_about_other_roles_says_so(handbook):
    """Article 6 has the Office inspect once a year; that the Party organisations take part is the
    handbook's inference. On the Office's checklist, form, Word checklist and calendar feeds the
    inference is marked as about other roles (its own part is the Rules'); on the Party
    organisations', as about their own part. Article 7's member units report to the Office "at the
    same level": that this is the University's Office decides where they send it, so on their
    views the inference is about their own part."""
    import csv

    from bs4 import BeautifulSoup

    from macros import duty_pages, feeds, self_inspection, word_documents

    duty = handbook.duty("office-annual-inspection")
    assert duty.inferred_for == ["party-organisation"] and "leading-group-office" in duty.roles
    entry = next(entry for entry in handbook.calendar.entries if entry.duty == duty.id)
    for role_id, key in (("leading-group-office", "duty-inference-other-roles"), ("party-organisation", "duty-inference")):
        for language in ("zh", "en"):
            label = handbook.label(key, language)
            checklist = BeautifulSoup(duty_pages.checklist(handbook, language, f"checklists/{role_id}/", "", role_id),
                                      "html.parser")
            assert checklist.find(id=f"duty-{duty.id}").select_one(".hb-inference em").get_text() == label
            row = next(row for row in self_inspection.inspection_rows(handbook, role_id, language) if row.duty_id == duty.id)
            assert row.duty_lines(handbook, language)[-1].startswith(label)
            word_row = next(r for r in word_documents.checklist_rows(handbook, language, role_id)
                            if r[1][0][0] == duty.text[language])
            assert word_row[1][1][0].startswith(label)
            described = feeds.description(handbook, entry, language, "http://x/", None, role_id)
            assert label in described
            table = list(csv.reader(feeds.csv_bytes(handbook, language, "http://x/", role_id).decode("utf-8-sig").splitlines()))
            column = table[0].index(handbook.label("duty-inference", language))
            cells = {row[column] for row in table[1:] if row[table[0].index(handbook.label("calendar-id", language))] == entry.id}
            expected = (duty.inference[language] if key == "duty-inference"
                        else label + ("：" if language == "zh" else ": ") + duty.inference[language])
            assert cells == {expected}
    # the new leaders' guide: the member units (a role of the guide) report where the inference says
    report = handbook.duty("member-units-half-yearly-report")
    assert report.inferred_for == ["member-units", "leading-group-office"]
    guide = BeautifulSoup(duty_pages.onboarding(handbook, "zh", "onboarding/"), "html.parser")
    row = guide.find(id=f"recurring-{report.id}") or guide.find(id=f"duty-{report.id}")
    assert row.select_one(".hb-inference em").get_text() == handbook.label("duty-inference", "zh")
    member_units = BeautifulSoup(duty_pages.checklist(handbook, "zh", "checklists/member-units/", "", "member-units"),
                                 "html.parser")
    assert member_units.find(id=f"duty-{report.id}").select_one(".hb-inference em").get_text() == handbook.label(
        "duty-inference", "zh")
    # Article 8 names 党的领导干部: on their checklist the cases' inference is about other roles
    for role_id, key in (("party-leading-cadres", "duty-inference-other-roles"), ("party-committee", "duty-inference")):
        page = BeautifulSoup(duty_pages.checklist(handbook, "zh", f"checklists/{role_id}/", "", role_id), "html.parser")
        assert page.select_one("p.hb-inference em").get_text() == handbook.label(key, "zh"), role_id
    # everywhere not one role's (the matrix, the whole calendar), the plain label
    assert handbook.label("duty-inference-other-roles", "zh") not in duty_pages.duty_matrix(handbook, "zh", "duties/")
    assert handbook.label("duty-inference-other-roles", "zh") not in feeds.csv_bytes(handbook, "zh", "http://x/").decode("utf-8-sig")


# --- Obligation-level coverage (data/obligations.yml) -------------------------------------------

# The obligations issue 11 (finding 12) found no duty covered, with the words each duty must now say.
ONCE_MISSING = [("art-5-3", "与学生开展深入交流"), ("art-5-8", "推动网络公益事业发展"),
                ("art-5-8", "加强网民遵纪守法、网络媒介素养、网络安全等方面教育"),
                ("art-5-8", "做好学习宣传和贯彻实施"), ("art-5-2", "推动全媒体宣传、全业态传播、全平台覆盖"),
                ("art-4-4", "不断提高对互联网规律的把握能力")]


def test_every_obligation_of_the_operative_articles_is_a_duty_or_says_why_not(handbook):
    from macros.reference_pass import uncovered_text

    assert uncovered_text(handbook) == []
    duties = {duty.id: duty for duty in handbook.duties.duties}
    by_quote = {(o.source, o.quote): o for o in handbook.obligations.obligations}
    for source, words in ONCE_MISSING:
        obligation = by_quote[(source, words)]
        assert obligation.duty, words
        assert words in duties[obligation.duty].text.zh, (obligation.duty, words)


OBLIGATIONS_BROKEN = {
    "obligation-left-out": (
        "  - id: art-5-3-o4\n    source: art-5-3\n    quote: 与学生开展深入交流\n    duty: online-platforms-and-channels\n", "",
        r"^data/obligations\.yml: obligations: no obligation quotes art-5-3: '与学生开展深入交流' \(line \d+\)$"),
    "neither-duty-nor-reason": (
        "    quote: 与学生开展深入交流\n    duty: online-platforms-and-channels\n", "    quote: 与学生开展深入交流\n",
        r"^data/obligations\.yml: obligations\[\d+\]: give either the duty that covers it, or not_a_duty"),
    "duty-citing-another-clause": (
        "    quote: 与学生开展深入交流\n    duty: online-platforms-and-channels\n",
        "    quote: 与学生开展深入交流\n    duty: online-social-work\n",
        r"^data/obligations\.yml: obligations\[\d+\]\.duty: 'online-social-work' cites art-5-8, not art-5-3"),
    "same-words-quoted-twice": (
        "    quote: 督查结果向校党委报告，并报上级网络安全和信息化领导小组办公室\n",
        "    quote: 提出建议，并报上级网络安全和信息化领导小组办公室\n",
        r"^data/obligations\.yml: obligations\[\d+\]\.quote: quoted twice from art-6: quote more of its words"),
    # Article 6 sends two reports 并报上级网络安全和信息化领导小组办公室: those words alone do not say which
    "words-the-clause-says-twice": (
        "    quote: 督查结果向校党委报告，并报上级网络安全和信息化领导小组办公室\n",
        "    quote: 并报上级网络安全和信息化领导小组办公室\n",
        r"^data/obligations\.yml: obligations\[\d+\]\.quote: said more than once in art-6: quote more of its words"),
    "words-another-obligation-quotes": (
        "    quote: 每年要对网络意识形态工作进行一次专题督查\n", "    quote: 督查结果向校党委报告\n",
        r"^data/obligations\.yml: obligations\[\d+\]\.quote: already quoted by art-6-o11"),
    "quote-not-in-the-clause": (
        "    quote: 与学生开展深入交流\n", "    quote: 与学生开展交流\n",
        r"^data/obligations\.yml: obligations\[\d+\]\.quote: not found in the text of art-5-3"),
}


@pytest.mark.parametrize("case", sorted(OBLIGATIONS_BROKEN))
def test_a_broken_obligations_file_is_reported_in_one_line(case, tmp_path):
    old, new, expected = OBLIGATIONS_BROKEN[case]
    message = load_error_after_change(tmp_path, "obligations.yml", old, new)
    assert re.search(expected, message), message


def test_every_duty_of_the_new_media_operators_is_the_handbook_s_inference_as_the_home_page_says(handbook):
    """The home page says every item on the checklist of the persons in charge of official new
    media is, for that role, the handbook's inference (the Rules name no such role)."""
    duties = role_duties(handbook, "new-media-operators")
    assert duties and all("new-media-operators" in duty.inferred_for for duty in duties)
    for language, words in (("zh", "清单所列各项，对官方新媒体负责人而言均为本手册的推定"),
                            ("en", "every item on that checklist is, for the persons in charge, the handbook's inference")):
        assert words in (ROOT / "docs" / language / "index.md").read_text(encoding="utf-8")


def test_the_clauses_a_checklist_lists_for_reference_use_its_words_and_set_only_others_duties(handbook):
    """The persons in charge of official new media: every other clause of the Rules that uses
    新媒体, 公众号 or 网络平台, and no more, is listed for reference; each sets duties of other
    roles or Article 8 circumstances (the note says so), none of this role's."""
    from macros.duties import clauses_using

    role = handbook.role("new-media-operators")
    words = [word.zh for word in role.see_also_words]
    assert words == ["新媒体", "公众号", "网络平台"]
    listed = [anchor for anchor, _ in clauses_using(handbook, role.id)]
    own = {duty.source for duty in role_duties(handbook, role.id)} | {case.source for case in role_cases(handbook, role.id)}
    document = handbook.documents[DOCUMENT]
    assert listed == [anchor for anchor, clause in document.clauses()
                      if any(word in clause.text.zh for word in words) and anchor not in own]
    assert listed == ["art-5-3", "art-5-9", "art-7", "art-8-5", "art-8-6", "art-8-7"]
    for anchor in listed:
        duties = [duty for duty in handbook.duties.duties if duty.source == anchor]
        cases = [case for case in handbook.duties.accountability.cases if case.source == anchor]
        assert duties or cases, anchor
        assert all(role.id not in duty.roles for duty in duties) and all(role.id not in case.roles for case in cases)
    # a role without such words lists none
    assert clauses_using(handbook, "principal-leader") == []


def test_the_publicity_department_as_recipient_of_the_quarterly_report_is_marked_inferred(handbook):
    """Article 6 reports to 党委宣传部门, a variant wording (the glossary renders both the same):
    taking it as the role 党委宣传部 is the handbook's reading, said where the report is shown."""
    duty = handbook.duty("office-quarterly-report")
    assert "党委宣传部门" in duty.quote and "publicity-department" in duty.calendar.recipients
    assert duty.inferred_for == ["publicity-department"] and "“党委宣传部门”" in duty.inference["zh"]
    assert duty.inference_label("publicity-department") == "duty-inference"
    assert duty.inference_label("leading-group-office") == "duty-inference-other-roles"


def test_the_translation_leaves_to_the_inferences_what_they_say_is_the_handbook_s_reading(handbook):
    """Article 6 writes 党委 and 党委宣传部门, not 校党委 and 党委宣传部; the handbook reads them as the
    University Party Committee and the Publicity Department and says so where it does. The English
    of the Rules renders them literally, so the translation does not settle what the inference
    calls the handbook's reading; the duties that quote these words render them the same way."""
    article_6 = next(a for a in handbook.documents[DOCUMENT].rules.articles if a.number == 6)
    assert "在党委统一领导" in article_6.text.zh and "向校党委和党委宣传部门报告" in article_6.text.zh
    assert "unified leadership of the Party committee and" in article_6.text.en
    assert "University Party Committee and the Party committee publicity department" in article_6.text.en
    for duty_id, words in (("office-coordinates-publicity", "unified leadership of the Party committee and"),
                           ("office-quarterly-report", "the Party committee publicity department")):
        assert words in handbook.duty(duty_id).text["en"], duty_id
    # every text that writes 党委宣传部门 renders it literally in English, never as the Department's name
    texts = [(f"duty {d.id}", d.text) for d in handbook.duties.duties] + [
        (f"role {r.id}", r.description) for r in handbook.roles.roles] + [("art-6", article_6.text)]
    variant = [(name, text) for name, text in texts if "党委宣传部门" in text.zh]
    assert len(variant) >= 4  # Article 6, the quarterly report, the Department's and the higher office's descriptions
    for name, text in variant:
        assert "Party committee publicity department" in text.en, name
        # the quarterly report's recipients, where the variant stands beside 校党委
        assert "University Party Committee and the Party Committee Publicity Department" not in text.en, name
    # the Party Committee's description takes Article 6's 党委 as itself and says that is a reading
    description = next(r for r in handbook.roles.roles if r.id == "party-committee").description
    assert "此“党委”即校党委，是本手册的推定" in description.zh and "handbook's inference" in description.en


# Words that ask for continuing work, not something set up once: 及时 (timely), 日常 (routine),
# 动态 (kept up to date), 强化 (reinforce), 沟通协调 (communication and coordination)
CONTINUING_WORDS = ("及时", "日常", "动态", "强化", "沟通协调")


def test_a_duty_classed_set_up_asks_for_nothing_continuing(handbook):
    """"Set up or improve" tells a new leader the work is done once it stands (the onboarding guide
    puts it in the first month); a duty whose words also ask for continuing work is ongoing."""
    set_up = [duty for duty in handbook.duties.duties if duty.kind.value == "set-up"]
    assert len(set_up) >= 5
    continuing = {duty.id: [w for w in CONTINUING_WORDS if w in duty.text["zh"]] for duty in set_up}
    assert not {key: found for key, found in continuing.items() if found}
    # the check reads what it must: these duties, once classed set-up, were caught by it
    for duty_id in ("influencer-database", "emergency-systems-and-plans", "divide-responsibilities-and-coordinate"):
        assert any(word in handbook.duty(duty_id).text["zh"] for word in CONTINUING_WORDS), duty_id
        assert handbook.duty(duty_id).kind.value == "ongoing"


def misquotations(description, clause) -> list[str]:
    """What a role's description gives as the Rules' words (after 规定： / provides:) and is not
    its clause's text word for word; a quotation without quotation marks counts as one."""
    found = []
    for language, says, pattern in (("zh", "规定：", r"规定：“([^”]+)”"), ("en", "provides:", r'provides: "([^"]+)"')):
        quotes = re.findall(pattern, description[language])
        if description[language].count(says) != len(quotes):
            found.append(f"{language}: {says} without a quotation in quotation marks")
        found += [f"{language}: {quote}" for quote in quotes if quote not in clause[language]]
    return found


def test_what_a_role_s_description_quotes_from_the_rules_is_their_text(handbook):
    """A description that says 规定：“…” / provides: "…" quotes the clause it is named in, word
    for word, in each language (the Chinese from the record, the English from the translation)."""
    from macros.versions import clause_texts

    texts = clause_texts(handbook.documents[DOCUMENT])
    assert sum("规定：" in role.description.zh for role in handbook.roles.roles) >= 1
    for role in handbook.roles.roles:
        assert not misquotations(role.description, texts[role.defined_in]), role.id
    # the check catches the paraphrase this description once gave, with and without quotation marks
    clause = texts["art-4-4"]
    paraphrase = {"zh": "第四条第（四）项规定：“校内各类官方新媒体必须在党委宣传部登记备案。”", "en": ""}
    assert misquotations(paraphrase, clause) == ["zh: 校内各类官方新媒体必须在党委宣传部登记备案。"]
    unmarked = {"zh": "第四条第（四）项规定：校内各类官方新媒体必须在党委宣传部登记备案。", "en": ""}
    assert misquotations(unmarked, clause) == ["zh: 规定： without a quotation in quotation marks"]


def test_the_reference_pass_words_every_part_of_the_division_of_work_in_the_legend_s_order():
    """The one-line error for a role a clause does not name says how it takes part ("as subject to
    this"): each part of the division of work has its words, in the order the legends list them."""
    from macros.duties import WORK_PARTS
    from macros.reference_pass import ROLE_PART_WORDS

    assert list(ROLE_PART_WORDS) == WORK_PARTS


def test_article_9_holds_the_team_and_each_of_its_members_accountable_as_its_subjects(handbook):
    """对领导班子、领导干部进行问责: the leadership team, each post of it (Article 8's note counts
    the team's members among Party leading cadres) and Party leading cadres are the subject of the
    accountability, so each of their checklists has Article 9 with that part."""
    duty = handbook.duty("enforce-accountability-by-authority")
    held = {"leadership-team", "party-leading-cadres"} | {
        role.id for role in handbook.roles.roles if role.part_of == "leadership-team"}
    assert len(held) == 5
    assert all(duty.parts(role_id) == [Part.subject] for role_id in held)
    assert all(duty in role_duties(handbook, role_id) for role_id in held)
