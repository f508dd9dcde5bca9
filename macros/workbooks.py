"""Excel workbooks (.xlsx) of the calendar and of the duty matrix, one per language.

Every sheet has a frozen header row, a filter on every column, wrapped text, and columns as wide
as their text (a Chinese character counts as two). Dates are Excel dates, not text.

- The calendar is the calendar CSV's own table (feeds.csv_bytes, read back and typed): whatever
  the CSV holds, the workbook holds, with the same columns saying the dates are local settings.
  Sheets: all entries; by role (each role's CSV rows under its name, to filter on); notes.
- The duty matrix is /duties/: every duty (in the page's article order) with each role's part,
  and a flat list, one row per duty and role; Article 8's cases on a sheet of their own.

The bytes are not yet reproducible; office_files.py fixes the zip's timestamps.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from functools import partial

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from . import duties as logic
from . import feeds, status
from .duty_pages import duty_wording
from .handbook import Handbook
from .text import colon, fill_in, in_brackets, list_separator

DATE_FORMAT = "yyyy-mm-dd"
MIN_WIDTH, MAX_WIDTH = 6, 60  # in Excel's character widths
HEADER_WIDTH = 20
DATE_COLUMNS = ("calendar-date", "calendar-end-date")
WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


def display_width(text: str) -> int:
    """How many Latin character widths a line takes: a wide (CJK) character counts as two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_width(header: str, values: list) -> float:
    """Wide enough for the column's longest line, within MIN_WIDTH..MAX_WIDTH (longer wraps); a
    long header (a role's name over a column of "Carries out") wraps beyond HEADER_WIDTH."""
    widest = max((display_width(line) for value in values if value is not None
                  for line in (value.isoformat() if isinstance(value, datetime.date) else str(value)).split("\n")),
                 default=0)
    widest = max(widest, min(display_width(header), HEADER_WIDTH))
    return min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)


# Excel refuses these in a sheet name (and a name over 31 characters): the labels are data.
_NOT_IN_SHEET_NAMES = re.compile(r"[\\/?*:\[\]]")


def sheet_name(title: str) -> str:
    """A label as a sheet name Excel accepts: forbidden characters become '_', cut at 31."""
    return _NOT_IN_SHEET_NAMES.sub("_", title)[:31].strip("'") or "_"


def add_sheet(workbook: Workbook, title: str, header: list[str], rows: list[list]) -> None:
    """One view: header row frozen and filtered, text wrapped, dates as dates."""
    sheet = workbook.create_sheet(sheet_name(title))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = WRAP
            if isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
    for index, (name, *column) in enumerate(zip(header, *rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(name, column)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def save(workbook: Workbook, title: str, created: datetime.date) -> bytes:
    properties = workbook.properties
    properties.title = title
    properties.creator = ""
    properties.lastModifiedBy = ""
    properties.created = datetime.datetime.combine(created, datetime.time())
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- The calendar -----------------------------------------------------------------------------

def calendar_table(handbook: Handbook, language: str, site_url: str,
                   role_id: str | None = None) -> tuple[list[str], list[list]]:
    """The calendar CSV (all entries, or one role's) as header and rows, its dates as dates."""
    text = feeds.csv_bytes(handbook, language, site_url, role_id).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text))
    date_columns = [header.index(handbook.label(key, language)) for key in DATE_COLUMNS]
    for row in rows:
        for index in date_columns:
            row[index] = datetime.date.fromisoformat(row[index]) if row[index] else None
    return header, rows


def calendar_workbook(handbook: Handbook, language: str, site_url: str) -> bytes:
    label = partial(handbook.label, language=language)
    workbook = new_workbook()
    header, rows = calendar_table(handbook, language, site_url)
    add_sheet(workbook, label("calendar-all"), header, rows)
    by_role, role_header = [], header
    for role_id in feeds.feed_role_ids(handbook):
        role = feeds.role_name(handbook, role_id, language)
        role_header, rows = calendar_table(handbook, language, site_url, role_id)  # with the role's part
        by_role += [[role, *row] for row in rows]
    add_sheet(workbook, label("calendar-by-role"), [label("checklist-role"), *role_header], by_role)
    # Each covered year says who set its dates and when, or that they are not yet set (as the page does).
    notes = [[feeds.local_note(handbook, language)],
             *[[feeds.year_status(handbook, year, language)] for year in handbook.calendar.years],
             [fill_in(label("workbook-event-driven-note"), matrix=feeds.duty_matrix_url(site_url))]]
    translation = status.translation_sentence(handbook, language)
    if translation:
        notes.append([translation])
    # The notes mix the office's settings with the handbook's default dates: headed "notes", not
    # "local settings".
    add_sheet(workbook, label("workbook-notes"), [label("workbook-notes")], notes)
    return save(workbook, label("calendar"), feeds.stamp(handbook).date())


