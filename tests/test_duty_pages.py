"""Built pages /duties/, /checklists/, /checklists/<role-id>/ and /onboarding/ in both languages."""

from __future__ import annotations

import html
import re

from functools import lru_cache

import pytest

from macros.duties import does, part_words, role_cases, role_duties
from macros.models.duties import TAKING_PART
from macros.models.duties import Kind
from macros.text import role_as_qualified, role_with_title
from support import build, content, copy_project, page_path, root_link, soup

FIXED_PAGES = ["duties/", "checklists/", "onboarding/"]


def new_pages(handbook) -> list[str]:
    return FIXED_PAGES + [f"checklists/{role.id}/" for role in handbook.roles.roles]


@lru_cache(maxsize=None)
def _parsed(path):
    return soup(path)


def _page(site, language, url):
    return _parsed(page_path(site, language, url))


def test_every_role_has_a_checklist_page_in_both_languages(site, handbook):
    for language in ("zh", "en"):
        index = content(_page(site, language, "checklists/"))
        for role in handbook.roles.roles:
            page = _page(site, language, f"checklists/{role.id}/")
            assert page.find("h1", id="checklist").get_text().startswith(
                handbook.label("checklist", language)), role.id
            assert index.select_one(f"#role-{role.id} a")["href"] == f"{root_link(language)}checklists/{role.id}/"


def test_each_checklist_lists_exactly_its_roles_duties_and_article_8_cases(site, handbook):
    for language in ("zh", "en"):
        for role in handbook.roles.roles:
            page = content(_page(site, language, f"checklists/{role.id}/"))
            duties = role_duties(handbook, role.id)
            items = page.select("ul.hb-checklist > li")
            assert [li["id"] for li in items] == [f"duty-{d.id}" for d in duties]
            for li, duty in zip(items, duties):
                # a box a year, or one for each time the Rules make the duty fall due (每季度: four)
                times = duty.frequency.occurrences_a_year if duty.frequency else 1
                assert len(li.select("input[type=checkbox]")) == times, (role.id, duty.id)
                assert li.select_one(".hb-duty-text").get_text() == duty.text[language]
                assert li.select_one("a.hb-citation")["href"] == f"{root_link(language)}regulation/#{duty.source}"
                if duty.frequency:
                    said_annual = "年度" in duty.quote and "每年" not in duty.quote  # the Rules' word, 年度
                    timing = handbook.label("frequency-annual" if said_annual else f"frequency-{duty.frequency.value}",
                                            language)
                    assert li.select_one(".hb-duty-timing").get_text() == timing
                # a duty on the calendar says by when through its timing: a link to its dates there
                calendar_link = li.select_one(".hb-duty-timing a.hb-calendar-link")
                if duty.calendar:
                    assert calendar_link["href"] == f"{root_link(language)}calendar/#{duty.calendar.id}"
                else:
                    assert calendar_link is None
            cases = [li["id"] for li in page.select("ol.hb-cases > li")]
            assert cases == [f"case-{case.id}" for case in role_cases(handbook, role.id)]
            if cases:  # the roles Article 8 does not name are there by the handbook's inference, which says so
                inference = handbook.duties.accountability.inference[language]
                assert inference in page.select_one("#accountability ~ p.hb-inference").get_text()


def test_a_checklist_names_role_source_date_and_its_own_address(site, handbook):
    page = content(_page(site, "en", "checklists/leading-group-office/"))
    meta = page.select_one(".hb-print-meta").get_text(" ", strip=True)
    assert "Office of the University Network Information Security Leading Group" in meta
    assert "Hu Gong Cheng Wei [2018] No. 46" in meta and "8 November 2018" in meta
    assert page.select_one(".hb-page-address").get_text() == "http://127.0.0.1:8000/en/checklists/leading-group-office/"


