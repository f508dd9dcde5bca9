"""Serving under load (bench/load.py): nginx with deploy/nginx.conf on loopback, wrk, and
publishes swapping the site meanwhile. On a small stand-in site, so it stays fast: no request may
fail and no body may be other than one release's file, while the site is switched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from bench import load
from support import ROOT

# Publishing and serving under load, in subprocesses: not the edit loop (`make test-fast`).
pytestmark = pytest.mark.publishing

FAKE_BUILD = ROOT / "tests" / "fixtures" / "publish" / "fake_build.py"
WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:1/handbook/
  2 threads and 4 connections
  Latency Distribution
     50%  600.00us
     99%    1.25s
  1234 requests in 1.00s, 53.16KB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 3
Requests/sec:   1234.00
"""

needs_tools = pytest.mark.skipif(shutil.which("nginx") is None or shutil.which("wrk") is None,
                                 reason="nginx or wrk missing (make nginx load-tool)")


@pytest.fixture
def small_site(tmp_path):
    site = tmp_path / "built" / "site"
    subprocess.run([sys.executable, str(FAKE_BUILD), str(site)], check=True,
                   env={**os.environ, "FAKE_RELEASE": "bench"})
    (site / "downloads").mkdir()
    (site / "downloads" / "regulation-zh.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(64 * 1024) + b"\n%%EOF\n")
    return site


def test_wrk_output_is_read_with_every_kind_of_error():
    figures = load.parse_wrk(WRK_OUTPUT)
    assert (figures.requests, figures.seconds, figures.per_second, figures.p99_ms, figures.errors) == (
        1234, 1.0, 1234.0, 1250.0, 6)
    longer = load.parse_wrk(WRK_OUTPUT.replace("in 1.00s", "in 1.50m"))
    assert longer.seconds == 90.0


def test_the_served_config_is_deploy_nginx_conf_with_only_port_logs_and_folder_changed(tmp_path):
    text = load.nginx_config(tmp_path / "site", tmp_path, 8123)
    assert "listen 127.0.0.1:8123;" in text and f"alias {tmp_path / 'site'}/;" in text
    original = load.NGINX_CONF.read_text(encoding="utf-8")
    changed = [line for line in original.splitlines() if line not in text.splitlines()]
    assert len(changed) == 5, changed  # listen, pid, access_log, error_log, alias


def test_the_load_only_goes_to_loopback(tmp_path):
    with pytest.raises(ValueError):
        load.wrk("http://intranet.example/handbook/", 1, 1, 1, tmp_path)


@needs_tools
def test_serving_while_publishing_loses_no_request_and_mixes_no_releases(small_site):
    figures = load.measure(small_site, seconds=1, connections=4, max_requests=300)
    assert all(result.capped == (result.requests >= 300) for result in figures["alone"].values())

    assert set(figures["alone"]) == {name for name, _, _ in load.TARGETS}
    for name, result in figures["alone"].items():
        assert result.errors == 0 and result.requests > 0, name
    for name, (result, swaps) in figures["swapping"].items():
        assert result.errors == 0 and result.requests > 0, name
        assert swaps >= load.SWAPS_PER_RUN, name  # measured across real switches of the site
    consistency = figures["consistency"]
    assert consistency.errors == [] and consistency.mixes == []
    assert consistency.checked > 0
    assert any(len(marks) == 2 for marks in consistency.seen.values()), "no swap was seen by the checkers"

    # The rows `make bench` puts in bench/results.md: one per target alone and while publishing.
    rows = dict(load.rows(figures))
    for name, _, _ in load.TARGETS:
        assert rows[f"{name}: req/s, p99, errors"].endswith(", 0")
        assert any(key.startswith(f"{name} while publishing (") for key in rows)
    assert rows["Checked bodies during the swaps (sha256 against both releases' manifests): checked, errors, mixes"] \
        == f"{consistency.checked}, 0, 0"


@needs_tools
def test_the_checker_reports_a_body_of_neither_release(small_site):
    work = Path(tempfile.mkdtemp(prefix="handbook-load-test-"))  # pytest's folders are private
    try:
        work.chmod(0o755)
        site = shutil.copytree(small_site, work / "site")
        with load.nginx(site, work) as base:
            stop, result = threading.Event(), load.Consistency()
            threading.Timer(0.5, stop.set).start()
            load.check_consistency(base, load.TARGETS[:1], {"A": {"regulation/index.html": "0" * 64}}, stop, result)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert result.errors == []
    assert result.mixes and result.mixes[0].startswith("regulation/: a body that is neither release's file")
