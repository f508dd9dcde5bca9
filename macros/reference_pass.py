"""The reference pass: what the models alone cannot check, across files (every id exists and
is unique, quotes are in their clause, the calendar's dates fit its duties, the terms hold).

Each check yields (source name, path inside the file, problem); `reference_problems` runs them
all in order. The loader (handbook.py) calls it once the models are read; this module needs
the loaded handbook only for its type, so the imports point one way: handbook -> here -> the
checks' own modules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterator

from .duties import anchor_texts, coverage_gaps, item_number
from .models.duties import Frequency, Part
from .names import ambiguous_surname
from .problems import repeated_values
from .schedule import invalid_days, local_interval
from .search import check_aliases, check_synonyms
from .source_text import source_nodes
from .terminology import check_terminology
from .versions import version_problems

if TYPE_CHECKING:
    from .handbook import Handbook

Problem = tuple[str, tuple, str]


def _part_of_chain_returns(roles, role_id: str) -> bool:
    """Whether following `part_of` from the role comes back to it (the checklists walk it)."""
    parent = {role.id: role.part_of for role in roles}
    seen, current = set(), parent.get(role_id)
    while current is not None and current not in seen:
        if current == role_id:
            return True
        seen.add(current)
        current = parent.get(current)
    return False


def check_roles(handbook: Handbook) -> Iterator[Problem]:
    roles = handbook.roles.roles
    for index, role_id in repeated_values(role.id for role in roles):
        yield "roles", ("roles", index, "id"), f"duplicate id '{role_id}'"
    known = {role.id for role in roles}
    anchors = set(handbook.documents[handbook.main_document].anchors())
    terms = {term.zh: term for term in handbook.glossary.terms}
    clause_texts = anchor_texts(handbook.documents[handbook.main_document])
    text = "".join(clause_texts.values())
    for index, role in enumerate(roles):
        if role.defined_in not in anchors:
            yield "roles", ("roles", index, "defined_in"), f"unknown article or item '{role.defined_in}'"
        if role.part_of is not None and role.part_of not in known:
            yield "roles", ("roles", index, "part_of"), f"unknown role '{role.part_of}'"
        elif _part_of_chain_returns(roles, role.id):
            yield "roles", ("roles", index, "part_of"), f"'{role.id}' is, through part_of, part of itself"
        for position, words in enumerate(role.also_named):
            if words not in text:
                yield "roles", ("roles", index, "also_named", position), f"'{words}' is not in the text of the Rules"
        if role.qualifier is not None and role.qualifier.zh + role.name.zh not in clause_texts.get(role.defined_in, ""):
            yield "roles", ("roles", index, "qualifier", "zh"), (
                f"{role.defined_in} does not say '{role.qualifier.zh}{role.name.zh}'")
        yield from _check_named_in(index, role, roles, clause_texts)
        term = terms.get(role.name.zh)
        if role.term is None and term is not None:
            yield "roles", ("roles", index, "name"), (
                f"'{role.name.zh}' is the glossary term '{term.id}': name the role by the term "
                f"(term: {term.id}) instead of writing its name again")


def _role_names(role) -> list[str]:
    return [role.name.zh, *role.also_named]


def _check_named_in(index: int, role, roles: list, clause_texts: dict[str, str]) -> Iterator[Problem]:
    """A role's "Named in" line says where the Rules name it, no more and no less: defined_in
    names it (where any clause does: 官方新媒体负责人 is the handbook's name, in no clause), each
    clause of also_named_in names it, in the document's order, and every clause that names it is
    listed. A name inside another role's longer name (校网络信息安全领导小组 inside its office's)
    does not count."""
    order = list(clause_texts)
    longer_names = sorted((other_name for other in roles if other.id != role.id for other_name in _role_names(other)
                           if any(name in other_name and name != other_name for name in _role_names(role))),
                          key=len, reverse=True)

    def name_in(anchor: str) -> str | None:
        """The role's name (or other word) the clause uses, if it names the role."""
        clause = clause_texts[anchor]
        for other_name in longer_names:
            clause = clause.replace(other_name, "\0")
        return next((name for name in _role_names(role) if _named_in(name, clause)), None)

    naming = [anchor for anchor in order if name_in(anchor)]
    if role.defined_in in clause_texts and naming and role.defined_in not in naming:
        yield "roles", ("roles", index, "defined_in"), f"{role.defined_in} does not name '{role.name.zh}'"
    accepted = []
    for position, anchor in enumerate(role.also_named_in):
        where = ("roles", index, "also_named_in", position)
        if anchor not in clause_texts:
            yield "roles", where, f"unknown article or item '{anchor}'"
        elif anchor == role.defined_in:
            yield "roles", where, f"'{anchor}' is the role's defined_in: also_named_in lists the other clauses"
        elif anchor in accepted:
            yield "roles", where, f"'{anchor}' is listed twice"
        elif not name_in(anchor):
            yield "roles", where, f"{anchor} does not name '{role.name.zh}'"
        elif accepted and order.index(anchor) < order.index(accepted[-1]):
            yield "roles", where, f"'{anchor}' comes before '{accepted[-1]}' in the Rules: list them in order"
        else:
            accepted.append(anchor)
    # Which clauses are missing is only clear once every listed one is right
    if role.defined_in in clause_texts and len(accepted) == len(role.also_named_in):
        missing = [anchor for anchor in naming if anchor != role.defined_in and anchor not in accepted]
        if missing:
            yield "roles", ("roles", index, "also_named_in"), (
                "; ".join(f"{anchor} names '{name_in(anchor)}'" for anchor in missing)
                + ": list every clause that names the role")


