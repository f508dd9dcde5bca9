"""Search finds the right article, in Chinese and English, online and from file://."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from publishing.search_support import TOP, hit_rate, load_queries, open_search, run_queries, search, target
from support import CJK, LANGUAGE_ROOTS, ROOT, build, load_error_after_change

REQUIRED_HIT_RATE = 0.95
QUERIES = load_queries()


def _index(site: Path, language: str) -> dict:
    return json.loads((site / LANGUAGE_ROOTS[language] / "search" / "search_index.json").read_text(encoding="utf-8"))


def _entry(site: Path, language: str, location: str) -> dict:
    return next(doc for doc in _index(site, language)["docs"] if doc["location"] == location)


def _tokens(field: str) -> set[str]:
    return set(re.split(r"[\s\u200b<>/]+", field))


# --- The query set ---------------------------------------------------------------------------

def test_the_query_set_has_enough_queries_and_covers_every_article_and_the_roster(handbook):
    # 81 Chinese and 51 English queries, then at least 20 and 40 more as a newcomer types them
    # (issue 13: American spelling, synonyms, whole questions)
    assert len(QUERIES.zh) >= 81 + 20 and len(QUERIES.en) >= 51 + 40
    document = handbook.documents["shgcw-2018-46"]
    for language in ("zh", "en"):
        expected = {e for query in getattr(QUERIES, language) for e in query.expect}
        pages = {e.split("#")[0] for e in expected}
        assert {"regulation/", "roster/", "glossary/"} <= pages, language
    zh_targets = {e for query in QUERIES.zh for e in query.expect}
    for article in document.rules.articles:
        assert any(t == f"regulation/#{article.anchor}" or t.startswith(f"regulation/#{article.anchor}-")
                   for t in zh_targets), f"no query finds {article.anchor}"


# --- Build side: segmentation, aliases, result titles, per-language indexes -----------------

def test_chinese_is_segmented_at_build_with_the_handbook_own_words(site):
    tokens = set()
    for doc in _index(site, "zh")["docs"]:
        tokens |= _tokens(doc["title"]) | _tokens(doc["text"])
    # jieba's own dictionary would cut these; the user dictionary and the data keep them whole
    assert {"一岗双责", "网评员", "新媒体", "登记备案", "中办发", "李荣正", "夏建国", "网络安全和信息化领导小组办公室"} <= tokens
    # and every part of a whole word is still findable through the hidden `words` field
    art6 = _entry(site, "zh", "regulation/#art-6")
    assert {"办公室", "信息化"} <= set(art6["words"].split())


def test_every_word_of_the_handbook_in_a_passage_is_found_as_a_word_of_that_passage(site, handbook):
    """A glossary term, alias or name the text of an article holds is a token of its entry or
    one of its hidden `words`, also where jieba kept it inside a longer word (意识形态 in
    网络意识形态工作) or cut across it (网络舆情 in 网络/舆情监测). Words with other scripts
    (网络大V) are left to the query side: Material cuts Han runs only."""
    from macros.search import plain, whole_words

    words = [word for word in whole_words(handbook) if len(word) > 1 and re.fullmatch("[\u4e00-\u9fff]+", word)]
    missed = []
    for doc in _index(site, "zh")["docs"]:
        if doc["location"].startswith("regulation/#art-"):
            found = _tokens(doc["title"]) | _tokens(doc["text"]) | set(doc.get("words", "").split())
            text = plain(doc["title"]) + "\n" + plain(doc["text"])
            missed += [f"{doc['location']}: {word}" for word in words if word in text and word not in found]
    assert not missed, missed


def test_article_8_names_the_party_leading_cadres_not_the_party_leadership(site):
    """党的领导干部 is cut 党/的/领导干部 (the user dictionary weighs 领导干部 above jieba's 党的领导):
    a search for 领导干部 finds Article 8's opening, and 党的领导 (Art. 8(7)) does not."""
    tokens = _tokens(_entry(site, "zh", "regulation/#art-8")["text"])
    assert "领导干部" in tokens and "党的领导" not in tokens
    assert "党的领导" in _tokens(_entry(site, "zh", "regulation/#art-8-7")["text"])


def test_each_language_has_its_own_index(site):
    zh, en = _index(site, "zh"), _index(site, "en")
    assert zh["config"]["lang"] == ["zh"] and en["config"]["lang"] == ["en"]
    assert "stemmer" in en["config"]["pipeline"]
    assert all(not doc["location"].startswith("en/") for doc in zh["docs"])
    english_titles = " ".join(doc["title"] for doc in en["docs"])
    assert not re.search(CJK, english_titles)


def test_an_item_result_names_its_article(site):
    assert _entry(site, "zh", "regulation/#art-4-2")["title"].replace("\u200b", "") == "第四条第（二）项 专题研究、研判与报告"
    assert _entry(site, "en", "regulation/#art-4-2")["title"] == "Art. 4(2) — Special-topic study, assessment and reporting"
    assert _entry(site, "zh", "regulation/#art-4")["title"].replace("\u200b", "") == "第四条 各级党组织的主要责任"


def test_short_names_are_added_to_the_passages_with_the_long_form(site):
    art6_zh = _entry(site, "zh", "regulation/#art-6")
    assert "网信办" in art6_zh["aliases"].replace("\u200b", "").split()
    assert "cyberspace affairs office" in _entry(site, "en", "regulation/#art-6")["aliases"]
    assert "aliases" not in _entry(site, "zh", "regulation/#art-2")  # no long form there


def test_the_pages_built_from_the_articles_leave_their_duty_texts_to_the_article(site, handbook):
    """The duty matrix, the checklists, onboarding and the calendar repeat duties taken from the
    articles: searching an article's words lands on the article, so those lists are not indexed,
    while each of these pages stays findable by its title (a role name finds its checklist)."""
    import html

    duties = handbook.duties
    for language in ("zh", "en"):
        texts = [d.text[language] for d in duties.duties] + [c.text[language] for c in duties.accountability.cases]
        entries = _index(site, language)["docs"]
        for entry in entries:
            if entry["location"].startswith("regulation/"):
                continue
            indexed = html.unescape(re.sub(r"<[^>]+>", "", entry["text"])).replace("\u200b", "")
            repeated = [text for text in texts if text in indexed]
            assert not repeated, (language, entry["location"], repeated[:2])
        titles = {e["location"]: e["title"].replace("\u200b", "") for e in entries}
        for role in handbook.roles.roles:
            assert role.name[language] in titles[f"checklists/{role.id}/"], (language, role.id)
        assert {"duties/", "onboarding/", "calendar/", "checklists/"} <= set(titles), language


def test_the_copy_citation_control_is_not_indexed(site):
    assert "复制引用" not in json.dumps(_index(site, "zh"), ensure_ascii=False)
    assert "Copy citation" not in json.dumps(_index(site, "en"))


def test_an_alias_whose_long_form_is_nowhere_stops_the_build(tmp_path):
    message = load_error_after_change(tmp_path, "aliases.yml", "zh: 网络安全和信息化领导小组办公室",
                                      "zh: 网络安全和信息化办公室")
    assert re.match(r"data/aliases\.yml: aliases\[0\]\.long\.zh: '网络安全和信息化办公室' occurs nowhere in the "
                    r"handbook's text \(line \d+\)$", message)


def test_the_worker_query_step_is_replaced_or_the_build_stops(site, tmp_path):
    from hooks.search import _patch_worker

    for language in ("zh", "en"):
        worker = next((site / LANGUAGE_ROOTS[language]).glob("assets/javascripts/workers/search.*.min.js"))
        code = worker.read_text(encoding="utf-8")
        assert code.startswith(f'var HANDBOOK_SEARCH_LANGUAGE = "{language}";')
        assert "handbookQuery(e,this.index)" in code and "\\p{sc=Han}+\",\"gu\"),s=>" not in code
        assert code.count("=handbookTerms(he(r,Object.keys(u.metadata)),Object.keys(u.metadata))") == 1
    # a worker without the expected query or terms step (another Material version) stops the
    # build; Material's own worker is patched
    import material

    material_worker = next((Path(material.__file__).parent / "templates").glob(
        "assets/javascripts/workers/search.*.min.js")).read_text(encoding="utf-8")
    for step, worker_code in (("query step", "search(e){return this.index.search(e)}"),
                              ("terms step", material_worker.replace("Object.keys(u.metadata)", "u.terms")),
                              (None, material_worker)):
        folder = tmp_path / str(step)
        workers = folder / "assets" / "javascripts" / "workers"
        workers.mkdir(parents=True)
        (workers / "search.0.min.js").write_text(worker_code, encoding="utf-8")

        class Config:
            site_dir = str(folder)

        if step is None:
            _patch_worker(Config, "zh")
            assert "=handbookTerms(he(r,Object.keys(u.metadata)),Object.keys(u.metadata))" in (workers / "search.0.min.js").read_text(encoding="utf-8")
        else:
            with pytest.raises(PluginError, match=step):
                _patch_worker(Config, "zh")


def _plain(field: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", field)).replace("\u200b", "")


def test_each_glossary_term_is_its_own_entry_at_its_anchor(site, handbook):
    for language in ("zh", "en"):
        entries = {doc["location"]: doc for doc in _index(site, language)["docs"]}
        page = (site / LANGUAGE_ROOTS[language] / "glossary" / "index.html").read_text(encoding="utf-8")
        for term in handbook.glossary.terms:
            entry = entries[f"glossary/#term-{term.id}"]
            assert f'id="term-{term.id}"' in page, (language, term.id)
            assert _plain(entry["title"]) == (term.zh if language == "zh" else term.en)
            assert entry["boost"] < 0.3  # below the articles and the pages built from them
            if term.note:
                assert " ".join(term.note[language].split()) in " ".join(_plain(entry["text"]).split())
            if language == "en":  # the English site finds no Chinese
                assert not re.search(CJK, entry["title"] + entry["text"]), term.id
            else:
                assert term.en in _plain(entry["text"])
        # the glossary page's own entry is its introduction, not the whole table as one snippet
        assert len(_plain(entries["glossary/"]["text"])) < 200, language


def test_every_british_spelling_in_the_english_index_is_found_by_the_american_one(site):
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    checked = 0
    for doc in _index(site, "en")["docs"]:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", _plain(doc["title"] + " " + doc["text"]))}
        for word in words & set(BRITISH_ENGLISH_SPELLINGS):
            assert BRITISH_ENGLISH_SPELLINGS[word] in doc.get("spellings", "").split(), (doc["location"], word)
            checked += 1
    assert checked >= 20  # organisation, analyse, behaviour, rumours … in the Rules


def test_spelling_variants_go_both_ways():
    from publishing.steps.search_index import spelling_variants

    assert spelling_variants("Organise the centre") == ["center", "organize"]
    assert spelling_variants("analyze the color") == ["analyse", "colour"]
    assert spelling_variants("the Rules") == []


def test_synonyms_reach_every_passage_with_their_term(site, handbook):
    from macros.search import _occurs

    for language in ("zh", "en"):
        docs = [doc for doc in _index(site, language)["docs"] if doc["location"].startswith("regulation/#art-")]
        for term in handbook.glossary.terms:
            if not term.synonyms[language]:
                continue
            with_term = [doc for doc in docs if any(
                _occurs(form, (_plain(doc["title"]) + " " + _plain(doc["text"])).casefold(), language)
                for form in term.forms(language))]
            assert with_term, (language, term.id)
            for doc in with_term:
                aliases = _plain(doc.get("aliases", ""))
                assert all(word in aliases for word in term.synonyms[language]), (language, term.id, doc["location"])


def test_a_roster_position_names_its_group(site, handbook):
    """"head of the leading group": the group is a heading above its positions, so each
    position's entry carries the group's name."""
    for language in ("zh", "en"):
        entries = {doc["location"]: doc for doc in _index(site, language)["docs"]}
        for group in handbook.roster.groups:
            for position in group.positions:
                aliases = _plain(entries[f"roster/#{position.id}"].get("aliases", ""))
                assert group.name[language] in aliases, (language, position.id)


def test_the_errata_are_indexed_as_readable_text_and_weigh_little(site):
    for language in ("zh", "en"):
        docs = _index(site, language)["docs"]
        for doc in docs:
            assert not re.search("[␣⏎]", doc["title"] + doc["text"]), (language, doc["location"])
        errata = next(doc for doc in docs if doc["location"] == "regulation/#errata")
        assert errata["boost"] < 0.3
        assert "王陈" in _plain(errata["text"])  # the repaired words stay findable


# --- In the browser --------------------------------------------------------------------------

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language, name", [("zh", "王陈"), ("en", "Wang Chen")])
def test_a_name_finds_the_roster_first_and_no_page_break_marks(context, server, viewport, language, name):
    page = context.new_page()
    page.set_viewport_size(viewport)
    root = server + LANGUAGE_ROOTS[language]
    placeholder = open_search(page, root)
    results = [target(href, root) for href in search(page, name, placeholder)]
    assert results and results[0].startswith("roster/"), results
    if "regulation/#errata" in results:
        last_roster = max(i for i, result in enumerate(results) if result.startswith("roster/"))
        assert results.index("regulation/#errata") > last_roster, results
    shown = page.locator(".md-search-result__list").inner_text()
    assert "␣" not in shown and "⏎" not in shown


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language, query", [("zh", "一岗双责"), ("en", "one post two responsibilities")])
def test_a_glossary_term_is_its_own_result_below_the_article(context, server, handbook, viewport, language, query):
    term = next(t for t in handbook.glossary.terms if t.id == "one-post-two-responsibilities")
    page = context.new_page()
    page.set_viewport_size(viewport)
    root = server + LANGUAGE_ROOTS[language]
    placeholder = open_search(page, root)
    results = [target(href, root) for href in search(page, query, placeholder)]
    anchor = f"glossary/#term-{term.id}"
    assert anchor in results and "regulation/#art-3" in results, results
    assert results.index("regulation/#art-3") < results.index(anchor), results
    link = page.locator(f"a.md-search-result__link[href$='#term-{term.id}']")
    snippet = link.inner_text().replace("\u200b", "")
    assert (term.zh if language == "zh" else term.en).split(",")[0] in snippet
    assert term.note[language][:8] in snippet
    assert "网评员" not in snippet and "online commentator" not in snippet  # not the whole table
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"#term-{term.id}")
    assert page.locator(f"#term-{term.id}").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language, query, nearest", [
    ("zh", "袖梦", ["意见领袖", "中国梦"]),       # no word starts with either: shared characters
    ("zh", "acountabilty", ["问责"]),            # a misspelt English word on the Chinese site
    ("en", "acountabilty", ["accountability"]),  # edit distance
    ("en", "xqzv", []),                          # nothing near at all: still not a dead end
])
def test_a_query_without_results_offers_the_nearest_terms_and_articles(
        context, server, viewport, language, query, nearest):
    page = context.new_page()
    page.set_viewport_size(viewport)
    root = server + LANGUAGE_ROOTS[language]
    placeholder = open_search(page, root)
    assert search(page, query, placeholder) == []
    page.wait_for_selector("[data-hb-nearest] a")
    box = page.locator("[data-hb-nearest]")
    links = box.locator("a")
    titles = [t.replace("\u200b", "") for t in links.all_text_contents()]
    hrefs = [target(href, root) for href in links.evaluate_all("links => links.map(a => a.href)")]
    assert any(h.startswith("glossary/#term-") for h in hrefs) and any(h.startswith("regulation/#art-") for h in hrefs)
    for word in nearest:
        assert word in titles[:3], titles
    # a query with results takes the offer away
    search(page, "一岗双责" if language == "zh" else "accountability", placeholder)
    assert page.locator("[data-hb-nearest]").count() == 0
    # and the offered links lead to the term
    search(page, query, placeholder)
    page.wait_for_selector("[data-hb-nearest] a")
    page.locator("[data-hb-nearest] a").first.click()
    page.wait_for_load_state()
    assert "#term-" in page.url


