"""Romanised names for the English pages (pypinyin, with per-name overrides from the roster)."""

from __future__ import annotations



def romanize(name: str, overrides: dict[str, str]) -> str:
    """李江 -> Li Jiang; 夏建国 -> Xia Jianguo. Assumes a one-character surname; names with a
    compound surname, or a surname pypinyin misreads (缪 as mou), belong in the overrides."""
    if name in overrides:
        return overrides[name]
    from pypinyin import Style, lazy_pinyin  # here: its dictionaries take ~0.5 s to import

    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
    surname, given = syllables[0], "".join(syllables[1:])
    return f"{surname.capitalize()} {given.capitalize()}".strip()
