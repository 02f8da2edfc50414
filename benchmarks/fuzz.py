"""The long fuzz run of the input side: thousands of damaged scenario files through `scheduler validate`,
and for each accepted file its model, its parameters and a short solve.

Each file runs in a worker process with a memory limit and an alarm, so a memory blow-up or a hang is
counted, not suffered. Damage: `tests/fuzz_inputs.py` (structural and textual, seeded), from the tiny
example, a region zone file (east, 180 officers) and the campaign example (its campaign: block checked
and three weeks drawn and built, as `scheduler campaign` does before solving); plus special files (a
device, a FIFO, a folder, an empty file, 100,000 officers).

Usage: python benchmarks/fuzz.py [--cases 1200] [--seeds 0,1,2] [--solve-seconds 0.3] [--jobs 2]
                                 [--out benchmarks/results/fuzz.md]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import multiprocessing as mp
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_inputs import campaign_outcome, damaged_inputs, outcome, write_input  # noqa: E402

MEMORY_LIMIT = 3 * 2**30  # bytes of address space per worker
ALARM_SECONDS = 60  # a file that takes longer is a hang


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def _init_worker() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGALRM, _alarm)


def _one(task: tuple[str, str, float]) -> tuple[str, str, float, int]:
    """(name, outcome, seconds, worker peak MiB so far) of one file."""
    name, path, solve_seconds = task
    start = time.perf_counter()
    signal.alarm(ALARM_SECONDS)
    try:
        # The 100,000-officer file is there for its reading time: its model is not the point.
        if name.startswith("campaign"):
            found = campaign_outcome(Path(path))
        else:
            found = outcome(Path(path), solve_seconds if name.startswith("tiny") else 0.0,
                            build=not name.startswith("special-100000"))
    except Hang:
        found = f"hang: over {ALARM_SECONDS} s"
    except MemoryError:
        found = f"memory: over {MEMORY_LIMIT // 2**30} GiB"
    finally:
        signal.alarm(0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return name, found, time.perf_counter() - start, peak


def _special_files(folder: Path) -> list[tuple[str, str]]:
    fifo = folder / "fifo.yaml"
    os.mkfifo(fifo)
    (folder / "empty.yaml").write_text("", encoding="utf-8")
    big = folder / "officers-100000.yaml"
    data = yaml.safe_load((ROOT / "examples" / "tiny" / "zone.yaml").read_text(encoding="utf-8"))
    first = data["officers"][0]
    data["officers"] = [{**first, "id": f"o{k:06d}"} for k in range(100_000)]
    big.write_text(yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False),
                   encoding="utf-8")
    return [("special-dev-zero", "/dev/zero"), ("special-fifo", str(fifo)), ("special-folder", str(folder)),
            ("special-empty", str(folder / "empty.yaml")), ("special-100000-officers", str(big))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1200, help="damaged files per seed")
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--solve-seconds", type=float, default=0.3, help="solve of each accepted tiny file (0: none)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "fuzz.md"))
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tasks = [(name, path, args.solve_seconds) for name, path in _special_files(folder)]
        for seed in seeds:
            for name, content in damaged_inputs(seed, args.cases, ("tiny", "east", "campaign")):
                tasks.append((name, str(write_input(folder, name, content)), args.solve_seconds))
        start = time.perf_counter()
        ctx = mp.get_context("fork")
        with ctx.Pool(args.jobs, initializer=_init_worker, maxtasksperchild=100) as pool:
            results = pool.map(_one, tasks, chunksize=4)
        wall = time.perf_counter() - start
    by_class = collections.Counter(o.split(":")[0] for _, o, _, _ in results)
    lines = [
        f"# Fuzz run: {len(results)} inputs", "",
        f"{dt.date.today()}, commit {commit}, seeds {args.seeds}, {args.cases} damaged files per seed (half "
        f"from the tiny example, half from the east zone), {args.jobs} workers, accepted tiny files solved "
        f"{args.solve_seconds:g} s; {wall:.0f} s in all.", "",
        "| outcome | inputs |", "|---|---|",
        *[f"| {k} | {v} |" for k, v in sorted(by_class.items())],
        "", f"Slowest input: {max(results, key=lambda r: r[2])[0]} ({max(r[2] for r in results):.1f} s); "
        f"largest worker peak: {max(r[3] for r in results)} MiB.", "",
        "| special input | outcome | s |", "|---|---|---|",
        *[f"| {n} | {o} | {s:.2f} |" for n, o, s, _ in results if n.startswith("special")],
    ]
    bad = [(n, o) for n, o, _, _ in results if o.split(":")[0] not in ("accepted", "refused")]
    if bad:
        lines += ["", "## Not accepted or refused", ""] + [f"- {n}: {o.splitlines()[0] if o else o}" for n, o in bad[:50]]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    if bad:
        for n, o in bad[:5]:
            print(f"\n{n}:\n{o}")
        sys.exit(1)


if __name__ == "__main__":
    main()
