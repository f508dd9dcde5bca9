"""Text stays text: whatever the data files contain is shown literally on every page.

A copy of the project has every text node of every data file (any mapping with `zh`/`en`
text, in any file under data/, including files added later) prefixed with a payload of HTML,
Markdown, Jinja and attribute-breaking quotes. The copy is built with `mkdocs build --strict`
and every page of both languages is parsed: no element or attribute may have been injected, and
each payload must appear literally, whole, in one text node or attribute value.

The original text is kept after the payload, so references and the errata's checks still hold.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Comment, NavigableString

from support import LANGUAGE_ROOTS, build, copy_project, pages_of

PAYLOAD = (
    '<script>alert("s")</script><img src=x onerror=alert(1)> *star* **bold** _under_ '
    '`tick` | a | b | # hash [x](y) ![i](z) <!-- c --> &amp; &lt;b&gt; {{ 7*7 }} '
    '{% if true %}J{% endif %} {# j #} " onmouseover="alert(2)" \' onfocus=\'alert(3)\' '
    '{ #fake-id } :smile: ==mark== ~~del~~ ^^ins^^ \\*esc\\*'
)
MARKER = re.compile(r"HBX(\d+)(ZH|EN):")
TEXT_KEYS = {"zh": "ZH", "en": "EN"}


# Texts that are search keys, not shown: an alias's `long` form must occur in the handbook's
# own (here: payload-prefixed) text, so it keeps its wording.
KEPT_AS_IS = {"aliases.yml": {"long"}}


def _inject(value, counter: list[int], kept: set[str] = frozenset()):
    """Prefix every zh/en text in a data tree with a numbered payload."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key in kept:
                continue
            if key in TEXT_KEYS and isinstance(child, str):
                counter[0] += 1
                value[key] = f"HBX{counter[0]}{TEXT_KEYS[key]}:{PAYLOAD} {child}"
            else:
                _inject(child, counter, kept)
    elif isinstance(value, list):
        for child in value:
            _inject(child, counter, kept)


def inject_payloads(data_dir: Path) -> int:
    """Rewrite every data file of a copy; returns how many text nodes were changed."""
    counter = [0]
    for path in sorted(data_dir.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        header = text.splitlines()[0]  # the schema line
        tree = yaml.safe_load(text)
        if path.name == "glossary.yml":
            # Search synonyms are never shown, and the build requires their term's (here:
            # payload-prefixed) Chinese to occur in the text: leave them out of this copy.
            # A longer Chinese form (zh_forms) must hold its term's Chinese, payload-prefixed here:
            # left out too (it marks the text as the term does).
            for term in tree["terms"]:
                term.pop("synonyms", None)
                term.pop("zh_forms", None)
        if path.name == "roles.yml":
            # The clauses a role is named in must name it, and each clause that names it (by its
            # name or its other words, also_named, never shown) must be listed; payload-prefixed
            # names are named nowhere: this copy lists neither (every duty's inference names its
            # roles, below). A qualifier must stand before the role's name in its clause: the
            # payload-prefixed one does not, so this copy leaves it out too.
            for role in tree["roles"]:
                role.pop("also_named_in", None)
                role.pop("also_named", None)
                role.pop("qualifier", None)
        if path.name == "duties.yml":
            # The build checks that a duty's roles and recipients are named in its clause, or in
            # its inference; payload-prefixed role names are named nowhere, so every duty states
            # one here (its text is payload-prefixed and shown like the rest), naming its roles
            # once they are payload-prefixed too (_name_the_roles_in_the_inferences).
            for duty in tree["duties"]:
                duty.setdefault("inference", {"zh": "推定。", "en": "Inferred."})
                duty["inferred_for"] = list(duty["roles"])  # the inference is about every role here
            cases = tree["accountability"]
            cases["inferred_for"] = list(dict.fromkeys(role for case in cases["cases"] for role in case["roles"]))
        _inject(tree, counter, KEPT_AS_IS.get(path.name, set()))
        dumped = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10_000)
        path.write_text(header + "\n" + dumped, encoding="utf-8")
    _cover_payloads_in_obligations(data_dir)
    _name_the_roles_in_the_inferences(data_dir)
    return counter[0]


