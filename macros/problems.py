"""Pydantic's validation errors in the words of someone editing a data file.

`describe(error)` turns one entry of `ValidationError.errors()` into the "what is wrong" part
of the one-line message; the file, path and line are added by the caller.
"""

from __future__ import annotations

import difflib
from typing import Iterator


def kind_of(value) -> str:
    """What a YAML value looks like to the person who wrote it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "keys (a mapping)"
    if value is None:
        return "nothing"
    return type(value).__name__


def describe(error: dict) -> str:
    kind, value, location = error["type"], error.get("input"), error["loc"]
    if kind == "extra_forbidden":
        return "unknown key (a typo?)"
    if kind == "missing":
        return "required field is missing"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if not location:
            return f"the top level of the file must be keys (name: value), found {kind_of(value)}"
        return f"expected keys (name: value) here, found {kind_of(value)}"
    if kind == "string_type":
        hint = " (put it in quotes to make it text)" if isinstance(value, (bool, int, float)) else ""
        return f"expected text, found {kind_of(value)}{hint}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), found {kind_of(value)}"
    if kind == "string_too_short":
        return "the text is empty"
    if kind == "string_pattern_mismatch":
        return (f"'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
                f"e.g. 'party-committee'")
    if kind.startswith(("date_", "datetime_")):
        reason = error["msg"].split(", ", 1)[1] if ", " in error["msg"] else error["msg"]
        return f"'{value}' is not a date that exists; write YYYY-MM-DD ({reason})"
    if kind == "value_error":  # a check of the models' own: its words, without pydantic's prefix
        return error["msg"].removeprefix("Value error, ")
    return error["msg"]


def summarize(errors: list[dict]) -> tuple[tuple, str]:
    """The one problem to report first, with its location, from all of a file's errors.

    An unknown key comes first: a misspelt key also leaves a required one missing, and the
    misspelling is what the editor has to fix. A missing key beside it with a similar name is
    named as the likely intended one.
    """
    first = min(errors, key=lambda e: e["type"] != "extra_forbidden")
    problem = describe(first)
    rest = [e for e in errors if e is not first]
    if first["type"] == "extra_forbidden":
        unknown = str(first["loc"][-1])
        beside = {str(e["loc"][-1]): e for e in rest
                  if e["type"] == "missing" and e["loc"][:-1] == first["loc"][:-1]}
        close = difflib.get_close_matches(unknown, list(beside), n=1, cutoff=0.6)
        if close:
            problem = f"unknown key (a typo for '{close[0]}', which is missing?)"
            rest.remove(beside[close[0]])
    if rest:
        problem += f" (and {len(rest)} more problem{'s' if len(rest) > 1 else ''})"
    return tuple(first["loc"]), problem


def repeated_values(values) -> Iterator[tuple[int, str]]:
    """(index, value) of each value that already occurred earlier in `values`."""
    seen = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index, value
        seen.add(value)
