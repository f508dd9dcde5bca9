"""Many `mkdocs build` commands that stop early (tests/test_bad_data.py: each stops at the data),
run side by side, each in a forked copy of one process that has already imported MkDocs,
Material, mkdocs-macros and the libraries they and the data loader use.

A build started as its own process spends about a second importing those before it reads the
data; a fork starts with them. Nothing of the project is imported before the fork: each build
imports its own project's hooks and macros, as `mkdocs build` does. Each build runs MkDocs'
command line itself (mkdocs.__main__.cli), with its output and exit status its own.

    run_builds([(arguments, folder, environment), ...]) -> [(exit status, output), ...]

The forking process is a child of the test process, started fresh for each call (so no thread
of pytest's is copied into a build), reading one job per line on its standard input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# What a build imports before it reads the data (the engine, the theme, the plugins, and the
# libraries the hooks and the loader need).
PRELOADED = ["mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "material.plugins.search.plugin",
             "mkdocs_macros.plugin", "pydantic", "yaml", "icalendar", "jinja2", "markdown"]


def run_builds(jobs: list[tuple[list[str], Path, dict[str, str]]], at_a_time: int | None = None) -> list[tuple[int, str]]:
    """Run `mkdocs <arguments>` in each folder with each environment, `at_a_time` at once (the
    CPU cores); returns each job's (exit status, standard output and error interleaved)."""
    with tempfile.TemporaryDirectory(prefix="forked-builds-") as folder:
        outputs = [Path(folder) / f"{index}.log" for index in range(len(jobs))]
        lines = "".join(json.dumps({"arguments": arguments, "folder": str(cwd), "environment": environment,
                                    "output": str(output)}) + "\n"
                        for (arguments, cwd, environment), output in zip(jobs, outputs))
        finished = subprocess.run([sys.executable, __file__, str(at_a_time or os.cpu_count() or 1)],
                                  input=lines, capture_output=True, text=True, timeout=600)
        if finished.returncode != 0:
            raise RuntimeError(f"the forking process failed:\n{finished.stderr}")
        statuses = json.loads(finished.stdout)
        return [(status, output.read_text(encoding="utf-8", errors="replace"))
                for status, output in zip(statuses, outputs)]


def _build(job: dict) -> None:
    """In the forked child: become the build and never return."""
    status = 1
    try:
        os.chdir(job["folder"])
        os.environ.clear()
        os.environ.update(job["environment"])
        output = os.open(job["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(output, 1)
        os.dup2(output, 2)
        sys.argv = ["mkdocs", *job["arguments"]]
        from mkdocs.__main__ import cli

        cli()  # exits with the command's status
    except SystemExit as leaving:
        status = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _serve(at_a_time: int) -> None:
    import importlib

    for name in PRELOADED:
        importlib.import_module(name)
    jobs = [json.loads(line) for line in sys.stdin if line.strip()]
    statuses: list[int | None] = [None] * len(jobs)
    running: dict[int, int] = {}  # pid -> job
    waiting = list(range(len(jobs)))
    while waiting or running:
        while waiting and len(running) < at_a_time:
            index = waiting.pop(0)
            pid = os.fork()
            if pid == 0:
                _build(jobs[index])
            running[pid] = index
        pid, status = os.wait()
        statuses[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    json.dump(statuses, sys.stdout)


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
