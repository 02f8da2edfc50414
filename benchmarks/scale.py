"""Scale benchmark: generated scenarios of N officers (1 week), from one zone to the whole region.

For each size: model build time, time to first roster, objective, bound and gap at the time limit
(default 60 s), peak memory, and the checker's verdict; the largest size is solved a second time with
the long limit (default 600 s) for its final gap. Scenarios come from `scheduler generate` with
max(1, N // 1000) zones (6,000 officers = 6 zones, the size of the Brussels region's local police),
written to a temporary folder. Each solve runs in its own process, one at a time, so peak memory is
that solve's own.

With --runs K each size is solved K times (the same scenario and seed; the machine's load moves the
times and, through them, the search): one row per run, then the medians per size.

Each solve (the long one too) is also appended as a row to benchmarks/results/history/scale.csv (`--note`
adds the variant measured to its note), unless --no-history is given.

Usage: python benchmarks/scale.py [--sizes 100,300,1000,3000,6000] [--time-limit 60] [--long-limit 600]
                                  [--runs 1] [--workers 2] [--seed 0] [--out benchmarks/results/scale.md]
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
import tempfile
from pathlib import Path

from record import append_history, rounded

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
import scheduler
path, limit, workers, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
t0 = time.perf_counter()
loaded, problem = scheduler.load_problem(path)
load_s = time.perf_counter() - t0
r = scheduler.solve_problem(problem, scheduler.SolverSettings(time_limit=limit, workers=workers, seed=seed))
res = scheduler.check_roster(problem, r.assignments) if r.assignments else None
m = scheduler.compute_measures(problem, r.assignments) if r.assignments else {}
print(json.dumps({
    "status": r.info.status, "objective": r.info.objective, "bound": r.info.best_bound, "gap": r.info.gap,
    "load_s": load_s, "build_s": r.info.build_time_s, "first_s": r.info.first_solution_s,
    "wall_s": r.info.wall_time_s, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "hard_violations": len(res.hard_violations) if res else None,
    "checker_agrees": res is not None and abs(res.objective - (r.info.objective or 0)) < 1e-6,
    "unmet_mandatory_h": m.get("unmet_mandatory_officer_hours"), "hotspot_coverage": m.get("hotspot_coverage"),
}))
"""


def zones_for(officers: int) -> int:
    """One zone per thousand officers: 6,000 is the region's six zones."""
    return max(1, officers // 1000)


def run_one(path: Path, limit: float, workers: int, seed: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(limit), str(workers), str(seed)],
        capture_output=True, text=True, cwd=ROOT,
    )
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
        return {"status": f"ERROR ({tail[:80]})"}
    return json.loads(lines[-1])


def _num(v: float | None, fmt: str) -> str:
    return "-" if v is None else format(v, fmt)


def _gap(v: float | None) -> str:
    return "-" if v is None else f"{v:.2%}"


def _checker(r: dict) -> str:
    if r.get("hard_violations") is None:
        return "no roster"
    return "ok" if r["checker_agrees"] and not r["hard_violations"] else "MISMATCH"


