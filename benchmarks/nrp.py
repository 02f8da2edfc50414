"""Benchmark on the Curtois-Qu shift scheduling instances: our solver against a textbook CP-SAT baseline.

For each instance, one solve at a time, each in its own process (so peak memory is that solve's own):
1. our solver (read_nrp_scenario -> build_problem -> solve); its roster is evaluated independently with
   `nrp_objective` and `nrp_violations` from the instance file alone;
2. the textbook model of `benchmarks/textbook_nrp.py` (validated the same way).
Time to best is the elapsed time of the last objective improvement found by the search, from the start of
the solve call (model building included), not from process start.

Each solve, ours and the baseline's, is also appended as a row to benchmarks/results/history/nrp.csv
(note "ours[, NOTE]; time to best ..." or "textbook baseline; ..."; gap_pct is the gap to the best known
value), unless --no-history is given.

Usage: python benchmarks/nrp.py [--instances 1-7] [--time-limit 60] [--workers 2] [--seed 0]
                                [--out benchmarks/results/nrp.md] [--no-baseline] [--note TEXT] [--no-history]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from record import append_history, rounded

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks/data/nrp"

# From benchmarks/data/nrp/README.md (all proven optimal).
BEST_KNOWN = {1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1300, 9: 439, 10: 4631, 11: 3443,
              12: 4040}

CHILD = r"""
import json, resource, sys, time
import scheduler
from scheduler.nrp import nrp_objective, nrp_violations, parse_nrp

path, limit, workers, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
loaded, problem = scheduler.load_problem(path, fmt="nrp")
last = {"elapsed": None, "objective": None}

def on_progress(p):
    if p.stage != "search":
        return
    if last["objective"] is None or p.objective < last["objective"] - 1e-9:
        last["objective"], last["elapsed"] = p.objective, p.elapsed

t0 = time.perf_counter()
r = scheduler.solve_problem(problem, scheduler.settings_for(loaded, time_limit=limit, workers=workers, seed=seed),
                            on_progress=on_progress)
wall = time.perf_counter() - t0
inst = parse_nrp(path)
out = {"status": r.info.status, "objective": r.info.objective, "bound": r.info.best_bound,
       "wall_s": round(wall, 3), "first_s": r.info.first_solution_s, "time_to_best_s": last["elapsed"],
       "reference_objective": None, "violations": None, "assignments": len(r.assignments)}
if r.info.status in ("OPTIMAL", "FEASIBLE"):
    assignment = {}
    for a in r.assignments:
        if (a.officer, a.day) in assignment:
            out.setdefault("duplicates", []).append([a.officer, a.day])
        assignment[a.officer, a.day] = a.shift
    out["reference_objective"] = nrp_objective(inst, assignment)
    out["violations"] = nrp_violations(inst, assignment)