def check_glossary(handbook: Handbook) -> Iterator[Problem]:
    terms = handbook.glossary.terms
    for index, term_id in repeated_values(term.id for term in terms):
        yield "glossary", ("terms", index, "id"), f"duplicate id '{term_id}'"
    for index, zh in repeated_values(term.zh for term in terms):
        yield "glossary", ("terms", index, "zh"), f"duplicate term '{zh}'"
    anchors = {anchor for document in handbook.documents.values() for anchor in document.anchors()}
    for index, term in enumerate(terms):
        if term.see is not None and term.see not in anchors:
            yield "glossary", ("terms", index, "see"), f"unknown article or item '{term.see}'"


def check_roster(handbook: Handbook) -> Iterator[Problem]:
    roster = handbook.roster
    ids = [group.id for group in roster.groups] + [p.id for p in roster.positions()]
    for _, duplicate in repeated_values(ids):
        yield "roster", ("groups",), f"duplicate group or position id '{duplicate}'"
    for index, duplicate in repeated_values(note.id for note in roster.notes):
        yield "roster", ("notes", index, "id"), f"duplicate id '{duplicate}'"
    names = roster.names()
    for name in roster.romanization_overrides:
        if name not in names:
            yield "roster", ("romanization_overrides", name), f"'{name}' holds no position"
    for name in sorted(names):
        readings = ambiguous_surname(name)
        if readings and name not in roster.romanization_overrides:
            yield "roster", ("romanization_overrides",), (
                f"the surname of '{name}' is read {' or '.join(readings)}: give its romanisation here")
    role_ids = {role.id for role in handbook.roles.roles}
    if roster.maintained_by not in role_ids:
        yield "roster", ("maintained_by",), f"unknown role '{roster.maintained_by}'"
    listed = set()  # the roles whose members a group lists: one group each
    for index, group in enumerate(roster.groups):
        if group.role is None:
            continue
        if group.role not in role_ids:
            yield "roster", ("groups", index, "role"), f"unknown role '{group.role}'"
        elif group.role in listed:
            yield "roster", ("groups", index, "role"), f"an earlier group lists the members of role '{group.role}'"
        listed.add(group.role)
    yield from _check_successions(handbook)