def _name_the_roles_in_the_inferences(data_dir: Path) -> None:
    """An inference accounts for the roles it names: add each duty's (payload-prefixed) role
    names to its inference, after its own payload-prefixed words; and Article 8's cases' role
    names to the cases' inference."""
    duties_path, roles_path = data_dir / "duties.yml", data_dir / "roles.yml"
    if not (duties_path.exists() and roles_path.exists()):  # a part of the data alone
        return
    terms = {term["id"]: term for term in yaml.safe_load((data_dir / "glossary.yml").read_text(encoding="utf-8"))["terms"]}
    names = {role["id"]: role["name"] if "name" in role else terms[role["term"]]  # both languages: the term check
             for role in yaml.safe_load(roles_path.read_text(encoding="utf-8"))["roles"]}
    text = duties_path.read_text(encoding="utf-8")
    duties = yaml.safe_load(text)
    cases = duties["accountability"]
    for item, roles in [*((duty, duty["roles"]) for duty in duties["duties"]),
                        (cases, [role_id for case in cases["cases"] for role_id in case["roles"]])]:
        item["inference"]["zh"] += "（" + "、".join(names[role_id]["zh"] for role_id in roles) + "）"
        item["inference"]["en"] += " (" + "; ".join(names[role_id]["en"] for role_id in roles) + ")"
    dumped = yaml.safe_dump(duties, allow_unicode=True, sort_keys=False, width=10_000)
    duties_path.write_text(text.splitlines()[0] + "\n" + dumped, encoding="utf-8")


def _cover_payloads_in_obligations(data_dir: Path) -> None:
    """The build requires every word of the operative articles to be quoted by an obligation
    (data/obligations.yml): list each clause's payload prefix as words that are no duty."""
    path = data_dir / "obligations.yml"
    if not path.exists():  # a part of the data alone
        return
    obligations = yaml.safe_load(path.read_text(encoding="utf-8"))
    for document_path in sorted((data_dir / "documents").glob("*.yml")):
        document = yaml.safe_load(document_path.read_text(encoding="utf-8"))
        for article in document["rules"]["articles"]:
            clauses = [(f"art-{article['number']}", article)]
            clauses += [(f"art-{article['number']}-{item['number']}", item) for item in article.get("items", [])]
            for anchor, clause in clauses:
                text = clause["text"]["zh"]
                if PAYLOAD in text:
                    obligations["obligations"].append({
                        "id": f"payload-{document['id']}-{anchor}", "source": anchor,
                        "quote": text[:text.index(PAYLOAD) + len(PAYLOAD)], "not_a_duty": "manner"})
    path.write_text(yaml.safe_dump(obligations, allow_unicode=True, sort_keys=False, width=10_000),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("payload-project"))
    changed = inject_payloads(project / "data")
    assert changed > 300  # every title, text, name, label and note of the handbook
    site = tmp_path_factory.mktemp("payload-site")
    finished = build(project, site, HANDBOOK_PDFS="0")  # no test here reads a PDF
    assert finished.returncode == 0, finished.stderr
    return project, site


def _pages(project: Path, site: Path):
    """(language, url, built file, whether its content comes from the data)."""
    for language, root in LANGUAGE_ROOTS.items():
        for url in pages_of(site, language):
            stem = url.rstrip("/") or "index"
            sources = [project / "docs" / language / f"{stem}.md", project / "docs" / language / stem / "index.md"]
            source = next((path for path in sources if path.is_file()), None)
            from_data = source is None or "{{" in source.read_text(encoding="utf-8")
            yield language, url, site / root / url / "index.html", from_data