# Each result's "Missing: …" line (Material strikes through the query words it lacks), by link
_MISSING_LINES = """() => [...document.querySelectorAll('.md-search-result__list a.md-search-result__link')]
  .filter(a => a.querySelector('article').dataset.mdScore !== '0.00')
  .map(a => [a.getAttribute('href'), [...a.querySelectorAll('.md-search-result__terms del')].map(del => del.textContent),
             a.querySelector('article').dataset.mdScore])"""


@pytest.mark.browser
@pytest.mark.parametrize("language, query, lacking", [
    ("en", "registration", []), ("en", "publicity department", []), ("en", "half-yearly", []),
    ("en", "quarterly reports", []), ("en", "registration hovercraft", ["hovercraft"]),
    ("en", '"official new media"', []), ("en", "+registration", []), ("en", "regist\\ration", []),
    ("en", "reports report", []), ("zh", "登记备案", []), ("zh", "季度报告", [])])
def test_a_result_is_said_to_miss_only_the_words_it_lacks(context, server, language, query, lacking):
    """English words are searched stemmed ("registr"), each word as two clauses, and a query in
    lunr's syntax as typed: a result that has the word is not said to miss it, and one without
    a word still says so (once for two words of one stem); every result keeps a score."""
    page = context.new_page()
    placeholder = open_search(page, server + LANGUAGE_ROOTS[language])
    search(page, query, placeholder)
    lines = page.evaluate(_MISSING_LINES)
    assert lines, query
    assert all(missing == lacking for _, missing, _ in lines), lines
    assert all(score not in ("NaN", "0.00") for _, _, score in lines), lines  # Material divides by the terms


