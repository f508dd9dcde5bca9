"""Publishing under faults: one publish at a time, a publish killed at any point, a full disk,
rollback, verify, and the loopback guard. Each fault ends with DEST exactly the last good
release: the symlink points at it and every file matches its manifest.

The build is a fast stand-in (tests/fixtures/publish/fake_build.py via HANDBOOK_BUILD_COMMAND):
what is under test here is publishing, not the site (tests/test_publish.py runs the real build).
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
import uuid

import pytest

from publishing import publish as publishing
from publishing import releases
from support import PUBLISHED_URL, ROOT

SCRIPT = ROOT / "publishing" / "publish.py"
# Publishing and serving under load, in subprocesses: not the edit loop (`make test-fast`).
pytestmark = pytest.mark.publishing

FAKE_BUILD = ROOT / "tests" / "fixtures" / "publish" / "fake_build.py"


def environment(**extra):
    env = {**os.environ, "HANDBOOK_SITE_URL": PUBLISHED_URL,
           "HANDBOOK_BUILD_COMMAND": f"{shlex.quote(sys.executable)} {shlex.quote(str(FAKE_BUILD))} {{site_dir}}"}
    env.pop(publishing.KILL_AT_VARIABLE, None)
    env.pop("HANDBOOK_KEEP_RELEASES", None)
    return {**env, **{key: str(value) for key, value in extra.items()}}


def run_publish(dest, release, **extra):
    return subprocess.run([sys.executable, str(SCRIPT), str(dest)], capture_output=True, text=True,
                          env=environment(FAKE_RELEASE=release, **extra), timeout=120)


def start_publish(dest, release, **extra):
    return subprocess.Popen([sys.executable, str(SCRIPT), str(dest)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=environment(FAKE_RELEASE=release, **extra))


def releases_command(command, dest):
    return subprocess.run([sys.executable, "-m", "publishing.releases", command, str(dest)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def published(dest, release):
    """Publish with the stand-in build; the id of the release now live."""
    finished = run_publish(dest, release)
    assert finished.returncode == 0, finished.stderr
    return releases.live_release_id(dest)


def assert_serves_exactly(dest, release_id, marker):
    """DEST points at the release and is exactly what its manifest lists, marked `marker`."""
    assert dest.is_symlink()
    assert releases.live_release_id(dest) == release_id
    live, problems = releases.differences(dest)
    assert problems == []
    assert releases.file_hashes(dest.resolve()) == releases.read_manifest(live.folder)
    assert marker in (dest / "en" / "regulation" / "index.html").read_text(encoding="utf-8")


def nothing_in_progress(dest):
    names = os.listdir(releases.releases_dir(dest))
    return not [name for name in names if name.startswith((releases.INCOMING_PREFIX, releases.SWAP_PREFIX))]


def one_line(text):
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture
def dest(tmp_path):
    return tmp_path / "www" / "handbook"


# --- Killed at any point --------------------------------------------------------------------

@pytest.mark.parametrize("point", publishing.CHECKPOINTS)
def test_a_publish_killed_at_any_point_leaves_the_last_good_release_and_the_next_one_cleans_up(dest, point):
    good = published(dest, "good-release")

    killed = run_publish(dest, "killed-release", **{publishing.KILL_AT_VARIABLE: point})

    assert killed.returncode == -signal.SIGKILL
    if point == "swapped":  # killed after the switch: the new release is live and complete
        last_good, marker = releases.live_release_id(dest), "killed-release"
        assert last_good != good
    else:
        last_good, marker = good, "good-release"
    assert_serves_exactly(dest, last_good, marker)

    following = run_publish(dest, "next-release")
    assert following.returncode == 0, following.stderr
    assert_serves_exactly(dest, releases.live_release_id(dest), "next-release")
    assert nothing_in_progress(dest)
    kept = [release.id for release in releases.complete_releases(dest)]
    if point == "swapped":
        assert kept == [good, last_good, releases.live_release_id(dest)]
    else:
        assert kept == [good, releases.live_release_id(dest)]
        assert "removed what an interrupted publish or a rollback left" in following.stderr


def test_a_publish_killed_while_filing_away_a_plain_folder_leaves_the_new_release_live(dest):
    dest.mkdir(parents=True)
    (dest / "index.html").write_text("published before releases were kept", encoding="utf-8")

    killed = run_publish(dest, "new-release", **{publishing.KILL_AT_VARIABLE: publishing.FILING})

    assert killed.returncode == -signal.SIGKILL
    live = releases.live_release_id(dest)
    assert_serves_exactly(dest, live, "new-release")
    following = run_publish(dest, "next-release")
    assert following.returncode == 0, following.stderr
    assert "removed what an interrupted publish or a rollback left: .swap-" in following.stderr
    assert_serves_exactly(dest, releases.live_release_id(dest), "next-release")
    assert nothing_in_progress(dest)


def wait_for(path, timeout=30):
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} did not appear"
        time.sleep(0.05)


def build_in_progress(dest):
    folder = releases.releases_dir(dest)
    deadline = time.monotonic() + 30
    while True:
        started = [path / "started" for path in folder.glob(f"{releases.INCOMING_PREFIX}*")
                   if (path / "started").exists()]
        if started:
            return int(started[0].read_text(encoding="utf-8"))
        assert time.monotonic() < deadline, "the build did not start"
        time.sleep(0.05)


def process_gone(pid, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
                if stat.read().split(") ", 1)[1].startswith("Z"):  # a zombie has finished
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def test_sigkill_during_the_build_stops_the_build_too_and_the_next_publish_succeeds(dest):
    good = published(dest, "good-release")
    publishing_process = start_publish(dest, "killed-release", FAKE_SLEEP=60)
    build_pid = build_in_progress(dest)

    publishing_process.send_signal(signal.SIGKILL)
    publishing_process.communicate(timeout=30)

    assert process_gone(build_pid), "the build kept running after its publish was killed"
    assert_serves_exactly(dest, good, "good-release")
    following = run_publish(dest, "next-release")
    assert following.returncode == 0, following.stderr
    assert_serves_exactly(dest, releases.live_release_id(dest), "next-release")
    assert nothing_in_progress(dest)


# --- One publish at a time -------------------------------------------------------------------

def test_a_second_publish_stops_at_once_naming_the_running_one_and_a_dead_ones_lock_is_taken_over(dest):
    good = published(dest, "good-release")
    first = start_publish(dest, "first-release", FAKE_SLEEP=60)
    build_in_progress(dest)

    second = run_publish(dest, "second-release")

    assert second.returncode == 1
    line = one_line(second.stderr)
    assert re.fullmatch(
        rf"publish: {re.escape(str(dest))} left unchanged: another publish into {re.escape(str(dest))} is "
        rf"running, started \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC by pid {first.pid}", line), line
    assert_serves_exactly(dest, good, "good-release")

    first.send_signal(signal.SIGKILL)  # its lock file still names it
    first.communicate(timeout=30)
    assert str(first.pid) in (releases.releases_dir(dest) / releases.LOCK_FILE).read_text(encoding="utf-8")

    third = run_publish(dest, "third-release")
    assert third.returncode == 0, third.stderr
    assert f"taking over the lock of pid {first.pid}" in third.stderr
    assert_serves_exactly(dest, releases.live_release_id(dest), "third-release")
    assert nothing_in_progress(dest)


def test_a_rollback_during_a_publish_stops_at_once(dest):
    published(dest, "one")
    published(dest, "two")
    running = start_publish(dest, "three", FAKE_SLEEP=60)
    try:
        build_in_progress(dest)
        finished = releases_command("rollback", dest)
        assert finished.returncode == 1
        assert f"another publish into {dest} is running" in one_line(finished.stderr)
    finally:
        running.kill()
        running.communicate(timeout=30)


# --- Disk full -------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs (root may mount one here); else None, and the build reports ENOSPC itself."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", f"hb-{uuid.uuid4().hex[:8]}",
                              str(mount_point)], capture_output=True).returncode == 0
    yield mount_point if mounted else None
    if mounted:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_stops_the_publish_with_one_line_and_leaves_nothing_behind(tmp_path, small_disk):
    if small_disk is not None:
        dest, fault = small_disk / "handbook", {"FAKE_BIG_FILE": 2 * 1024 * 1024}
    else:  # no mounts allowed: the stand-in build fails as a full disk makes it fail
        dest, fault = tmp_path / "handbook", {"FAKE_ENOSPC": 1}
    good = published(dest, "good-release")

    finished = run_publish(dest, "too-big", **fault)

    assert finished.returncode == 1
    line = one_line(finished.stderr)
    assert line.startswith(f"publish: {dest} left unchanged: the disk holding {dest.parent} is full"), line
    assert_serves_exactly(dest, good, "good-release")
    assert sorted(os.listdir(releases.releases_dir(dest))) == [good, releases.LOCK_FILE]
    if small_disk is not None:
        assert published(dest, "fits-again") != good  # the space was given back


# --- Rollback and the releases kept -----------------------------------------------------------

def test_rollback_switches_to_the_previous_release_and_the_next_publish_drops_the_taken_back_one(dest):
    one, two, three = (published(dest, name) for name in ("one", "two", "three"))

    back = releases_command("rollback", dest)
    assert back.returncode == 0, back.stderr
    assert one_line(back.stdout).startswith(f"rollback: {dest} now serves release {two} (version ")
    assert_serves_exactly(dest, two, "two")
    listing = releases_command("list", dest).stdout
    assert re.search(rf"^{three} .*not live", listing, re.M) and re.search(rf"^{two} .*live$", listing, re.M)

    assert releases_command("rollback", dest).returncode == 0
    assert_serves_exactly(dest, one, "one")
    refused = releases_command("rollback", dest)
    assert refused.returncode == 1
    assert one_line(refused.stderr) == f"rollback: no release older than the live one ({one}) is kept"
    assert_serves_exactly(dest, one, "one")

    four = published(dest, "four")
    assert [release.id for release in releases.complete_releases(dest)] == [one, four]


def test_only_the_configured_number_of_releases_is_kept(dest):
    ids = [published(dest, f"r{number}") for number in range(3)]
    finished = run_publish(dest, "r3", HANDBOOK_KEEP_RELEASES=2)
    assert finished.returncode == 0, finished.stderr
    live = releases.live_release_id(dest)
    assert [release.id for release in releases.complete_releases(dest)] == [ids[2], live]
    assert f"removed releases beyond the 2 kept: {ids[0]}, {ids[1]}" in finished.stderr


def test_release_ids_sort_in_publishing_order_even_if_the_clock_goes_back(tmp_path):
    import datetime

    (tmp_path / "20261130-151200").mkdir()
    earlier = datetime.datetime(2026, 11, 30, 15, 0, 0)
    assert releases.new_release_id(tmp_path, earlier) > "20261130-151200"
    assert releases.new_release_id(tmp_path, earlier.replace(hour=16)) == "20261130-160000"


def test_releases_lists_version_data_date_and_build_time(dest):
    from macros.status import data_changed, version

    older, newer = published(dest, "a"), published(dest, "b")
    lines = releases_command("list", dest).stdout.splitlines()
    assert [line.split()[0] for line in lines] == [newer, older]
    assert lines[0].endswith("live") and lines[1].endswith("kept for rollback")
    assert f"(version {version(ROOT)}, data {data_changed(ROOT).isoformat()}, built 20" in lines[0]
    assert re.search(r"built \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)", lines[0])


# --- Integrity -------------------------------------------------------------------------------

def test_verify_notices_a_hand_edit_an_added_and_a_removed_file(dest):
    live = published(dest, "good-release")
    finished = releases_command("verify", dest)
    assert finished.returncode == 0, finished.stderr
    assert one_line(finished.stdout).startswith(f"verify: {dest} matches release {live} ")

    page = dest / "regulation" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("good", "edited"), encoding="utf-8")
    (dest / "extra.html").write_text("added by hand", encoding="utf-8")
    (dest / "roster" / "index.html").unlink()
    finished = releases_command("verify", dest)
    assert finished.returncode == 1
    assert one_line(finished.stderr) == (
        f"verify: {dest} does NOT match release {live}'s manifest: changed regulation/index.html, "
        "missing roster/index.html, added extra.html")


def test_the_manifest_lists_every_file_in_sha256sum_format(dest):
    live = published(dest, "good-release")
    manifest = releases.releases_dir(dest) / live / releases.MANIFEST_FILE
    checked = subprocess.run(["sha256sum", "--check", "--strict", str(manifest)], cwd=dest.resolve(),
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    files = {path.relative_to(dest.resolve()).as_posix() for path in dest.resolve().rglob("*") if path.is_file()}
    assert set(releases.read_manifest(manifest.parent)) == files


def test_verify_of_a_folder_that_was_never_published_says_so(tmp_path):
    (tmp_path / "plain").mkdir()
    finished = releases_command("verify", tmp_path / "plain")
    assert finished.returncode == 1
    assert "is not a published release" in one_line(finished.stderr)


# --- The site's address ------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost/handbook/", "http://[::1]:8080/",
                                 "http://127.0.1.1/", "http://0.0.0.0:8000/"])
def test_a_loopback_address_is_refused_with_how_to_set_it(dest, url):
    good = published(dest, "good-release")
    finished = run_publish(dest, "loopback", HANDBOOK_SITE_URL=url)
    assert finished.returncode == 1
    line = one_line(finished.stderr)
    assert line.startswith(f"publish: {dest} left unchanged: the site's address {url} is a loopback address")
    assert "HANDBOOK_SITE_URL=http://" in line
    assert_serves_exactly(dest, good, "good-release")


@pytest.mark.parametrize("url", ["http://intranet.example/handbook/", "http://10.1.2.3/", "https://handbook.sues.edu.cn/"])
def test_a_real_address_is_accepted(url):
    assert publishing.loopback_problem(url) is None


def test_make_publish_with_the_default_address_refuses(tmp_path):
    env = environment()
    env.pop("HANDBOOK_SITE_URL")
    finished = subprocess.run(["make", "-s", "publish", f"DEST={tmp_path / 'handbook'}"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    assert finished.returncode != 0
    assert "the site's address http://127.0.0.1:8000/ is a loopback address" in finished.stderr
    assert "HANDBOOK_SITE_URL=" in finished.stderr
    assert not (tmp_path / "handbook").exists()
