"""Questions asked of the duty data: whose duties, which cases, what the text leaves uncovered,
and how a role's part in a duty and its timing are worded on every view (pages, forms, feeds,
Word and Excel files).

Used by the reference checks (reference_pass.py), the pages (duty_pages.py) and the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models.common import Text
from .models.duties import DOING_PARTS, AccountabilityCase, Duty, Frequency, Kind, Part
from .text import anchor_numbers, colon, fill_in, list_separator, note_separator
from .versions import clause_texts

if TYPE_CHECKING:
    from .handbook import Handbook

# Articles whose numbered items must each be covered by a duty or an accountability case, and
# articles whose every sentence (obligation) must be covered by a duty quoting it.
ITEM_ARTICLES = (4, 5, 8)
OBLIGATION_ARTICLES = (3, 6, 7, 9, 10)
# Sentences end with 。 and clauses of a list of obligations with ；.
_SEGMENT_END = re.compile(r"(?<=[。；])")


def article_number(anchor: str) -> int:
    """art-4-2 -> 4."""
    return anchor_numbers(anchor)[0]


def item_number(anchor: str) -> int | None:
    """art-4-2 -> 2; art-4 -> None."""
    return anchor_numbers(anchor)[1]


# The legend's order: the five parts of the division of work, then Article 3's levels of responsibility
WORK_PARTS = [Part.carries_out, Part.accountable, Part.consulted, Part.subject, Part.informed]
ARTICLE_3 = [Part.primary_responsibility, Part.first_responsibility,
             Part.main_leadership_responsibility, Part.important_leadership_responsibility]


def article_3_note(handbook, levels: list[Part], language: str) -> str:
    """The legend's note on Article 3's levels; with important leadership responsibility among
    them, the scope Article 3 gives it (根据分工 … 分管部门、单位、联系学院): read alone, that level
    beside every Article 4 duty would say more than the Rules."""
    note = handbook.label("part-article-3-note", language)
    if Part.important_leadership_responsibility in levels:
        note += note_separator(language) + handbook.label("part-important-scope-note", language)
    return note


def parts_of(duties: list[Duty], role_id: str) -> tuple[list[Part], list[Part]]:
    """The parts a role has in these duties, in the legend's order: (the five, Article 3's levels)."""
    held = {part for duty in duties for part in duty.parts(role_id)}
    return [p for p in WORK_PARTS if p in held], [p for p in ARTICLE_3 if p in held]


def part_words(handbook, duty: Duty, role_id: str, language: str) -> str:
    """A role's part in a duty in the matrix's words (执行、负责 / Carries out, Answerable; 知悉 …):
    the pages, the feeds, the forms and the Word and Excel files all say it this way. The parts
    are a list ("、", ", "), not " · ", which separates the part from the timing and citation after it."""
    separator = list_separator(language)
    return separator.join(handbook.label(f"part-{part.value}", language) for part in duty.parts(role_id))


def carriers(duty: Duty) -> list[str]:
    """The roles that carry the duty out (none for Article 3's statement of the levels)."""
    return [role_id for role_id in duty.roles if Part.carries_out in duty.parts(role_id)]


def carried_out_by(handbook, duty: Duty, language: str) -> str:
    """'执行方：…' / 'Carried out by: …', the roles that carry the duty out (the calendar's label)."""
    names = list_separator(language).join(handbook.role(role_id).name[language] for role_id in carriers(duty))
    return handbook.label("calendar-owner", language) + colon(language) + names


def carried_out_within(handbook, duty: Duty, role_id: str) -> bool:
    """Whether the role, or a body it is part of (roles.yml `part_of`: a post's leadership team,
    the team's Party organisation; the Office's and the member units' Leading Group), carries the
    duty out. The reference pass refuses a `part_of` cycle."""
    seen = set()
    while role_id is not None and role_id not in seen:
        if Part.carries_out in duty.parts(role_id):
            return True
        seen.add(role_id)
        role_id = handbook.role(role_id).part_of
    return False


def own_part_words(handbook, duty: Duty, role_id: str, language: str) -> str:
    """A role's part on its own views (checklist, self-inspection form, their Word files): the
    part, and who carries the duty out unless the role has a part of its own in doing it that a
    body it is part of carries out (a post's level of responsibility for its Party organisation's
    work), so that a sentence without a subject is not read as the reader's own task (参与 ·
    执行方：…; 第一责任人 · 执行方：官方新媒体负责人 for the registration of a unit's new media)."""
    words = part_words(handbook, duty, role_id, language)
    if not carriers(duty) or (does(duty, role_id) and carried_out_within(handbook, duty, role_id)):
        return words
    return words + " · " + carried_out_by(handbook, duty, language)


def anchor_texts(document) -> dict[str, str]:
    """Anchor -> the Chinese source text it carries (an article's own text, or an item's)."""
    return {anchor: text.zh for anchor, text in clause_texts(document).items()}


def obligations(text: str) -> list[str]:
    """The sentences of an article, each one obligation: split after 。 and ；."""
    return [segment for segment in _SEGMENT_END.split(text) if segment.strip("。； ")]


def coverage_gaps(handbook, document_id: str) -> list[str]:
    """What the duties and cases leave uncovered, one line each (empty when all is covered)."""
    document = handbook.documents[document_id]
    duties = handbook.duties.duties
    cases = handbook.duties.accountability.cases
    cited = {duty.source for duty in duties} | {case.source for case in cases}
    gaps = []
    for number in ITEM_ARTICLES:
        article = document.article(number)
        for item in article.items:
            if article.item_anchor(item) not in cited:
                gaps.append(f"{article.item_anchor(item)}: no duty or accountability case cites it")
    for number in OBLIGATION_ARTICLES:
        article = document.article(number)
        quotes = [duty.quote for duty in duties if duty.source == article.anchor]
        for sentence in obligations(article.text.zh):
            if not any(quote in sentence for quote in quotes):
                gaps.append(f"{article.anchor}: no duty quotes from '{sentence}'")
    return gaps


def takes_part(duty: Duty, role_id: str) -> bool:
    return role_id in duty.roles


def role_duties(handbook, role_id: str) -> list[Duty]:
    """The duties a role takes part in, in the order of the data (the order of the text)."""
    return [duty for duty in handbook.duties.duties if takes_part(duty, role_id)]


def role_cases(handbook, role_id: str) -> list[AccountabilityCase]:
    return [case for case in handbook.duties.accountability.cases if role_id in case.roles]


def clauses_using(handbook, role_id: str) -> list[tuple[str, object]]:
    """The clauses (anchor, article or item) of the main document whose Chinese uses one of the
    role's `see_also_words`, other than those its own duties and cases come from, in order."""
    words = [word.zh for word in handbook.role(role_id).see_also_words]
    own = {duty.source for duty in role_duties(handbook, role_id)} | {case.source for case in role_cases(handbook, role_id)}
    document = handbook.documents[handbook.main_document]
    return [(anchor, clause) for anchor, clause in document.clauses()
            if anchor not in own and any(word in clause.text.zh for word in words)]


def clauses_naming(handbook, role_id: str) -> list[str]:
    """The anchors of the clauses whose text names the role (`defined_in` and `also_named_in`), in
    the document's order: the checklist's "Named in" line."""
    role = handbook.role(role_id)
    named = {role.defined_in, *role.also_named_in}
    return [anchor for anchor, _ in handbook.documents[handbook.main_document].clauses() if anchor in named]


def consequences(handbook) -> Text:
    """What being held responsible can lead to: the opening text of the article that lists the
    cases (Article 8), in both languages, as the document has it."""
    document = handbook.documents[handbook.main_document]
    return document.article(article_number(handbook.duties.accountability.source)).text


def does(duty: Duty, role_id: str) -> bool:
    """Whether the duty is on the role's own to-do list (not only consulted, subject to it or informed)."""
    return bool(DOING_PARTS & set(duty.parts(role_id)))


@dataclass
class ArticleGroup:
    """One article's duties (or cases) and the roles that take part in them, for one table."""

    number: int
    duties: list
    roles: list


def duties_by_article(handbook) -> list[ArticleGroup]:
    order = [role.id for role in handbook.roles.roles]
    groups: dict[int, list[Duty]] = {}
    for duty in handbook.duties.duties:
        groups.setdefault(article_number(duty.source), []).append(duty)
    result = []
    for number in sorted(groups):
        involved = {role for duty in groups[number] for role in duty.roles}
        roles = [handbook.role(role_id) for role_id in order if role_id in involved]
        result.append(ArticleGroup(number, groups[number], roles))
    return result


def case_roles(handbook) -> list:
    involved = {role for case in handbook.duties.accountability.cases for role in case.roles}
    return [role for role in handbook.roles.roles if role.id in involved]


def article3_levels(handbook, role_id: str) -> list[Part]:
    """The Article 3 levels of responsibility a role holds across its duties."""
    return parts_of(role_duties(handbook, role_id), role_id)[1]


# --- How often a duty falls due, as every view says it -----------------------------------------

def frequency_words(handbook: Handbook, frequency: Frequency, quote: str, language: str) -> str:
    """A frequency as the quoted words say it: the handbook's one vocabulary has one frequency
    for 每年 and 年度, but where the Rules say only 年度 (年度检查审核, 年度目标责任考核) the label
    is 年度 / Annually, not 每年."""
    if frequency is Frequency.yearly and "年度" in quote and "每年" not in quote:
        return handbook.label("frequency-annual", language)
    return handbook.label(f"frequency-{frequency.value}", language)


def timing_label(handbook: Handbook, duty: Duty, language: str) -> str:
    """How often a duty falls due, in the handbook's one frequency vocabulary: its frequency, or
    for a duty with none (set-up, ongoing, on occurrence) its kind, and for one on the calendar
    with a trigger, the trigger (which situation: 校内官方新媒体尚未…登记备案时). The checklist
    shows the same."""
    if duty.frequency is not None:
        return frequency_words(handbook, duty.frequency, duty.quote, language)
    if duty.dated_locally_only():  # not "whenever the situation arises", which the calendar contradicts
        return handbook.label("timing-local-dates", language)
    kind = handbook.label(f"kind-{duty.kind.value}", language)
    if duty.calendar is None or duty.calendar.trigger is None:
        return kind
    trigger = duty.calendar.trigger[language]
    return f"{kind}（{trigger}）" if language == "zh" else f"{kind} ({trigger[:1].lower()}{trigger[1:]})"


def timing_legend(handbook: Handbook, language: str) -> str:
    """What the timing beside a duty is: the Rules' words for how often, or else the handbook's
    kind of duty (timing_label), with the labels it uses."""
    def words(keys: list[str]) -> str:
        found = [handbook.label(key, language) for key in keys]
        if language == "en":  # labels start with a capital; here they are inside a sentence
            found = [word[0].lower() + word[1:] for word in found]
        return list_separator(language).join(found)

    return fill_in(handbook.label("timing-legend", language),
                   frequencies=words([f"frequency-{f.value}" for f in (Frequency.yearly, Frequency.quarterly, Frequency.regularly)]),
                   kinds=words([f"kind-{k.value}" for k in (Kind.set_up, Kind.ongoing, Kind.on_occurrence)]),
                   local=handbook.label("timing-local-dates", language),
                   on_occurrence=words([f"kind-{Kind.on_occurrence.value}"]))
