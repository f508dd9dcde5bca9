"""Builds made once per test run, whichever process asks first, and read by every test process.

`make test` runs the tests in several processes (pytest-xdist workers). A session fixture would
build the site once in each of them; these builds are made once in the run's shared temporary
folder instead: the first process to ask claims the build (a file created exclusively) and runs
it in a background thread, and every process waits for its result file. The build can so start
before the first test that reads it (conftest.py starts the site's at the first test), while the
tests that need no build run.

    start(folder, name, project, **environment)   claim and start the build, unless claimed
    result(folder, name)   -> (site folder, finished process), once the build has ended
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

from support import build

WAIT_SECONDS = 900  # a cold build with its PDFs takes about a minute on two cores


def _paths(folder: Path, name: str) -> tuple[Path, Path, Path]:
    return folder / f"{name}.claimed", folder / f"{name}.json", folder / name


def start(folder: Path, name: str, project: Path, **environment) -> None:
    """Start `mkdocs build --strict` of `project` into <folder>/<name>, in a background thread,
    unless this or another test process has already started it."""
    claim, outcome, site = _paths(folder, name)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return

    def run() -> None:
        try:
            finished = build(project, site, **environment)
            record = {"args": finished.args, "returncode": finished.returncode,
                      "stdout": finished.stdout, "stderr": finished.stderr}
        except Exception as error:  # noqa: BLE001  (every waiting process must hear of it)
            record = {"args": [], "returncode": -1, "stdout": "", "stderr": f"the build did not run: {error!r}"}
        writing = outcome.with_name(f"{outcome.name}.{os.getpid()}.writing")
        writing.write_text(json.dumps(record), encoding="utf-8")
        os.replace(writing, outcome)  # a waiting process never reads half of it

    threading.Thread(target=run, name=f"build {name}").start()


def result(folder: Path, name: str) -> tuple[Path, subprocess.CompletedProcess]:
    """The build's site folder and finished process, once it has ended (started by `start`)."""
    _, outcome, site = _paths(folder, name)
    deadline = time.monotonic() + WAIT_SECONDS
    while not outcome.is_file():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the shared build {name!r} did not end within {WAIT_SECONDS} s")
        time.sleep(0.1)
    record = json.loads(outcome.read_text(encoding="utf-8"))
    return site, subprocess.CompletedProcess(record["args"], record["returncode"], record["stdout"], record["stderr"])
