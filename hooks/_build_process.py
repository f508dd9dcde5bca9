"""A forked copy of this process that builds on request, kept for the next builds of the process.

hooks/build_english.py builds the English site in a copy of the Chinese build, forked once the
Chinese build has emptied the site folder. Under `mkdocs serve` every saved edit is a rebuild; a
copy forked anew each time started from what the Chinese build remembers per process (the Chinese
pages' compiled templates, glossary spans, feed events) and lost what it learnt of the English
pages when it ended, so each English rebuild started cold (kept, the English rebuild's median
time was 4-6 % shorter: bench/README.md). So the copy is forked once, at the first build, and
then takes one request per build: the build's settings in, "built" or the error out.

    process = BuildProcess(build, "English build")   # build(**request) runs in the copy
    process.start(request)          # forks the copy if there is none (or it has ended)
    error = process.finish()        # waits: None, or the error's one line
    process.stop()                  # at once, building or not (a failed Chinese build)

The copy ends when this process closes its side (at exit; it may be building then: it is stopped)
and on its own when this process is gone. A process forked from this one (a forked test build,
say) forgets the copy rather than sharing it. This module is imported once per process (hooks/ is
on sys.path; MkDocs reloads the hook files themselves at every build, which would forget it).
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import os
import signal
import sys
import weakref
from typing import Callable

log = logging.getLogger("mkdocs.hooks.build_process")

_ALL: weakref.WeakSet[BuildProcess] = weakref.WeakSet()


class BuildProcess:
    def __init__(self, build: Callable[..., None], name: str) -> None:
        self._build = build
        self.name = name
        self._pid: int | None = None
        self._requests: int | None = None  # the pipe's end this process writes requests to
        self._answers: int | None = None  # and the one it reads the answers from
        self.building = False
        _ALL.add(self)

    @property
    def pid(self) -> int | None:
        return self._pid

    def start(self, request: dict) -> None:
        """Send one build to the copy, forking it first if there is none or it has ended."""
        if self.building:  # one left by a build that failed before its end
            self.stop()
        if self._pid is not None and _has_ended(self._pid):
            self._forget()
        if self._pid is None:
            self._fork()
        try:
            os.write(self._requests, (json.dumps(request) + "\n").encode("utf-8"))
        except BrokenPipeError:  # it ended between the look and the write
            self._forget()
            self._fork()
            os.write(self._requests, (json.dumps(request) + "\n").encode("utf-8"))
        self.building = True

    def finish(self) -> str | None:
        """Wait for the build sent by start(): None once built, else its error in one line."""
        self.building = False
        answer = _read_line(self._answers)
        if answer is None:  # the copy ended without answering (killed, or crashed)
            pid = self._pid
            self._forget()
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:
                return "its process ended"
            return f"its process ended (exit status {os.waitstatus_to_exitcode(status)})"
        return json.loads(answer)["error"]

    def stop(self) -> None:
        """End the copy at once, building or not, and wait until it has."""
        pid = self._pid
        self._forget()
        self.building = False
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    def close(self) -> None:
        """End the copy: at once if it is building, else once it has read that no more comes."""
        if self.building:
            self.stop()
            return
        pid = self._pid
        self._forget()
        if pid is not None:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass

    def _fork(self) -> None:
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the copy: it never returns into the build that forked it
            os.close(requests_write)
            os.close(answers_read)
            _serve(self._build, requests_read, answers_write)
        os.close(requests_read)
        os.close(answers_write)
        self._pid, self._requests, self._answers = pid, requests_write, answers_read
        log.info("Started the %s's process (%d)", self.name, pid)

    def _forget(self) -> None:
        for end in (self._requests, self._answers):
            if end is not None:
                try:
                    os.close(end)
                except OSError:
                    pass
        self._pid = self._requests = self._answers = None


def _serve(build: Callable[..., None], requests: int, answers: int) -> None:
    """The copy's life: one build per request, until the requests end; never returns."""
    status = 0
    # What the copy inherits stays as long as the copy: the collector need not look at it again
    # (nor touch its pages, which the two processes then keep sharing).
    gc.freeze()
    try:
        while True:
            request = _read_line(requests)
            if request is None:
                break
            try:
                build(**json.loads(request))
                error = None
            except KeyboardInterrupt:
                raise
            except BaseException as failure:  # noqa: BLE001  (the forking build reports it)
                error = str(failure) or type(failure).__name__
            sys.stdout.flush()
            sys.stderr.flush()
            os.write(answers, (json.dumps({"error": error}) + "\n").encode("utf-8"))
    except KeyboardInterrupt:  # Ctrl-C in `mkdocs serve` reaches the copy too
        status = 130
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _read_line(end: int) -> bytes | None:
    """One line from a pipe (each message is one line of JSON), or None at its end."""
    chunks = []
    while True:
        chunk = os.read(end, 65536)
        if not chunk:
            return None
        chunks.append(chunk)
        if chunk.endswith(b"\n"):
            return b"".join(chunks)


def _has_ended(pid: int) -> bool:
    try:
        ended, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return ended == pid


def _forget_all() -> None:
    """In a forked child: the copies are its parent's, not its own."""
    for process in list(_ALL):
        process._forget()
        process.building = False


def _close_all() -> None:
    for process in list(_ALL):
        process.close()


def build_config_file(config_file: str, **settings) -> None:
    """`mkdocs build` of one config file with these settings (load_config's), in this process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file, **settings))


# The English build beside each build of this process (hooks/build_english.py).
english = BuildProcess(build_config_file, "English build")

if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_all)
atexit.register(_close_all)
