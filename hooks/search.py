"""Search that finds the right article: build-time side of Material's search, per language build.
The MkDocs adapter of publishing/steps/search_index.py, which does the work below as plain
functions of the data and the written index (search/search_index.json, after Material wrote it).

- Done once: Material's plugin cuts Chinese through macros/segmentation.py, which answers a cut
  made before from .cache/words/ and loads jieba's dictionary only for new text; a page whose
  HTML and dictionary are unchanged takes its index entries from .cache/search/
  (hooks/_material.py). The log says how many of each came from the cache.
- Segmentation: jieba must be importable (Material silently skips Chinese segmentation
  without it). The user dictionary (`search.jieba_dict_user`, data/search/dictionary.txt) holds
  the regulation's phrases; on top, every glossary term, roster name and alias is kept whole.
- Sub-words: a whole word such as 网络安全和信息化领导小组办公室 is one token in the visible
  text, so its parts (领导小组, 办公室 …) go into a hidden `words` field: searching a part still
  finds the passage. So does every term, alias or name the text holds that the cut did not keep
  as a token (意识形态 inside 网络意识形态工作, 网络舆情 across 网络/舆情监测).
- Aliases (data/aliases.yml) and synonyms (`synonyms` of a term in data/glossary.yml): every
  entry whose text contains an alias's long form or a term gets the words readers type for it
  in a hidden `aliases` field, so 网信办 / "cyberspace affairs office" find the long form and
  "performance review" the passages on appraisal (考核).
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

import json
import logging
from functools import partial
from pathlib import Path

from _material import patch_search_worker, remember_search_entries, route_segmentation
from _project import handbook_of
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from macros.cache_folders import cache_folder
from macros.segmentation import SEGMENTER, remembered_cuts
from publishing import caches
from publishing.steps import search_index
from publishing.steps.search_index import NEAREST_KINDS  # noqa: F401  (tests/test_interface_labels.py reads it here)

log = logging.getLogger("mkdocs.hooks.search")
QUERY_SCRIPT = Path(__file__).with_name("search_query.js")
# Rows of the glossary page per language build: (page url, {term id: [cell texts]}).
_glossary_rows: dict[str, tuple[str, dict[str, list[str]]]] = {}
# Pages indexed by Material and taken from the cache, per language build.
_indexed: dict[str, dict[str, int]] = {}

# Before Material's on_config hands jieba the user dictionary: each build cuts Chinese through
# the segmenter, which loads jieba's dictionary only for text it has not cut before.
route_segmentation(SEGMENTER)


def on_config(config):
    SEGMENTER.keep_in(remembered_cuts(), config.theme["language"])
    try:
        search_index.keep_words_whole(handbook_of(config))
    except ImportError:  # pragma: no cover - jieba is pinned in requirements.txt
        raise PluginError("search: jieba is not installed; Chinese search would find nothing") from None
    # A page indexed before, with the same HTML and the same dictionary, takes its entries from
    # .cache/search/ instead of Material's HTML parser.
    entries = cache_folder("search")
    _indexed[config.theme["language"]] = remember_search_entries(
        config, partial(caches.read_json, entries), partial(caches.write_json, entries), SEGMENTER.fingerprint())
    return config


def on_page_content(content, page, config, files):
    content, rows = search_index.prepare_page(content)
    if rows is not None:
        _glossary_rows[config.theme["language"]] = (page.url, rows)
    return content


@event_priority(-50)  # after Material's search plugin wrote search_index.json (priority 0)
def on_post_build(config):
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return
    language = config.theme["language"]
    search_index.enrich_written_index(config.site_dir, handbook_of(config), language,
                                      _glossary_rows.get(language, ("", {})))
    _patch_worker(config, language)
    asked, made = SEGMENTER.save()
    log.info("Chinese words: %d runs of text cut by jieba, %d from the cache", made, asked - made)
    caches.prune_now_and_then(remembered_cuts(), "*.json", "*.writing")
    indexed = _indexed.pop(language, {})
    log.info("Search: %d pages indexed, %d from the cache", indexed.get("indexed", 0),
             indexed.get("from the cache", 0))
    caches.prune_json(cache_folder("search"))


def _patch_worker(config, language: str) -> None:
    prelude = f"var HANDBOOK_SEARCH_LANGUAGE = {json.dumps(language)};\n"
    patch_search_worker(config.site_dir, prelude + QUERY_SCRIPT.read_text(encoding="utf-8"))
