"""Benchmark the least-unmet solve compare runs where a roster leaves mandatory work unmet.

For each scenario asked (the baseline and `--policy` ones) and each of its zone problems (the whole
problem when it is not solved zone by zone), asks `solve/least_unmet.least_unmet` as if the roster had
left work unmet (so it always solves) and reports its time, the proven floor, the ceiling it found, and
whether it proved them equal within the limit. With `--solve-first T` the scenario is solved first (T
seconds), as compare does, and the least-unmet solve starts from that roster, asked with the roster's own
unmet hours where it left some ("found" column).
Usage: python benchmarks/least_unmet.py [REGION] [--policy ID ...] [--seconds 10] [--workers 2] [--seed 0]
       [--solve-first T] [--out benchmarks/results/least_unmet.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import time
from pathlib import Path

from scheduler.api import load_problem, settings_for
from scheduler.measures import compute_measures
from scheduler.solve import solve
from scheduler.solve.least_unmet import LEAST_UNMET_SECONDS, least_unmet
from scheduler.solve.split import split_by_zone

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("region", nargs="?", default=str(ROOT / "examples/brussels-region/region.yaml"))
    ap.add_argument("--policy", action="append", default=[])
    ap.add_argument("--seconds", type=float, default=LEAST_UNMET_SECONDS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--solve-first", type=float, default=0.0)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/least_unmet.md"))
    args = ap.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    lines = [f"# Least unmet mandatory work: {Path(args.region).name}", "",
             f"Commit {commit}, {dt.date.today()}, {args.seconds:g} s per problem, {args.workers} workers, "
             f"seed {args.seed}.", "",
             f"Scenarios solved first: {f'{args.solve_first:g} s' if args.solve_first else 'no'}.", "",
             "| scenario | zone | officers | found officer-h | wall s | floor officer-h | ceiling officer-h | proven |",
             "|---|---|---|---|---|---|---|---|"]
    for name in ["baseline", *args.policy]:
        policies = () if name == "baseline" else (name,)
        loaded, problem = load_problem(args.region, policies=policies)
        settings = settings_for(loaded, time_limit=args.seconds, workers=args.workers, seed=args.seed,
                                deterministic=False)
        parts = (split_by_zone(problem) if settings.zone_split else None) or [problem]
        roster, tasks = None, {}
        if args.solve_first:
            solved = solve(problem, settings.model_copy(update={"time_limit": args.solve_first}))
            roster = solved.assignments
            tasks = compute_measures(problem, roster)["tasks"]
        for part in parts:
            found = sum(tasks.get(d.id, {}).get("unmet_officer_hours", 0.0) for d in part.duties
                        if d.kind == "task" and d.priority == "mandatory")
            t0 = time.perf_counter()
            r = least_unmet(part, settings, found_hours=found or 1e9, seconds=args.seconds, roster=roster)
            wall = time.perf_counter() - t0
            floor, ceiling = ("-", "-") if r is None else (f"{r.low:g}", f"{r.high:g}")
            proven = "no roster" if r is None else ("yes" if r.low == r.high else "no")
            shown = f"{found:g}" if roster is not None else "-"
            lines.append(f"| {name} | {part.zone} | {len(part.officers)} | {shown} | {wall:.1f} | {floor} | {ceiling} "
                         f"| {proven} |")
            print(lines[-1], flush=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