def _check_successions(handbook: Handbook) -> Iterator[Problem]:
    """Each succession is dated after the list was published, in order, names a post, and
    names as leaving someone who held it then and as joining someone who did not."""
    roster = handbook.roster
    document = handbook.documents.get(handbook.main_document)
    published = document.notice.date if document else roster.as_of
    positions = {position.id: position for position in roster.positions()}
    previous = published
    for index, succession in enumerate(roster.successions):
        where = ("successions", index)
        if succession.date < previous:
            after = "the list was published" if previous == published else "the succession above it"
            yield "roster", (*where, "date"), f"{succession.date.isoformat()} is before {after} ({previous.isoformat()})"
            continue
        previous = succession.date
        position = positions.get(succession.position)
        if position is None:
            yield "roster", (*where, "position"), f"unknown position '{succession.position}'"
            continue
        before = roster.model_copy(update={"successions": roster.successions[:index]}).holders_on(position)
        if succession.leaves is not None and succession.leaves not in before:
            yield "roster", (*where, "leaves"), (
                f"'{succession.leaves}' does not hold {position.id} on {succession.date.isoformat()}")
        if succession.joins is not None and succession.joins in before:
            yield "roster", (*where, "joins"), (
                f"'{succession.joins}' already holds {position.id} on {succession.date.isoformat()}")


def check_errata(handbook: Handbook) -> Iterator[Problem]:
    nodes = dict(source_nodes(handbook, handbook.main_document))
    record = handbook.record_text(handbook.main_document)
    for index, duplicate in repeated_values(e.id for e in handbook.errata.errata):
        yield "errata", ("errata", index, "id"), f"duplicate id '{duplicate}'"
    for index, erratum in enumerate(handbook.errata.errata):
        if erratum.node not in nodes:
            yield "errata", ("errata", index, "node"), f"unknown text node '{erratum.node}'"
        elif erratum.repaired not in nodes[erratum.node]:
            yield "errata", ("errata", index, "repaired"), f"'{erratum.repaired}' is not in {erratum.node}"
        if erratum.original not in record:
            yield "errata", ("errata", index, "original"), "not found in the record"


def _version_name(document) -> str:
    return f"version of {document.current_version().effective.isoformat()}"


def _check_follows_current_version(handbook: Handbook, source_name: str, document_id: str,
                                   version) -> Iterator[Problem]:
    """Derived data names the version it follows; after an amendment the editor checks it
    against the changed clauses and names the new version."""
    document = handbook.documents.get(document_id)
    if document is None:
        return
    versions = {v.effective: v for v in document.all_versions()}
    current = document.current_version()
    if version not in versions:
        known = ", ".join(date.isoformat() for date in versions)
        yield source_name, ("version",), f"'{version.isoformat()}' is not a version of {document_id} (versions: {known})"
    elif version != current.effective:
        later = [v for v in document.all_versions() if v.effective > version]
        changed = ", ".join(dict.fromkeys(a.clause for v in later for a in v.amended))
        yield source_name, ("version",), (
            f"follows the version of {version.isoformat()}, but {document_id} was amended since "
            f"(changed: {changed}); check against the current text, then set "
            f"version: {current.effective.isoformat()}")


# Section ids of /calendar/; entry ids are anchors on the same page and must not clash with them.
CALENDAR_PAGE_IDS = ("calendar", "subscribe", "entries", "local-settings", "months", "roles", "event-driven")


def _check_calendar_timing(index: int, duty, role_names: dict[str, str]) -> Iterator[Problem]:
    """A duty's `calendar` block: a free anchor, known roles that take part in the duty, and
    recipients the quote names (or the duty's `inference` accounts for)."""
    where = ("duties", index, "calendar")
    timing = duty.calendar
    if timing.id in CALENDAR_PAGE_IDS or timing.id.startswith(("month-", "role-", "feed-")):
        yield "duties", (*where, "id"), f"'{timing.id}' is reserved for a section of the calendar page"
    if not any(Part.carries_out in duty.parts(role) for role in duty.roles):
        yield "duties", (*where,), "a duty on the calendar needs a role that carries it out (its owner)"
    for position, role_id in enumerate(timing.recipients):
        if role_id not in role_names:
            yield "duties", (*where, "recipients", position), f"unknown role '{role_id}'"
        elif role_id not in duty.roles:
            yield "duties", (*where, "recipients", position), f"'{role_id}' takes no part in the duty (roles)"
    # A recipient is part of what the calendar presents as the Rules: the quote names it, or the
    # duty says in `inference` where the handbook takes it from.
    for position, role_id in enumerate(timing.recipients):
        if role_id in role_names and not _named_in(role_names[role_id], duty.quote) and not (
                duty.inference and _named_in(role_names[role_id], duty.inference.zh)):
            yield "duties", (*where, "recipients", position), (
                f"the quote does not name '{role_names[role_id]}' as receiving this: quote the words "
                "that do, or say in `inference` where the handbook takes it from (naming it)")