# --- The duty matrix --------------------------------------------------------------------------

def matrix_duties(handbook: Handbook) -> list:
    """The duties in the order /duties/ shows them: by article."""
    return [duty for group in logic.duties_by_article(handbook) for duty in group.duties]


def duties_workbook(handbook: Handbook, language: str, created: datetime.date) -> bytes:
    label = partial(handbook.label, language=language)
    wording = duty_wording(handbook, language)
    roles = handbook.roles.roles
    duties = matrix_duties(handbook)
    workbook = new_workbook()

    head = [label("calendar-id"), label("checklist-source"), label("duty"), label("duty-inference"),
            label("checklist-timing")]
    add_sheet(workbook, label("workbook-matrix"), head + [role.name[language] for role in roles], [
        [duty.id, wording["short_citation"](duty.source), duty.text[language],
         duty.inference[language] if duty.inference else "", wording["timing"](duty)]
        + [wording["parts"](duty, role.id) for role in roles]
        for duty in duties])

    def inference_for(duty, role_id: str) -> str:
        """The inference on a role's row; one about other roles says so, as the role's checklist does."""
        if not duty.inference:
            return ""
        if role_id in duty.inferred_for:
            return duty.inference[language]
        return label("duty-inference-other-roles") + colon(language) + duty.inference[language]

    add_sheet(workbook, label("workbook-duty-roles"),
              [label("calendar-id"), label("checklist-source"), label("duty"), label("checklist-role"),
               label("duty-part"), label("checklist-timing"), label("duty-inference")],
              [[duty.id, wording["short_citation"](duty.source), duty.text[language], handbook.role(role_id).name[language],
                wording["parts"](duty, role_id), wording["timing"](duty), inference_for(duty, role_id)]
               for duty in duties for role_id in [role.id for role in roles if role.id in duty.roles]])

    # Article 8's opening words (what the cases lead to) and the handbook's inference come first,
    # as on the page, with no id of their own
    accountability = handbook.duties.accountability
    lead = [["", wording["short_citation"](accountability.source), logic.consequences(handbook)[language]]]
    if accountability.inference:
        lead.append(["", "", label("duty-inference") + colon(language)
                     + accountability.inference[language]])
    add_sheet(workbook, label("workbook-cases"),
              [label("calendar-id"), label("checklist-source"), label("accountability-cases"),
               *[role.name[language] for role in logic.case_roles(handbook)]],
              [*lead, *[[case.id, wording["short_citation"](case.source), case.text[language],
                         *[label("may-be-held-responsible") if role.id in case.roles else ""
                           for role in logic.case_roles(handbook)]]
                        for case in accountability.cases]])
    # The matrix page's legend: what each part means (执行, 负责 … are the handbook's division of
    # work; only Article 3's levels are the Rules' words), what 适用 means, what the timing is
    sep = colon(language)
    notes = [[label("duties-legend")]]
    notes += [[label(f"part-{part.value}") + sep + label(f"part-{part.value}-note")] for part in logic.WORK_PARTS]
    notes.append([list_separator(language).join(label(f"part-{part.value}") for part in logic.ARTICLE_3)
                  + sep + logic.article_3_note(handbook, logic.ARTICLE_3, language)
                  + in_brackets(wording["short_citation"]("art-3"), language)])
    notes.append([label("may-be-held-responsible") + sep + label("may-be-held-responsible-note")
                  + in_brackets(wording["short_citation"](accountability.source), language)])
    notes.append([wording["timing_legend"]])
    translation = status.translation_sentence(handbook, language)
    if translation:  # the English quotes the Rules in translation: say, as the pages do, what governs
        notes.append([translation])
    add_sheet(workbook, label("workbook-notes"), [label("workbook-notes")], notes)
    return save(workbook, label("workbook-matrix"), created)