def _report(outcomes) -> str:
    return "\n".join(f"  {o.query.q!r}: expected {list(o.query.expect)}, got {o.results[:TOP]}"
                     for o in outcomes if not o.top3)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["zh", "en"])
def test_search_finds_the_expected_article_in_the_top_three(context, server, language, record_property):
    page = context.new_page()
    outcomes = run_queries(page, server + LANGUAGE_ROOTS[language], getattr(QUERIES, language))
    rate, first = hit_rate(outcomes), hit_rate(outcomes, 1)
    # reported with -rP (and in --junitxml): the share of queries whose target comes first
    record_property("top1", round(first, 3))
    record_property("top3", round(rate, 3))
    print(f"{language}: {len(outcomes)} queries, top-1 {first:.0%}, top-{TOP} {rate:.0%}")
    assert rate >= REQUIRED_HIT_RATE, f"top-{TOP} {rate:.0%} < {REQUIRED_HIT_RATE:.0%}; missed:\n{_report(outcomes)}"
    # results stay in the page's language
    for outcome in outcomes:
        assert all(not result.startswith("en/") for result in outcome.results), outcome.query.q


@pytest.mark.browser
def test_the_english_site_does_not_return_chinese_pages(context, server):
    page = context.new_page()
    placeholder = open_search(page, server + "en/")
    assert search(page, "一岗双责", placeholder) == []
    results = search(page, "one post two responsibilities", placeholder)
    assert results and all(href.startswith(server + "en/") for href in results)