def test_the_matrix_has_every_duty_under_its_article_with_each_roles_part(site, handbook):
    for language in ("zh", "en"):
        page = content(_page(site, language, "duties/"))
        rows = page.select("table.hb-matrix tbody tr[id^=duty-]")
        assert [row["id"] for row in rows] == [f"duty-{d.id}" for d in handbook.duties.duties]
        for row, duty in zip(rows, handbook.duties.duties):
            heading = row.find_previous("h2")
            assert heading["id"] == "art-" + duty.source.split("-")[1], duty.id
            assert row.select_one("a.hb-citation")["href"] == f"{root_link(language)}regulation/#{duty.source}"
            for cell in row.select("td"):
                parts = duty.parts(cell["data-role"])
                # a list ("、" / ", "): " · " separates the part from the timing after it
                expected = ("、" if language == "zh" else ", ").join(handbook.label(f"part-{p.value}", language) for p in parts)
                assert cell.get_text() == expected, (duty.id, cell["data-role"])
        cases = page.select("tr[id^=case-]")
        assert len(cases) == 9 and cases[0].find_previous("h2")["id"] == "art-8"


def test_the_matrix_links_to_one_view_per_role(site, handbook):
    links = [a["href"] for a in content(_page(site, "zh", "duties/")).select(".hb-role-links a")]
    assert links == [f"{root_link('zh')}checklists/{role.id}/" for role in handbook.roles.roles]


def test_onboarding_is_built_from_the_duty_data(site, handbook):
    guide = handbook.onboarding
    roles = list(guide.roles) + [c.role for c in guide.conditional_roles]

    def theirs(kind):
        return [d.id for d in handbook.duties.duties if d.kind is kind and any(does(d, r) for r in roles)]

    for language in ("zh", "en"):
        page = content(_page(site, language, "onboarding/"))
        sections = {h["id"]: h for h in page.select("h2, h3")}
        assert list(sections)[:3] == ["first-week", "read", "your-checklist"]
        set_up = sections["set-up"].find_next("ul").select("li")
        assert [li["id"] for li in set_up] == [f"duty-{i}" for i in theirs(Kind.set_up)]
        # an event-driven duty the calendar dates (the Cybersecurity Week) is with the recurring ones
        locally_dated = [i for i in theirs(Kind.on_occurrence) if handbook.duty(i).dated_locally_only()]
        assert locally_dated == ["security-publicity-week"]
        day_one = sections["day-one"].find_next("ul").select("li")
        assert [li["id"] for li in day_one] == [f"duty-{i}" for i in theirs(Kind.on_occurrence) if i not in locally_dated]
        # and the recurring duties the unit takes part in or is the subject of without doing them
        # (inspected, appraised; urging its media to undergo their review), each saying the unit's part
        involved = {d.id for d in handbook.duties.duties if d.kind is Kind.recurring and d.id not in theirs(Kind.recurring)
                    and any(TAKING_PART & set(d.parts(r)) for r in guide.roles)}
        parts = {"office-annual-inspection": "part-subject", "annual-assessment": "part-subject",
                 "review-new-media-annually": "part-consulted"}
        assert involved == set(parts)
        rows = {tr["id"].removeprefix("recurring-"): tr for tr in page.select("table.hb-recurring tbody tr")}
        assert set(rows) == set(theirs(Kind.recurring)) | set(locally_dated) | involved
        for duty_id in involved:
            part = part_words(handbook, handbook.duty(duty_id), "party-organisation", language)
            assert handbook.label(parts[duty_id], language) in part
            assert f"{handbook.role('party-organisation').name[language]}{'：' if language == 'zh' else ': '}{part}" \
                in rows[duty_id].select_one(".hb-duty-meta").get_text()
        assert "member-units-half-yearly-report" in rows  # from the conditional role
        links = sections["your-checklist"].find_next("ul").select("a")
        assert [a["href"] for a in links] == [f"{root_link(language)}checklists/{r}/" for r in roles]
        # a new Party secretary finds the post by its usual title (领导班子主要负责人（如党委书记）);
        # the other members keep the words of Article 3 that say which of them bear its level
        assert [a.get_text() for a in links] == [role_as_qualified(handbook.role(r), language) for r in roles]
        qualified = {"zh": "参与决策和工作的班子其它成员：重要领导责任",
                     "en": "Other members of the leadership team who take part in decision-making and in the work: "
                           "Important leadership responsibility"}[language]
        assert qualified in [li.get_text() for li in sections["your-checklist"].find_next("ul").select("li")]
        leader = handbook.role("principal-leader")
        assert links[roles.index(leader.id)].get_text() == role_with_title(leader, language) != leader.name[language]
        # the Party leading cadres' checklist is among those a secretary is told to read
        assert handbook.role("party-leading-cadres").name[language].lower() in page.select_one(".hb-several-roles").get_text().lower()
        # and every role that note names has its checklist in the list (the secretary can open each)
        note = handbook.label("onboarding-several-roles", "zh")
        named = [r.id for r in handbook.roles.roles if f"“{r.name.zh}”" in note]
        assert "party-leading-cadres" in named and len(named) == 5
        assert {f"{root_link(language)}checklists/{r}/" for r in named} <= {a["href"] for a in links}
        readings = [a["href"] for a in sections["read"].find_next("ul").select("a")]
        assert readings == [f"{root_link(language)}regulation/#{r.anchor}" for r in guide.read]
        office = next(g for g in handbook.roster.groups if g.id == guide.contact_group)
        contact = sections["contact"].find_next("ul").get_text()
        assert all(name in contact for p in office.positions for name in handbook.roster.current_holders(p))
        # "Full roster" opens the whole roster (the Leading Group first), not only the Office's list
        full = sections["contact"].find_next("a", string=handbook.label("onboarding-full-roster", language))
        assert full["href"] == f"{root_link(language)}roster/"
    assert "Wang Chen 王陈" in content(_page(site, "en", "onboarding/")).get_text()