# Words of time, manner and obligation a derived text may only use where its clause does: a
# duty, calendar title or trigger must not make the Rules stricter than they are ("without
# delay", "before it goes live"). Chinese words must occur in the clause; an English word needs
# one of its Chinese counterparts there.
QUALIFIERS_ZH = ("及时", "立即", "尽快", "第一时间", "开通前", "上线前", "事先", "必须",
                 "每年", "每季度", "每半年", "两次", "定期")
QUALIFIERS_EN = {
    r"\b(promptly|without delay|in time|timely|immediately|at once)\b": ("及时", "立即"),
    r"\b(before|in advance|beforehand)\b": ("前", "事先"),
    r"\bmust\b": ("必须", "应当", "要"),
}


def _unsupported_qualifiers(text, clause: str) -> Iterator[str]:
    for word in QUALIFIERS_ZH:
        if word in text.zh and word not in clause:
            yield f"zh says '{word}', which the cited text does not"
    for pattern, counterparts in QUALIFIERS_EN.items():
        found = re.search(pattern, text.en, re.IGNORECASE)
        if found and not any(word in clause for word in counterparts):
            yield f"en says '{found.group(0)}', which the cited text does not"


# The parts a clause must name its role for (in this order), and how the error says it
ROLE_PART_WORDS = {Part.carries_out: "as doing this", Part.accountable: "as answering for this",
                   Part.consulted: "as taking part in this", Part.subject: "as subject to this",
                   Part.informed: "as receiving this"}


def _named_in(name: str, text: str) -> bool:
    """Whether the text names a role (其它 and 其他 are the same word)."""
    return name.replace("其它", "其他") in text.replace("其它", "其他")