def table(rows: list[dict], args: argparse.Namespace) -> str:
    import ortools

    longest = max(args.sizes)
    long_note = (f"the largest size solved again with {args.long_limit:g} s for its final gap"
                 if args.long_limit > 0 else "no long run")
    lines = [
        f"{platform.system()} {platform.machine()}, OR-Tools {ortools.__version__}, {dt.date.today()}. Protocol: "
        f"`scheduler generate` scenarios (1 week, seed {args.seed}, max(1, N // 1000) zones), strategy auto, "
        f"{args.workers} workers, solver seed {args.seed}, time limit {args.time_limit:g} s, {long_note}; "
        "one solve at a time, each in its own process.",
        "",
        f"| officers | zones | status | load s | build s | first roster s | objective | bound | gap at "
        f"{args.time_limit:g} s | final gap ({args.long_limit:g} s) | unmet mandatory h | hotspot coverage | "
        "peak MiB | checker |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    if args.runs > 1:
        lines[2] = "| run " + lines[2]
        lines[3] = "|---" + lines[3]
    for r in rows:
        final = r.get("long", {}).get("gap") if r["officers"] == longest else None
        cov = r.get("hotspot_coverage")
        lines.append(
            (f"| {r['run']} " if args.runs > 1 else "")
            + f"| {r['officers']:,} | {r['zones']} | {r['status']} | {_num(r.get('load_s'), '.2f')} | "
            f"{_num(r.get('build_s'), '.2f')} | {_num(r.get('first_s'), '.2f')} | {_num(r.get('objective'), ',.1f')} | "
            f"{_num(r.get('bound'), ',.1f')} | {_gap(r.get('gap'))} | {_gap(final)} | "
            f"{_num(r.get('unmet_mandatory_h'), 'g')} | {_gap(cov)} | {_num(r.get('peak_mib'), '.0f')} | "
            f"{_checker(r)}{'' if 'long' not in r else ' / ' + _checker(r['long'])} |"
        )
    if args.runs > 1:
        lines += ["", f"Medians of {args.runs} runs (min-max):", "",
                  "| officers | build s | first roster s | gap at " f"{args.time_limit:g} s | peak MiB |",
                  "|---|---|---|---|---|"]
        for n in args.sizes:
            runs = [r for r in rows if r["officers"] == n]
            lines.append(f"| {n:,} | {_spread(runs, 'build_s', '.2f')} | {_spread(runs, 'first_s', '.2f')} | "
                         f"{_spread(runs, 'gap', '.2%')} | {_spread(runs, 'peak_mib', '.0f')} |")
    return "\n".join(lines) + "\n"


def _spread(runs: list[dict], key: str, fmt: str) -> str:
    values = [r[key] for r in runs if r.get(key) is not None]
    if not values:
        return "-"
    return f"{format(statistics.median(values), fmt)} ({format(min(values), fmt)}-{format(max(values), fmt)})"


def history_rows(rows: list[dict], args: argparse.Namespace) -> list[dict]:
    """One history row per solve: each run's, then the long run's after the run it hangs on. Date and
    commit are left to `append_history`; gap in percent, hotspot coverage in percent in the note."""
    out = []
    for r in rows:
        solves = [(r, args.time_limit, "")] + ([(r["long"], args.long_limit, "long run")] if "long" in r else [])
        for res, limit, kind in solves:
            # run_one reports a failed child as "ERROR (its last stderr line)": the status column keeps "ERROR".
            status, _, error = res["status"].partition(" (")
            note = [kind or "strategy auto"]
            note += [args.note] if args.note else []
            note += [f"run {r['run']} of {args.runs}"] if args.runs > 1 and not kind else []
            if error:
                note.append(f"error: {error.removesuffix(')')}")
            if res.get("unmet_mandatory_h") is not None:
                note.append(f"unmet mandatory {res['unmet_mandatory_h']:g} h")
            if res.get("hotspot_coverage") is not None:
                note.append(f"hotspot coverage {100 * res['hotspot_coverage']:.2f} percent")
            if _checker(res) == "MISMATCH":
                note.append("checker MISMATCH")
            out.append({
                "instance": f"generated-{r['officers']}", "seed": args.seed, "time_limit_s": limit,
                "workers": args.workers, "status": status, "objective": rounded(res.get("objective"), 1),
                "bound": rounded(res.get("bound"), 1),
                "gap_pct": rounded(None if res.get("gap") is None else 100 * res["gap"], 2),
                "first_roster_s": rounded(res.get("first_s"), 2), "build_s": rounded(res.get("build_s"), 2),
                "wall_s": rounded(res.get("wall_s"), 1), "peak_mib": rounded(res.get("peak_mib"), 0),
                "note": "; ".join(note),
            })
    return out


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,300,1000,3000,6000", help="officer counts, comma-separated")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--long-limit", type=float, default=600, help="for the largest size only; 0 = skip")
    ap.add_argument("--runs", type=int, default=1, help="solves of each size (one row each, then medians)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/scale.md"))
    ap.add_argument("--note", default="", help="the variant measured, for the history rows' note")
    ap.add_argument("--no-history", action="store_true", help="do not append the solves to the history CSV")
    args = ap.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.replace("_", "").split(",")]
    return args


def main() -> None:
    # The generator needs the solver's package; importing it here keeps history_rows importable without it.
    from scheduler.generate import write_scenario

    args = parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"generated-{n}.yaml"
            write_scenario(path, n, zones_for(n), 7, args.seed)
            for run in range(1, args.runs + 1):
                row = {"run": run, "officers": n, "zones": zones_for(n),
                       **run_one(path, args.time_limit, args.workers, args.seed)}
                if n == max(args.sizes) and args.long_limit > 0 and run == args.runs:
                    row["long"] = run_one(path, args.long_limit, args.workers, args.seed)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
    text = table(rows, args)
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    if not args.no_history:
        history = history_rows(rows, args)
        path = append_history("scale", history)
        print(f"{len(history)} row(s) appended to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
