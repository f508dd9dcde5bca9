"""The pages built from the duty data: /duties/, /checklists/, /checklists/<role-id>/, /onboarding/.

Each function takes the validated Handbook, the page's language and the page's URL (links are
made from it as macros/site_paths.py says) and renders one template.
"""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from . import duties as logic
from .downloads import checklist_docx, checklist_pdf, inspection_docx
from .handbook import Handbook
from .models.duties import TAKING_PART, Frequency, Kind
from .names import romanize
from .rendering import page_context, render
from .roster import roster_date
from .calendar_pages import marked_span
from .schedule import entry_occurrences
from .site_paths import to_language_root, to_site_root
from .text import (anchor_citation, anchor_numbers, citation, colon, fill_in, list_separator, long_date,
                   note_separator, occurrence_label, role_as_qualified, role_with_title, titled_document)



def checklist_link(handbook: Handbook, language: str, page_url: str, role_id: str, text: str) -> str:
    """A link, reading `text`, from a written page to the checklist of `role_id` (a role of
    data/roles.yml: another id stops the build, naming it)."""
    if role_id not in {role.id for role in handbook.roles.roles}:
        raise ValueError(f"checklist_link: unknown role '{role_id}'")
    return render("checklist_link.html.j2", root=to_language_root(page_url, language), role_id=role_id, text=text)


def duty_wording(handbook: Handbook, language: str) -> dict:
    """How a duty's citation, a role's part in it and its timing are worded: the pages and the
    Word and Excel files (office_files.py) say them the same way."""
    rules = handbook.documents[handbook.main_document].rules

    def short(anchor: str) -> str:
        return anchor_citation(anchor, language)

    def full(anchor: str) -> str:
        return citation(rules.title[language], *anchor_numbers(anchor), language)

    def parts(duty, role_id: str) -> str:
        return logic.part_words(handbook, duty, role_id, language)

    def own_part(duty, role_id: str) -> str:
        return logic.own_part_words(handbook, duty, role_id, language)

    def timing(duty) -> str:
        return logic.timing_label(handbook, duty, language)

    def occurrences(duty) -> list[str]:
        """The labels of a duty's boxes a year where the Rules make it fall due more than once a
        year (每季度: 第一次 … 第四次); none where one box does."""
        count = duty.frequency.occurrences_a_year if duty.frequency else 1
        return [occurrence_label(n, language) for n in range(1, count + 1)] if count > 1 else []

    return {"short_citation": short, "full_citation": full, "parts": parts, "own_part": own_part, "timing": timing,
            "occurrences": occurrences,
            "timing_legend": logic.timing_legend(handbook, language)}


def _context(handbook: Handbook, language: str, page_url: str) -> dict:
    return {
        **page_context(handbook, language),
        **duty_wording(handbook, language),
        "article_3_note": partial(logic.article_3_note, handbook, language=language),
        "root": to_language_root(page_url, language),
        "document": handbook.documents[handbook.main_document],
        "role_of": handbook.role,
    }


def duty_matrix(handbook: Handbook, language: str, page_url: str) -> str:
    return render("duties.md.j2", groups=logic.duties_by_article(handbook),
                  accountability=handbook.duties.accountability, consequences=logic.consequences(handbook),
                  case_roles=logic.case_roles(handbook),
                  roles=handbook.roles.roles, work_parts=logic.WORK_PARTS, article_3=logic.ARTICLE_3,
                  **_context(handbook, language, page_url))


def upkeep_lines(handbook: Handbook, role_id: str, language: str) -> list[str]:
    """What the handbook asks of the role that keeps its local settings (calendar.yml `kept_by`,
    roster.yml `maintained_by`): not duties of the Rules. The page and the Word file say it."""
    lines = []
    if role_id == handbook.calendar.settings.kept_by:
        set_years = [str(year.year) for year in handbook.calendar.settings.years]
        lines.append(fill_in(handbook.label("upkeep-calendar", language),
                             years=list_separator(language).join(set_years)))
    if role_id == handbook.roster.maintained_by:
        lines.append(fill_in(handbook.label("upkeep-roster", language),
                             date=long_date(handbook.roster.last_change(), language)))
    return lines


def see_also_words(handbook: Handbook, role_id: str, language: str) -> str:
    """The role's see-also words as a reader reads them: “新媒体”“公众号”或“网络平台” /
    "new media", "official accounts" or "online platforms"."""
    words = [word[language] for word in handbook.role(role_id).see_also_words]
    if language == "zh":
        quoted = [f"“{word}”" for word in words]
        return "".join(quoted[:-1]) + ("或" if len(quoted) > 1 else "") + quoted[-1] if quoted else ""
    quoted = [f'"{word}"' for word in words]
    return ", ".join(quoted[:-1]) + (" or " if len(quoted) > 1 else "") + quoted[-1] if quoted else ""