def check_duties(handbook: Handbook) -> Iterator[Problem]:
    """Every duty cites an existing anchor with its own words, names known roles, has exactly one
    accountable role; every case is an item of Article 8; the text is covered (see duties.py)."""
    data = handbook.duties
    document = handbook.documents[handbook.main_document]
    texts = anchor_texts(document)

    def article_text(anchor: str) -> str:  # an item's actor is often in its article's opening words
        return document.article(int(anchor.split("-")[1])).text.zh
    roles = {role.id for role in handbook.roles.roles}
    for index, duplicate in repeated_values(duty.id for duty in data.duties):
        yield "duties", ("duties", index, "id"), f"duplicate id '{duplicate}'"
    timed = [(index, duty) for index, duty in enumerate(data.duties) if duty.calendar]
    for position, duplicate in repeated_values(duty.calendar.id for _, duty in timed):
        yield "duties", ("duties", timed[position][0], "calendar", "id"), f"duplicate calendar id '{duplicate}'"
    for index, duty in timed:
        yield from _check_calendar_timing(index, duty, {role.id: role.name.zh for role in handbook.roles.roles})
    for index, duty in enumerate(data.duties):
        if duty.source not in texts:
            yield "duties", ("duties", index, "source"), f"unknown article or item '{duty.source}'"
        elif duty.quote not in texts[duty.source]:
            yield "duties", ("duties", index, "quote"), (
                f"duty '{duty.id}': not found in the current text of {duty.source} "
                f"({_version_name(document)})")
        else:
            if duty.frequency and not re.search(duty.frequency.words, duty.quote):
                yield "duties", ("duties", index, "frequency"), (
                    f"{duty.frequency.value} is not what the quote says: it needs the Rules' words "
                    f"for it ({duty.frequency.words.replace('(?<!不)', '')}) in the quote")
            derived = {("text",): duty.text}
            if duty.calendar:
                derived[("calendar", "title")] = duty.calendar.title
                if duty.calendar.trigger:
                    derived[("calendar", "trigger")] = duty.calendar.trigger
            for path, text in derived.items():
                for problem in _unsupported_qualifiers(text, texts[duty.source]):
                    yield "duties", ("duties", index, *path), f"{problem} ({duty.source})"
        for position, role_id in enumerate(duty.inferred_for):
            # (an unknown role in `roles` is reported below, and is likely the one meant here)
            if role_id not in duty.roles and set(duty.roles) <= roles:
                yield "duties", ("duties", index, "inferred_for", position), (
                    f"'{role_id}' takes no part in the duty (roles)")
        for role_id in duty.roles:
            if role_id not in roles:
                yield "duties", ("duties", index, "roles", role_id), f"unknown role '{role_id}'"
            # How a role takes part is what the matrix presents as the Rules: its clause (or the
            # article's opening words) names it, or the duty says in `inference` where the handbook
            # takes it from. Article 3's levels are the exception: Article 4's duties carry them.
            elif duty.source in texts:
                role = handbook.role(role_id)
                clause = texts[duty.source] + article_text(duty.source)
                names = (role.name.zh, *role.also_named)
                how = next((words for part, words in ROLE_PART_WORDS.items() if part in duty.parts(role_id)), None)
                # An inference accounts for the roles it names, not for every role of the duty
                named = any(_named_in(name, clause) for name in names)
                if how and not named and not (
                        duty.inference and any(_named_in(name, duty.inference.zh) for name in names)):
                    yield "duties", ("duties", index, "roles", role_id), (
                        f"{duty.source} does not name '{role.name.zh}' {how}: "
                        "say in `inference` where the handbook takes it from (naming it)")
                elif how and not named and role_id not in duty.inferred_for:
                    yield "duties", ("duties", index, "inferred_for"), (
                        f"{duty.source} does not name '{role.name.zh}' {how}: the inference is about "
                        f"its part, so inferred_for lists '{role_id}'")
        accountable = duty.accountable_roles()
        if len(accountable) != 1:
            found = ", ".join(accountable) or "none"
            yield "duties", ("duties", index, "roles"), (
                f"needs exactly one accountable role (accountable or primary-responsibility); found {found}")
    cases = data.accountability
    if cases.source not in texts:
        yield "duties", ("accountability", "source"), f"unknown article or item '{cases.source}'"
    elif item_number(cases.source) is not None:  # its opening text is shown as the consequences
        yield "duties", ("accountability", "source"), f"'{cases.source}' is an item: name the article (art-N)"
    for index, duplicate in repeated_values(case.id for case in cases.cases):
        yield "duties", ("accountability", "cases", index, "id"), f"duplicate id '{duplicate}'"
    for index, case in enumerate(cases.cases):
        if case.source not in texts or not case.source.startswith(cases.source + "-"):
            yield "duties", ("accountability", "cases", index, "source"), (
                f"'{case.source}' is not an item of {cases.source}")
        for position, role_id in enumerate(case.roles):
            if role_id not in roles:
                yield "duties", ("accountability", "cases", index, "roles", position), f"unknown role '{role_id}'"
                continue
            # A role the article does not name is there by the handbook's inference, which names it
            role = handbook.role(role_id)
            names = (role.name.zh, *role.also_named)
            named = any(_named_in(name, texts.get(cases.source, "")) for name in names)
            if not named and not (cases.inference and any(_named_in(name, cases.inference.zh) for name in names)):
                yield "duties", ("accountability", "cases", index, "roles", position), (
                    f"{cases.source} does not name '{role.name.zh}': "
                    "say in accountability.inference where the handbook takes it from (naming it)")
            elif not named and role_id not in cases.inferred_for:
                yield "duties", ("accountability", "inferred_for"), (
                    f"{cases.source} does not name '{role.name.zh}': the inference is about it, so "
                    f"inferred_for lists '{role_id}'")
    case_roles = {role_id for case in cases.cases for role_id in case.roles}
    for position, role_id in enumerate(cases.inferred_for):
        if role_id not in case_roles:
            yield "duties", ("accountability", "inferred_for", position), f"'{role_id}' is the role of no case"
    for gap in coverage_gaps(handbook, handbook.main_document):
        yield "duties", ("duties",), f"not covered: {gap}"
    yield from _check_follows_current_version(handbook, "duties", handbook.main_document, data.version)


