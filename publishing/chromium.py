"""The one way the project starts Chromium: Debian's package, headless, with one set of flags.

The ready PDFs (publishing/pdfs.py), the benchmark (bench/) and the browser tests (tests/) all
launch it from here, so a flag changes in one place.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache

CHROMIUM = "/usr/bin/chromium"
# Playwright cannot download its own browsers here; these flags keep Debian's Chromium from
# reaching the network (updates, sync) and let it run as root without a GPU.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def launch(chromium_type, **options):
    """Start the browser with Playwright's `playwright.chromium` (sync or async API)."""
    return chromium_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options)


@lru_cache(maxsize=1)
def chromium_version() -> str:
    """E.g. 'Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)'."""
    finished = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return finished.stdout.strip() or f"unknown ({CHROMIUM} --version failed)"
