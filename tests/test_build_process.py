"""The English build's process (hooks/_build_process.py): forked once, then one build per
request, answers "built" or the error, stopped at once when the Chinese build fails, and never
shared with a process forked later. In-process, with small stand-in builds instead of MkDocs."""

from __future__ import annotations

import os
import signal
import time

import pytest

from hooks._build_process import BuildProcess

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the English build runs beside only where fork is")


def note(folder: str, name: str, fail: bool = False, sleep: float = 0.0) -> None:
    """The stand-in build: waits `sleep` s, writes its process id to folder/name, fails if asked."""
    time.sleep(sleep)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as file:
        file.write(str(os.getpid()))
    if fail:
        raise ValueError(f"{name}: no such page")


def test_one_process_builds_each_request_in_turn(tmp_path):
    process = BuildProcess(note, "test build")
    try:
        process.start({"folder": str(tmp_path), "name": "first"})
        assert process.building
        assert process.finish() is None and not process.building
        process.start({"folder": str(tmp_path), "name": "second"})
        assert process.finish() is None
        first, second = ((tmp_path / name).read_text() for name in ("first", "second"))
        assert first == second == str(process.pid) != str(os.getpid())
    finally:
        process.close()


def test_a_failed_build_answers_its_error_and_the_process_builds_the_next(tmp_path):
    process = BuildProcess(note, "test build")
    try:
        process.start({"folder": str(tmp_path), "name": "broken", "fail": True})
        assert process.finish() == "broken: no such page"
        pid = process.pid
        process.start({"folder": str(tmp_path), "name": "next"})
        assert process.finish() is None and process.pid == pid
    finally:
        process.close()


def test_stop_ends_a_build_at_once_and_the_next_request_forks_anew(tmp_path):
    process = BuildProcess(note, "test build")
    try:
        process.start({"folder": str(tmp_path), "name": "slow", "sleep": 30})
        pid = process.pid
        started = time.monotonic()
        process.stop()
        assert time.monotonic() - started < 10 and process.pid is None and not process.building
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # ended and reaped
        assert not (tmp_path / "slow").exists()
        process.start({"folder": str(tmp_path), "name": "again"})
        assert process.finish() is None and process.pid not in (None, pid)
    finally:
        process.close()


def test_a_process_that_died_is_reported_then_replaced(tmp_path):
    process = BuildProcess(note, "test build")
    try:
        process.start({"folder": str(tmp_path), "name": "killed", "sleep": 30})
        os.kill(process.pid, signal.SIGKILL)
        assert process.finish().startswith("its process ended")
        process.start({"folder": str(tmp_path), "name": "after"})
        assert process.finish() is None
    finally:
        process.close()


def test_close_ends_the_idle_process_and_a_forked_child_does_not_share_it(tmp_path):
    process = BuildProcess(note, "test build")
    process.start({"folder": str(tmp_path), "name": "once"})
    assert process.finish() is None
    pid = process.pid
    child = os.fork()
    if child == 0:  # a process forked later (a forked test build, say) forgets the copy
        os._exit(0 if process.pid is None and not process.building else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert process.pid == pid  # still this process's
    process.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
