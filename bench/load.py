"""Serving under load: the built site behind the project's own deploy/nginx.conf on 127.0.0.1,
measured with wrk (Debian package `wrk`; `make bench` installs it), first alone, then while
`publishing/publish.py` switches the site between two releases again and again.

For each of a page, the search index and a PDF: requests per second, p99 latency and errors
(socket errors and non-2xx/3xx answers). Each wrk run is bounded in time (--seconds) and in
requests (--max-requests, counted by a Lua script that stops each thread; a run that reaches it
shows its rate as "≥", since wrk divides by the whole duration), and only ever talks to 127.0.0.1. During the swaps, checker threads fetch the same three addresses uncompressed and
compare every body's sha256 with the two releases' manifests: a body that is neither release's
file is a "mix", and a failed request an error; both must be 0. Each run during the swaps lasts
until two publishes switched the site in it (at least --seconds, at most 120 s; wrk is stopped
with SIGINT and prints its figures), so each address is measured across real swaps.

    .venv/bin/python -m bench.load SITE_DIR [--seconds 5] [--connections 16] [--max-requests 200000]

bench/run.py calls run(site_dir) for the report's "Serving under load" section.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
PUBLISH = ROOT / "publishing" / "publish.py"
PREFIX = "/handbook/"  # where deploy/nginx.conf serves the site
TARGETS = [  # (name, address under PREFIX, the file it serves)
    ("page (/regulation/)", "regulation/", "regulation/index.html"),
    ("search index (/search/search_index.json)", "search/search_index.json", "search/search_index.json"),
    ("PDF (/downloads/regulation-zh.pdf)", "downloads/regulation-zh.pdf", "downloads/regulation-zh.pdf"),
]
# The address the bench publishes under: publish refuses loopback ones, and nothing is fetched
# from it (the site's own absolute links keep the address it was built with).
BENCH_SITE_URL = "http://handbook.bench.invalid/handbook/"
MAX_SWAP_SECONDS = 120
SWAPS_PER_RUN = 2
STOP_AFTER = """-- Stop each thread after its share of the request bound.
local limit = tonumber(os.getenv("WRK_REQUESTS_PER_THREAD"))
local done = 0
response = function(status, headers, body)
  done = done + 1
  if done >= limit then wrk.thread:stop() end
