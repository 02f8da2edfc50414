"""Benchmark `compare` on a region: every scenario's build time, solve time, gap and peak memory.

Runs `scheduler compare SCENARIO --all` as a user would (worker processes, `--jobs` at a time), then,
with `--joint`, solves the baseline of a smaller region both zone by zone and jointly (one model over
all zones, `solver.zone_split: false`) to show what the decomposition costs.
Usage: python benchmarks/compare_region.py [REGION] [--policy ID ...] [--time-limit 120] [--workers 2] [--jobs 1]
       [--joint SMALL_REGION --joint-limit 120] [--out benchmarks/results/compare_region.md] [--note TEXT]
       [--until-decided SECONDS] [--seed N] [--no-history]
Without --policy, every policy the region offers (`compare --all`). With --until-decided, compare goes on
re-solving where verdicts are open; the table gives each policy's verdict and how many were decided.
Each scenario, the whole compare's time and the two --joint solves are also appended as rows to
benchmarks/results/history/compare_region.csv (`--note` adds the variant measured to their note), unless
--no-history is given.
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

from record import append_history, rounded

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
                  "officers": len(problem.officers), "zones": len(problem.zones),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("region", nargs="?", default=str(ROOT / "examples/brussels-region/region.yaml"))
    ap.add_argument("--policy", action="append", default=[], help="compare these policies (default: --all)")
    ap.add_argument("--time-limit", type=float, default=120)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--joint", help="a smaller region to solve zone by zone and jointly")
    ap.add_argument("--joint-limit", type=float, default=120)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/compare_region.md"))
    ap.add_argument("--note", default="", help="the variant measured, for the history rows' note")
    ap.add_argument("--until-decided", type=float, help="compare's --until-decided SECONDS")
    ap.add_argument("--seed", type=int, default=0, help="the seed of every scenario")
    ap.add_argument("--no-history", action="store_true", help="do not append the solves to the history CSV")
    return ap.parse_args(argv)


def history_rows(table: dict, total_s: float, joint: list[dict], args: argparse.Namespace) -> list[dict]:
    """The history rows of a run: one per scenario of `compare.json` (`table`), one "whole compare" row
    with the wall clock `total_s`, and one per `--joint` solve (the JOINT child's output plus
    `zone_split`), instance `small-region`. Date and commit are left to `append_history`; gap in percent."""
    command = "compare " + (" ".join(f"--policy {pid}" for pid in args.policy) or "--all") + (
        f" --until-decided {args.until_decided:g}" if args.until_decided else "")
    extra_note = [args.note] if args.note else []
    common = {"seed": args.seed, "time_limit_s": args.time_limit, "workers": args.workers}
    out = []
    for s in table["scenarios"]:
        if s.get("error"):
            out.append({"instance": s["name"], **common, "status": "ERROR",
                        "note": "; ".join([command, *extra_note, f"error: {s['error']}"])})
            continue
        su, extra = s["summary"], s.get("extra") or {}
        check = su.get("check", {})
        ok = check.get("hard_violations") == 0 and check.get("agrees_with_solver")
        out.append({
            "instance": s["name"], **common, "status": su.get("status"), "objective": rounded(su.get("objective"), 0),
            "bound": rounded(su.get("best_bound"), 0), "gap_pct": _pct(su.get("gap")),
            "first_roster_s": rounded(su.get("first_solution_s"), 1), "build_s": rounded(su.get("build_time_s"), 2),
            "wall_s": rounded(su.get("wall_time_s"), 1), "peak_mib": rounded(extra.get("peak_mib"), 0),
            "note": "; ".join([command, *extra_note] + ([] if ok else ["checker MISMATCH"])),
        })
    decided, total = decided_counts(table)
    out.append({"instance": "whole compare", **common, "wall_s": rounded(total_s, 1),
                "note": "; ".join([f"{command}: {total_s / 60:.1f} min for {len(table['scenarios'])} scenarios",
                                   *([f"verdicts decided {decided} of {total} (region and zones)"] if total else []),
                                   *extra_note])})
    for r in joint:
        how = "zone by zone" if r["zone_split"] else "joint, one model"
        out.append({
            "instance": "small-region", "seed": 0, "time_limit_s": args.joint_limit, "workers": args.workers,
            "status": r["status"], "objective": rounded(r["objective"], 0), "bound": rounded(r["bound"], 0),
            "gap_pct": _pct(r["gap"]), "wall_s": rounded(r["wall_s"], 1), "peak_mib": rounded(r["peak_mib"], 0),
            "note": "; ".join([how, *extra_note, f"{r['officers']} officers, {r['zones']} zones"]
                              + ([f"{r['hard']} hard violation(s)"] if r["hard"] else [])),
        })
    return out


def decided_counts(table: dict) -> tuple[int, int]:
    """Verdicts on objective rows (the region's and each zone's) that the proven range decides, of those that
    can be decided (a policy that changes weights or rules is not comparable on the objective)."""
    kinds = [k for row in table.get("rows", []) if row.get("key") == "objective" for k in row.get("verdicts", [])[1:]]
    counted = [k for k in kinds if k not in ("not_comparable", "no_roster", "")]  # "": no such zone (a merger)
    return sum(k in ("better", "worse", "equal") for k in counted), len(counted)


def verdict_lines(table: dict) -> list[str]:
    """Each policy's verdict on the region's objective, then the share decided (region and zone rows)."""
    lines = ["", "| policy | verdict | proven range (points) | found difference | zone verdicts decided |", "|---|---|---|---|---|"]
    zone_rows = [r for r in table.get("rows", []) if r.get("key") == "objective" and r.get("zone")]
    for i, s in enumerate(table["scenarios"][1:], start=1):
        rng = s.get("objective_range")
        kinds = [r["verdicts"][i] for r in zone_rows if r["verdicts"][i]]
        zones = sum(k in ("better", "worse", "equal") for k in kinds)
        found = s.get("objective_difference")
        shown_range = f"{rng[0]:+,.0f} to {rng[1]:+,.0f}" if rng else "-"
        shown_found = f"{found:+,.0f}" if found is not None else "-"
        lines.append(f"| {s['name']} | {s['verdict_kind']} | {shown_range} | {shown_found} | {zones} of {len(kinds)} |")
    decided, total = decided_counts(table)
    lines += ["", f"Verdicts decided (objective, region and zone rows): **{decided} of {total}**."]
    if table.get("decided"):
        d = table["decided"]
        lines.append(f"Until decided: {len(d['rounds'])} re-solves in {d['spent_s']:,.0f} s of {d['cap_s']:,.0f} s; "
                     f"{len(d['undecided'])} verdict(s) left open.")
        lines += [f"- {u['policy']}{' zone ' + u['zone'] if u['zone'] else ''}: {u['why']}" for u in d["undecided"]]
    return lines


def _pct(fraction: float | None) -> float | None:
    return None if fraction is None else round(100 * fraction, 2)


def main() -> None:
    args = parse_args()
    out_dir = ROOT / "out" / "bench-compare"
    policies = [x for pid in args.policy for x in ("--policy", pid)] or ["--all"]
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "scheduler.cli", "compare", args.region, *policies, "--time-limit", str(args.time_limit),
         "--workers", str(args.workers), "--jobs", str(args.jobs), "--seed", str(args.seed), "--out", str(out_dir), "--quiet",
         *(["--until-decided", str(args.until_decided)] if args.until_decided else [])],
        check=False, cwd=ROOT, stdout=subprocess.DEVNULL,
    )
    total = time.perf_counter() - t0
    table = json.loads((out_dir / "compare.json").read_text())
    import ortools

    lines = [
        f"Region `{_rel(args.region)}`, {dt.date.today()}, {platform.system()} {platform.machine()}, "
        f"OR-Tools {ortools.__version__}; `scheduler compare {' '.join(policies)}`, time limit {args.time_limit:g} s per scenario, "
        f"{args.workers} workers, {args.jobs} scenario(s) at a time, seed {args.seed}.",
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
    lines += verdict_lines(table)
    joint: list[dict] = []
    if args.joint:
        lines += ["", f"Zone by zone vs joint on `{_rel(args.joint)}` (baseline, {args.joint_limit:g} s each, "
                  f"{args.workers} workers, seed 0):", "",
                  "| solve | officers | status | objective | bound | gap | solve s | peak MiB | checker |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for split in ("1", "0"):
            run = subprocess.run([sys.executable, "-c", JOINT, args.joint, str(args.joint_limit), str(args.workers), split],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            r = json.loads(run.stdout.strip().splitlines()[-1]) | {"zone_split": split == "1"}
            joint.append(r)
            gap = f"{r['gap']:.2%}" if r["gap"] is not None else "-"
            lines.append(f"| {'zone by zone' if split == '1' else 'joint'} | {r['officers']} | {r['status']} | "
                         f"{r['objective']:,.0f} | {r['bound']:,.0f} | {gap} | {r['wall_s']:.1f} | {r['peak_mib']:.0f} | "
                         f"{'ok' if r['hard'] == 0 else 'VIOLATIONS'} |")
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text)
    if not args.no_history:
        history = history_rows(table, total, joint, args)
        path = append_history("compare_region", history)
        print(f"{len(history)} row(s) appended to {path}", file=sys.stderr)


def _rel(path: str) -> str:
    p = Path(path).resolve()
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    main()
