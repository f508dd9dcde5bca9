"""The one error the data layer raises: a data file is wrong, said in one line."""

from __future__ import annotations


class HandbookDataError(Exception):
    """A data file failed to load or validate.

    The message is one line: ``<file>: <path inside it>: <what is wrong> (line N)``, so that
    office staff see where to look without a traceback.
    """

    def __init__(self, file: str, path: str, problem: str, line: int | None = None):
        self.file = file
        self.path = path
        # One line whatever the cause: a parser's message may span several.
        problem = " ".join(str(problem).split())
        self.problem = problem
        self.line = line
        where = f"{file}: {path}" if path else file
        suffix = f" (line {line})" if line else ""
        super().__init__(f"{where}: {problem}{suffix}")


def format_path(location: tuple) -> str:
    """('duties', 3, 'role') -> 'duties[3].role'."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
