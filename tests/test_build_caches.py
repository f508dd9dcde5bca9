"""What a build keeps for the next one (macros/cache_folders.py): jieba's cuts, romanised names,
converted pages and calendar feeds. Each kept answer is the one the work itself gives, and it
is used only while everything that decides it is unchanged. In-process; the builds that use
the caches are compared byte for byte in tests/test_pdf_cache.py."""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from types import SimpleNamespace

import jieba
import pytest

from macros import names
from macros.segmentation import Segmenter
from support import ROOT

DICTIONARY = ROOT / "data" / "search" / "dictionary.txt"
TEXTS = ["各二级党组织书记是本单位网络意识形态工作第一责任人",
         "网络安全和信息化领导小组办公室负责统筹协调全校网络意识形态工作",
         "加强对校园网站、新媒体的登记备案和日常管理"]
WORD = "网络意识形态工作责任制"


def _segmenter(folder, *words: str) -> tuple[Segmenter, jieba.Tokenizer]:
    tokenizer = jieba.Tokenizer()
    segmenter = Segmenter(tokenizer)
    segmenter.load_userdict(str(DICTIONARY))
    for word in words:
        segmenter.add_word(word)
    segmenter.keep_in(folder, "zh")
    return segmenter, tokenizer


def _cuts(segmenter) -> list[list[str]]:
    return [cut for text in TEXTS for cut in (list(segmenter.cut(text)), list(segmenter.cut(text, HMM=False)),
                                              list(segmenter.cut_for_search(text)))]


@pytest.fixture(scope="module")
def jieba_own_cuts() -> list[list[str]]:
    """jieba's own answers with the same dictionary and word, set up directly."""
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(DICTIONARY))
    tokenizer.add_word(WORD)
    return _cuts(tokenizer)


def test_the_segmenter_answers_as_jieba_and_the_next_process_without_loading_it(tmp_path, jieba_own_cuts):
    first, tokenizer = _segmenter(tmp_path, WORD)
    assert _cuts(first) == jieba_own_cuts
    assert tokenizer.initialized and first.cuts_made == len(jieba_own_cuts)
    # Material hands it UTF-8 bytes; the answer is the same
    assert list(first.cut(TEXTS[0].encode("utf-8"))) == jieba_own_cuts[0]
    assert first.save() == (len(jieba_own_cuts), len(jieba_own_cuts))
    assert len(list(tmp_path.glob("*-zh.json"))) == 1

    # the next build's process: the same additions (a word added twice counts once)
    second, untouched = _segmenter(tmp_path, WORD, WORD)
    assert _cuts(second) == jieba_own_cuts
    assert second.cuts_made == 0 and not untouched.initialized  # jieba's dictionary never loaded
    assert second.save() == (len(jieba_own_cuts), 0)


def test_another_word_or_dictionary_cuts_afresh(tmp_path, jieba_own_cuts):
    first, _ = _segmenter(tmp_path, WORD)
    _cuts(first)
    first.save()
    with_another_word, tokenizer = _segmenter(tmp_path, WORD, "登记备案和日常管理")
    cuts = _cuts(with_another_word)
    assert tokenizer.initialized and with_another_word.cuts_made == len(cuts)
    assert "登记备案和日常管理" in cuts[6]  # the new word holds
    edited = tmp_path / "dictionary.txt"
    edited.write_text(DICTIONARY.read_text(encoding="utf-8") + "日常管理 5\n", encoding="utf-8")
    other = Segmenter(jieba.Tokenizer())
    other.load_userdict(str(edited))
    other.add_word(WORD)
    other.keep_in(tmp_path, "zh")
    _cuts(other)
    assert other.cuts_made == len(jieba_own_cuts)


