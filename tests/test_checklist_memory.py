"""Checklists that remember (issue 14): ticks kept in the browser per role and year, through a
reload and a language switch; a progress count; clear-all; printing with the ticks as they
stand, while a fresh browser (the PDF printer's) sees a blank form."""

from __future__ import annotations

import datetime

import pytest

from macros.duties import role_duties

pytestmark = pytest.mark.browser

ROLE = "principal-leader"
OTHER_ROLE = "party-committee"


def _ticked(page) -> list[str]:
    return page.locator(".hb-checklist input.hb-checkbox:checked").evaluate_all(
        "boxes => boxes.map(b => b.dataset.time ? b.dataset.duty + '#' + b.dataset.time : b.dataset.duty)")


def _boxes(handbook, role_id: str) -> int:
    """A box a year for each duty, and one for each time for a duty due several times a year."""
    return sum(duty.frequency.occurrences_a_year if duty.frequency else 1 for duty in role_duties(handbook, role_id))


def _progress(page) -> str:
    return page.locator(".hb-checklist-progress").inner_text()


def test_ticks_survive_a_reload_and_a_language_switch_and_count(context, server, handbook):
    duties = [duty.id for duty in role_duties(handbook, ROLE)]
    total = _boxes(handbook, ROLE)
    assert total > len(duties)  # the role has a duty due twice a year
    year = datetime.date.today().year
    page = context.new_page()
    page.goto(server + f"checklists/{ROLE}/")
    assert _ticked(page) == []
    assert _progress(page) == f"{year}年：已勾选 0 / {total} 个方框"

    for duty in (duties[0], duties[2]):
        page.locator(f"input[data-duty='{duty}']").check()
    assert _progress(page) == f"{year}年：已勾选 2 / {total} 个方框"

    page.reload()
    assert _ticked(page) == [duties[0], duties[2]]
    assert _progress(page) == f"{year}年：已勾选 2 / {total} 个方框"

    page.locator(".md-select__link[hreflang=en]").first.evaluate("a => a.click()")  # the language switch
    page.wait_for_url("**/en/checklists/**")
    assert _ticked(page) == [duties[0], duties[2]]
    assert _progress(page) == f"{year}: 2 of {total} boxes ticked"

    # Per role: another role's checklist has its own ticks.
    page.goto(server + f"en/checklists/{OTHER_ROLE}/")
    assert _ticked(page) == []
    # Per year: the key names the year.
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == [f"handbook:checklist:{ROLE}:{year}"]


def test_clear_all_unticks_every_duty_and_forgets_them(context, server, handbook):
    total = _boxes(handbook, ROLE)
    page = context.new_page()
    page.goto(server + f"en/checklists/{ROLE}/")
    page.locator(".hb-checklist input.hb-checkbox").nth(1).check()
    page.locator(".hb-checklist input.hb-checkbox").nth(3).check()
    assert len(_ticked(page)) == 2
    page.locator(".hb-checklist-clear").click()
    assert _ticked(page) == []
    assert _progress(page).endswith(f": 0 of {total} boxes ticked")
    page.reload()
    assert _ticked(page) == []


def test_a_duty_due_twice_a_year_has_a_box_for_each_time_kept_apart(context, server, handbook):
    """每年两次: two boxes, named by the duty's text; ticking the second keeps the first blank,
    through a reload and in the other language."""
    twice = next(duty for duty in role_duties(handbook, ROLE) if duty.frequency and duty.frequency.occurrences_a_year == 2)
    page = context.new_page()
    page.goto(server + f"checklists/{ROLE}/")
    boxes = page.locator(f"input[data-duty='{twice.id}']")
    assert boxes.count() == 2
    group = page.locator(f"#duty-{twice.id} .hb-ticks[role=group]")
    assert group.get_attribute("aria-labelledby") == f"text-{twice.id}"
    assert page.locator(f"#text-{twice.id}").inner_text() == twice.text["zh"]
    assert [boxes.nth(i).evaluate("b => b.labels[0].innerText.trim()") for i in range(2)] == ["第一次", "第二次"]
    boxes.nth(1).check()
    page.reload()
    assert _ticked(page) == [f"{twice.id}#2"]
    page.goto(server + f"en/checklists/{ROLE}/")
    assert _ticked(page) == [f"{twice.id}#2"]
    assert page.locator(f"input[data-duty='{twice.id}']").nth(1).evaluate("b => b.labels[0].innerText.trim()") == "2nd"


def test_printing_keeps_the_ticks_and_a_fresh_browser_prints_a_blank_form(browser, context, server, handbook):
    duty = role_duties(handbook, ROLE)[1].id
    page = context.new_page()
    page.goto(server + f"checklists/{ROLE}/")
    page.locator(f"input[data-duty='{duty}']").check()
    page.emulate_media(media="print")
    box = page.locator(f"input[data-duty='{duty}']")
    assert box.is_visible() and box.is_checked()
    assert box.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(0, 0, 0)"  # filled on paper
    assert not page.locator(".hb-checklist-clear").is_visible()  # controls stay off paper

    fresh = browser.new_context()  # as publishing/pdfs.py prints: a new context, empty storage
    try:
        blank = fresh.new_page()
        blank.goto(server + f"checklists/{ROLE}/")
        assert _ticked(blank) == []
    finally:
        fresh.close()


def test_ticks_are_kept_when_the_site_is_opened_from_files(context, site):
    page = context.new_page()
    page.goto((site / "checklists" / ROLE / "index.html").as_uri())
    page.locator(".hb-checklist input.hb-checkbox").first.check()
    page.reload()
    assert len(_ticked(page)) == 1