end
"""


# --- A copy build: two releases that differ in every measured file ----------------------------

def copy_build(source: Path, site_dir: Path, mark: str) -> None:
    """The build the bench publishes with: the built site, its measured files marked `mark`
    (an HTML comment, JSON whitespace, bytes after the PDF's end), so two releases differ."""
    shutil.copytree(source, site_dir)
    for _, _, relative in TARGETS:
        path = site_dir / relative
        if not path.is_file():
            continue
        suffix = {".html": f"<!-- release {mark} -->\n".encode(), ".json": b" " * (len(mark) + 1)}
        with path.open("ab") as stream:
            stream.write(suffix.get(path.suffix, f"\n% release {mark}\n".encode()))


# --- nginx -----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(dest: Path, work: Path, port: int) -> str:
    """deploy/nginx.conf with only where it listens, logs and finds the site changed."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    replacements = [
        (r"^(\s*)listen 80;", rf"\g<1>listen 127.0.0.1:{port};"),
        (r"^pid [^;]+;", f"pid {work}/nginx.pid;"),
        (r"^(\s*)access_log [^;]+;", rf"\g<1>access_log {work}/access.log;"),
        (r"^(\s*)error_log [^;]+;", rf"\g<1>error_log {work}/error.log;"),
        (r"^(\s*)alias /srv/handbook/site/;", rf"\g<1>alias {dest}/;"),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        if count != 1:
            raise RuntimeError(f"deploy/nginx.conf changed shape: {pattern!r} matched {count} times")
    return text


@contextlib.contextmanager
def nginx(dest: Path, work: Path):
    """nginx with deploy/nginx.conf serving DEST at http://127.0.0.1:<port>/handbook/."""
    if shutil.which("nginx") is None:
        raise RuntimeError("nginx is missing: run `make nginx` (Debian package nginx)")
    port = free_port()
    conf = work / "nginx.conf"
    conf.write_text(nginx_config(dest, work, port), encoding="utf-8")
    process = subprocess.Popen(["nginx", "-c", str(conf), "-e", str(work / "error.log"), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}{PREFIX}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(base, timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # nginx answers (what it answers is the measurement's business)
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"nginx did not start: {process.stderr.read().decode(errors='replace')}")
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not answer within 15 s")
                time.sleep(0.1)
        yield base
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful stop of this nginx only
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- wrk -------------------------------------------------------------------------------------

@dataclass
class Load:
    requests: int
    seconds: float
    per_second: float
    p99_ms: float
    errors: int
    # The request bound was reached: wrk's threads stopped early, but wrk divides by the whole
    # duration, so the rate is a lower bound.
    capped: bool = False


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> Load:
    """wrk --latency's summary; its durations come as 900.00us, 12.5ms, 2.01s or 1.50m."""
    summary = re.search(r"(\d+) requests in ([\d.]+(?:us|ms|s|m))", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.M)
    if not (summary and rate and p99):
        raise RuntimeError(f"unexpected wrk output: {output.strip()[:500]}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(requests=int(summary.group(1)), seconds=_milliseconds(summary.group(2)) / 1000,
                per_second=float(rate.group(1)), p99_ms=_milliseconds(p99.group(1)),
                errors=errors + (int(non_2xx.group(1)) if non_2xx else 0))


def wrk(url: str, seconds: float, connections: int, max_requests: int, work: Path, threads: int = 2,
        enough=None) -> Load:
    """One wrk run, bounded by `seconds` and `max_requests`; ended early (SIGINT, after which wrk
    prints its summary as usual) once `enough()` is true."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"the load only goes to loopback: {url}")
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: run `make load-tool` (Debian package wrk)")
    script = work / "stop_after.lua"
    script.write_text(STOP_AFTER, encoding="utf-8")
    threads = max(1, min(threads, connections))
    environment = {**os.environ, "WRK_REQUESTS_PER_THREAD": str(max(1, max_requests // threads))}
    process = subprocess.Popen(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "--timeout", "5s",
         "--latency", "-s", str(script), "-H", "Accept-Encoding: gzip", url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    deadline = time.monotonic() + seconds + 60
    while enough is not None and process.poll() is None and time.monotonic() < deadline:
        if enough():
            process.send_signal(signal.SIGINT)
            break
        time.sleep(0.2)
    try:
        output, errors = process.communicate(timeout=max(5.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise RuntimeError(f"wrk did not finish within {seconds + 60:.0f} s") from None
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed: {(errors + output).strip()}")
    result = parse_wrk(output)
    result.capped = result.requests >= (max_requests // threads) * threads
    return result


# --- Publishing while serving ------------------------------------------------------------------

@dataclass
class Consistency:
    checked: int = 0
    errors: list[str] = field(default_factory=list)
    mixes: list[str] = field(default_factory=list)
    seen: dict[str, set[str]] = field(default_factory=dict)  # target -> release marks seen


def publish_command(dest: Path, source: Path, mark: str) -> tuple[list[str], dict]:
    build = (f"{shlex.quote(sys.executable)} -m bench.load --copy-build {shlex.quote(str(source))} "
             f"{shlex.quote(mark)} {{site_dir}}")
    environment = {**os.environ, "HANDBOOK_BUILD_COMMAND": build, "HANDBOOK_SITE_URL": BENCH_SITE_URL,
                   "HANDBOOK_KEEP_RELEASES": "3", "PYTHONPATH": str(ROOT)}
    return [sys.executable, str(PUBLISH), str(dest)], environment


def publish(dest: Path, source: Path, mark: str) -> None:
    command, environment = publish_command(dest, source, mark)
    finished = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
    if finished.returncode != 0:
        raise RuntimeError(f"publish for the bench failed: {finished.stderr.strip()}")


def expected_hashes(dest: Path) -> dict[str, str]:
    """sha256 of each measured file in the live release -> nothing else: read from its manifest."""
    from publishing import releases

    manifest = releases.read_manifest(releases.releases_dir(dest) / releases.live_release_id(dest))
    return {relative: manifest[relative] for _, _, relative in TARGETS if relative in manifest}


def check_consistency(base: str, targets, known: dict[str, dict[str, str]], stop: threading.Event,
                      result: Consistency) -> None:
    """Fetch each target in turn until `stop`; every body must be one release's file."""
    while not stop.is_set():
        for _, address, relative in targets:
            request = urllib.request.Request(base + address, headers={"Accept-Encoding": "identity"})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    body = answer.read()
                    status = answer.status
            except OSError as error:
                result.errors.append(f"{address}: {error}")
                continue
            result.checked += 1
            digest = hashlib.sha256(body).hexdigest()
            marks = [mark for mark, hashes in known.items() if hashes.get(relative) == digest]
            if status != 200:
                result.errors.append(f"{address}: HTTP {status}")
            elif not marks:
                result.mixes.append(f"{address}: a body that is neither release's file ({len(body)} bytes)")
            else:
                result.seen.setdefault(relative, set()).update(marks)


def measure(site_dir: Path, seconds: float = 5, connections: int = 16, max_requests: int = 200_000,
            checkers: int = 2) -> dict:
    work = Path(tempfile.mkdtemp(prefix="handbook-load-"))
    work.chmod(0o755)  # nginx's workers run as an unprivileged user
    try:
        dest = work / "www" / "site"
        dest.parent.mkdir()
        dest.parent.chmod(0o755)
        targets = [target for target in TARGETS if (site_dir / target[2]).is_file()]
        known, started = {}, time.monotonic()
        for mark in ("B", "A"):  # A ends live; both releases' files are known by their manifests
            publish(dest, site_dir, mark)
            known[mark] = expected_hashes(dest)
        one_publish = (time.monotonic() - started) / 2
        # Each run while publishing lasts until SWAPS_PER_RUN swaps happened in it (at least
        # `seconds`, at most MAX_SWAP_SECONDS); its request bound grows alike.
        swap_seconds = MAX_SWAP_SECONDS
        swap_requests = max_requests * max(1, round(swap_seconds / max(seconds, 1)))
        figures = {"alone": {}, "swapping": {}, "tool": subprocess.run(
            ["wrk", "-v"], capture_output=True, text=True).stdout.split("[")[0].strip() or "wrk",
            "seconds": seconds, "connections": connections, "max_requests": max_requests,
            "publish_seconds": one_publish, "swap_seconds": swap_seconds, "swap_requests": swap_requests}
        with nginx(dest, work) as base:
            for name, address, _ in targets:
                figures["alone"][name] = wrk(base + address, seconds, connections, max_requests, work)

            stop, consistency, swaps = threading.Event(), Consistency(), [0]

            def keep_publishing():
                marks = ["B", "A"]
                while not stop.is_set():
                    publish(dest, site_dir, marks[swaps[0] % 2])
                    swaps[0] += 1

            publisher_errors: list[BaseException] = []

            def publisher():
                try:
                    keep_publishing()
                except BaseException as error:  # reported, and the measurement stops
                    publisher_errors.append(error)
                    stop.set()

            threads = [threading.Thread(target=publisher)] + [
                threading.Thread(target=check_consistency, args=(base, targets, known, stop, consistency))
                for _ in range(checkers)]
            for thread in threads:
                thread.start()
            try:
                for name, address, _ in targets:
                    before, began = swaps[0], time.monotonic()
                    load = wrk(base + address, swap_seconds, connections, swap_requests, work,
                               enough=lambda: swaps[0] - before >= SWAPS_PER_RUN
                               and time.monotonic() - began >= seconds)
                    figures["swapping"][name] = (load, swaps[0] - before)
            finally:
                stop.set()
                for thread in threads:
                    thread.join()
            if publisher_errors:
                raise RuntimeError(f"publishing during the load failed: {publisher_errors[0]}")
            figures["swaps"] = swaps[0]
            figures["consistency"] = consistency
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _figures(load: Load) -> str:
    rate = f"{'≥ ' if load.capped else ''}{load.per_second:,.0f} /s"
    return f"{rate}, {load.p99_ms:.1f} ms, {load.errors}"


def rows(figures: dict) -> list[tuple[str, str]]:
    out = []
    for name, load in figures["alone"].items():
        out.append((f"{name}: req/s, p99, errors", _figures(load)))
    for name, (load, swaps) in figures["swapping"].items():
        out.append((f"{name} while publishing ({swaps} swaps): req/s, p99, errors", _figures(load)))
    consistency = figures["consistency"]
    out.append(("Checked bodies during the swaps (sha256 against both releases' manifests): "
                "checked, errors, mixes", f"{consistency.checked}, {len(consistency.errors)}, {len(consistency.mixes)}"))
    return out


def run(site_dir: Path) -> list[tuple[str, str]]:
    return rows(measure(site_dir))


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--copy-build"]:  # the build command of the bench's publishes
        copy_build(Path(argv[1]), Path(argv[3]), argv[2])
        return 0
    parser = argparse.ArgumentParser(description="Serve the built site with nginx and measure it with wrk.")
    parser.add_argument("site_dir", type=Path, help="a built site (mkdocs build)")
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run's time bound")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--max-requests", type=int, default=200_000, help="each wrk run's request bound")
    arguments = parser.parse_args(argv)
    figures = measure(arguments.site_dir, arguments.seconds, arguments.connections, arguments.max_requests)
    for name, value in rows(figures):
        print(f"{name}: {value}")
    consistency = figures["consistency"]
    for problem in (consistency.errors + consistency.mixes)[:10]:
        print(f"  {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
