"""Who does what: every obligation of the Rules as a duty, and Article 8's cases: data/duties.yml."""

from __future__ import annotations

import datetime
from enum import Enum

from pydantic import Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from .common import DataModel, Id, NonEmptyText, Text


class Part(str, Enum):
    """How a role takes part in a duty. The first five are the division of work (the usual four,
    and `subject`: the duty is done to the role, which is inspected, reviewed, appraised, trained,
    managed or held accountable); the last four are the levels of responsibility in the text's own words
    (Article 3)."""

    carries_out = "carries-out"
    accountable = "accountable"
    consulted = "consulted"
    subject = "subject"
    informed = "informed"
    primary_responsibility = "primary-responsibility"  # 主体责任
    first_responsibility = "first-responsibility"  # 第一责任人
    main_leadership_responsibility = "main-leadership-responsibility"  # 主要领导责任
    important_leadership_responsibility = "important-leadership-responsibility"  # 重要领导责任


# The parts that make a role the one that answers for a duty: `accountable`, or the Article 3
# word for it, 主体责任 (the leadership team answers for its unit's work).
ACCOUNTABLE_PARTS = {Part.accountable, Part.primary_responsibility}
# The parts of a role that is in a duty without doing it or being told of it: the calendar lists
# it beside the owner ("Also") and the onboarding guide with the recurring work.
TAKING_PART = {Part.consulted, Part.subject}
# The parts that put a duty on a role's own to-do list.
DOING_PARTS = {Part.carries_out, Part.accountable, Part.primary_responsibility,
               Part.first_responsibility, Part.main_leadership_responsibility,
               Part.important_leadership_responsibility}


class Kind(str, Enum):
    set_up = "set-up"  # set up or improve a body, system or mechanism (成立、建立、建立健全、完善、加强…设置)
    recurring = "recurring"  # at a frequency the text sets (每年、每季度、每半年、定期 …)
    ongoing = "ongoing"  # continuous work with no set time
    on_occurrence = "on-occurrence"  # whenever the situation arises (及时、重大事件 …)


class Frequency(str, Enum):
    """How often the text says a duty recurs, in its own words; the handbook's ONE vocabulary of
    frequency (duties, calendar, checklists, onboarding, feeds). Most to least frequent."""

    quarterly = "quarterly"  # 每季度
    half_yearly = "half-yearly"  # 每半年
    twice_yearly = "twice-yearly"  # 每年两次
    yearly = "yearly"  # 每年、年度
    at_holidays = "at-holidays"  # 在节假日等重要节点
    regularly = "regularly"  # 定期
    occasionally = "occasionally"  # 不定期

    @property
    def words(self) -> str:
        """The Rules' words for it, as a pattern: a duty's quote must contain them."""
        return {"quarterly": "每季度", "half-yearly": "每半年", "twice-yearly": "每年两次",
                "yearly": "每年|年度", "at-holidays": "节假日", "regularly": "(?<!不)定期",
                "occasionally": "不定期"}[self.value]

    @property
    def months(self) -> int | None:
        """Months between two occurrences where the words fix it (每季度, 每半年, 每年); None
        where they give no interval (定期, 不定期; 每年两次 says how many, not when) or name
        occasions (节假日): the office sets the interval locally."""
        return {"quarterly": 3, "half-yearly": 6, "yearly": 12}.get(self.value)

    @property
    def times_a_year(self) -> int | None:
        """How many occurrences a year the words fix without fixing when (每年两次: 2)."""
        return {"twice-yearly": 2}.get(self.value)

    @property
    def occurrences_a_year(self) -> int:
        """How many times a year the words make it fall due (每季度 4, 每半年 and 每年两次 2,
        每年 1); 1 where they do not count (节假日, 定期, 不定期): a checklist gives a duty one box
        a year for each."""
        if self.months is not None:
            return 12 // self.months
        return self.times_a_year or 1


# Frequencies that can be put on a calendar without a trigger (不定期 cannot).
SCHEDULABLE = (Frequency.quarterly, Frequency.half_yearly, Frequency.twice_yearly, Frequency.yearly,
               Frequency.at_holidays, Frequency.regularly)


class CalendarTiming(DataModel):
    """How a duty appears on /calendar/ and in the feeds. The entry is derived from the duty (its
    source, quote, text, roles, frequency); only what the calendar adds is written here."""

    id: Id  # the entry's anchor (/calendar/#<id>) and feed UID: never rename (subscribers see duplicates)
    title: Text  # short, the feed's SUMMARY
    recipients: list[Id] = []  # who receives the report, only where the text names them
    trigger: Text | None = None  # a duty with no date: when it falls due