out["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(out))
"""


def parse_instances(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-", 1)
            out.extend(range(int(a), int(b) + 1))
        elif part:
            out.append(int(part))
    return out


def run_child(args: list[str], timeout: float) -> dict:
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        return {"status": "ERROR", "error": " | ".join(tail) or f"exit code {proc.returncode}"}
    return json.loads(lines[-1])


def fmt_num(v: float | None, digits: int = 0) -> str:
    if v is None:
        return "-"
    if digits == 0:
        return f"{round(v):,}"
    return f"{v:,.{digits}f}"


def ortools_version() -> str:
    try:
        import ortools

        return ortools.__version__
    except ImportError:
        return "?"


def history_rows(results: list[tuple[int, dict, dict]], args: argparse.Namespace) -> list[dict]:
    """One history row per solve: (instance, ours, baseline) as the children print them, the baseline {}
    when not run. Date and commit are left to `append_history`; gap_pct is the gap to the best known
    value in percent, of the independently evaluated objective when there is one."""
    out = []
    for i, ours, base in results:
        ours_note = "ours" + (f", {args.note}" if args.note else "")
        out.append(_history_row(i, ours, ours_note, args))
        if base:
            out.append(_history_row(i, base, "textbook baseline", args))
    return out


def _history_row(i: int, res: dict, label: str, args: argparse.Namespace) -> dict:
    obj = res.get("reference_objective")
    obj = res.get("objective") if obj is None else obj
    best = BEST_KNOWN.get(i)
    note = [label]
    if res.get("time_to_best_s") is not None:
        note.append(f"time to best {res['time_to_best_s']:.2f} s")
    if res.get("error"):
        note.append(f"error: {res['error'][:120]}")
    ref, own = res.get("reference_objective"), res.get("objective")
    if ref is not None and own is not None and abs(own - ref) > 1e-6:
        note.append(f"nrp_objective {ref:g} differs")
    if res.get("violations"):
        note.append(f"{len(res['violations'])} hard violation(s) per nrp_violations")
    return {
        "instance": str(i), "seed": args.seed, "time_limit_s": args.time_limit, "workers": args.workers,
        "status": res.get("status"), "objective": rounded(res.get("objective"), 1),
        "bound": rounded(res.get("bound"), 1),
        "gap_pct": rounded(100 * (obj - best) / best, 2) if obj is not None and best else None,
        "first_roster_s": rounded(res.get("first_s"), 2), "wall_s": rounded(res.get("wall_s"), 1),
        "peak_mib": rounded(res.get("peak_mib"), 0), "note": "; ".join(note),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--instances", default="1-7", help="e.g. 1-7 or 1,3,5")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/nrp.md"))
    ap.add_argument("--no-baseline", action="store_true",
                    help="skip the textbook baseline (long runs: its columns show '-')")
    ap.add_argument("--note", default="", help="our variant measured, for the history rows' note")
    ap.add_argument("--no-history", action="store_true", help="do not append the solves to the history CSV")
    return ap.parse_args(argv)


def main() -> None:
    args = parse_args()

    from scheduler.nrp import parse_nrp

    instances = parse_instances(args.instances)
    timeout = args.time_limit * 3 + 120
    header = (
        f"Curtois-Qu shift scheduling instances {args.instances}, {dt.date.today().isoformat()}, "
        f"{platform.system()} {platform.machine()} ({os.cpu_count()} cores), Python {platform.python_version()}, "
        f"OR-Tools {ortools_version()}; protocol: time limit {args.time_limit:g} s, {args.workers} workers, "
        f"seed {args.seed}, one solve at a time, each in its own process; "
        + ("no baseline run." if args.no_baseline else "ours first, then the textbook baseline.")
    )
    print(header, flush=True)
    rows = []
    notes: list[str] = []
    for i in instances:
        path = DATA / f"Instance{i}.txt"
        inst = parse_nrp(path)
        rel = str(path.relative_to(ROOT))
        ours = run_child(["-c", CHILD, rel, str(args.time_limit), str(args.workers), str(args.seed)], timeout)
        base = {} if args.no_baseline else run_child(
            ["benchmarks/textbook_nrp.py", rel, "--time-limit", str(args.time_limit), "--workers", str(args.workers),
             "--seed", str(args.seed)], timeout)
        print(f"instance {i}: ours {json.dumps(ours)}", flush=True)
        print(f"instance {i}: baseline {json.dumps(base)}", flush=True)
        rows.append((i, inst, ours, base))

        mark = ""
        if ours.get("status") == "ERROR":
            notes.append(f"Instance {i}: our solver failed: {ours.get('error')}")
        if base.get("status") == "ERROR":
            notes.append(f"Instance {i}: baseline failed: {base.get('error')}")
        obj, ref = ours.get("objective"), ours.get("reference_objective")
        if obj is not None and ref is not None and abs(obj - ref) > 1e-6:
            mark += "¹"
            notes.append(f"Instance {i}: ¹ our objective {obj:g} differs from the independent nrp_objective {ref}.")
        if ours.get("violations"):
            mark += "²"
            v = ours["violations"]
            notes.append(f"Instance {i}: ² {len(v)} hard violations per nrp_violations, e.g. {v[0]}")
        if ours.get("duplicates"):
            notes.append(f"Instance {i}: officers with two assignments on one day: {ours['duplicates'][:5]}")
        ours["mark"] = mark

    lines = [
        header,
        "",
        "| instance | staff | days | status | objective | lower bound | best known | gap to best known | "
        "time to best s | peak MiB | baseline objective | baseline bound | ours / baseline |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for i, inst, ours, base in rows:
        best = BEST_KNOWN.get(i)
        obj = ours.get("reference_objective", ours.get("objective"))
        if obj is None:
            obj = ours.get("objective")
        gap = f"{100 * (obj - best) / best:.2f}%" if obj is not None and best else "-"
        bobj = base.get("objective")
        ratio = f"{obj / bobj:.3f}" if obj is not None and bobj else "-"
        bstatus = f" ({base.get('status')})" if base else ""
        lines.append(
            f"| {i} | {len(inst.staff)} | {inst.horizon} | {ours.get('status')} | "
            f"{fmt_num(ours.get('objective'))}{ours.get('mark', '')} | {fmt_num(ours.get('bound'))} | "
            f"{fmt_num(best)} | {gap} | {fmt_num(ours.get('time_to_best_s'), 2)} | {fmt_num(ours.get('peak_mib'))} | "
            f"{fmt_num(bobj)}{bstatus} | {fmt_num(base.get('bound'))} | {ratio} |"
        )
    lines += [
        "",
        "Objective: ours as reported by the solver; every roster is re-evaluated with the independent reference "
        "(`nrp_objective`, `nrp_violations` from the instance file alone): "
        + ("all agree, no hard violations." if not any(r[2].get("mark") for r in rows) else "see the notes below."),
        "Gap to best known: (objective - best known) / best known. Time to best: last improvement found by the "
        "search, from the start of the solve call. Baseline: `benchmarks/textbook_nrp.py` (one boolean per "
        "employee-day-shift, default CP-SAT parameters), its roster validated the same way.",
    ]
    if notes:
        lines += ["", "Notes:", ""] + [f"- {n}" for n in notes]
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    if not args.no_history:
        history = history_rows([(i, ours, base) for i, _, ours, base in rows], args)
        path = append_history("nrp", history)
        print(f"{len(history)} row(s) appended to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
