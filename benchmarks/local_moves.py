"""What the local moves after every solve (`scheduler/solve/polish.py`) gain, and what they take.

Each solve is `scheduler solve FILE --time-limit T --seed N --workers W --log LOG` in its own process, one
at a time, as a user runs it; the log's `[local moves]` lines (one per zone solved) give the checker's
objective before and after the moves, the moves kept and their time; roster.json gives the objective
written and whether the checker agrees with it. Scenarios: examples/brussels-south and `scheduler
generate` zones (generator seed 1) of the sizes given, generated in a temporary folder.

    python benchmarks/local_moves.py [--sizes 30,120,1000] [--limits 20,60] [--seeds 0-2] [--workers 2]
        [--out benchmarks/results/local_moves.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from record import median_range

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"\[local moves\] (?P<moves>.*): objective (?P<before>[\d,.]+) -> (?P<after>[\d,.]+) in (?P<s>[\d.]+) s"
                  r"(?P<capped> \(capped\))?")


def solve(path: Path, limit: float, seed: int, workers: int, work: Path) -> dict | None:
    """The run's figures; None when the solve found no roster (exit 1)."""
    out = work / "out"
    log = work / "log.txt"
    done = subprocess.run([sys.executable, "-m", "scheduler.cli", "solve", str(path), "--time-limit", f"{limit:g}",
                           "--seed", str(seed), "--workers", str(workers), "--quiet", "--no-grid", "--out", str(out),
                           "--log", str(log)], cwd=ROOT, capture_output=True)
    if done.returncode == 1:
        return None
    done.check_returncode()
    doc = json.loads((out / "roster.json").read_text(encoding="utf-8"))
    summary = doc["summary"]
    found = [m for m in map(LINE.search, log.read_text(encoding="utf-8").splitlines()) if m]
    number = lambda text: float(text.replace(",", ""))  # noqa: E731
    before = sum(number(m["before"]) for m in found)
    after = sum(number(m["after"]) for m in found)
    moved = 0
    for m in found:
        moved += sum(int(n) for n in re.findall(r"(\d+) (?:duty|shift)", m["moves"]))
    objective = summary["objective"]
    if not found:  # an optimal roster is not moved: no line
        before = after = objective
    return {"status": summary["status"], "objective": objective, "before": before, "after": after,
            "gain": before - after, "moves": moved, "seconds": sum(float(m["s"]) for m in found),
            "capped": any(m["capped"] for m in found),
            "wall_s": summary.get("wall_time_s"), "agrees": summary["check"]["agrees_with_solver"],
            "hard": summary["check"]["hard_violations"]}


def seeds(text: str) -> list[int]:
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="30,120,1000", help="officers of the generated zones ('' for none)")
    ap.add_argument("--limits", default="20,60")
    ap.add_argument("--seeds", default="0-2")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-example", action="store_true", help="generated zones only, not examples/brussels-south")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "local_moves.md"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="local-moves-"))
    scenarios = {} if args.no_example else {"brussels-south (300)": ROOT / "examples" / "brussels-south" / "zone.yaml"}
    for n in [int(s) for s in args.sizes.split(",") if s]:
        path = work / f"generated-{n}.yaml"
        subprocess.run([sys.executable, "-m", "scheduler.cli", "generate", "--officers", str(n), "--seed", "1", "-o",
                        str(path)], check=True, cwd=ROOT, capture_output=True)
        scenarios[f"generated {n}"] = path
    rows = ["| scenario | limit s | seed | status | before local moves | after | gain | gain % | moves | moves s | checker |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    # moves s: marked * where the time cap stopped them (a move that improves may be left).
    summary = ["| scenario | limit s | gain (median, range) | gain % (median, range) | moves | time s (median, range) |",
               "|---|---|---|---|---|---|"]
    for name, path in scenarios.items():
        for limit in [float(x) for x in args.limits.split(",")]:
            runs = []
            for seed in seeds(args.seeds):
                r = solve(path, limit, seed, args.workers, work)
                if r is None:
                    line = f"| {name} | {limit:g} | {seed} | no roster | - | - | - | - | - | - | - |"
                    print(line, flush=True)
                    rows.append(line)
                    continue
                runs.append(r)
                pct = 100 * r["gain"] / r["before"] if r["before"] else 0.0
                ok = "ok" if r["agrees"] and not r["hard"] else "MISMATCH"
                line = (f"| {name} | {limit:g} | {seed} | {r['status']} | {r['before']:,.1f} | {r['after']:,.1f} | "
                        f"{r['gain']:,.1f} | {pct:.2f} | {r['moves']} | {r['seconds']:.2f}{'*' if r['capped'] else ''} | {ok} |")
                print(line, flush=True)
                rows.append(line)
            if not runs:
                continue
            gain = median_range([r["gain"] for r in runs])
            pct = median_range([100 * r["gain"] / r["before"] if r["before"] else 0.0 for r in runs])
            secs = median_range([r["seconds"] for r in runs])
            moves = median_range([r["moves"] for r in runs])
            summary.append(f"| {name} | {limit:g} | {gain[0]:,.1f} ({gain[1]:,.1f}-{gain[2]:,.1f}) | "
                           f"{pct[0]:.2f} ({pct[1]:.2f}-{pct[2]:.2f}) | {moves[0]:g} ({moves[1]:g}-{moves[2]:g}) | "
                           f"{secs[0]:.2f} ({secs[1]:.2f}-{secs[2]:.2f}) |")
    head = (f"{dt.date.today()}, {platform.machine()}, {args.workers} workers, seeds {args.seeds}, one solve at a "
            "time (`scheduler solve --log`); before/after: the checker's objective of the roster the search "
            "returned and of the one written; moves s marked * where the cap stopped the moves.")
    text = "\n".join([head, "", *summary, "", *rows]) + "\n"
    print(text)
    Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