# The articles whose text is divided into obligations in data/obligations.yml (with their items).
OBLIGATION_ARTICLES = (3, 4, 5, 6, 7, 9, 10)
_PUNCTUATION = "，。；：、“”（）《》 "


def uncovered_text(handbook: Handbook) -> list[str]:
    """Runs of an operative clause's words that no obligation quotes, as 'art-N: 'words''."""
    texts = anchor_texts(handbook.documents[handbook.main_document])
    quotes: dict[str, list[str]] = {}
    for obligation in handbook.obligations.obligations:
        quotes.setdefault(obligation.source, []).append(obligation.quote)
    gaps = []
    for anchor, text in texts.items():
        if int(anchor.split("-")[1]) not in OBLIGATION_ARTICLES:
            continue
        covered = [False] * len(text)
        for quote in quotes.get(anchor, []):
            start = text.find(quote)
            while start != -1:
                covered[start:start + len(quote)] = [True] * len(quote)
                start = text.find(quote, start + 1)
        run = ""
        for char, done in zip(text + "。", covered + [True]):
            if not done and char not in _PUNCTUATION:
                run += char
            elif run:
                gaps.append(f"{anchor}: '{run}'")
                run = ""
    return gaps


def _says(duty, quote: str) -> bool:
    """Whether a duty's Chinese text or quote has the words of `quote` (punctuation aside)."""
    def words(text: str) -> str:
        # punctuation and spacing a duty's text may set differently from its clause
        return "".join(char for char in text if char not in _PUNCTUATION and not char.isspace()).replace("其它", "其他")
    return words(quote) in words(duty.text.zh) or words(quote) in words(duty.quote)


def check_obligations(handbook: Handbook) -> Iterator[Problem]:
    """Each obligation quotes its clause and is covered by a duty citing that clause (or says why
    not); together they quote every word of the operative articles."""
    texts = anchor_texts(handbook.documents[handbook.main_document])
    duties = {duty.id: duty for duty in handbook.duties.duties}
    obligations = handbook.obligations.obligations
    for index, duplicate in repeated_values(o.id for o in obligations):
        yield "obligations", ("obligations", index, "id"), f"duplicate id '{duplicate}'"
    # Words a clause says twice are told apart by quoting more of them: the same quote twice
    # cannot say which occurrence each obligation (and its duty) is.
    for index, (source, quote) in repeated_values((o.source, o.quote) for o in obligations):
        yield "obligations", ("obligations", index, "quote"), f"quoted twice from {source}: quote more of its words"
    for index, obligation in enumerate(obligations):
        where = ("obligations", index)
        if obligation.source not in texts:
            yield "obligations", (*where, "source"), f"unknown article or item '{obligation.source}'"
        elif obligation.quote not in texts[obligation.source]:
            yield "obligations", (*where, "quote"), f"not found in the text of {obligation.source}"
        elif texts[obligation.source].count(obligation.quote) > 1:
            yield "obligations", (*where, "quote"), (
                f"said more than once in {obligation.source}: quote more of its words")
        elif (wider := next((other.id for other in obligations if other.source == obligation.source
                             and other.quote != obligation.quote and obligation.quote in other.quote), None)):
            # the same words would count as two obligations
            yield "obligations", (*where, "quote"), f"already quoted by {wider}"
        if obligation.duty is not None and obligation.duty not in duties:
            yield "obligations", (*where, "duty"), f"unknown duty '{obligation.duty}'"
        elif obligation.duty is not None and duties[obligation.duty].source != obligation.source:
            yield "obligations", (*where, "duty"), (
                f"'{obligation.duty}' cites {duties[obligation.duty].source}, not {obligation.source}")
        elif obligation.duty is not None and not _says(duties[obligation.duty], obligation.quote):
            # A duty that drops an obligation's words (a verb, a qualifier) says less than the Rules
            yield "obligations", (*where, "duty"), (
                f"'{obligation.duty}' does not say '{obligation.quote}' in its Chinese text or quote")
    gaps = uncovered_text(handbook)
    if gaps:  # every one of them, in one line
        yield "obligations", ("obligations",), "no obligation quotes " + "; ".join(gaps)


