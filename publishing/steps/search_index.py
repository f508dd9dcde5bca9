"""The search index's words and aliases, as plain functions of the data and the written index
(site/search/search_index.json, read and rewritten after the engine wrote it, so no engine's
internals are needed; hooks/search.py calls it and describes what each addition is for).
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from collections.abc import Iterable
from pathlib import Path

from macros.segmentation import SEGMENTER

# Far below an article (1) and the pages built from the articles (0.3): a term's own title
# matches weigh 10, yet the articles that use the term must come first.
TERM_BOOST = 0.05
ERRATA_BOOST = 0.2
ROSTER_PAGES = ("roster/", "roster.html")  # served; `make offline` (no directory URLs)
GLOSSARY_TABLE = '<table class="hb-glossary"'
_CELL_GAP = re.compile(r"(</t[dh]>)(\s*)(<t[dh][\s>])")
NEAREST_SCRIPT = Path("search") / "nearest.js"
_ARTICLE = re.compile(r"#art-\d+(-\d+)?$")
NEAREST_KINDS = ("term", "article")  # what a nearest entry is; each has a label search-nearest-<kind>
WRITTEN_INDEX = Path("search") / "search_index.json"  # where the lunr-based index is written


def keep_words_whole(handbook) -> None:
    """Every glossary term, roster name and alias stays one word for jieba (ImportError when
    jieba is missing: the adapter says so in one line)."""
    from macros.search import whole_words

    SEGMENTER.setLogLevel(60)  # jieba's "Building prefix dict" chatter is not a warning
    for word in whole_words(handbook):
        SEGMENTER.add_word(word)


def segment(text: str) -> str:
    """Segment Chinese runs as Material does: words joined by zero-width spaces."""
    from backrefs import bre

    def words(match):
        return "\u200b" + "\u200b".join(SEGMENTER.cut(match.group(0))) + "\u200b"

    return bre.compile(r"(\p{script: Han}+)").sub(words, text).strip("\u200b")


def sub_words(text: str, visible: set[str], known: Iterable[str] = ()) -> list[str]:
    """Words of `text` that are not tokens of the visible text: jieba's two- and three-character
    parts of its long words, and every `known` word (the handbook's own: glossary terms,
    aliases, names) that the cut did not keep as a token: one inside a longer word, which
    jieba's parts miss from four characters (意识形态 in 网络意识形态工作), or one the cut
    crossed (网络舆情 in 网络/舆情监测)."""
    found = []
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    for run in runs:
        for word in SEGMENTER.cut_for_search(run):
            if len(word) > 1 and word not in visible and word not in found:
                found.append(word)
    for run in runs:
        found += [word for word in known if len(word) > 1 and word in run and word not in visible and word not in found]
    return found


def tokens(indexed: str, separator: str) -> set[str]:
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


def prepare_page(content: str) -> tuple[str, dict[str, list[str]] | None]:
    """A page's HTML as it should be indexed (a space between table cells; the glossary's table
    left out, its terms are indexed one by one), and the glossary's rows if this is its page."""
    content = _CELL_GAP.sub(r"\1 \3", content)
    if GLOSSARY_TABLE not in content:
        return content, None
    parser = _TermRows()
    parser.feed(content)
    return content.replace(GLOSSARY_TABLE, GLOSSARY_TABLE + " data-search-exclude", 1), parser.rows


def term_entries(handbook, language: str, url: str, rows: dict[str, list[str]]) -> list[dict]:
    """One entry per glossary term: title the term, text the rest of its row (the other
    language's term only on the Chinese site, so the English site finds no Chinese)."""
    entries = []
    for term in handbook.glossary.terms:
        title = term.zh if language == "zh" else term.en
        cells = [cell for cell in rows.get(term.id, []) if cell and cell not in (title, term.zh)]
        if language == "zh":
            cells = [term.en, *cells] if term.en not in cells else cells
        text = " ".join(cells)
        entries.append({
            "location": f"{url}#term-{term.id}",
            "title": title,  # segmented with every title in enrich()
            "text": segment(text) if language == "zh" else text,
            "boost": TERM_BOOST,
        })
    return entries


def spelling_variants(text: str) -> list[str]:
    """The other spelling (British / American) of every word of `text` that has one."""
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

    variants = []
    for word in sorted({w.lower() for w in re.findall(r"[A-Za-z]+", text)}):
        other = BRITISH_ENGLISH_SPELLINGS.get(word) or AMERICAN_ENGLISH_SPELLINGS.get(word)
        if other and other != word and other not in variants:
            variants.append(other)
    return variants


def enrich(entries: list[dict], handbook, language: str, separator: str,
           glossary: tuple[str, dict[str, list[str]]] = ("", {})) -> None:
    """Add to the index's entries, in place: the glossary's terms (after the glossary page),
    result titles naming their article, aliases, Chinese sub-words or English spellings, and
    the errata's weight. `glossary` is (the glossary page's URL, its rows from prepare_page)."""
    from macros.search import alias_terms, plain, result_title, whole_words

    glossary_url, rows = glossary
    terms = term_entries(handbook, language, glossary_url, rows)
    if terms and not any(entry["location"].startswith(terms[0]["location"]) for entry in entries):
        at = next((i + 1 for i, entry in enumerate(entries) if entry["location"] == glossary_url), len(entries))
        entries[at:at] = terms  # after the glossary page: its sections follow it
    # "head of the leading group": a position's entry names its group (the group is a heading above)
    group_of = {f"{page}#{position.id}": group.name[language] for page in ROSTER_PAGES
                for group in handbook.roster.groups for position in group.positions}
    known_words = whole_words(handbook) if language == "zh" else []
    for entry in entries:
        if entry["location"].endswith("#errata"):
            entry["boost"] = ERRATA_BOOST
        title = result_title(entry["location"], plain(entry["title"]).strip(), language)
        entry["title"] = segment(title) if language == "zh" else title
        text = plain(entry["title"]) + "\n" + plain(entry["text"])
        aliases = alias_terms(handbook, language, text)
        if entry["location"] in group_of:
            aliases.append(group_of[entry["location"]])
        if aliases:
            entry["aliases"] = segment(" ".join(aliases)) if language == "zh" else " ".join(aliases)
        if language == "zh":
            visible = tokens(entry["title"], separator) | tokens(entry["text"], separator)
            words = sub_words(text, visible, known_words)
            if words:
                entry["words"] = " ".join(words)
        else:
            spellings = spelling_variants(text + " " + " ".join(aliases))
            if spellings:
                entry["spellings"] = " ".join(spellings)


def write_nearest(site_dir: str | Path, handbook, language: str, entries: list[dict]) -> None:
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
    path = Path(site_dir) / NEAREST_SCRIPT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("var __hbNearest = " + json.dumps(data, ensure_ascii=False) + ";\n", encoding="utf-8")


def enrich_written_index(site_dir: str | Path, handbook, language: str,
                         glossary: tuple[str, dict[str, list[str]]] = ("", {})) -> list[dict]:
    """Enrich the index the engine wrote into `site_dir`, in place on disk, and write
    search/nearest.js beside it; returns the entries. The index is written back in the engine's
    own form (compact separators, ASCII escapes), so the file is what an in-memory enrichment
    would have written."""
    path = Path(site_dir) / WRITTEN_INDEX
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data["docs"]
    enrich(entries, handbook, language, data["config"]["separator"], glossary)
    path.write_bytes(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))
    write_nearest(site_dir, handbook, language, entries)
    return entries
