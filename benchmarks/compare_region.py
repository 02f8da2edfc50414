"""Benchmark `compare` on a region: every scenario's build time, solve time, gap and peak memory.

Runs `scheduler compare SCENARIO --all` as a user would (worker processes, `--jobs` at a time), then,
with `--joint`, solves the baseline of a smaller region both zone by zone and jointly (one model over
all zones, `solver.zone_split: false`) to show what the decomposition costs.
Usage: python benchmarks/compare_region.py [REGION] [--policy ID ...] [--time-limit 120] [--workers 2] [--jobs 1]
       [--joint SMALL_REGION --joint-limit 120] [--out benchmarks/results/compare_region.md]
Without --policy, every policy the region offers (`compare --all`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

JOINT = r"""
import json, resource, sys
from scheduler.scenario.load import load_scenario
from scheduler.problem import build_problem
from scheduler.solve import solve
from scheduler.check import check_roster
path, limit, workers, split = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
loaded = load_scenario(path)
problem = build_problem(loaded)
settings = loaded.scenario.solver.model_copy(update={"time_limit": limit, "workers": workers, "seed": 0,
                                                       "zone_split": split})
r = solve(problem, settings)
res = check_roster(problem, r.assignments)
print(json.dumps({"status": r.info.status, "objective": r.info.objective, "bound": r.info.best_bound,
                  "gap": r.info.gap, "wall_s": r.info.wall_time_s, "hard": len(res.hard_violations),
                  "officers": len(problem.officers),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("region", nargs="?", default=str(ROOT / "examples/brussels-region/region.yaml"))
    ap.add_argument("--policy", action="append", default=[], help="compare these policies (default: --all)")
    ap.add_argument("--time-limit", type=float, default=120)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--joint", help="a smaller region to solve zone by zone and jointly")
    ap.add_argument("--joint-limit", type=float, default=120)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/compare_region.md"))
    args = ap.parse_args()
    out_dir = ROOT / "out" / "bench-compare"
    policies = [x for pid in args.policy for x in ("--policy", pid)] or ["--all"]
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "scheduler.cli", "compare", args.region, *policies, "--time-limit", str(args.time_limit),
         "--workers", str(args.workers), "--jobs", str(args.jobs), "--seed", "0", "--out", str(out_dir), "--quiet"],
        check=False, cwd=ROOT, stdout=subprocess.DEVNULL,
    )
    total = time.perf_counter() - t0
    table = json.loads((out_dir / "compare.json").read_text())
    import ortools

    lines = [
        f"Region `{_rel(args.region)}`, {dt.date.today()}, {platform.system()} {platform.machine()}, "
        f"OR-Tools {ortools.__version__}; `scheduler compare {' '.join(policies)}`, time limit {args.time_limit:g} s per scenario, "
        f"{args.workers} workers, {args.jobs} scenario(s) at a time, seed 0.",
        "",
        f"Whole compare: **{total / 60:.1f} min** wall clock for {len(table['scenarios'])} scenarios.",
        "",
        "| scenario | officers | status | objective | bound | gap | load s | build s | first roster s | solve s | peak MiB | checker |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in table["scenarios"]:
        m, su = s["measures"], s["summary"]
        if s.get("error"):
            lines.append(f"| {s['name']} | | error: {s['error']} |||||||||")
            continue
        gap = f"{su['gap']:.2%}" if su.get("gap") is not None else "-"
        check = su.get("check", {})
        ok = "ok" if check.get("hard_violations") == 0 and check.get("agrees_with_solver") else "MISMATCH"
        extra = s.get("extra") or {}
        lines.append(
            f"| {s['name']} | {m.get('officers')} | {su['status']} | {su['objective']:,.0f} | {su['best_bound']:,.0f} | "
            f"{gap} | {extra.get('load_s', '-')} | {su['build_time_s']:.2f} | {su['first_solution_s'] or 0:.1f} | "
            f"{su['wall_time_s']:.1f} | {extra.get('peak_mib', '-')} | {ok} |"
        )
    if args.joint:
        lines += ["", f"Zone by zone vs joint on `{_rel(args.joint)}` (baseline, {args.joint_limit:g} s each, "
                  f"{args.workers} workers, seed 0):", "",
                  "| solve | officers | status | objective | bound | gap | solve s | peak MiB | checker |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for split in ("1", "0"):
            run = subprocess.run([sys.executable, "-c", JOINT, args.joint, str(args.joint_limit), str(args.workers), split],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            r = json.loads(run.stdout.strip().splitlines()[-1])
            gap = f"{r['gap']:.2%}" if r["gap"] is not None else "-"
            lines.append(f"| {'zone by zone' if split == '1' else 'joint'} | {r['officers']} | {r['status']} | "
                         f"{r['objective']:,.0f} | {r['bound']:,.0f} | {gap} | {r['wall_s']:.1f} | {r['peak_mib']:.0f} | "
                         f"{'ok' if r['hard'] == 0 else 'VIOLATIONS'} |")
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text)


def _rel(path: str) -> str:
    p = Path(path).resolve()
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    main()