def check_onboarding(handbook: Handbook) -> Iterator[Problem]:
    onboarding = handbook.onboarding
    anchors = set(handbook.documents[handbook.main_document].anchors())
    roles = {role.id for role in handbook.roles.roles}
    for index, role_id in enumerate(onboarding.roles):
        if role_id not in roles:
            yield "onboarding", ("roles", index), f"unknown role '{role_id}'"
    for index, conditional in enumerate(onboarding.conditional_roles):
        if conditional.role not in roles:
            yield "onboarding", ("conditional_roles", index, "role"), f"unknown role '{conditional.role}'"
    for index, reading in enumerate(onboarding.read):
        if reading.anchor not in anchors:
            yield "onboarding", ("read", index, "anchor"), f"unknown article or item '{reading.anchor}'"
    if onboarding.contact_group not in {group.id for group in handbook.roster.groups}:
        yield "onboarding", ("contact_group",), f"unknown roster group '{onboarding.contact_group}'"
    # first_due is for recurring duties off the calendar; those on it show the calendar's dates.
    off_calendar = {d.frequency for d in handbook.duties.duties if d.frequency and not d.calendar}
    for frequency in sorted(off_calendar - set(onboarding.first_due), key=list(off_calendar).index):
        yield "onboarding", ("first_due",), (
            f"no entry for '{frequency.value}', the frequency of a duty not on the calendar")
    for frequency in onboarding.first_due:
        if frequency not in off_calendar:
            yield "onboarding", ("first_due", frequency.value), (
                "every such duty is on the calendar, whose dates the guide shows: remove this entry")


def check_calendar(handbook: Handbook) -> Iterator[Problem]:
    """data/calendar.yml: each year's local dates, for the entries the duties put on the calendar."""
    settings = handbook.calendar_settings
    roles = {role.id for role in handbook.roles.roles}
    if settings.kept_by not in roles:
        yield "calendar_settings", ("kept_by",), f"unknown role '{settings.kept_by}'"
    for index, year in repeated_values(year.year for year in settings.years):
        yield "calendar_settings", ("years", index, "year"), f"{year} is set twice: one entry per year"
    entries = {entry.id: entry for entry in handbook.calendar.entries}
    intervals: dict[str, int] = {}  # calendar id -> every_months of the first year that sets it
    for index, year_settings in enumerate(settings.years):
        yield from _check_year(year_settings, ("years", index), entries, roles, intervals)
    # A report N days after a period ends is for that period (macros/schedule.py): a year's first
    # one is for the year before's last period. Two years in a row dating an entry in different
    # ways would date that period twice (month and day, then days after) or not at all.
    by_year = {year_settings.year: year_settings for year_settings in settings.years}
    for index, year_settings in enumerate(settings.years):
        before = by_year.get(year_settings.year - 1)
        for entry_id, due in year_settings.due.items():
            if before is None or entry_id not in before.due:
                continue
            if bool(due.days_after_period_end) != bool(before.due[entry_id].days_after_period_end):
                field = "days_after_period_end" if due.days_after_period_end else "month"
                twice_or_never = "twice" if due.days_after_period_end else "not at all"
                yield "calendar_settings", ("years", index, "due", entry_id, field), (
                    f"{before.year} and {year_settings.year} date it in different ways (days after the period, "
                    f"month and day), so the report on the last period of {before.year} would be dated "
                    f"{twice_or_never}: set both years the same way")


