"""Duties data: every obligation of the Rules is a duty of known roles with one accountable role,
cited by anchor and in the text's own words; Article 8's nine cases; coverage of the text."""

from __future__ import annotations

import re
import shutil

import pytest

from macros.duties import coverage_gaps, obligations, role_cases, role_duties
from macros.errors import HandbookDataError
from macros.handbook import load_handbook
from macros.models.duties import Frequency, Part
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


def test_every_duty_has_known_roles_and_exactly_one_accountable_role(handbook):
    roles = {role.id for role in handbook.roles.roles}
    for duty in handbook.duties.duties:
        assert set(duty.roles) <= roles, duty.id
        assert len(duty.accountable_roles()) == 1, duty.id


def test_every_numbered_item_and_every_obligation_is_covered(handbook):
    assert coverage_gaps(handbook, DOCUMENT) == []
    assert len(obligations(handbook.documents[DOCUMENT].article(3).text.zh)) == 5


def test_the_coverage_check_lists_what_is_missing(handbook):
    duties = handbook.duties.duties
    art_6_reports = {"office-reporting-systems", "office-reports-major-matters", "office-quarterly-report"}
    without = [d for d in duties if d.source != "art-4-3" and d.id not in art_6_reports]
    broken = handbook.__class__(**{**handbook.__dict__,
                                   "duties": handbook.duties.model_copy(update={"duties": without})})
    gaps = coverage_gaps(broken, DOCUMENT)
    assert gaps[0] == "art-4-3: no duty or accountability case cites it"
    assert len(gaps) == 2 and gaps[1].startswith("art-6: no duty quotes from '建立网上重要情况通报制度")


def test_article_8_has_nine_cases_each_on_its_own_item(handbook):
    cases = handbook.duties.accountability.cases
    assert [case.source for case in cases] == [f"art-8-{n}" for n in range(1, 10)]
    for case in cases:
        assert {"party-organisation", "party-leading-cadres"} <= set(case.roles)


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


def test_every_dated_duty_names_its_calendar_entry(handbook):
    dated = {Frequency.quarterly, Frequency.half_yearly, Frequency.twice_yearly, Frequency.yearly,
             Frequency.at_holidays}
    for duty in handbook.duties.duties:
        if duty.frequency in dated:
            assert duty.calendar, f"{duty.id} recurs {duty.frequency.value} but names no calendar entry"
    calendar_ids = [duty.calendar for duty in handbook.duties.duties if duty.calendar]
    assert len(calendar_ids) == len(set(calendar_ids)) == 12


def test_every_role_has_duties_and_the_unit_leaders_answer_for_article_8(handbook):
    for role in handbook.roles.roles:
        assert role_duties(handbook, role.id), role.id
    for role_id in ("principal-leader", "member-in-charge", "other-team-members"):
        assert len(role_cases(handbook, role_id)) == 9


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
        r"^data/duties\.yml: duties\[\d+\]: Value error, a recurring duty needs a frequency"),
    "calendar-not-an-id": (
        "    calendar: office-quarterly-report\n", "    calendar: Office Quarterly Report\n",
        r"^data/duties\.yml: duties\[\d+\]\.calendar: 'Office Quarterly Report' is not a valid id"),
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
    "frequency-disagrees-with-calendar": (
        "    calendar: office-quarterly-report\n", "    calendar: annual-assessment\n",
        r"^data/duties\.yml: duties\[\d+\]\.frequency: quarterly does not match calendar entry "
        r"'annual-assessment' \(yearly\)"),
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
])
def test_a_broken_onboarding_file_is_reported_in_one_line(tmp_path, old, new, expected):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "onboarding.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(HandbookDataError) as raised:
        load_handbook(data)
    assert re.search(expected, str(raised.value)), str(raised.value)


def test_every_duty_frequency_has_a_calendar_frequency_it_must_agree_with():
    from macros.handbook import CALENDAR_FREQUENCY_OF_DUTY
    from macros.models.calendar import Frequency as CalendarFrequency
    from macros.models.duties import Frequency as DutyFrequency

    assert set(CALENDAR_FREQUENCY_OF_DUTY) == {frequency.value for frequency in DutyFrequency}
    assert set(CALENDAR_FREQUENCY_OF_DUTY.values()) <= {frequency.value for frequency in CalendarFrequency}
