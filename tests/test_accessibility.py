"""Accessibility: axe-core (pinned: axe-playwright-python bundles axe.min.js) in Debian's
Chromium on every page of both languages, plus what only a keyboard shows."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import LANGUAGE_ROOTS, content, page_path, pages_of, soup

pytestmark = pytest.mark.browser

AXE = Axe()
# axe-core parses a CSS colour string afresh each time it meets one (through its colour library:
# ~30 % of a colour-contrast check), and a page repeats the same few strings thousands of times.
# Color.parseString is a function of its string alone, so each string's result is kept and set
# again. test_remembered_colours_change_no_result holds axe's full results to the plain run's.
REMEMBER_PARSED_COLOURS = """(() => {
  const Color = window.axe && axe.commons && axe.commons.color && axe.commons.color.Color;
  if (!Color || typeof Color.prototype.parseString !== "function")
    throw new Error("tests/test_accessibility.py: axe-core has no axe.commons.color.Color.parseString any more");
  const parse = Color.prototype.parseString;
  const parsed = new Map();
  Color.prototype.parseString = function (text) {
    const known = parsed.get(text);
    if (known === undefined) {
      parse.call(this, text);  // throws on a colour it cannot parse: nothing kept
      parsed.set(text, [this.r, this.g, this.b, this.alpha]);
    } else {
      [this.r, this.g, this.b, this.alpha] = known;
    }
    return this;
  };
})();"""
AXE_SCRIPT = AXE.axe_script + "\n" + REMEMBER_PARSED_COLOURS
BLOCKING = ("serious", "critical")
# axe-core reports a violation with its rule's impact (a rule that has one sets it on each of its
# checks), so a rule whose impact is minor or moderate can never report what these tests look
# for: such rules are switched off for the run (~20 % of axe's time on a page).
# test_the_rules_left_out_report_only_minor_or_moderate holds the run to axe's full one.
RUN_FOR_BLOCKING = """blocking => {
  if (!window.axe || !axe._audit || !Array.isArray(axe._audit.rules))
    throw new Error("tests/test_accessibility.py: axe-core has no axe._audit.rules any more");
  const leftOut = axe._audit.rules.filter(rule => rule.impact && !blocking.includes(rule.impact));
  return axe.run({resultTypes: ["violations"],
                  rules: Object.fromEntries(leftOut.map(rule => [rule.id, {enabled: false}]))});
}"""
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
MAX_TABS = 400  # bound on Tab presses while looking for a control
# How far the whole page scrolls sideways (Reflow, WCAG 1.4.10: it must not, on a phone)
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now. axe is put into the
    page unless it is there already (the sweep below has every page load it at its start, which
    saves sending and compiling its 600 KB at each check: ~10 % of a sweep)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate(RUN_FOR_BLOCKING, list(BLOCKING))
    return [f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:160]!r}"
            for v in results["violations"] if v["impact"] in BLOCKING for node in v["nodes"]]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_no_page_has_a_serious_or_critical_accessibility_violation(browser, server, site, language, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    context.add_init_script(script=AXE_SCRIPT)
    page = context.new_page()
    found = []
    for url in pages_of(site, language):  # every page, including those added later
        page.goto(server + LANGUAGE_ROOTS[language] + url)
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == language, url
        found += [f"/{LANGUAGE_ROOTS[language]}{url}: {violation}" for violation in blocking_violations(page)]
        # Reflow (WCAG 1.4.10): on a phone the page never scrolls sideways as a whole; a table
        # wider than the screen scrolls in its own box
        wider = page.evaluate(SIDEWAYS)
        if wider > 0:
            found.append(f"/{LANGUAGE_ROOTS[language]}{url}: the page scrolls sideways by {wider} px")
    context.close()
    assert not found, "\n".join(found[:30])


def test_axe_reports_what_it_must(context):
    """The check can fail: a page with an unlabelled control and faint text is reported."""
    page = context.new_page()
    page.set_content('<html lang="en"><body><main><input type="checkbox">'
                     '<p style="color:#ccc;background:#fff">faint</p><img src="data:,"></main></body></html>')
    found = " ".join(blocking_violations(page))
    assert "label (critical)" in found and "color-contrast (serious)" in found and "image-alt" in found


def test_the_reflow_check_sees_a_page_wider_than_the_phone(browser, server):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(server + "en/glossary/")
    assert page.evaluate(SIDEWAYS) == 0
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<div style=\"width: 2000px\">wide</div>')")
    assert page.evaluate(SIDEWAYS) > 0
    context.close()


def test_the_rules_left_out_report_only_minor_or_moderate(context):
    """On a page that breaks rules of every impact, the run with the minor and moderate rules
    left out reports the same serious and critical violations as axe's full run, and the full
    run's violations of the rules left out are all minor or moderate."""
    page = context.new_page()
    page.set_content('<html lang="en"><head><meta name="viewport" content="width=device-width, maximum-scale=1">'
                     '</head><body><p>outside every landmark</p><main><h3>no h1, a skipped level</h3>'
                     '<input type="checkbox"><p style="color:#ccc;background:#fff">faint</p>'
                     '<img src="data:," alt="image"><table><tr><th></th><td>x</td></tr></table></main>'
                     '<main>a second main</main></body></html>')
    page.evaluate(AXE_SCRIPT)
    full = page.evaluate("() => axe.run({resultTypes: ['violations']})")["violations"]
    left_out = {rule["id"] for rule in page.evaluate(
        "() => axe._audit.rules.map(rule => ({id: rule.id, impact: rule.impact}))")
        if rule["impact"] and rule["impact"] not in BLOCKING}
    reported_left_out = {v["id"]: v["impact"] for v in full if v["id"] in left_out}
    assert {"region", "page-has-heading-one", "landmark-no-duplicate-main"} <= set(reported_left_out)
    assert not set(reported_left_out.values()) & set(BLOCKING), reported_left_out
    assert sorted(blocking_violations(page)) == sorted(
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:160]!r}"
        for v in full if v["impact"] in BLOCKING for node in v["nodes"])
    assert any(v["impact"] in BLOCKING for v in full)