def _check_year(settings, at: tuple, entries: dict, roles: set[str], intervals: dict[str, int]) -> Iterator[Problem]:
    """One year's settings (`at`: its path in the file)."""
    year = settings.year
    if settings.set_by is not None and settings.set_by not in roles:
        yield "calendar_settings", (*at, "set_by"), f"unknown role '{settings.set_by}'"
    for entry_id, due in settings.due.items():
        where = (*at, "due", entry_id)
        entry = entries.get(entry_id)
        if entry is None:
            yield "calendar_settings", where, f"unknown calendar id '{entry_id}' (no duty in data/duties.yml has it)"
            continue
        if not entry.recurring:
            kind = "an event-driven" if not entry.dated else "an at-holidays"
            yield "calendar_settings", where, f"'{entry_id}' is {kind} duty: it has no date to set here"
            continue
        if due.days_after_period_end and entry.frequency not in (Frequency.quarterly, Frequency.half_yearly):
            yield "calendar_settings", (*where, "days_after_period_end"), "only for quarterly or half-yearly duties"
        if (due.every_months is None) == local_interval(entry):
            yield "calendar_settings", (*where, "every_months"), (
                "required where the Rules fix no interval (regularly, twice a year, or no frequency), and only there")
            continue
        # 每年两次 fixes how many times a year, not when: the local interval must give that many
        times = entry.frequency and entry.frequency.times_a_year
        if times and due.every_months * times != 12:
            yield "calendar_settings", (*where, "every_months"), (
                f"{due.every_months} gives {12 // due.every_months} dates a year; the Rules say "
                f"{times} ({entry.frequency.value}): set {12 // times}")
        # One recurring event per duty in the feeds: a year may move the dates, not the interval.
        if due.every_months is not None and intervals.setdefault(entry_id, due.every_months) != due.every_months:
            yield "calendar_settings", (*where, "every_months"), (
                f"{due.every_months} differs from {intervals[entry_id]} set for another year: "
                "the interval is the same in every year")
        for month in invalid_days(year, entry, due):
            yield "calendar_settings", (*where, "day"), (
                f"month {month} of {year} has no day {due.day} (for the last day of each month, write day: last)")
    for entry in entries.values():
        if entry.recurring and entry.id not in settings.due and entry.frequency is None:
            yield "calendar_settings", (*at, "due"), (
                f"no date for '{entry.id}', whose duty has neither a frequency nor a trigger: "
                f"add due.{entry.id} with every_months, or a trigger in data/duties.yml")
        elif entry.recurring and entry.id not in settings.due:
            yield "calendar_settings", (*at, "due"), (
                f"no date for '{entry.id}' (a dated duty of data/duties.yml): add due.{entry.id}")
        if entry.at_key_dates and not settings.key_dates:
            yield "calendar_settings", (*at, "key_dates"), f"'{entry.id}' falls on the key dates: list them"
    for index, key_id in repeated_values(key.id for key in settings.key_dates):
        yield "calendar_settings", (*at, "key_dates", index, "id"), f"duplicate id '{key_id}'"
    for index, key in enumerate(settings.key_dates):
        if key.date.year != year:
            yield "calendar_settings", (*at, "key_dates", index, "date"), f"{key.date.isoformat()} is not in {year}"

REFERENCE_CHECKS: list[Callable[[Handbook], Iterator[Problem]]] = [  # in this order
    version_problems,
    check_roles,
    check_glossary,
    check_roster,
    check_errata,
    check_aliases,
    check_synonyms,
    check_duties,
    check_calendar,  # after the duties: its entries come from them
    check_obligations,
    check_onboarding,
    check_terminology,  # last: a term check reads best once every reference holds
]


def reference_problems(handbook: Handbook) -> Iterator[Problem]:
    """Every problem of every check, in the order of REFERENCE_CHECKS."""
    for check in REFERENCE_CHECKS:
        yield from check(handbook)
