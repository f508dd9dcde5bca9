"""Romanised names for the English pages (pypinyin, with per-name overrides from the roster).

pypinyin takes about 0.3 s to import and load its dictionaries in each build process, for a few
dozen names that rarely change: each name it romanised is kept in .cache/names/ (macros/cache_folders.py) (one file per
pypinyin version), and pypinyin is loaded only for a name not seen before. Deleting the folder
is always safe.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from .cache_folders import cache_folder



# Surnames read otherwise than the character's common reading, which pypinyin gives (it reads
# words, not names: 曾 as ceng, 单 as dan).
SURNAME_READINGS = {"单": "shan", "曾": "zeng", "仇": "qiu", "解": "xie", "朴": "piao", "区": "ou",
                    "查": "zha", "盖": "ge", "缪": "miao", "翟": "zhai", "覃": "qin", "种": "chong",
                    "繁": "po", "黑": "he", "秘": "bi", "长孙": "zhangsun", "尉迟": "yuchi", "都": "du"}
# Surnames with two readings in use (乐 Yue or Le, 尉 Wei or Yu): only the holder can say which,
# so a name with one needs its romanisation in roster.yml's overrides (the reference pass asks).
AMBIGUOUS_SURNAMES = {"乐": ("Yue", "Le"), "尉": ("Wei", "Yu"), "万俟": ("Moqi", "Wanqi")}


def ambiguous_surname(name: str) -> tuple[str, ...] | None:
    """The readings of the name's surname where it has two in use, else None (尉迟 is Yuchi, not 尉)."""
    if any(len(surname) > 1 and name.startswith(surname) for surname in SURNAME_READINGS):
        return None
    return next((readings for surname, readings in AMBIGUOUS_SURNAMES.items() if name.startswith(surname)), None)


def romanize(name: str, overrides: dict[str, str]) -> str:
    """李江 -> Li Jiang; 夏建国 -> Xia Jianguo; 曾伟 -> Zeng Wei. Assumes a one-character surname
    unless SURNAME_READINGS knows a longer one; other compound surnames belong in the overrides."""
    if name in overrides:
        return overrides[name]
    surname = next((s for s in sorted(SURNAME_READINGS, key=len, reverse=True) if name.startswith(s)), None)
    if surname is not None:
        given = _joined(_syllables(name[len(surname):])) if len(name) > len(surname) else ""
        return f"{SURNAME_READINGS[surname].capitalize()} {given.capitalize()}".strip()
    syllables = _syllables(name)
    surname, given = syllables[0], _joined(syllables[1:])
    return f"{surname.capitalize()} {given.capitalize()}".strip()


def _joined(syllables: list[str]) -> str:
    """A given name's syllables as one word, with an apostrophe before a syllable that starts
    with a, o or e (GB/T 28039: 嘉恩 Jia'en, not Jiaen, which reads as Jia'en or Jian'e)."""
    return "".join(("'" if index and syllable and syllable[0] in "aoe" else "") + syllable
                   for index, syllable in enumerate(syllables))


def _syllables(name: str) -> list[str]:
    kept = _kept()
    if name not in kept:
        from pypinyin import Style, lazy_pinyin

        kept[name] = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
        _keep(kept)
    return kept[name]


# The kept names' file (one per pypinyin version) and one being written (hooks/template_cache.py
# prunes them).
NAME_FILES = ("pypinyin-*.json", "pypinyin-*.json.*.writing")


def store_folder() -> Path:
    return cache_folder("names")


@lru_cache(maxsize=1)
def _store() -> Path:
    return store_folder() / f"pypinyin-{version('pypinyin')}.json"


@lru_cache(maxsize=1)
def _kept() -> dict[str, list[str]]:
    try:
        kept = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    try:
        os.utime(_store())  # used: its time keeps it from the pruning (hooks/template_cache.py)
    except OSError:
        pass
    return kept


def _keep(kept: dict[str, list[str]]) -> None:
    store = _store()
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        partial = store.with_name(f"{store.name}.{os.getpid()}.writing")
        partial.write_text(json.dumps(kept, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(partial, store)
    except OSError:  # a read-only project still builds
        pass
