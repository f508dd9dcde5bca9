"""The roster over time: who held each post (the published list, then each succession), the
roster's date and whether it is stale, and a succession in words. Shown on /roster/, on the
onboarding guide's contact list and in the changes feed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .handbook import Handbook
from .models.roster import Position
from .names import romanize
from .text import fill_in


@dataclass(frozen=True)
class Tenure:
    name: str
    start: datetime.date
    end: datetime.date | None  # None: holds the post now


def history(handbook: Handbook, position: Position) -> list[Tenure]:
    """Everyone who held a post, with dates: the published holders from the list's date, then
    each succession in order."""
    roster = handbook.roster
    published = handbook.documents[handbook.main_document].notice.date
    tenures = [Tenure(name, published, None) for name in position.holders]
    for succession in roster.successions:
        if succession.position != position.id:
            continue
        if succession.leaves is not None:
            place = next(i for i, t in enumerate(tenures) if t.name == succession.leaves and t.end is None)
            tenures[place] = Tenure(succession.leaves, tenures[place].start, succession.date)
        if succession.joins is not None:
            tenures.append(Tenure(succession.joins, succession.date, None))
    return tenures


def whole_years_passed(since: datetime.date, today: datetime.date) -> int:
    """The whole years of which more than all have passed since `since`: 2018-11-08 to 2026-11-08,
    7 (eight exactly, not more); to 2026-11-09, 8. By month and day, so 29 February needs no
    stand-in day."""
    return today.year - since.year - ((today.month, today.day) <= (since.month, since.day))


def roster_date(handbook: Handbook, language: str, today: datetime.date) -> dict:
    """The roster's date, whether it is stale, and the warning that says so, with how long it has
    gone without an update (roster_date.html.j2)."""
    office = handbook.role(handbook.roster.maintained_by).name[language]
    years = whole_years_passed(handbook.roster.last_change(), today)
    age = (handbook.label("roster-age-one-year", language) if years == 1
           else fill_in(handbook.label("roster-age-years", language), n=years))
    return {"date": handbook.roster.last_change(), "stale": roster_is_stale(handbook, today),
            "stale_text": fill_in(handbook.label("roster-stale", language), office=office, years=age)}


def roster_is_stale(handbook: Handbook, today: datetime.date) -> bool:
    """More than a year since the roster was last confirmed or changed."""
    return whole_years_passed(handbook.roster.last_change(), today) >= 1


def roster_change_text(handbook: Handbook, language: str, succession) -> str:
    overrides = handbook.roster.romanization_overrides

    def name(chinese: str | None) -> str:
        if chinese is None or language == "zh":
            return chinese or ""
        return f"{romanize(chinese, overrides)} ({chinese})"

    position = next(p for p in handbook.roster.positions() if p.id == succession.position)
    key = ("roster-change-succeeds" if succession.leaves and succession.joins
           else "roster-change-leaves" if succession.leaves else "roster-change-joins")
    return fill_in(handbook.label(key, language), position=position.title[language],
                   leaves=name(succession.leaves), joins=name(succession.joins))