# Colours written every way CSS allows, among them the angles that parseString rewrites first
COLOURS = ["#777", "#77777780", "rgb(120 120 120)", "rgba(0, 0, 0, 0)", "transparent", "grey",
           "hsl(0.5turn 40% 40%)", "hsl(3rad 40% 40%)", "hsl(200deg 40% 40% / 0.5)", "oklch(60% 0.1 200)",
           "color-mix(in srgb, red 40%, white)", "currentcolor"]


SEARCH_READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const config = JSON.parse(document.getElementById('__config').textContent);
  return meta !== null && meta.textContent.trim() === config.translations['search.result.placeholder'];
}"""


def test_remembered_colours_change_no_result(browser, server):
    """axe's whole results (passes and incomplete checks, with each colour and contrast ratio)
    are the same with the parsed colours remembered as without, on two pages of the site (the
    glossary, a checklist) and on a page that writes colours every way CSS allows."""
    cells = "".join(f'<p style="color:{fg};background:{bg}">text {i}</p>'
                    for i, (fg, bg) in enumerate(zip(COLOURS, reversed(COLOURS))))
    colours_page = f'<html lang="en"><body><main>{cells}<p style="opacity:.6">faded</p></main></body></html>'
    results = {}
    for name, script in (("plain", AXE.axe_script), ("remembered", AXE_SCRIPT)):
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        context.add_init_script(script=script)
        page = context.new_page()
        runs = []
        for url in ("glossary/", "en/checklists/leadership-team/", None):
            if url is None:
                page.set_content(colours_page)
                page.evaluate(script)
            else:
                page.goto(server + url)
                page.wait_for_load_state("load")
                # The same page in both runs: the search box says "initialising" until the search
                # worker is ready, then "type to start searching"; axe's results quote the markup
                page.wait_for_function(SEARCH_READY)
            run = page.evaluate("() => axe.run()")
            runs.append({key: value for key, value in run.items() if key not in ("timestamp", "url")})
        results[name] = runs
        context.close()
    assert results["remembered"] == results["plain"]
    colour_checks = [node for run in results["plain"] for kind in ("passes", "violations", "incomplete")
                     for rule in run[kind] if rule["id"] == "color-contrast" for node in rule["nodes"]]
    assert len(colour_checks) > 50  # the comparison covered the colour checks, not nothing


def tab_to(page, selector: str) -> bool:
    """Press Tab from the top of the page until `selector` has the focus; False once the focus
    has gone round the whole page without reaching it (or after MAX_TABS presses)."""
    page.locator("body").focus()
    seen = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = page.evaluate("""(s) => {
            const el = document.activeElement;
            if (!el || el === document.body) return "body";
            if (el.matches(s)) return "found";
            if (!el.dataset.hbVisited) el.dataset.hbVisited = String(Math.random());
            return el.dataset.hbVisited;
        }""", selector)
        if state == "found":
            return True
        if state in seen:
            return False
        seen.add(state)
    return False


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_the_copy_citation_control_is_reached_with_tab_and_works_with_enter(context, server, language):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    page = context.new_page()
    page.goto(server + LANGUAGE_ROOTS[language] + "regulation/#art-1")
    assert tab_to(page, "#art-1 ~ .hb-cite .hb-cite__button")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.hb-cite__status:not(:empty)') !== null")
    assert page.evaluate("navigator.clipboard.readText()").endswith("regulation/#art-1")


def tab_round(page, selector: str, on_reached, start: str | None = None) -> set[str]:
    """Press Tab from the top of the page (or from `start`, an element focused first) until
    every control matching `selector` has had the focus, or the focus has gone round the whole
    page once (or after MAX_TABS presses per marked control); call `on_reached(mark)` each time
    the focus is on such a control, by its `data-hb-mark`. Returns the marks reached. One round
    per page, not one per control: Tab order does not depend on where it started, so starting
    at the content skips only the header and navigation, which a control missed would show."""
    if start is None:
        page.locator("body").focus()
    else:
        page.locator(start).first.evaluate(
            "el => { if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1'); el.focus(); }")
    marked = page.locator(selector).count()
    seen, reached = set(), set()
    for _ in range(MAX_TABS * max(1, marked)):
        if len(reached) == marked:
            break
        page.keyboard.press("Tab")
        state = page.evaluate("""(s) => {
            const el = document.activeElement;
            if (!el || el === document.body) return ["body", null];
            if (!el.dataset.hbVisited) el.dataset.hbVisited = String(Math.random());
            return [el.dataset.hbVisited, el.matches(s) ? el.dataset.hbMark : null];
        }""", selector)
        visited, mark = state
        if visited in seen:
            break
        seen.add(visited)
        if mark is not None:
            reached.add(mark)
            on_reached(mark)
    return reached


def test_every_checkbox_is_reached_with_tab_and_toggled_with_space(context, server, site):
    """Checklists are ticked from the keyboard: every checkbox in page content, any page."""
    page = context.new_page()
    checked = 0
    for language, root in LANGUAGE_ROOTS.items():
        for url in pages_of(site, language):
            boxes = content(soup(page_path(site, language, url))).select('input[type="checkbox"]')
            if not boxes:
                continue
            page.goto(server + root + url)
            count = page.evaluate("""() => {
                const boxes = document.querySelectorAll('article input[type="checkbox"]');
                boxes.forEach((box, index) => box.setAttribute('data-hb-mark', String(index)));
                return boxes.length;
            }""")
            assert count == len(boxes), f"/{root}{url}"

            ticked = """() => Object.fromEntries([...document.querySelectorAll('[data-hb-mark]')]
                .map(box => [box.dataset.hbMark, box.checked]))"""
            before = page.evaluate(ticked)
            # Space on each checkbox as the focus reaches it; whether it toggled is read once
            # the round is over (one reading of every box instead of two per box)
            reached = tab_round(page, "[data-hb-mark]", lambda mark: page.keyboard.press("Space"), start="article")
            missed = sorted(set(map(str, range(count))) - reached, key=int)
            assert not missed, f"/{root}{url}: checkboxes {missed} not reached by Tab"
            after = page.evaluate(ticked)
            untoggled = sorted((mark for mark in reached if after[mark] == before[mark]), key=int)
            assert not untoggled, f"/{root}{url}: checkboxes {untoggled} not toggled by Space"
            checked += len(reached)
    assert checked == sum(len(content(soup(page_path(site, language, url))).select('input[type="checkbox"]'))
                          for language in LANGUAGE_ROOTS for url in pages_of(site, language))


def test_a_checkbox_out_of_keyboard_reach_is_caught(context):
    page = context.new_page()
    page.set_content('<html lang="en"><body><a href="#a">a</a>'
                     '<input type="checkbox" tabindex="-1" data-hb-target data-hb-mark="0">'
                     '<input type="checkbox" data-hb-mark="1"><a href="#b">b</a></body></html>')
    assert not tab_to(page, "[data-hb-target]")
    assert tab_round(page, "[data-hb-mark]", lambda mark: None) == {"1"}  # the round misses it too


def test_every_table_names_its_columns_with_header_cells(site):
    missing = []
    for language, root in LANGUAGE_ROOTS.items():
        for url in pages_of(site, language):
            for index, table in enumerate(content(soup(page_path(site, language, url))).select("table")):
                headers = table.select("thead th")
                if not headers or any(th.get("scope") not in ("col", None) for th in headers):
                    missing.append(f"/{root}{url} table {index}")
    assert not missing, missing
