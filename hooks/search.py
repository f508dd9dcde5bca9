"""Search that finds the right article: build-time side of Material's search, per language build.

- Segmentation: jieba must be importable (Material silently skips Chinese segmentation
  without it). The user dictionary (`search.jieba_dict_user`, data/search/dictionary.txt) holds
  the regulation's phrases; on top, every glossary term, roster name and alias is kept whole.
- Sub-words: a whole word such as 网络安全和信息化领导小组办公室 is one token in the visible
  text, so its parts (领导小组, 办公室 …) go into a hidden `words` field: searching a part still
  finds the passage.
- Aliases (data/aliases.yml): every entry whose text contains an alias's long form gets its
  short forms in a hidden `aliases` field, so 网信办 / "CAC office" find the long form.
- Result titles name the article: '(二) 专题研究…' becomes '第四条第（二）项 专题研究…'.
- Query side: Material's worker segments a Chinese query greedily and drops its last word
  (`for j < query.length`), and applies no stemming to the wildcard terms it searches for.
  The worker's query step is replaced with hooks/search_query.js (segmentation against the
  index's own vocabulary, English stemming and stop words); the build stops if Material's
  worker no longer has the expected code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from _material import patch_search_worker
from _project import handbook_of
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

QUERY_SCRIPT = Path(__file__).with_name("search_query.js")
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


@event_priority(50)  # before Material's search plugin writes search_index.json (priority 0)
def on_post_build(config):
    from macros.search import alias_terms, plain, result_title

    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return
    language = config.theme["language"]
    handbook = _handbook(config)
    separator = search.config.separator
    for entry in search.search_index.entries:
        title = result_title(entry["location"], plain(entry["title"]).strip(), language)
        entry["title"] = _segment(title) if language == "zh" else title
        text = plain(entry["title"]) + "\n" + plain(entry["text"])
        aliases = alias_terms(handbook, language, text)
        if aliases:
            entry["aliases"] = _segment(" ".join(aliases)) if language == "zh" else " ".join(aliases)
        if language == "zh":
            visible = _tokens(entry["title"], separator) | _tokens(entry["text"], separator)
            words = _sub_words(text, visible)
            if words:
                entry["words"] = " ".join(words)
    _patch_worker(config, language)


def _patch_worker(config, language: str) -> None:
    prelude = f"var HANDBOOK_SEARCH_LANGUAGE = {json.dumps(language)};\n"
    patch_search_worker(config.site_dir, prelude + QUERY_SCRIPT.read_text(encoding="utf-8"))
