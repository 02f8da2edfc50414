"""Repair benchmark on examples/brussels-south (300 officers, one week), one solve at a time.

The published roster: `solve` with 40 s, seed 0 (written to a temporary folder, or --published FILE).
Cases: one officer sick for 3 days (Wed-Fri, announced Wednesday 00:00); a HyCap request of 12 officers
for Saturday 12:00-20:00 announced on Thursday 08:00. Seeds 0-2, --time-limit 8 s each. Reports the
whole repair's wall time (loading, freeze, solve, check), the changed assignments, the lower bound (the
published assignments that cannot stay: the sick officer's shifts) and the objective.

    python benchmarks/repair.py [--published roster.json] [--out benchmarks/results/repair.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scheduler.repair.run import load_repair, repair

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "examples" / "brussels-south" / "zone.yaml"
CASES = {
    "one officer sick 3 days": ("absences:\n  - {officer: int-a-02, start: 2026-03-04, end: 2026-03-06, reason: sick}\n",
                                dt.datetime(2026, 3, 4, 0, 0)),
    "HyCap request, 12 officers Saturday, on Thursday": (
        "new_tasks:\n  - {id: hycap-sat, name: HyCap football, kind: event, host_zone: brussels-north, headcount: 12,\n"
        "     windows: [{days: [sat], start: \"12:00\", end: \"20:00\"}]}\n", dt.datetime(2026, 3, 5, 8, 0)),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--published")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "repair.md"))
    parser.add_argument("--time-limit", type=float, default=8.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="repair-bench-"))
    published = Path(args.published) if args.published else work / "published" / "roster.json"
    if not args.published:
        subprocess.run([sys.executable, "-m", "scheduler.cli", "solve", str(SCENARIO), "--time-limit", "40", "--seed", "0",
                        "--quiet", "--out", str(published.parent)], check=True)
    lines = ["| case | seed | wall time (s) | changed assignments | lower bound | change penalty | objective | hard violations |",
             "|---|---|---|---|---|---|---|---|"]
    for name, (text, when) in CASES.items():
        changes = work / f"{len(lines)}.yaml"
        changes.write_text(text)
        for seed in range(3):
            t0 = time.perf_counter()
            given = load_repair(SCENARIO, published, changes, when)
            done = repair(given, time_limit=args.time_limit, seed=seed, workers=2)
            wall = time.perf_counter() - t0
            summary = done.doc["summary"]
            line = (f"| {name} | {seed} | {wall:.1f} | {summary['repair']['changed_assignments']} | {summary['repair']['lower_bound']} "
                    f"| {summary['repair']['change_penalty']:,.0f} | {done.roster.info.objective:,.0f} | {summary['check']['hard_violations']} |")
            print(line, flush=True)
            lines.append(line)
    Path(args.out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
