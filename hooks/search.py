"""Search that finds the right article: build-time side of Material's search, per language build.

- Segmentation: jieba must be importable (Material silently skips Chinese segmentation
  without it). The user dictionary (`search.jieba_dict_user`, data/search/dictionary.txt) holds
  the regulation's phrases; on top, every glossary term, roster name and alias is kept whole.
- Sub-words: a whole word such as 网络安全和信息化领导小组办公室 is one token in the visible
  text, so its parts (领导小组, 办公室 …) go into a hidden `words` field: searching a part still
  finds the passage.
- Aliases (data/aliases.yml) and synonyms (`synonyms` of a term in data/glossary.yml): every
  entry whose text contains an alias's long form or a term gets the words readers type for it
  in a hidden `aliases` field, so 网信办 / "CAC office" find the long form, "review" the
  passages on assessment.
- Spelling variants (English): every word of an entry that has a British or American spelling
  in breame's word list (about 1,700 pairs) gets the other spelling in a hidden `spellings`
  field, so "organization" finds "organisation" and "analyse" is found by "analyze".
- The glossary term by term: each row of the term table (`<tr id="term-<id>">`) becomes its own
  entry, /glossary/#term-<id>, weighted below the articles (TERM_BOOST); the table itself is
  kept out of the glossary page's entry.
- The errata: the record column (full of ⏎/␣ marks) is not indexed (errata.md.j2) and the
  section weighs ERRATA_BOOST, so a name finds the roster before the repair of its spacing.
- Table cells are indexed with a space between them (Material joins them: "workRendered").
- No dead ends: search/nearest.js (per language) lists the glossary terms and the articles and
  items with the words that find them; when a query has no result, the page's
  search_nearest.js offers the nearest of them (shared characters, edit distance).
- A roster position's entry carries its group's name (aliases), so "head of the leading group"
  finds the head.
- Result titles name the article: '(二) 专题研究…' becomes '第四条第（二）项 专题研究…'.
- Query side: Material's worker segments a Chinese query greedily and drops its last word
  (`for j < query.length`), and applies no stemming to the wildcard terms it searches for.
  The worker's query step is replaced with hooks/search_query.js (segmentation against the
  index's own vocabulary, English stemming and stop words, all words required when some entry
  has them all); the build stops if Material's worker no longer has the expected code.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from _material import patch_search_worker
from _project import handbook_of
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

QUERY_SCRIPT = Path(__file__).with_name("search_query.js")
# Far below an article (1) and the pages built from the articles (0.3): a term's own title
# matches weigh 10, yet the articles that use the term must come first.
TERM_BOOST = 0.05
ERRATA_BOOST = 0.2
ROSTER_PAGES = ("roster/", "roster.html")  # served; `make offline` (no directory URLs)
GLOSSARY_TABLE = '<table class="hb-glossary"'
_CELL_GAP = re.compile(r"(</t[dh]>)(\s*)(<t[dh][\s>])")
# Rows of the glossary page per language build: (page url, {term id: [cell texts]}).
_glossary_rows: dict[str, tuple[str, dict[str, list[str]]]] = {}


_handbook = handbook_of


def on_config(config):
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is pinned in requirements.txt
        raise PluginError("search: jieba is not installed; Chinese search would find nothing") from None
    from macros.search import whole_words

    jieba.setLogLevel(60)  # its "Building prefix dict" chatter is not a warning
    for word in whole_words(_handbook(config)):
        jieba.add_word(word)
    return config


def _segment(text: str) -> str:
    """Segment Chinese runs as Material does: words joined by zero-width spaces."""
    import jieba
    from backrefs import bre

    def words(match):
        return "\u200b" + "\u200b".join(jieba.cut(match.group(0))) + "\u200b"

    return bre.compile(r"(\p{script: Han}+)").sub(words, text).strip("\u200b")


def _sub_words(text: str, visible: set[str]) -> list[str]:
    """Parts of the long words in `text` that are not tokens of the visible text."""
    import jieba

    found = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        for word in jieba.cut_for_search(run):
            if len(word) > 1 and word not in visible and word not in found:
                found.append(word)
    return found


def _tokens(indexed: str, separator: str) -> set[str]:
    from macros.search import plain

    return {token for token in re.split(separator, re.sub(r"<[^>]+>", " ", indexed)) if token} | set(
        plain(indexed).split()
    )


class _TermRows(HTMLParser):
    """The text of each cell of each `<tr id="term-…">` row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[str]] = {}
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        row_id = dict(attrs).get("id") or ""
        if tag == "tr" and row_id.startswith("term-"):
            self._row = self.rows.setdefault(row_id[len("term-"):], [])
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def on_page_content(content, page, config, files):
    content = _CELL_GAP.sub(r"\1 \3", content)
    if GLOSSARY_TABLE in content:
        parser = _TermRows()
        parser.feed(content)
        _glossary_rows[config.theme["language"]] = (page.url, parser.rows)
        # each term is indexed as its own entry (on_post_build), not as one block of table text
        content = content.replace(GLOSSARY_TABLE, GLOSSARY_TABLE + " data-search-exclude", 1)
    return content