@pytest.mark.browser
@pytest.mark.parametrize("language, query, anchor, title, marked", [
    ("zh", "专题研究研判", "art-4-2", "第四条第（二）项", "研判"),
    ("en", "registering new media", "art-4-4", "Art. 4(4)", "registering"),
])
def test_a_result_names_its_article_and_the_words_are_highlighted_on_arrival(
        context, server, language, query, anchor, title, marked):
    page = context.new_page()
    placeholder = open_search(page, server + LANGUAGE_ROOTS[language])
    search(page, query, placeholder)
    # the article's own result (other pages, such as a checklist, may quote the same words)
    link = page.locator(f"a.md-search-result__link[href*='regulation/'][href$='#{anchor}']").first
    assert title in link.locator("h1, h2").first.text_content().replace("\u200b", "")  # invisible
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("#" + anchor) and "h=" in page.url
    page.wait_for_selector("mark[data-md-highlight]")
    marks = [m.lower() for m in page.locator("mark[data-md-highlight]").all_text_contents()]
    assert any(marked.lower().startswith(m) or m.startswith(marked.lower()[:5]) for m in marks), marks


@pytest.mark.browser
def test_searching_makes_no_request_outside_the_local_server(context, server):
    outside = []
    context.on("request", lambda request: outside.append(request.url)
               if not request.url.startswith((server, "data:", "blob:")) else None)
    page = context.new_page()
    for language, query in (("zh", "网信办"), ("en", "cyberspace affairs office")):
        placeholder = open_search(page, server + LANGUAGE_ROOTS[language])
        assert search(page, query, placeholder)
        page.locator("a.md-search-result__link").first.click()
        page.wait_for_load_state("networkidle")
    assert not outside, outside