# For every page, these included: links and anchors are checked by tests/test_links.py, the
# same anchors in both languages and no untranslated Chinese by tests/test_site.py.


@pytest.mark.build
def test_a_duty_naming_an_unknown_role_stops_the_build_with_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    duties = project / "data" / "duties.yml"
    duties.write_text(duties.read_text(encoding="utf-8").replace(
        "{party-committee: accountable, party-organisation: carries-out}",
        "{party-committee: accountable, party-organization: carries-out}", 1), encoding="utf-8")
    finished = build(project, tmp_path / "site")
    assert finished.returncode != 0 and "Traceback" not in finished.stderr
    errors = [line for line in finished.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1
    assert re.search(r"data/duties\.yml: duties\[0\]\.roles\.party-organization: unknown role "
                     r"'party-organization' \(line \d+\)$", errors[0]), errors[0]


def test_pages_derived_from_the_rules_weigh_less_in_search_and_the_rules_do_not(site, handbook):
    """One weight, set by the macros that derive a page (macros/__init__.py), in both indexes."""
    import json

    from macros import DERIVED_PAGE_SEARCH_BOOST

    # the home page sums the Rules up, and weighs the same ({{ weigh_like_derived_pages() }})
    derived = {"", "calendar/", "duties/", "onboarding/", "checklists/", "self-inspection/"} | {
        f"{folder}/{role.id}/" for role in handbook.roles.roles for folder in ("checklists", "self-inspection")}
    for root in ("", "en/"):
        index = json.loads((site / root / "search" / "search_index.json").read_text(encoding="utf-8"))
        # whole pages only: a section's own weight (glossary terms, errata) is hooks/search.py's
        boosts = {entry["location"]: entry.get("boost") for entry in index["docs"] if "#" not in entry["location"]}
        assert {page for page, boost in boosts.items() if boost is not None} == derived, root
        assert {boosts[page] for page in derived} == {DERIVED_PAGE_SEARCH_BOOST}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_checklist_and_form_says_what_every_part_it_shows_means(handbook, language):
    """'Your part: Involved' needs its key where it is read (and printed): the checklist and the
    self-inspection form each carry the legend lines of the parts the role has, and no others
    (in-process, no build)."""
    from bs4 import BeautifulSoup

    from macros import duty_pages, rendering, self_inspection

    rendering.start_build()
    for role in handbook.roles.roles:
        duties = role_duties(handbook, role.id)
        held = {part for duty in duties for part in duty.parts(role.id)}
        pages = [duty_pages.checklist(handbook, language, f"checklists/{role.id}/", "http://x/", role.id)]
        if duties:
            pages.append(self_inspection.form(handbook, language, f"self-inspection/{role.id}/", role.id))
        for page in pages:
            legend = BeautifulSoup(page, "html.parser").select_one(".hb-legend")
            if not held:
                assert legend is None or not legend.select("strong"), role.id
                continue
            named = {strong.get_text() for strong in legend.select("strong")}
            assert named == {handbook.label(f"part-{part.value}", language) for part in held}, role.id


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_guide_says_how_to_tell_whether_a_conditional_checklist_applies(handbook, language):
    """No list of member units exists in the Rules: the guide says so, and whom to ask (in-process)."""
    from bs4 import BeautifulSoup

    from macros import duty_pages, rendering

    rendering.start_build()
    page = BeautifulSoup(duty_pages.onboarding(handbook, language, "onboarding/"), "html.parser")
    notes = [p.get_text() for p in page.select("p.hb-condition-note")]
    expected = [c.how_to_tell[language] for c in handbook.onboarding.conditional_roles if c.how_to_tell]
    assert notes == expected and expected


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_keeper_s_checklist_says_what_the_handbook_asks_of_it_apart_from_the_rules(handbook, language):
    """The office sets the calendar's dates and keeps the roster (calendar.yml kept_by, roster.yml
    maintained_by): its checklist says so, under a heading saying this is local practice, not a
    duty of the Rules; no other checklist has it (in-process)."""
    from bs4 import BeautifulSoup

    from macros import duty_pages, rendering

    rendering.start_build()
    keepers = {handbook.calendar.settings.kept_by, handbook.roster.maintained_by}
    for role in handbook.roles.roles:
        page = duty_pages.checklist(handbook, language, f"checklists/{role.id}/", "http://x/", role.id)
        lines = [li.get_text() for li in BeautifulSoup(page, "html.parser").select(".hb-upkeep li")]
        if role.id not in keepers:
            assert not lines and "{ #upkeep" not in page, role.id
            continue
        assert handbook.label("upkeep", language) in page
        assert any("2027" in line and "calendar.yml" in line for line in lines)
        assert any("roster.yml" in line and ("2018年11月8日" if language == "zh" else "8 November 2018") in line
                   for line in lines)


def test_the_matrix_and_each_checklist_say_what_the_timing_beside_a_duty_is(handbook):
    """Beside each duty stands the Rules' word for how often (每年) or, where they set none, the
    handbook's kind of duty (经常性工作): the legend says which is which, naming the kinds."""
    from bs4 import BeautifulSoup

    from macros import duty_pages

    for language in ("zh", "en"):
        legend = duty_pages.duty_wording(handbook, language)["timing_legend"]
        for kind in Kind:
            if kind is not Kind.recurring:
                word = handbook.label(f"kind-{kind.value}", language)
                assert (word if language == "zh" else word[0].lower() + word[1:]) in legend, kind
        assert handbook.label("frequency-yearly", language).lower() in legend.lower()
        pages = [duty_pages.duty_matrix(handbook, language, "duties/")] + [
            duty_pages.checklist(handbook, language, f"checklists/{role.id}/", "", role.id)
            for role in handbook.roles.roles if role_duties(handbook, role.id)]
        for markup in pages:
            shown = [p.get_text() for p in BeautifulSoup(markup, "html.parser").select(".hb-timing-legend")]
            assert shown == [legend]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_duty_a_role_only_takes_part_in_names_who_carries_it_out_on_the_role_s_views(handbook, language):
    """A duty's text has no subject ('Once a year, conduct a special-topic inspection …'): on the
    checklist, the self-inspection form, the Word checklist and the guide, a duty names the roles
    that carry it out unless the role has a doing part in it that its own body carries out (a
    post's level for its Party organisation's work) (in-process). So a duty the role only takes
    part in names its carriers even where the role's body carries it out (the member units in the
    Leading Group's commentary teams), and the registration of official new media, which the
    unit's leaders answer for at their Article 3 levels, names the persons in charge of the new
    media on their checklists."""
    from bs4 import BeautifulSoup

    from macros import duty_pages, rendering, self_inspection, word_documents
    from macros.duties import carried_out_within, does
    from macros.models.duties import Part

    def quiet(duty, role_id) -> bool:  # what the rule says: no carriers named
        return does(duty, role_id) and carried_out_within(handbook, duty, role_id)

    rendering.start_build()
    label = handbook.label("calendar-owner", language)  # 执行方 / Carried out by, as on the calendar
    seen = 0
    for role in handbook.roles.roles:
        duties = role_duties(handbook, role.id)
        if not duties:
            continue
        page = BeautifulSoup(duty_pages.checklist(handbook, language, f"checklists/{role.id}/", "", role.id),
                             "html.parser")
        parts = [li.select_one(".hb-duty-part").get_text() for li in page.select(".hb-checklist > li")]
        forms = [row.part for row in self_inspection.inspection_rows(handbook, role.id, language)]
        words = [row[2] for row in word_documents.checklist_rows(handbook, language, role.id)]
        for duty, part, form, word in zip(duties, parts, forms, words, strict=True):
            carriers = [handbook.role(r).name[language] for r in duty.roles if Part.carries_out in duty.parts(r)]
            if quiet(duty, role.id) or not carriers:  # (Article 3's statement of the levels: no one)
                assert label not in part and label not in form and label not in word, (role.id, duty.id)
            else:
                seen += 1
                assert carriers and all(label in text and all(name in text for name in carriers)
                                        for text in (part, form, word)), (role.id, duty.id)
    assert seen >= 5
    registration = handbook.duty("register-new-media")
    assert Part.first_responsibility in registration.parts("principal-leader")
    leader = [(row[1][0][0], row[2]) for row in word_documents.checklist_rows(handbook, language, "principal-leader")]
    assert any(label in part and handbook.role("new-media-operators").name[language] in part
               and text == registration.text[language] for text, part in leader)
    first = handbook.duties.duties[0]  # the responsibility system: the University Party Committee answers for it
    assert not quiet(first, "party-committee")
    teams = [row[2] for row in word_documents.checklist_rows(handbook, language, "member-units")
             if row[1][0][0] == handbook.duty("build-commentary-teams").text[language]]
    assert teams and handbook.role("leading-group").name[language] in teams[0] and label in teams[0]
    own = [row[2] for row in word_documents.checklist_rows(handbook, language, "principal-leader")
           if row[1][0][0] == handbook.duty("implement-decisions").text[language]]
    assert own and label not in own[0]
    guide = BeautifulSoup(duty_pages.onboarding(handbook, language, "onboarding/"), "html.parser")
    registering = guide.select_one("li#duty-register-new-media")  # first day: answered for, not carried out
    assert registering is not None and label in registering.get_text()
    assert handbook.role("new-media-operators").name[language] in registering.get_text()
    assert label not in guide.select_one("li#duty-build-responsibility-system").get_text()  # the unit's own
    inspection = guide.select_one("#recurring-office-annual-inspection")  # Article 6: the Office's
    assert inspection is not None and label in inspection.get_text()
    assert handbook.role("leading-group-office").name[language] in inspection.get_text()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_guide_marks_what_is_the_handbook_s_in_its_levels_and_reading_list(handbook, language):
    """The guide's readers include general Party branch secretaries, whom Article 3 does not name:
    that its levels apply to them, and the titles given as examples, are marked as the handbook's;
    so are the article titles of its reading list (in-process)."""
    from bs4 import BeautifulSoup

    from macros import duty_pages, rendering

    rendering.start_build()
    page = BeautifulSoup(duty_pages.onboarding(handbook, language, "onboarding/"), "html.parser")
    after_levels = page.select_one("ul.hb-levels").find_next_sibling("p")
    assert after_levels.get_text() == handbook.label("onboarding-levels-note", language)
    before_reading = page.select_one("ul.hb-reading").find_previous_sibling("p")
    assert before_reading.get_text() == handbook.label("short-title-note", language)
    assert not page.select(".hb-short-title-note")  # that class prints the page under the Rules' own header
    legend = duty_pages.duty_wording(handbook, language)["timing_legend"]
    assert [p.get_text() for p in page.select(".hb-timing-legend")] == [legend]  # 建立或完善 … are the handbook's
    if language == "en":
        assert "(if your unit is a member unit" in page.select_one("ul.hb-levels").get_text()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_list_of_roles_with_example_titles_says_they_are_examples(handbook, language):
    """The checklists' and the forms' indexes give each role's first title in brackets (如… / e.g.);
    the Rules name roles, not titles, and each index says so under its table (in-process)."""
    from bs4 import BeautifulSoup

    from macros import duty_pages, rendering, self_inspection

    rendering.start_build()
    note = handbook.label("titles-in-brackets", language)
    for markup in (duty_pages.checklist_index(handbook, language, "checklists/"),
                   self_inspection.index(handbook, language, "self-inspection/")):
        page = BeautifulSoup(markup, "html.parser")
        titled = [role for role in handbook.roles.roles if role.held_titles]
        assert titled and all(role_with_title(role, language) in page.select_one("table").get_text() for role in titled)
        assert page.select_one("table").find_next_sibling("p").get_text() == note


def test_a_duty_done_when_a_situation_arises_says_which_situation_where_the_calendar_names_it(handbook):
    """'Whenever the situation arises' alone does not tell a new person in charge of an account
    what to do: beside a duty the calendar gives a trigger, every view says the trigger too."""
    from macros.duties import timing_label

    registration = handbook.duty("register-new-media")
    assert timing_label(handbook, registration, "zh") == "情况出现时办理（校内官方新媒体尚未登记备案时）"
    for duty in handbook.duties.duties:
        for language in ("zh", "en"):
            label = timing_label(handbook, duty, language)
            trigger = duty.calendar.trigger if duty.calendar else None
            if duty.kind is Kind.on_occurrence and trigger is not None:
                assert label.startswith(handbook.label("kind-on-occurrence", language))
                assert trigger[language][1:] in label, (duty.id, language)
            else:
                assert "（" not in label and "(" not in label, (duty.id, language)


def test_the_english_triggers_and_conditions_read_inside_a_sentence():
    """The English of a calendar trigger follows "Whenever the situation arises (…" and a guide's
    condition stands in brackets after a role, both with their first letter lowered: each must
    begin with a word that may be lowered (When, While, If), not a name (in-process)."""
    from macros.handbook import load_handbook
    from support import ROOT

    handbook = load_handbook(ROOT / "data")
    texts = [duty.calendar.trigger["en"] for duty in handbook.duties.duties if duty.calendar and duty.calendar.trigger]
    texts += [condition.when["en"] for condition in handbook.onboarding.conditional_roles]
    assert texts and all(text.split()[0] in {"When", "While", "If"} for text in texts), texts


@pytest.mark.parametrize("language", ["zh", "en"])
def test_important_leadership_responsibility_is_explained_with_the_scope_article_3_gives_it(handbook, language):
    """Article 3: the other team members bear important leadership responsibility 根据分工, for
    分管部门、单位、联系学院. Beside every Article 4 duty the level alone would say more, so the
    legend of every view that shows it says its scope; a view without it does not (in-process)."""
    from macros import duty_pages, rendering, self_inspection

    rendering.start_build()
    scope = handbook.label("part-important-scope-note", language)
    assert ("分管部门、单位、联系学院" in scope) if language == "zh" else ("under their charge" in scope)
    # what it quotes is Article 3's own words (a quotation inside a quotation takes the inner marks)
    article_3 = handbook.documents[handbook.main_document].article(3).text[language]
    quoted = re.findall(r"“(.+?)”$", scope) if language == "zh" else re.findall(r'"(.+?)"', scope)
    assert quoted and all(q.replace("‘", "“").replace("’", "”").replace("'", '"') in article_3 for q in quoted)
    others = html.unescape(duty_pages.checklist(handbook, language, "checklists/other-team-members/", "",
                                                "other-team-members"))
    leader = html.unescape(duty_pages.checklist(handbook, language, "checklists/principal-leader/", "", "principal-leader"))
    matrix = html.unescape(duty_pages.duty_matrix(handbook, language, "duties/"))
    form = html.unescape(self_inspection.form(handbook, language, "self-inspection/other-team-members/",
                                              "other-team-members"))
    assert scope in others and scope in matrix and scope in form and scope not in leader


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_role_a_duty_is_done_to_is_its_subject(handbook, language):
    """Being inspected, appraised or held accountable is not being told of it nor helping with it:
    the leadership team in the accountability of Article 9 and the Party organisations in the
    Office's annual inspection are its subject, and their checklists' legends say what that is."""
    from macros import duty_pages, rendering
    from macros.models.duties import Part

    rendering.start_build()
    assert handbook.duty("enforce-accountability-by-authority").parts("leadership-team") == [Part.subject]
    assert handbook.duty("office-annual-inspection").parts("party-organisation") == [Part.subject]
    assert handbook.duty("train-leading-cadres").parts("party-leading-cadres") == [Part.subject]
    note = handbook.label("part-subject-note", language)
    for role_id in ("leadership-team", "party-organisation", "new-media-operators"):
        page = html.unescape(duty_pages.checklist(handbook, language, f"checklists/{role_id}/", "", role_id))
        assert note in page, role_id
    assert "检查" not in handbook.label("part-consulted-note", "zh")  # being inspected is the subject's part


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_guide_says_a_leader_has_several_checklists(handbook, language):
    """A Party secretary who prints only the principal leader's checklist misses the duties listed
    under the Party organisation or the leadership team (the annual inspection, the two-level
    system): the guide says, before the list of checklists, that one person may hold several roles
    and names them, and each such role has a duty the principal leader's checklist does not."""
    from bs4 import BeautifulSoup

    from macros import duty_pages, rendering

    rendering.start_build()
    page = BeautifulSoup(duty_pages.onboarding(handbook, language, "onboarding/"), "html.parser")
    note = page.select_one("ul.hb-levels").find_previous_sibling("p")
    assert note.get_text() == handbook.label("onboarding-several-roles", language)
    leader = {duty.id for duty in role_duties(handbook, "principal-leader")}
    for role_id in ("party-organisation", "leadership-team", "member-units"):
        name = handbook.role(role_id).name[language]
        assert name.lower() in note.get_text().lower(), role_id
        assert {duty.id for duty in role_duties(handbook, role_id)} - leader, role_id


@pytest.mark.parametrize("language", ["zh", "en"])
def test_named_in_lists_every_clause_that_names_the_role_on_the_page_and_in_the_word_file(handbook, language):
    """The Publicity Department is named in Article 4(4) and in Article 6: its checklist and Word
    file say both, in the document's order, each linked to its clause."""
    import io

    from bs4 import BeautifulSoup
    from docx import Document

    from macros import duty_pages, rendering, word_documents

    rendering.start_build()
    page = BeautifulSoup(duty_pages.checklist(handbook, language, "checklists/publicity-department/", "",
                                              "publicity-department"), "html.parser")
    description = page.select_one(".hb-role-description")
    assert [a["href"].rsplit("#", 1)[1] for a in description.select("a.hb-citation")] == ["art-4-4", "art-6"]
    cited = "、".join(["第四条第（四）项", "第六条"]) if language == "zh" else "Art. 4(4), Art. 6"
    assert description.get_text().endswith(handbook.label("named-in", language)
                                           + ("：" if language == "zh" else ": ") + cited)
    word = Document(io.BytesIO(word_documents.checklist_document(handbook, language, "publicity-department", "http://x/")))
    assert any(paragraph.text.endswith(cited) for paragraph in word.paragraphs)


def test_the_home_page_links_its_readers_straight_to_their_checklists(site, handbook):
    """"See its checklist" on the home page opens the checklist, not a row of the index."""
    for language in ("zh", "en"):
        page = content(_page(site, language, ""))
        hrefs = [a["href"] for a in page.select("a") if "checklists/" in a["href"]]
        for role_id in ("leading-group-office", "publicity-department", "new-media-operators"):
            assert f"{root_link(language)}checklists/{role_id}/" in hrefs, (language, role_id)
        assert not [href for href in hrefs if "#role-" in href]


def test_a_checklist_link_to_an_unknown_role_is_refused_by_name(handbook):
    from macros.duty_pages import checklist_link

    assert checklist_link(handbook, "en", "index.html", "publicity-department", "a <b>").endswith(
        'checklists/publicity-department/">a &#60;b&#62;</a>')
    with pytest.raises(ValueError, match="checklist_link: unknown role 'publicity-dept'"):
        checklist_link(handbook, "en", "index.html", "publicity-dept", "checklist")
