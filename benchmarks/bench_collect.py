"""What a plain `pytest --collect-only` costs: this checkout against an older commit, alternating.

    python benchmarks/bench_collect.py [--before REF] [--repeats 5] [--write-bytecode]

The older commit (``--before``, a git ref; by default where this branch left main) is exported
with ``git archive``, and this working tree copied without its ``__pycache__`` folders, into a
temporary folder; then, ``--repeats`` times, ``python -m pytest --collect-only -q`` runs in each
tree in turn (each with its own ``src`` on PYTHONPATH), so that a noisy shared host weighs on both
alike. Printed per tree: the median wall time, the median user+sys CPU time of the pytest process (the
kernel's rusage, as /usr/bin/time reports it: steadier than wall time on a busy host), and the
number of tests collected.

By default the environment is passed on as it is: where PYTHONDONTWRITEBYTECODE is set, pytest
rewrites the asserts of every test module and Python compiles spinscope on every run.
``--write-bytecode`` unsets it and runs each tree once first, so that the cached bytecode is used,
as in a usual checkout.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-m", "pytest", "--collect-only", "-q"]


def export(ref: str, into: Path) -> Path:
    """The tree of ``ref`` (its pyproject.toml, src and tests), written under ``into``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", ref, "pyproject.toml", "src",
                              "tests"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def copy_checkout(into: Path) -> Path:
    """This working tree's pyproject.toml, src and tests, without cached bytecode, under ``into``."""
    skip = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".hypothesis")
    into.mkdir(parents=True)
    shutil.copy2(REPO / "pyproject.toml", into)
    for folder in ("src", "tests"):
        shutil.copytree(REPO / folder, into / folder, ignore=skip)
    return into


def collect(tree: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """One collection in ``tree``: wall seconds, user+sys CPU seconds, tests collected."""
    env = dict(env, PYTHONPATH=str(tree / "src"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(COMMAND, cwd=tree, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found = re.search(r"(\d+) tests? collected", result.stdout)
    if result.returncode != 0 or not found:
        raise SystemExit(f"collection failed in {tree}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return wall, cpu, int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="the git ref to compare with (default: git merge-base HEAD main)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--write-bytecode", action="store_true",
                        help="unset PYTHONDONTWRITEBYTECODE and warm the bytecode caches first")
    args = parser.parse_args()
    before = args.before or subprocess.run(["git", "-C", str(REPO), "merge-base", "HEAD", "main"],
                                           capture_output=True, text=True, check=True).stdout.strip()[:10]
    env = dict(os.environ)
    if args.write_bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="bench-collect-") as folder:
        trees = {f"before ({before})": export(before, Path(folder) / "before"),
                 "this checkout": copy_checkout(Path(folder) / "after")}
        if args.write_bytecode:
            for tree in trees.values():
                collect(tree, env)
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in trees}
        for _ in range(args.repeats):
            for name, tree in trees.items():
                runs[name].append(collect(tree, env))
    bytecode = "written and reused" if args.write_bytecode else (
        "not written (PYTHONDONTWRITEBYTECODE)" if env.get("PYTHONDONTWRITEBYTECODE") else "written")
    print(f"`{' '.join(['python', *COMMAND[1:]])}`, {args.repeats} alternating runs, bytecode {bytecode}")
    for name, results in runs.items():
        walls, cpus, counts = zip(*results)
        print(f"{name}: wall {statistics.median(walls):.2f} s (min {min(walls):.2f}), user+sys "
              f"{statistics.median(cpus):.2f} s (min {min(cpus):.2f}), {counts[0]} tests collected")


if __name__ == "__main__":
    main()
