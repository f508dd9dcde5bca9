"""tests/shared_builds.py: a build started by several test processes runs once, and each of
them reads its outcome, a failed one included."""

from __future__ import annotations

import pytest

import shared_builds
from support import copy_project


@pytest.mark.build
def test_a_build_asked_for_twice_runs_once_and_both_read_its_failure(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    roles = project / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("defined_in: art-5", "defined_in: art-55", 1),
                     encoding="utf-8")
    started = []
    real_build = shared_builds.build
    monkeypatch.setattr(shared_builds, "build", lambda *args, **kwargs: started.append(args) or real_build(*args, **kwargs))
    shared = tmp_path / "shared"
    shared_builds.start(shared, "broken", project, HANDBOOK_PDFS="0")
    shared_builds.start(shared, "broken", project, HANDBOOK_PDFS="0")  # as a second test process would
    outcomes = [shared_builds.result(shared, "broken") for _ in range(2)]
    assert len(started) == 1
    for site, finished in outcomes:
        assert site == shared / "broken"
        assert finished.returncode != 0 and "data/roles.yml" in finished.stderr and "art-55" in finished.stderr
