"""The one error the data layer raises: a data file is wrong, said in one line."""

from __future__ import annotations

import re


class HandbookDataError(Exception):
    """A data file failed to load or validate.

    The message is one line: ``<file>: <path inside it>: <what is wrong> (line N)``, so that
    office staff see where to look without a traceback.
    """

    def __init__(self, file: str, path: str, problem: str, line: int | None = None):
        self.file = file
        path = _one_line(path)
        self.path = path
        # One line whatever the cause: a parser's message may span several.
        problem = " ".join(str(problem).split())
        self.problem = problem
        self.line = line
        where = f"{file}: {path}" if path else file
        suffix = f" (line {line})" if line else ""
        super().__init__(f"{where}: {problem}{suffix}")


_PLAIN_KEY = re.compile(r"^[\w-]+$")


def format_path(location: tuple) -> str:
    """('duties', 3, 'role') -> 'duties[3].role'; an unusual key is quoted: labels['a b']."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not isinstance(part, str) or not _PLAIN_KEY.match(part):
            text += "[" + _one_line(repr(part)) + "]"
        else:
            text += f".{part}" if text else part
    return text


def _one_line(text: str) -> str:
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