# --- Offline: the file:// copy ---------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("offline") / "handbook-offline"
    finished = build(ROOT, site_dir, HANDBOOK_OFFLINE="true", HANDBOOK_PDFS="0")  # no test here reads a PDF
    assert finished.returncode == 0, finished.stderr
    return site_dir


def test_the_offline_copy_has_file_urls_and_inlined_indexes(offline_site):
    for root in (offline_site, offline_site / "en"):
        assert (root / "regulation.html").is_file() and not (root / "regulation").exists()
        assert (root / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
        html = (root / "index.html").read_text(encoding="utf-8")
        assert "vendor/iframe-worker/shim.js" in html and "unpkg.com" not in html


@pytest.mark.browser
def test_the_offline_copy_navigates_and_searches_from_file_urls(context, offline_site):
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    home = offline_site.as_uri() + "/index.html"
    for language, query, expected in (("zh", "一岗双责", "regulation/#art-3"),
                                      ("en", "quarterly report", "regulation/#art-6")):
        root = home if language == "zh" else offline_site.as_uri() + "/en/index.html"
        page.goto(root)
        page.locator(".md-nav--primary a.md-nav__link[href$='regulation.html']").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("regulation.html")
        placeholder = open_search(page, page.url)
        results = [target(href, root.rsplit("/", 1)[0] + "/") for href in search(page, query, placeholder)]
        assert expected in results[:TOP], results
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))]
    assert not outside, outside


def test_another_material_stops_the_build_at_the_first_reach_into_its_internals(monkeypatch):
    """hooks/search.py hands Material's search plugin the handbook's segmenter when MkDocs imports
    it, before any hook runs: with another Material installed that reach stops with the guard's
    one line, and Material's module is left as it was."""
    from material.plugins.search import plugin

    import _material

    before = plugin.jieba
    monkeypatch.setattr(_material, "version", lambda package: "9.9.0")
    with pytest.raises(PluginError, match=r"^mkdocs-material 9\.9\.0 is installed, the handbook reaches into 9\.8\.1's"):
        _material.route_segmentation(object())
    assert plugin.jieba is before
    monkeypatch.undo()
    config = SimpleNamespace(extra={})
    _material.require_pinned_material(config)
    assert config.extra == {"material_version": _material.MATERIAL_VERSION}
