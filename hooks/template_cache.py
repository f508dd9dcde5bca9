"""Compile the theme's templates once per process, not once per language build.

Each language is its own MkDocs build (hooks/build_english.py) and MkDocs makes a new Jinja
environment for every build, so Material's ~80 templates were compiled twice per `mkdocs build`,
and twice again on every rebuild under `mkdocs serve` (bench/results.md, "Profile"). This keeps
the compiled code in memory for the life of the process, so the English build and every later
rebuild reuse it. Jinja stores each template's source checksum with its code: an edited template
(e.g. in overrides/) no longer matches and is compiled afresh.
"""

from __future__ import annotations

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode kept in a dict, keyed by template name and file (Jinja's bucket key)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source has changed

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


CACHE = MemoryBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = CACHE
    return env
