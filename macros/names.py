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



def romanize(name: str, overrides: dict[str, str]) -> str:
    """李江 -> Li Jiang; 夏建国 -> Xia Jianguo. Assumes a one-character surname; names with a
    compound surname, or a surname pypinyin misreads (缪 as mou), belong in the overrides."""
    if name in overrides:
        return overrides[name]
    syllables = _syllables(name)
    surname, given = syllables[0], "".join(syllables[1:])
    return f"{surname.capitalize()} {given.capitalize()}".strip()


def _syllables(name: str) -> list[str]:
    kept = _kept()
    if name not in kept:
        from pypinyin import Style, lazy_pinyin

        kept[name] = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
        _keep(kept)
    return kept[name]


@lru_cache(maxsize=1)
def _store() -> Path:
    return cache_folder("names") / f"pypinyin-{version('pypinyin')}.json"


@lru_cache(maxsize=1)
def _kept() -> dict[str, list[str]]:
    try:
        return json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _keep(kept: dict[str, list[str]]) -> None:
    store = _store()
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        partial = store.with_name(f"{store.name}.{os.getpid()}.writing")
        partial.write_text(json.dumps(kept, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(partial, store)
    except OSError:  # a read-only project still builds
        pass