def test_a_romanised_name_is_pypinyin_s_and_the_next_process_needs_no_pypinyin(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    names._store.cache_clear()
    names._kept.cache_clear()
    try:
        assert names.romanize("夏建国", {}) == "Xia Jianguo"
        assert names.romanize("李江", {"李江": "Li Jiang (override)"}) == "Li Jiang (override)"
        stored = json.loads(next((tmp_path / "names").glob("pypinyin-*.json")).read_text(encoding="utf-8"))
        assert stored == {"夏建国": ["xia", "jian", "guo"]}
        names._kept.cache_clear()  # a new process: the names read again, pypinyin not importable
        monkeypatch.setitem(sys.modules, "pypinyin", None)
        assert names.romanize("夏建国", {}) == "Xia Jianguo"
        with pytest.raises(ImportError):
            names.romanize("李荣正", {})  # a name not seen before needs pypinyin
    finally:
        names._store.cache_clear()
        names._kept.cache_clear()


# --- Converted pages ----------------------------------------------------------------------------

class _Page:
    """What MkDocs' Page offers the conversion: its file, Markdown and render(); render() sets
    the HTML, table of contents, title and anchors as Page.render does."""

    def __init__(self, markdown: str, warn: bool = False):
        self.file = _File("regulation.md", "regulation/index.html", "regulation/")
        self.markdown = markdown
        self.content, self.toc, self._title_from_render = None, [], None
        self.present_anchor_ids, self.links_to_anchors = None, None
        self.conversions = 0
        self.warn = warn

    def render(self, config, files):
        self.conversions += 1
        if self.warn:
            logging.getLogger("mkdocs.structure.pages").warning("a link that does not resolve")
        self.content = f"<h1 id=\"t\">{self.markdown}</h1>"
        self.toc = [SimpleNamespace(level=1, id="t", title=self.markdown, children=[])]
        self._title_from_render = self.markdown
        self.present_anchor_ids = {"t"}
        self.links_to_anchors = {files.get_file_from_path("glossary.md"): {"term-x": "glossary.md#term-x"}}


@dataclass(frozen=True)
class _File:
    src_uri: str
    dest_uri: str
    url: str
    inclusion: str = "INCLUDED"


class _Files(list):
    def get_file_from_path(self, src_uri):
        return next(file for file in self if file.src_uri == src_uri)


CONFIG = {"markdown_extensions": ["toc", "tables"], "mdx_configs": {"toc": {"permalink": True}},
          "use_directory_urls": True}


def _files(*extra):
    return _Files(_File(uri, uri.replace(".md", "/index.html"), uri.replace(".md", "/"))
                  for uri in ("regulation.md", "glossary.md", *extra))


def _convert(folder, page, files=None, config=CONFIG):
    from publishing.converted_pages import RememberedConversions

    conversions = RememberedConversions(lambda tokens: [dict(token) for token in tokens], folder)
    conversions.wrap(page)
    page.render(config, files if files is not None else _files())
    return conversions


def test_a_page_converted_before_takes_its_html_toc_title_and_anchors_from_the_cache(tmp_path):
    first = _Page("第一条")
    assert (_convert(tmp_path, first).converted, first.conversions) == (1, 1)
    again = _Page("第一条")
    conversions = _convert(tmp_path, again)
    assert (conversions.remembered, again.conversions) == (1, 0)
    assert again.content == first.content and again._title_from_render == "第一条"
    assert again.toc == [{"level": 1, "id": "t", "name": "第一条", "children": []}]
    assert again.present_anchor_ids == {"t"}
    assert {file.src_uri: links for file, links in again.links_to_anchors.items()} == {
        "glossary.md": {"term-x": "glossary.md#term-x"}}


def test_changed_markdown_files_or_settings_convert_again(tmp_path):
    _convert(tmp_path, _Page("第一条"))
    for page, files, config in [
            (_Page("第二条"), None, CONFIG),  # other Markdown
            (_Page("第一条"), _files("roster.md"), CONFIG),  # another page in the site: links may resolve otherwise
            (_Page("第一条"), None, {**CONFIG, "mdx_configs": {"toc": {"permalink": False}}})]:  # other settings
        _convert(tmp_path, page, files, config)
        assert page.conversions == 1


def test_a_conversion_that_logged_a_warning_is_not_kept_so_the_next_build_warns_again(tmp_path):
    _convert(tmp_path, _Page("第一条", warn=True))
    again = _Page("第一条", warn=True)
    _convert(tmp_path, again)
    assert again.conversions == 1
    assert list(tmp_path.glob("*.json")) == []


# A page cut in parts as macros/templates/regulation.md.j2 cuts it: raw HTML, Markdown headings
# with ids of their own, a list, a link to another page's anchor, a heading without an id.
CUT_PAGE = """# The regulation { #regulation }

<p class="hb-version" id="version">As amended</p>

## Rules { #rules }

<!-- hb:cut -->

### Article 1 — {title} { #art-1 }

<p class="hb-text">Text of article 1, see the <a href="/glossary/#term-x">term</a>.</p>

<details class="hb-clause-links"><summary>Duties</summary>
<ul><li>one</li></ul>
</details>

<!-- hb:cut -->

### Article 2 — Scope { #art-2 }

#### Item (1) { #art-2-1 }

A paragraph with [a link](glossary.md#term-x) and *emphasis*.

- a list item
- another

<!-- hb:cut -->

### A heading without an id

<p class="hb-attachments">Attachment</p>
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The engine's own Page and settings (MkDocs, with the handbook's Markdown extensions)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    project = tmp_path_factory.mktemp("engine")
    (project / "docs").mkdir()
    for name in ("regulation.md", "glossary.md"):
        (project / "docs" / name).write_text("# x\n", encoding="utf-8")
    config_file = project / "mkdocs.yml"
    config_file.write_text("site_name: x\nmarkdown_extensions: [attr_list, md_in_html, tables, admonition, "
                           "{toc: {permalink: true}}]\n", encoding="utf-8")
    config = load_config(str(config_file))
    return config, get_files(config)


def _engine_page(engine, markdown: str):
    from mkdocs.structure.pages import Page

    config, files = engine
    page = Page(None, files.get_file_from_path("regulation.md"), config)
    page.markdown = markdown
    return page


def _converted_with_cuts(engine, folder, markdown: str):
    from mkdocs.structure.toc import get_toc
    from publishing.converted_pages import RememberedConversions

    config, files = engine
    page = _engine_page(engine, markdown)
    conversions = RememberedConversions(get_toc, folder)
    conversions.wrap(page)
    page.render(config, files)
    return page, conversions


def _as_converted(page) -> tuple:
    from publishing.converted_pages import _toc_tokens

    return (page.content, _toc_tokens(page.toc), page.title, sorted(page.present_anchor_ids),
            {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()})


def test_a_page_cut_in_parts_is_what_the_engine_makes_of_it_whole(engine, tmp_path):
    from macros.rendering import PAGE_CUT

    text = CUT_PAGE.replace("{title}", "Purpose")
    assert text.count(PAGE_CUT) == 3
    whole = _engine_page(engine, text.replace(PAGE_CUT + "\n", ""))
    whole.render(*engine)
    page, conversions = _converted_with_cuts(engine, tmp_path, text)
    assert (conversions.converted, conversions.converted_parts) == (1, 4)
    assert _as_converted(page) == _as_converted(whole)
    assert PAGE_CUT not in page.markdown and "hb:part" not in page.content
    assert [item.id for item in page.toc] == ["regulation"]
    assert [item.id for item in page.toc.items[0].children[0].children] == ["art-1", "art-2", "a-heading-without-an-id"]


def test_an_edit_of_one_part_converts_that_part_again_and_takes_the_rest_from_the_cache(engine, tmp_path):
    from macros.rendering import PAGE_CUT

    _converted_with_cuts(engine, tmp_path, CUT_PAGE.replace("{title}", "Purpose"))
    edited = CUT_PAGE.replace("{title}", "Purpose and basis")
    page, conversions = _converted_with_cuts(engine, tmp_path, edited)
    assert (conversions.converted, conversions.converted_parts, conversions.remembered_parts) == (1, 1, 3)
    whole = _engine_page(engine, edited.replace(PAGE_CUT + "\n", ""))
    whole.render(*engine)
    assert _as_converted(page) == _as_converted(whole)


def test_an_id_in_two_parts_has_the_page_converted_whole(engine, tmp_path):
    """Python-Markdown gives a heading without an id one that no other element has: parts
    converted apart would both say `scope`; whole, the second is `scope_1`."""
    text = CUT_PAGE.replace("{title}", "Purpose").replace("### A heading without an id", "### Scope")
    text = text.replace("{ #art-2 }", "{ #scope }")
    page, conversions = _converted_with_cuts(engine, tmp_path, text)
    assert 'id="scope_1"' in page.content
    whole = _engine_page(engine, page.markdown)
    whole.render(*engine)
    assert _as_converted(page) == _as_converted(whole)


def test_the_check_stops_a_page_whose_parts_differ_from_the_whole(engine, tmp_path, monkeypatch):
    """HANDBOOK_CHECK_CUT_PAGES=1 (the tests' builds): a cut inside a block is caught."""
    from publishing.converted_pages import CutPageDiffers

    monkeypatch.setenv("HANDBOOK_CHECK_CUT_PAGES", "1")
    inside_a_list = "# T\n\n- one\n<!-- hb:cut -->\n- two\n"
    with pytest.raises(CutPageDiffers, match="regulation.md: its content"):
        _converted_with_cuts(engine, tmp_path, inside_a_list)


# --- Calendar feeds ---------------------------------------------------------------------------

def test_the_calendar_feeds_come_from_the_cache_byte_for_byte_per_language(handbook, tmp_path):
    from macros import feeds
    from publishing.steps.feeds import write_calendar_feeds

    site_url = "http://127.0.0.1:8000/"
    cache = tmp_path / "cache"
    for language in ("zh", "en"):
        made = write_calendar_feeds(tmp_path / f"made-{language}", handbook, language, site_url, cache)
        kept = write_calendar_feeds(tmp_path / f"kept-{language}", handbook, language, site_url, cache)
        assert (made, kept) == (False, True)
        expected = feeds.site_feeds(handbook, language, site_url)
        for site in (f"made-{language}", f"kept-{language}"):
            assert {name: (tmp_path / site / name).read_bytes() for name in expected} == expected
    assert len(list(cache.glob("*.zip"))) == 2  # one per language


# --- Search entries -----------------------------------------------------------------------------

def _search_config():
    from material.plugins.search.plugin import SearchIndex

    plugin = SimpleNamespace(config=SimpleNamespace(enabled=True), search_index=SearchIndex(
        lang=["zh"], separator=r"[\s]+", pipeline=[], fields={}))
    return SimpleNamespace(plugins={"material/search": plugin}), plugin.search_index


def _search_page(content: str):
    return SimpleNamespace(url="regulation/", title="细则", content=content, toc=[], meta={})


def test_a_page_indexed_before_takes_its_search_entries_from_the_cache(tmp_path):
    from functools import partial

    from _material import remember_search_entries
    from publishing import caches

    read, write = partial(caches.read_json, tmp_path), partial(caches.write_json, tmp_path)
    html = '<h2 id="art-1">第一条</h2><p>为加强网络意识形态工作</p>'
    config, index = _search_config()
    counts = remember_search_entries(config, read, write, "dictionary A")
    index.add_entry_from_context(_search_page(html))
    assert counts == {"indexed": 1, "from the cache": 0}
    parsed = index.entries
    assert [entry["location"] for entry in parsed] == ["regulation/", "regulation/#art-1"]

    config, index = _search_config()
    counts = remember_search_entries(config, read, write, "dictionary A")
    index.add_entry_from_context(_search_page(html))
    assert counts == {"indexed": 0, "from the cache": 1} and index.entries == parsed
    index.add_entry_from_context(_search_page(html.replace("加强", "加快")))  # other HTML
    assert counts["indexed"] == 1 and index.entries[-1]["text"] != parsed[-1]["text"]

    config, index = _search_config()
    counts = remember_search_entries(config, read, write, "dictionary B")  # another dictionary
    index.add_entry_from_context(_search_page(html))
    assert counts == {"indexed": 1, "from the cache": 0}


def test_a_cache_past_its_size_loses_its_least_recently_used_entries_first(tmp_path):
    import os
    import time

    from publishing import caches

    now = time.time()
    for age, name in enumerate(["newest", "newer", "old", "older", "oldest"]):
        entry = tmp_path / f"{name}.json"
        entry.write_bytes(b"x" * 100)
        os.utime(entry, (now - 60 * age, now - 60 * age))
    (tmp_path / "left.json.123.writing").write_bytes(b"x")
    caches.prune(tmp_path, "*.json", "*.writing", max_bytes=250)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["left.json.123.writing", "newer.json", "newest.json"]
    caches.prune(tmp_path, "*.json", "*.writing")  # under MAX_BYTES: nothing more goes
    assert len(list(tmp_path.glob("*.json"))) == 2



def test_a_build_prunes_a_folder_at_most_every_ten_minutes(tmp_path):
    import os
    import time

    from publishing import caches

    stale = time.time() - (caches.LIFETIME_DAYS + 1) * 86400

    def unused_entry():
        entry = tmp_path / "unused.json"
        entry.write_bytes(b"x")
        os.utime(entry, (stale, stale))
        return entry

    entry = unused_entry()
    caches.prune_now_and_then(tmp_path, "*.json", "*.writing")  # never pruned before: now
    assert not entry.exists()
    entry = unused_entry()
    caches.prune_now_and_then(tmp_path, "*.json", "*.writing")  # pruned a moment ago: not again
    assert entry.exists()
    marker = tmp_path / ".pruned"
    earlier = time.time() - caches.PRUNE_EVERY_SECONDS - 1
    os.utime(marker, (earlier, earlier))
    caches.prune_now_and_then(tmp_path, "*.json", "*.writing")
    assert not entry.exists()


# --- What a process keeps between the rebuilds of `mkdocs serve` ---------------------------------

def test_a_rebuild_parses_only_the_data_files_that_changed(tmp_path, monkeypatch):
    import shutil

    from macros import yaml_files
    from macros.handbook import load_handbook

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    parsed = []
    real_parse = yaml_files._parse
    monkeypatch.setattr(yaml_files, "_parse", lambda text, loader: parsed.append(text) or real_parse(text, loader))
    monkeypatch.setattr(yaml_files, "_PARSED", {})
    first = load_handbook(data)
    files = len(parsed)
    assert files >= 10  # every data file, once
    roster = data / "roster.yml"
    edited = roster.read_text(encoding="utf-8").replace("\n", "\n# an edit\n", 1)
    roster.write_text(edited, encoding="utf-8")
    second = load_handbook(data)
    assert parsed[files:] == [edited] and second is not first
    # a file that fails a check is reported every time, never kept
    roster.write_text(edited + "as_of: 2018-11-09\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Exception, match="written twice"):
            load_handbook(data)
    assert len(parsed) == files + 3


def test_git_is_asked_once_per_process_and_another_macros_plugin_is_refused(monkeypatch):
    import _macros_plugin
    from mkdocs.exceptions import PluginError
    from mkdocs_macros import context

    monkeypatch.setattr(context, "get_git_info", context.get_git_info)  # restored after the test
    asked = []
    monkeypatch.setattr(context, "get_git_info", lambda: asked.append(1) or {"status": True})
    _macros_plugin.remember_git_info()
    _macros_plugin.remember_git_info()  # a rebuild under `mkdocs serve` configures the plugin again
    assert [context.get_git_info() for _ in range(3)] == [{"status": True}] * 3 and asked == [1]
    monkeypatch.setattr(_macros_plugin, "version", lambda name: "9.9.9")
    with pytest.raises(PluginError, match="mkdocs-macros-plugin 9.9.9 is installed.*hooks/_macros_plugin.py"):
        _macros_plugin.remember_git_info()


def _macros_config(environment):
    """A build's config as remember_compiled_pages reads it: the macros plugin and its environment."""
    return SimpleNamespace(plugins={"macros": SimpleNamespace(env=environment)})


def test_a_page_is_compiled_once_per_process_and_renders_with_each_build_s_own_macros(monkeypatch):
    import _macros_plugin
    from jinja2 import Environment

    monkeypatch.setattr(_macros_plugin, "_COMPILED_PAGES", _macros_plugin.OrderedDict())
    compiled = []

    def build_environment(word):  # a build: a new environment, its own macros
        environment = Environment(comment_start_string="{##", comment_end_string="##}")
        real_compile = environment.compile
        environment.compile = lambda source, *args: compiled.append(source) or real_compile(source, *args)
        environment.globals["word"] = lambda: word
        _macros_plugin.remember_compiled_pages(_macros_config(environment))
        return environment

    page = "# {{ word() }}\n"
    assert build_environment("first").from_string(page).render() == "# first"
    assert build_environment("second").from_string(page).render() == "# second"  # the same code, this build's macro
    assert compiled == [page]
    # other syntax settings compile afresh: the code depends on them
    other = Environment(variable_start_string="[[", variable_end_string="]]")
    _macros_plugin.remember_compiled_pages(_macros_config(other))
    assert other.from_string("[[ 1 + 1 ]] {{ x }}").render() == "2 {{ x }}"
    # an edited page is compiled again
    assert build_environment("third").from_string(page + "more\n").render() == "# third\nmore"
    assert compiled == [page, page + "more\n"]
    monkeypatch.setattr(_macros_plugin, "version", lambda name: "9.9.9")
    with pytest.raises(Exception, match="mkdocs-macros-plugin 9.9.9 is installed"):
        build_environment("fourth")


def test_an_edited_template_is_read_again_at_the_next_build(tmp_path, monkeypatch):
    from jinja2 import FileSystemLoader

    from macros import rendering

    environment = rendering.make_environment()
    environment.loader = FileSystemLoader(tmp_path)
    monkeypatch.setattr(rendering, "_ENVIRONMENT", environment)
    template, other = tmp_path / "page.md.j2", tmp_path / "other.md.j2"
    template.write_text("before {{ text }}\n", encoding="utf-8")
    other.write_text("other\n", encoding="utf-8")
    assert rendering.render("page.md.j2", text="*") == "before &#42;\n"
    assert rendering.render("other.md.j2") == "other\n"
    kept = environment.get_template("other.md.j2")
    template.write_text("after {{ text }}\n", encoding="utf-8")
    later = template.stat().st_mtime_ns + 1_000_000_000  # a save a second later, whatever the clock's grain
    os.utime(template, ns=(later, later))
    assert rendering.render("page.md.j2", text="*") == "before &#42;\n"  # within one build: read once
    rendering.start_build()
    assert rendering.render("page.md.j2", text="*") == "after &#42;\n"
    assert environment.get_template("other.md.j2") is kept  # an unchanged template is not read again


def test_each_calendar_event_is_serialised_once_per_process_and_as_icalendar_writes_it(handbook):
    from icalendar import Calendar

    from macros import feeds

    feeds._serialised_event.cache_clear()
    first = feeds.site_feeds(handbook, "en", "http://127.0.0.1:8000/en/")
    events = feeds._serialised_event.cache_info().currsize
    assert events > 0
    again = feeds.site_feeds(handbook, "en", "http://127.0.0.1:8000/en/")  # a rebuild of the same data
    assert again == first and feeds._serialised_event.cache_info().currsize == events
    # another address is other events (their links), never an event of the first
    other = feeds.site_feeds(handbook, "en", "http://intranet.example/handbook/en/")
    assert feeds._serialised_event.cache_info().currsize == 2 * events
    assert b"intranet.example" in other["calendar/all.ics"] and b"127.0.0.1" not in other["calendar/all.ics"]
    parsed = Calendar.from_ical(first["calendar/all.ics"])
    assert parsed.to_ical() == first["calendar/all.ics"]  # what icalendar itself writes


# --- The theme's page template under `mkdocs serve` (publishing/rendered_pages.py) -----------------

class Theme(dict):
    """Stands for MkDocs' Theme (described by its name, folders and settings)."""

    def __init__(self, folder, **settings) -> None:
        super().__init__(settings)
        self.name, self.dirs = "material", [str(folder)]


def _page(title: str, content: str, url: str = "regulation/"):
    file = SimpleNamespace(src_uri=url.rstrip("/") + ".md", dest_uri=url + "index.html")
    return SimpleNamespace(title=title, content=content, toc=[], meta={"description": "d"}, url=url,
                           canonical_url=None, abs_url="/" + url, edit_url=None, file=file,
                           is_homepage=False, previous_page=None, next_page=None, ancestors=[])


def _render(pages, page, nav_titles, extra, theme):
    import jinja2
    env = jinja2.Environment(loader=jinja2.DictLoader({"main.html": (
        "{{ page.title }}|{{ config.extra.note }}|{% for item in nav.items %}{{ item.title }},{% endfor %}|"
        "{{ page.content }}")}))
    pages.wrap(env)
    nav = SimpleNamespace(items=[SimpleNamespace(title=title, url=f"{title}/", meta=None, children=None)
                                 for title in nav_titles])
    context = {"nav": nav, "pages": [], "base_url": "..", "extra_css": [], "extra_javascript": [],
               "mkdocs_version": "1.6.1", "build_date_utc": object(),
               "config": {"extra": extra, "site_name": "Handbook", "theme": theme}, "page": page}
    return env.get_template("main.html").render(context)


def test_a_page_the_theme_rendered_before_comes_from_the_cache_until_anything_it_shows_changes(tmp_path):
    from publishing.rendered_pages import RememberedPages
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    folder = tmp_path / "pages"
    theme = Theme(overrides, language="en")
    first = RememberedPages(folder, check=False)
    assert _render(first, _page("Rules", "<p>text</p>"), ["a", "b"], {"note": "n"}, theme) == "Rules|n|a,b,|<p>text</p>"
    assert (first.rendered, first.remembered) == (1, 0)

    again = RememberedPages(folder, check=False)  # the next rebuild (the build date differs: not shown)
    assert _render(again, _page("Rules", "<p>text</p>"), ["a", "b"], {"note": "n"}, theme) == "Rules|n|a,b,|<p>text</p>"
    assert (again.rendered, again.remembered) == (0, 1)

    changes = {"the page's HTML": (_page("Rules", "<p>new</p>"), ["a", "b"], {"note": "n"}),
               "its title": (_page("Rules 2", "<p>text</p>"), ["a", "b"], {"note": "n"}),
               "another page's title in the navigation": (_page("Rules", "<p>text</p>"), ["a", "c"], {"note": "n"}),
               "a setting (config.extra)": (_page("Rules", "<p>text</p>"), ["a", "b"], {"note": "m"})}
    for change, (page, nav, extra) in changes.items():
        pages = RememberedPages(folder, check=False)
        _render(pages, page, nav, extra, theme)
        assert (pages.rendered, pages.remembered) == (1, 0), change
    (overrides / "main.html").write_text("{% extends 'base.html' %}{# edited #}", encoding="utf-8")
    pages = RememberedPages(folder, check=False)
    _render(pages, _page("Rules", "<p>text</p>"), ["a", "b"], {"note": "n"}, theme)
    assert (pages.rendered, pages.remembered) == (1, 0), "an edited override"


def test_a_page_with_a_value_of_no_stable_description_is_always_rendered(tmp_path):
    from publishing.rendered_pages import RememberedPages
    theme, folder = Theme(tmp_path / "overrides"), tmp_path / "pages"
    for extra, remembered in (({"note": "n", "object": object()}, 0),  # shown by its address: no key
                              ({"note": "n"}, 1)):
        for round_ in range(2):
            pages = RememberedPages(folder, check=False)
            assert _render(pages, _page("Rules", "x"), ["a"], extra, theme) == "Rules|n|a,|x"
            assert pages.remembered == (remembered if round_ else 0)


def test_the_check_renders_anyway_and_stops_at_a_remembered_page_that_differs(tmp_path):
    from publishing.rendered_pages import RememberedPages
    _render(RememberedPages(tmp_path, check=False), _page("Rules", "x"), ["a"], {"note": "n"}, Theme(tmp_path / "t"))
    checked = RememberedPages(tmp_path, check=True)
    _render(checked, _page("Rules", "x"), ["a"], {"note": "n"}, Theme(tmp_path / "t"))
    assert (checked.rendered, checked.remembered) == (0, 1)
    [entry] = tmp_path.glob("*.html")
    entry.write_text("stale", encoding="utf-8")
    with pytest.raises(RuntimeError, match="differs"):
        _render(RememberedPages(tmp_path, check=True), _page("Rules", "x"), ["a"], {"note": "n"}, Theme(tmp_path / "t"))


def test_the_rendering_caches_keep_what_a_build_uses_and_lose_what_none_used_for_30_days(tmp_path, monkeypatch):
    """.cache/jinja/ (compiled templates) and .cache/names/ (romanised names) are pruned as the
    other caches are: an entry a build reads again counts as used, one nobody read goes."""
    import os
    import time

    from jinja2 import DictLoader, Environment

    from hooks import template_cache
    from macros import rendering
    from publishing import caches

    stale = time.time() - (caches.LIFETIME_DAYS + 1) * 86400
    templates, kept_names = tmp_path / "jinja", tmp_path / "names"
    loader = DictLoader({"used.html": "{{ 1 + 1 }}"})
    Environment(loader=loader, bytecode_cache=rendering.CompiledTemplates(templates)).get_template("used.html")
    (used,) = templates.glob("__jinja2_*.cache")
    unused = templates / "__jinja2_0123.cache"
    unused.write_bytes(b"x")
    kept_names.mkdir()
    old_pypinyin = kept_names / "pypinyin-0.1.json"
    old_pypinyin.write_text("{}", encoding="utf-8")
    for entry in (used, unused, old_pypinyin):
        os.utime(entry, (stale, stale))
    # The next process reads the used template from the folder: that counts as a use
    Environment(loader=loader, bytecode_cache=rendering.CompiledTemplates(templates)).get_template("used.html")
    assert used.stat().st_mtime > stale + 86400

    monkeypatch.setattr(template_cache, "COMPILED_TEMPLATES", templates)
    monkeypatch.setattr(names, "store_folder", lambda: kept_names)
    template_cache.on_post_build(None)
    assert used.exists() and not unused.exists() and not old_pypinyin.exists()
