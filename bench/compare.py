"""`make compare BASE=<rev>`: is the site built from this tree byte for byte the one built from
another revision? For refactors that must not change what the handbook publishes.

Clones the repository at BASE into a temporary folder (a clone, so the "last data change" date
still comes from git), builds it and this tree with the same address and the same PDF cache, and
compares every file of the two sites: pages, feeds, search indexes, sitemaps, assets. The PDFs
are left out of the byte comparison (each printing stamps its own creation time); they follow
from their pages and stylesheets, which are compared, and the PDF cache keys say whether they
would be printed alike. Prints the differing files and exits 1 if there are any.

    .venv/bin/python -m bench.compare BASE [--keep DIR]

With --keep DIR, a second run with the same DIR reuses BASE's site and rebuilds only this tree.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from publishing.building import ROOT, build

LEFT_OUT = (".pdf",)


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file() and path.suffix not in LEFT_OUT}


def differences(base: Path, head: Path) -> list[str]:
    """One line per file that is only in one site or differs between the two, byte for byte
    (publishing/engines.py's site_differences, for two engines, lets the generator tag and a
    PDF's print time differ: this comparison lets nothing differ)."""
    before, after = files(base), files(head)
    found = [f"only in BASE: {name}" for name in sorted(before.keys() - after.keys())]
    found += [f"only in this tree: {name}" for name in sorted(after.keys() - before.keys())]
    found += [f"differs: {name}" for name in sorted(before.keys() & after.keys()) if before[name] != after[name]]
    return found


def checkout(revision: str, folder: Path) -> Path:
    # The commit, resolved here: in the clone a branch of this repository (main, seen from a
    # worktree's branch) is only a remote-tracking one, which `checkout --detach` refuses.
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{revision}^{{commit}}"],
                            check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--shared", "--no-checkout", str(ROOT), str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "checkout", "--quiet", "--detach", commit], check=True)
    return folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the revision to compare with, e.g. main or 886a51b")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep both sites")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="handbook-compare-") as temporary:
        work = arguments.keep or Path(temporary)
        base_built = arguments.keep is not None and (work / "base-site" / "index.html").is_file()
        project = work / "base-project" if base_built else checkout(arguments.base, work / "base-project")
        sites = {"BASE": (project, work / "base-site"), "this tree": (ROOT, work / "head-site")}
        for name, (source, site) in sites.items():
            if name == "BASE" and base_built:
                print(f"BASE: reusing {site} (built by an earlier --keep run)", file=sys.stderr)
                continue
            shutil.rmtree(site, ignore_errors=True)
            print(f"building {name} …", file=sys.stderr)
            finished = build(source, site)
            if finished.returncode != 0:
                print(f"the build of {name} failed:\n{finished.stderr}", file=sys.stderr)
                return 2
        found = differences(sites["BASE"][1], sites["this tree"][1])
        compared = len(files(sites["this tree"][1]))
    for line in found:
        print(line)
    print(f"{compared} files compared (PDFs left out): "
          + ("identical" if not found else f"{len(found)} differ"), file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