def injected(page: BeautifulSoup) -> list[str]:
    """Elements or attributes that only a payload interpreted as markup would create."""
    found = []
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on") or "alert(" in value and not MARKER.search(value):
                found.append(f"<{element.name} {name}={value!r}>")
        if element.name in ("script", "style") and "alert(" in element.get_text():
            found.append(f"<{element.name}>{element.get_text()[:60]}")
        if element.name == "img" and element.get("src") in ("x", "z"):
            found.append(f"<img src={element.get('src')}>")
        if element.name == "a" and element.get("href") == "y":
            found.append("<a href=y>")
        if element.name in ("em", "strong", "code", "mark", "del", "ins") and \
                element.get_text() in ("star", "bold", "under", "tick", "mark", "del", "ins", "esc"):
            found.append(f"<{element.name}>{element.get_text()}")
    if page.find(string=lambda s: isinstance(s, Comment) and s.strip() == "c"):
        found.append("<!-- c -->")
    return found


def literal_payloads(page: BeautifulSoup) -> tuple[set[str], list[str]]:
    """The markers shown on the page, and every place a payload does not follow whole."""
    seen, broken = set(), []
    places = [str(text) for text in page.find_all(string=True) if isinstance(text, NavigableString)]
    for element in page.find_all(True):
        places += [value for value in element.attrs.values() if isinstance(value, str)]
    for place in places:
        for match in MARKER.finditer(place):
            seen.add(match.group(0))
            if not place[match.end():].startswith(PAYLOAD):
                broken.append(place[match.start():match.end() + len(PAYLOAD) + 20])
    return seen, broken


def test_every_page_shows_data_with_markup_and_template_syntax_literally(payload_site):
    project, site = payload_site
    problems = []
    for language, url, path, from_data in _pages(project, site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = f"/{LANGUAGE_ROOTS[language]}{url}"
        problems += [f"{where}: injected {what}" for what in injected(page)]
        seen, broken = literal_payloads(page)
        problems += [f"{where}: not literal: {text!r}" for text in broken]
        own = {marker for marker in seen if marker.endswith(f"{language.upper()}:")}
        if from_data and not own:
            problems.append(f"{where}: shows no text of the data in its language")
    assert not problems, "\n".join(problems[:30])


def test_the_check_catches_markup_that_was_let_through():
    """The parser-based checks fail on a page where data became markup."""
    live = ('<html><body><p>HBX1EN:<script>alert("s")</script><img src=x onerror=alert(1)> '
            '<em>star</em></p><button title="HBX2EN:" onmouseover="alert(2)"></button></body></html>')
    page = BeautifulSoup(live, "html.parser")
    assert {"<img src=x>", "<em>star", "<button onmouseover='alert(2)'>"} <= set(injected(page))
    seen, broken = literal_payloads(page)
    assert seen == {"HBX1EN:", "HBX2EN:"} and len(broken) == 2


def test_every_text_node_of_every_data_file_is_rewritten(tmp_path):
    """New data files are covered without changing this test: a file with nested texts."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "new.yml").write_text(
        "# yaml-language-server: $schema=../schema/new.schema.json\n"
        "items:\n  - id: a\n    title: {zh: 标题, en: Title}\n    steps:\n      - text: {zh: 步骤, en: Step}\n",
        encoding="utf-8")
    assert inject_payloads(data) == 4
    tree = yaml.safe_load((data / "new.yml").read_text(encoding="utf-8"))
    assert tree["items"][0]["steps"][0]["text"]["en"] == f"HBX4EN:{PAYLOAD} Step"
    assert tree["items"][0]["id"] == "a"


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_search_results_show_data_literally(payload_site, browser, language):
    """Material's search renders results in the browser: the payload stays text there too."""
    from conftest import serve_directory

    _, site = payload_site
    base_url, server = serve_directory(site)
    context = browser.new_context()
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(base_url + LANGUAGE_ROOTS[language] + "regulation/")
        page.click(".md-search__input") if page.is_visible(".md-search__input") else page.click('label[for="__search"]')
        page.fill(".md-search__input", "onerror")
        page.keyboard.press("End")  # Material reads the query on key events
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        results = page.locator(".md-search-result")
        assert "onerror" in results.inner_text()
        injected_count = page.evaluate("""() => document.querySelectorAll(
            '.md-search-result img, .md-search-result script, .md-search-result [onerror],'
            + ' .md-search-result [onmouseover], .md-search-result [onfocus], .md-search-result a[href="y"]').length""")
        assert injected_count == 0
        assert "<img src=x onerror=alert(1)>" in results.inner_text()
        assert dialogs == []
    finally:
        context.close()
        server.shutdown()
