"""The self-inspection form of each role, for the annual appraisal Article 10 speaks of.

One row per duty the role takes part in (data order, the order of the text): the duty, its
citation and the anchor it links to, its frequency as the checklist shows it, and four columns
left empty for the unit to fill in (status, evidence, date, responsible person).

`inspection_rows` and `inspection_columns` are the form's one source: the page, the PDF printed
from it, the CSV and the Word version (another branch) all read them. Keep their shape stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from .duties import article_number, item_number, role_duties
from .handbook import Handbook
from .models.duties import Duty
from .text import short_citation

FOLDER = "self-inspection"  # /self-inspection/ and /self-inspection/<role-id>/ in each language

# The columns of the form, in order: the first three are filled from the data, the rest are
# left empty for the unit. Each key is also the interface label of the column's header.
FILLED_COLUMNS = ("inspection-duty", "inspection-citation", "inspection-frequency")
BLANK_COLUMNS = ("inspection-status", "inspection-evidence", "inspection-date", "inspection-responsible")
# The header block above the table (unit, year, who filled it in, signature and date).
HEADER_FIELDS = ("inspection-unit", "inspection-year", "inspection-filled-by", "inspection-signature-date")


@dataclass(frozen=True)
class InspectionRow:
    """One duty of the role, as the form lists it."""

    duty_id: str  # the duty's id in data/duties.yml (both languages share it)
    citation: str  # 第四条第（二）项 / Art. 4(2)
    anchor: str  # the Rules' anchor it links to, e.g. art-4-2 (/regulation/#art-4-2)
    duty: str  # the duty's text in the form's language
    frequency: str  # its frequency label, as the checklist shows it


@dataclass(frozen=True)
class InspectionColumn:
    """One column of the form: its key (an interface label), its header, and whether the unit
    fills it in (empty on the form)."""

    key: str
    header: str
    blank: bool


def timing_label(handbook: Handbook, duty: Duty, language: str) -> str:
    """How often a duty falls due, in the handbook's one frequency vocabulary: its frequency, or
    for a duty with none (set-up, ongoing, on occurrence) its kind. The checklist shows the same."""
    if duty.frequency is not None:
        return handbook.label(f"frequency-{duty.frequency.value}", language)
    return handbook.label(f"kind-{duty.kind.value}", language)


def inspection_rows(handbook: Handbook, role_id: str, language: str) -> list[InspectionRow]:
    """Every duty the role takes part in, in data order, as rows of its form."""
    return [InspectionRow(duty_id=duty.id,
                          citation=short_citation(article_number(duty.source), item_number(duty.source), language),
                          anchor=duty.source, duty=duty.text[language],
                          frequency=timing_label(handbook, duty, language))
            for duty in role_duties(handbook, role_id)]


def inspection_columns(handbook: Handbook, language: str) -> list[InspectionColumn]:
    """The form's columns in order, with their headers in `language`."""
    return [InspectionColumn(key, handbook.label(key, language), key in BLANK_COLUMNS)
            for key in FILLED_COLUMNS + BLANK_COLUMNS]


def header_fields(handbook: Handbook, language: str) -> list[tuple[str, str]]:
    """The header block's fields, (key, label), in order."""
    return [(key, handbook.label(key, language)) for key in HEADER_FIELDS]