def checklist(handbook: Handbook, language: str, page_url: str, canonical_url: str, role_id: str,
              subscribe: str = "") -> str:
    """`subscribe` is the role's rendered "subscribe to your calendar" block (calendar_pages)."""
    pdf = to_site_root(page_url, language) + checklist_pdf(role_id, language)
    word = to_site_root(page_url, language) + checklist_docx(role_id, language)
    inspection_form = to_site_root(page_url, language) + inspection_docx(role_id, language)
    duties = logic.role_duties(handbook, role_id)
    work_parts, article_3 = logic.parts_of(duties, role_id)
    upkeep = upkeep_lines(handbook, role_id, language)
    return render("checklist.md.j2", role=handbook.role(role_id), named_in=logic.clauses_naming(handbook, role_id),
                  pdf=pdf, word=word,
                  how_to_tell=handbook.onboarding.how_to_tell(role_id),
                  roster_group=next((group for group in handbook.roster.groups if group.role == role_id), None),
                  see_also=logic.clauses_using(handbook, role_id),
                  see_also_note=fill_in(handbook.label("see-also-clauses-note", language),
                                        words=see_also_words(handbook, role_id, language)),
                  inspection_form=inspection_form, subscribe=Markup(subscribe),
                  role_with_title=role_with_title, titled_document=titled_document,
                  duties=duties, cases=logic.role_cases(handbook, role_id), work_parts=work_parts, article_3=article_3,
                  upkeep=upkeep,
                  accountability=handbook.duties.accountability, consequences=logic.consequences(handbook),
                  page_address=canonical_url,
                  **_context(handbook, language, page_url))


def checklist_index(handbook: Handbook, language: str, page_url: str) -> str:
    counts = {role.id: len(logic.role_duties(handbook, role.id)) for role in handbook.roles.roles}
    return render("checklists.md.j2", roles=handbook.roles.roles, counts=counts, role_with_title=role_with_title,
                  **_context(handbook, language, page_url))


def onboarding(handbook: Handbook, language: str, page_url: str) -> str:
    guide = handbook.onboarding
    conditions = {c.role: c.when for c in guide.conditional_roles}
    role_ids = list(guide.roles) + list(conditions)

    def condition(duty):
        """The condition under which a duty applies: None when one of the core roles has it."""
        if any(logic.takes_part(duty, role_id) for role_id in guide.roles):
            return None
        return next(conditions[r] for r in conditions if logic.takes_part(duty, r))

    def doing(kind: Kind) -> list:
        return [duty for duty in handbook.duties.duties if duty.kind is kind
                and any(logic.does(duty, role_id) for role_id in role_ids)]

    frequency_order = list(Frequency)
    # an activity the Rules do not time but the calendar dates (the Cybersecurity Week) recurs at
    # the office's dates: with the recurring duties, after those the Rules time
    locally_dated = [duty for duty in doing(Kind.on_occurrence) if duty.dated_locally_only()]
    # the recurring duties the unit takes part in or is the subject of without doing them (its
    # annual inspection and appraisal): a new leader needs their dates too, with the unit's part
    own = doing(Kind.recurring)
    involved = [duty for duty in handbook.duties.duties if duty.kind is Kind.recurring and duty not in own
                and any(TAKING_PART & set(duty.parts(role_id)) for role_id in guide.roles)]
    recurring = sorted(own + involved, key=lambda duty: frequency_order.index(duty.frequency)) + locally_dated

    def involvement(duty) -> str:
        """'各级党组织：对象 · 执行方：…' for a duty the guide's roles only take part in or are the
        subject of (who carries it out, after all of them); '' otherwise."""
        if duty not in involved:
            return ""
        return note_separator(language).join(  # each role's parts are a "、" list
            handbook.role(role_id).name[language] + colon(language)
            + logic.part_words(handbook, duty, role_id, language)
            for role_id in guide.roles if logic.takes_part(duty, role_id)) + " · " + logic.carried_out_by(
            handbook, duty, language)
    def carried_elsewhere(duty) -> str:
        """'执行方：…' for a duty the guide's roles answer for but none of them, nor their bodies,
        carries out (the registration of official new media); '' otherwise."""
        if not logic.carriers(duty) or any(logic.carried_out_within(handbook, duty, r) for r in role_ids):
            return ""
        return logic.carried_out_by(handbook, duty, language)
    roster = handbook.roster
    contact = next(group for group in roster.groups if group.id == guide.contact_group)
    # A duty on the calendar falls due on the calendar's dates (local settings, or defaults where
    # the office has not yet set the year): its dates from the build date on, shown from there.
    calendar = handbook.calendar
    calendar_dates = {duty.id: [marked_span(handbook, o, language)
                                for o in entry_occurrences(calendar, calendar.entry(duty.calendar.id))
                                if o.start >= calendar.today]
                      for duty in recurring if duty.calendar}
    return render(
        "onboarding.md.j2", guide=guide, set_up=doing(Kind.set_up),
        day_one=[duty for duty in doing(Kind.on_occurrence) if duty not in locally_dated],
        recurring=recurring, condition=condition, conditions=conditions, involvement=involvement,
        carried_elsewhere=carried_elsewhere,
        # the guide's roles' own part is inferred, or the inference is about other roles only
        inference_label=lambda duty: ("duty-inference" if set(duty.inferred_for) & set(role_ids)
                                      else "duty-inference-other-roles"),
        checklist_roles=[handbook.role(role_id) for role_id in role_ids], role_as_qualified=role_as_qualified,
        # said once above the table: in each cell it buried the dates (a phone showed little else)
        first_due_note=fill_in(handbook.label("onboarding-first-due-calendar", language),
                                column=handbook.label("onboarding-first-due", language),
                                date=long_date(calendar.today, language)),
        levels={role_id: logic.article3_levels(handbook, role_id) for role_id in role_ids},
        contact=contact, current_holders=roster.current_holders, roster_notes=roster.notes, calendar_dates=calendar_dates,
        roster_date=roster_date(handbook, language, handbook.calendar.today),
        romanize=lambda name: romanize(name, roster.romanization_overrides),
        **_context(handbook, language, page_url))