class _Inferred(DataModel):
    """A duty, or Article 8's cases: an `inference` and the roles it is about (`inferred_for`),
    which a subclass declares."""

    @model_validator(mode="after")
    def _inference_with_its_roles(self):
        if bool(self.inference) != bool(self.inferred_for):
            raise ValueError("an inference names the roles it is about in inferred_for, and only an inference "
                             "has inferred_for")
        return self

    def inference_label(self, role_id: str) -> str:
        """The interface label of the inference on a role's checklist or form: about the role's
        own part, or about other roles (the role's own part is then what the Rules say)."""
        return "duty-inference" if role_id in self.inferred_for else "duty-inference-other-roles"


class Duty(_Inferred):
    id: Id
    source: Id  # the article or item anchor it comes from, e.g. art-4-2
    quote: NonEmptyText  # the source's own words (Chinese, verbatim) this duty derives from
    text: Text  # a short imperative, faithful to the source
    # Where the duty says more than its quote (who does it, when the text names no one), what the
    # handbook infers and from where. Shown with the duty; required where the text names no role
    # that carries it out (the reference pass checks).
    inference: Text | None = None
    # The roles whose part in the duty the inference is about (every role that the clause does not
    # name must be one). A role's checklist and form show it as about this role's part, or else
    # as about other roles: the role's own part is then what the Rules say.
    inferred_for: list[Id] = []
    kind: Kind
    frequency: Frequency | None = None
    calendar: CalendarTiming | None = None  # its entry on /calendar/ and in the feeds, if it has one
    # role id -> its part, or several parts (e.g. [carries-out, first-responsibility])
    roles: dict[Id, Part | list[Part]] = Field(min_length=1)

    @model_validator(mode="after")
    def _frequency_only_when_recurring(self):
        if (self.kind is Kind.recurring) != (self.frequency is not None):
            raise ValueError("a recurring duty needs a frequency, and only a recurring duty has one")
        if self.calendar is not None:
            if self.calendar.trigger is not None and self.frequency in SCHEDULABLE:
                raise ValueError(f"a {self.frequency.value} duty has dates, not a trigger")
            if self.calendar.trigger is None and self.frequency is Frequency.occasionally:
                raise ValueError("an occasional duty on the calendar needs a trigger")
        return self

    def owner(self) -> str:
        """The role that carries it out: the first one with carries-out (the calendar's owner)."""
        return next((role for role in self.roles if Part.carries_out in self.parts(role)), next(iter(self.roles)))

    def participants(self) -> list[str]:
        """The roles that carry it out, are consulted or are subject to it besides its owner (the
        calendar's "Also"): the roles only informed are told of it, not in it."""
        owner = self.owner()
        return [role for role in self.roles
                if role != owner and ({Part.carries_out} | TAKING_PART) & set(self.parts(role))]

    def dated_locally_only(self) -> bool:
        """On the calendar at the office's dates though the Rules give it no frequency (the
        Cybersecurity Week): neither 'whenever the situation arises' nor a frequency of the Rules."""
        return self.frequency is None and self.calendar is not None and self.calendar.trigger is None

    def parts(self, role_id: str) -> list[Part]:
        value = self.roles.get(role_id, [])
        return value if isinstance(value, list) else [value]

    def accountable_roles(self) -> list[str]:
        return [role for role in self.roles if ACCOUNTABLE_PARTS & set(self.parts(role))]


class AccountabilityCase(DataModel):
    """One of Article 8's circumstances in which responsibility is pursued."""

    id: Id
    source: Id  # its item anchor, art-8-N
    roles: list[Id] = Field(min_length=1)  # the roles it can apply to
    # The circumstance in the Rules' own words, both languages: its item's text, which the loader
    # fills in (macros/handbook.py), so the words have one home and no second English rendering;
    # not for the data file, so not in its schema
    text: SkipJsonSchema[Text | None] = None

    @field_validator("text")
    @classmethod
    def _not_written_in_data(cls, value):
        if value is not None:
            raise ValueError("a case's text is its item's, in the Rules' words: leave `text` out")
        return value


class Accountability(_Inferred):
    source: Id  # the article that lists the cases (art-8); its text says what they can lead to
    # Where the handbook takes a case's roles from, for each role the article does not name
    inference: Text | None = None
    # The roles the inference is about (every case role the article does not name), as a duty's
    inferred_for: list[Id] = []
    cases: list[AccountabilityCase] = Field(min_length=1)


class Duties(DataModel):
    version: datetime.date  # the version of the document they follow (its effective date)
    duties: list[Duty] = Field(min_length=1)
    accountability: Accountability
