"""Benchmark the realistic example: build time, time to first roster, objective, bound, gap, peak memory.

Each run is a separate process (one solve at a time), so peak memory is that solve's own.
Each solve is also appended as a row to benchmarks/results/history/solve_example.csv (`--note` adds the
variant measured to its note), unless --no-history is given.
Usage: python benchmarks/solve_example.py [SCENARIO] [--policy ID] [--time-limit 60] [--workers 2] [--runs 3] [--out FILE]
       [--set LNS_STEP=2 --set GROUP_OFFICERS=40]   (an ablation: a constant of scheduler.solve.budget changed)
       [--note TEXT] [--no-history]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

from record import append_history, rounded

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
import scheduler
path, limit, workers, seed, strategy = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
policies = [p for p in sys.argv[6].split(",") if p]
import scheduler.solve.budget as search
for name, value in (kv.split("=", 1) for kv in sys.argv[7:]):
    if not hasattr(search, name):
        sys.exit(f"--set: scheduler.solve.budget has no constant {name}")
    setattr(search, name, type(getattr(search, name))(value))
t0 = time.perf_counter()
loaded, problem = scheduler.load_problem(path, policies=policies)
load_s = time.perf_counter() - t0
r = scheduler.solve_problem(problem, scheduler.settings_for(loaded, time_limit=limit, workers=workers, seed=seed,
                                                            strategy=strategy))
res = scheduler.check_roster(problem, r.assignments)
print(json.dumps({
    "status": r.info.status, "objective": r.info.objective, "bound": r.info.best_bound, "gap": r.info.gap,
    "load_s": load_s, "build_s": r.info.build_time_s, "first_s": r.info.first_solution_s,
    "wall_s": r.info.wall_time_s, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "hard_violations": len(res.hard_violations), "checker_agrees": abs(res.objective - (r.info.objective or 0)) < 1e-6,
    "tiers": r.info.tiers,
    "zones": {z: {k: v.get(k) for k in ("objective", "best_bound", "wall_time_s")} for z, v in (r.info.zones or {}).items()},
}))
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?", default=str(ROOT / "examples/brussels-south/zone.yaml"))
    ap.add_argument("--policy", action="append", default=[], help="a policy of the scenario, applied at load")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--strategy", default="auto", choices=["auto", "monolithic", "decomposed"])
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/solve_example.md"))
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="change a constant of scheduler.solve.budget (LNS_STEP, GROUP_OFFICERS, PLAN_FLOOR, ...)")
    ap.add_argument("--note", default="", help="the variant measured, for the history rows' note")
    ap.add_argument("--no-history", action="store_true", help="do not append the runs to the history CSV")
    return ap.parse_args(argv)


def history_rows(rows: list[dict], args: argparse.Namespace) -> list[dict]:
    """One history row per run (`rows` as the child prints them, plus `seed`); date and commit are left to
    `append_history`. Units as in the CSV: gap in percent, times in s, memory in MiB."""
    scenario = Path(args.scenario)
    # The example's folder names it (examples/brussels-south/zone.yaml -> brussels-south).
    instance = scenario.parent.name or scenario.stem
    note = [f"strategy {args.strategy}"]
    note += [args.note] if args.note else []
    note += [f"policy {', '.join(args.policy)}"] if args.policy else []
    note += [f"changed {', '.join(args.set)}"] if args.set else []
    out = []
    for r in rows:
        checker = [] if r["checker_agrees"] and not r["hard_violations"] else ["checker MISMATCH"]
        out.append({
            "instance": instance, "seed": r["seed"], "time_limit_s": args.time_limit, "workers": args.workers,
            "status": r["status"], "objective": rounded(r["objective"], 1), "bound": rounded(r["bound"], 1),
            "gap_pct": rounded(None if r["gap"] is None else 100 * r["gap"], 2),
            "first_roster_s": rounded(r["first_s"], 2), "build_s": rounded(r["build_s"], 2),
            "wall_s": rounded(r["wall_s"], 1), "peak_mib": rounded(r["peak_mib"], 0),
            "note": "; ".join(note + checker),
        })
    return out


def main() -> None:
    args = parse_args()
    rows = []
    for seed in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, args.scenario, str(args.time_limit), str(args.workers), str(seed), args.strategy,
             ",".join(args.policy), *args.set],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row["seed"] = seed
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    import ortools

    head = "| seed | status | objective | bound | gap | load s | build s | first roster s | solve s | peak MiB | checker |"
    lines = [
        f"Scenario `{Path(args.scenario).relative_to(ROOT) if Path(args.scenario).is_absolute() else args.scenario}`, "
        f"{dt.date.today()}, {platform.machine()} {platform.processor() or ''} ({_cores()} cores), "
        f"OR-Tools {ortools.__version__}, strategy {args.strategy}, time limit {args.time_limit:g} s, "
        f"{args.workers} workers, seeds 0..{args.runs - 1}; one solve at a time, each in its own process."
        + (f" Policies: {', '.join(args.policy)}." if args.policy else "")
        + (f" Changed: {', '.join(args.set)}." if args.set else ""),
        "",
        head,
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        gap = f"{r['gap']:.2%}" if r["gap"] is not None else "-"
        lines.append(
            f"| {r['seed']} | {r['status']} | {r['objective']:,.1f} | {r['bound']:,.1f} | {gap} | {r['load_s']:.2f} | "
            f"{r['build_s']:.2f} | {r['first_s']} | {r['wall_s']:.1f} | {r['peak_mib']:.0f} | "
            f"{'ok' if r['checker_agrees'] and not r['hard_violations'] else 'MISMATCH'} |"
        )
    med = {k: statistics.median(r[k] for r in rows if r[k] is not None) for k in ("gap", "build_s", "first_s", "peak_mib")}
    lines += ["", f"Median: gap {med['gap']:.2%}, build {med['build_s']:.2f} s, first roster {med['first_s']:.2f} s, "
              f"peak {med['peak_mib']:.0f} MiB."]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    if not args.no_history:
        path = append_history("solve_example", history_rows(rows, args))
        print(f"{len(rows)} row(s) appended to {path}", file=sys.stderr)


def _cores() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