def _term_entries(handbook, language: str) -> tuple[str, list[dict]]:
    """One entry per glossary term: title the term, text the rest of its row (the other
    language's term only on the Chinese site, so the English site finds no Chinese)."""
    url, rows = _glossary_rows.get(language, ("", {}))
    entries = []
    for term in handbook.glossary.terms:
        title = term.zh if language == "zh" else term.en
        cells = [cell for cell in rows.get(term.id, []) if cell and cell not in (title, term.zh)]
        if language == "zh":
            cells = [term.en, *cells] if term.en not in cells else cells
        text = " ".join(cells)
        entries.append({
            "location": f"{url}#term-{term.id}",
            "title": title,  # segmented with every title in on_post_build
            "text": _segment(text) if language == "zh" else text,
            "boost": TERM_BOOST,
        })
    return url, entries


def _spelling_variants(text: str) -> list[str]:
    """The other spelling (British / American) of every word of `text` that has one."""
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

    variants = []
    for word in sorted({w.lower() for w in re.findall(r"[A-Za-z]+", text)}):
        other = BRITISH_ENGLISH_SPELLINGS.get(word) or AMERICAN_ENGLISH_SPELLINGS.get(word)
        if other and other != word and other not in variants:
            variants.append(other)
    return variants


@event_priority(50)  # before Material's search plugin writes search_index.json (priority 0)
def on_post_build(config):
    from macros.search import alias_terms, plain, result_title

    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return
    language = config.theme["language"]
    handbook = _handbook(config)
    separator = search.config.separator
    index = search.search_index
    glossary_url, terms = _term_entries(handbook, language)
    if terms and not any(entry["location"].startswith(terms[0]["location"]) for entry in index.entries):
        at = next((i + 1 for i, entry in enumerate(index.entries) if entry["location"] == glossary_url),
                  len(index.entries))
        index.entries[at:at] = terms  # after the glossary page: its sections follow it
    # "head of the leading group": a position's entry names its group (the group is a heading above)
    group_of = {f"{page}#{position.id}": group.name[language] for page in ROSTER_PAGES
                for group in handbook.roster.groups for position in group.positions}
    for entry in index.entries:
        if entry["location"].endswith("#errata"):
            entry["boost"] = ERRATA_BOOST
        title = result_title(entry["location"], plain(entry["title"]).strip(), language)
        entry["title"] = _segment(title) if language == "zh" else title
        text = plain(entry["title"]) + "\n" + plain(entry["text"])
        aliases = alias_terms(handbook, language, text)
        if entry["location"] in group_of:
            aliases.append(group_of[entry["location"]])
        if aliases:
            entry["aliases"] = _segment(" ".join(aliases)) if language == "zh" else " ".join(aliases)
        if language == "zh":
            visible = _tokens(entry["title"], separator) | _tokens(entry["text"], separator)
            words = _sub_words(text, visible)
            if words:
                entry["words"] = " ".join(words)
        else:
            spellings = _spelling_variants(text + " " + " ".join(aliases))
            if spellings:
                entry["spellings"] = " ".join(spellings)
    _write_nearest(config, handbook, language, index.entries)
    _patch_worker(config, language)


NEAREST_SCRIPT = Path("search") / "nearest.js"
_ARTICLE = re.compile(r"#art-\d+(-\d+)?$")
NEAREST_KINDS = ("term", "article")  # what a nearest entry is; each has a label search-nearest-<kind>


def _write_nearest(config, handbook, language: str, entries: list[dict]) -> None:
    """search/nearest.js: what overrides/assets/javascripts/search_nearest.js offers when a
    query finds nothing. A script, not JSON, so that it loads from file:// too."""
    from macros.search import plain

    items = []
    for entry in entries:
        location = entry["location"]
        kind = "term" if "#term-" in location else "article" if _ARTICLE.search(location) else None
        if kind is None:
            continue
        title = html.unescape(plain(entry["title"])).strip()
        words = [plain(entry.get("aliases", ""))]
        if kind == "term":
            term = next(t for t in handbook.glossary.terms if location.endswith("#term-" + t.id))
            words += term.forms(language) + ([term.en] if language == "zh" else [])
        items.append({"kind": kind, "title": title, "location": location,
                      "words": " ".join(w for w in words if w).strip()})
    data = {
        "lead": handbook.label("search-nearest", language),
        "kinds": {kind: handbook.label(f"search-nearest-{kind}", language) for kind in NEAREST_KINDS},
        "items": items,
    }
    path = Path(config.site_dir) / NEAREST_SCRIPT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("var __hbNearest = " + json.dumps(data, ensure_ascii=False) + ";\n", encoding="utf-8")


def _patch_worker(config, language: str) -> None:
    prelude = f"var HANDBOOK_SEARCH_LANGUAGE = {json.dumps(language)};\n"
    patch_search_worker(config.site_dir, prelude + QUERY_SCRIPT.read_text(encoding="utf-8"))
