"""The test suites' figures for `make bench`: how long `make test-fast` and `make test` take, and
how much processor time the machine spent meanwhile.

Each suite runs as a user runs it (`make <target>` in the project, its output kept in a file);
the wall time is the command's, and the busy time is read from /proc/stat before and after
(every core, every process: the suites run Chromium, nginx and builds as children, and other
work on the machine counts too, which the load average in the report shows). Busy time over
the cores is the least wall time any split of that work over this machine's cores could reach.

    python -m bench.suites [test-fast,test]   the figures alone, as a Markdown table
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import ROOT

# The goals of issue #12, in seconds of wall time on this machine.
GOALS = {"test-fast": 60, "test": 240}
# pytest's summary line, e.g. "745 passed in 657.00s (0:10:57)" or "1 failed, 744 passed in …"
SUMMARY = re.compile(r"(\d+ (?:passed|failed|errors?|skipped)\b[^=\n]*?) in [\d.]+s")


def busy_core_seconds(stat: Path = Path("/proc/stat")) -> float:
    """Processor time spent outside idle and I/O wait since boot, summed over the cores."""
    fields = stat.read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def measure_suite(command: list[str], cwd: Path = ROOT) -> dict:
    """Run one suite's command; its wall time, the machine's busy core-seconds meanwhile, its
    exit status and pytest's summary (e.g. '745 passed'), or the end of its output if none."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as output:
        busy, start = busy_core_seconds(), time.monotonic()
        status = subprocess.run(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, check=False).returncode
        seconds, busy = time.monotonic() - start, busy_core_seconds() - busy
        output.seek(0)
        text = output.read()
    found = SUMMARY.findall(text)
    summary = found[-1] if found else (text.strip().splitlines() or ["no output"])[-1][:200]
    return {"seconds": seconds, "busy": busy, "status": status, "summary": summary}


def table(figures: dict[str, dict], cores: int | None = None) -> list[str]:
    """The report's Markdown table: each suite's wall time against its goal, the processor time
    spent meanwhile, and the least wall time that processor time allows on this many cores."""
    cores = cores or os.cpu_count() or 1
    lines = [f"| Suite | Wall time (s) | Goal (s) | Processor time (core-seconds) | Cores busy | "
             f"Least wall time on {cores} cores (s) | Outcome |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, figure in figures.items():
        goal = GOALS.get(name)
        verdict = "—" if goal is None else f"≤ {goal}: {'met' if figure['seconds'] <= goal else 'not met'}"
        outcome = figure["summary"] if figure["status"] == 0 else f"failed (exit {figure['status']}): {figure['summary']}"
        lines.append(f"| `make {name}` | {figure['seconds']:.0f} | {verdict} | {figure['busy']:.0f} | "
                     f"{100 * figure['busy'] / (cores * figure['seconds']):.0f} % | {figure['busy'] / cores:.0f} | "
                     f"{outcome.replace('|', '/')} |")
    return lines


def measure(names: list[str]) -> dict[str, dict]:
    """Each named suite (a Makefile target), one after another."""
    return {name: measure_suite(["make", "--no-print-directory", name]) for name in names}


if __name__ == "__main__":
    chosen = (sys.argv[1] if len(sys.argv) > 1 else "test-fast").split(",")
    print("\n".join(table(measure([name for name in chosen if name]))))
