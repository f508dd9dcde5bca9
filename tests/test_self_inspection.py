"""Data level: the rows and columns of each role's self-inspection form (macros/self_inspection.py),
the one source of its page, PDF, CSV and Word version."""

from __future__ import annotations

import dataclasses

import pytest

from macros.duty_pages import _context
from macros.self_inspection import (BLANK_COLUMNS, InspectionRow, header_fields, inspection_columns,
                                    inspection_rows)

LANGUAGES = ("zh", "en")


def test_every_duty_of_each_role_is_a_row_in_data_order(handbook):
    for role in handbook.roles.roles:
        expected = [duty.id for duty in handbook.duties.duties if role.id in duty.roles]
        for language in LANGUAGES:
            assert [row.duty_id for row in inspection_rows(handbook, role.id, language)] == expected, (
                role.id, language)


def test_both_languages_list_the_same_duties_with_the_same_anchors(handbook):
    for role in handbook.roles.roles:
        zh, en = (inspection_rows(handbook, role.id, language) for language in LANGUAGES)
        assert [(row.duty_id, row.anchor) for row in zh] == [(row.duty_id, row.anchor) for row in en]


def test_a_row_cites_its_duty_and_gives_its_text_and_frequency(handbook):
    duties = {duty.id: duty for duty in handbook.duties.duties}
    row = next(row for row in inspection_rows(handbook, "leadership-team", "zh")
               if duties[row.duty_id].source == "art-4-2")
    assert (row.anchor, row.citation) == ("art-4-2", "第四条第（二）项")
    assert row.duty == duties[row.duty_id].text.zh
    english = next(r for r in inspection_rows(handbook, "leadership-team", "en") if r.duty_id == row.duty_id)
    assert english.citation == "Art. 4(2)"
    assert english.duty == duties[row.duty_id].text.en
    article = next(row for role in handbook.roles.roles for row in inspection_rows(handbook, role.id, "en")
                   if "-" not in row.anchor.removeprefix("art-"))
    assert article.citation == f"Art. {article.anchor.removeprefix('art-')}"


def test_the_frequency_is_the_checklists_words(handbook):
    """The checklist's timing (duty_pages) and the form's frequency are the same label."""
    duties = {duty.id: duty for duty in handbook.duties.duties}
    seen = set()
    for language in LANGUAGES:
        timing = _context(handbook, language, "self-inspection/x/")["timing"]
        for role in handbook.roles.roles:
            for row in inspection_rows(handbook, role.id, language):
                duty = duties[row.duty_id]
                assert row.frequency == timing(duty), (role.id, row.duty_id)
                key = f"frequency-{duty.frequency.value}" if duty.frequency else f"kind-{duty.kind.value}"
                assert row.frequency == handbook.label(key, language)
                seen.add(key)
    # Both a frequency the Rules set and a kind of duty without one are on some form.
    assert any(key.startswith("frequency-") for key in seen) and any(key.startswith("kind-") for key in seen)


def test_rows_are_frozen(handbook):
    row = inspection_rows(handbook, "principal-leader", "zh")[0]
    assert isinstance(row, InspectionRow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.duty = "x"


def test_columns_are_the_three_filled_then_the_four_blank_in_the_forms_language(handbook):
    for language in LANGUAGES:
        columns = inspection_columns(handbook, language)
        assert [column.key for column in columns if column.blank] == list(BLANK_COLUMNS)
        assert [column.blank for column in columns] == [False] * 3 + [True] * 4
        assert [column.header for column in columns] == [handbook.label(c.key, language) for c in columns]
    assert inspection_columns(handbook, "zh")[3].header == "完成情况"
    assert inspection_columns(handbook, "en")[6].header == "Person responsible"
    assert [key for key, _ in header_fields(handbook, "en")] == [key for key, _ in header_fields(handbook, "zh")]
