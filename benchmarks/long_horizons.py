"""Long horizons: generated Curtois-Qu-format instances and police scenarios of 8 to 52 weeks.

Each case is generated into a temporary folder (nothing large is committed: `nrp_generate.py` and
`scheduler generate --days` make them again from their arguments) and solved in its own process, one
at a time (peak memory is that solve's own). The Curtois-Qu rosters are also scored by the format's
reference (`nrp_objective`, `nrp_violations`), the police ones by the checker.

Usage: python benchmarks/long_horizons.py [--cases nrp-20-8-3,police-40-56] [--seeds 0] [--time-limit 600]
                                          [--workers 2] [--out benchmarks/results/long_horizons.md]
                                          [--note TEXT] [--no-history] [--search-share S]
A case is `nrp-STAFF-WEEKS-TYPES` or `police-OFFICERS-DAYS`. `--search-share 0` leaves out the search over
the horizon after the rolling windows (budget.HORIZON_SEARCH_SHARE), for a before-and-after comparison.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from nrp_generate import generate
from record import append_history, median_range, rounded

ROOT = Path(__file__).resolve().parent.parent
# The sizes of the published instances 16-24 (staff, weeks, shift types), and police zones.
DEFAULT = ("nrp-20-8-3,nrp-32-8-4,nrp-22-12-3,nrp-40-12-5,nrp-50-26-6,nrp-100-26-8,nrp-50-52-10,"
           "nrp-100-52-16,nrp-150-52-32,police-40-56,police-40-91,police-40-182,police-40-364")

CHILD = r"""
import json, resource, sys, time
import scheduler
import scheduler.solve.budget as B
from scheduler.check import check_roster

path, limit, workers, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if sys.argv[5] != "-":
    B.HORIZON_SEARCH_SHARE = float(sys.argv[5])
t0 = time.perf_counter()
loaded, problem = scheduler.load_problem(path)
r = scheduler.solve_problem(problem, scheduler.settings_for(loaded, time_limit=limit, workers=workers, seed=seed))
wall = time.perf_counter() - t0
res = check_roster(problem, r.assignments)
out = {"status": r.info.status, "objective": r.info.objective, "bound": r.info.best_bound, "wall_s": round(wall, 1),
       "first_s": r.info.first_solution_s, "hard": len(res.hard_violations), "checker": res.objective,
       "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}
if path.endswith(".txt"):
    from scheduler.nrp import nrp_objective, nrp_violations, parse_nrp
    inst = parse_nrp(path)
    cells = {(a.officer, a.day): a.shift for a in r.assignments}
    out["reference"] = nrp_objective(inst, cells)
    out["hard"] += len(nrp_violations(inst, cells))
print(json.dumps(out))
"""


def make(case: str, seed: int, folder: Path) -> Path:
    kind, *size = case.split("-")
    if kind == "nrp":
        staff, weeks, types = map(int, size)
        path = folder / f"{case}-s{seed}.txt"
        path.write_text(generate(staff, weeks, types, seed))
        return path
    officers, days = map(int, size)
    path = folder / f"{case}-s{seed}.yaml"
    subprocess.run([sys.executable, "-m", "scheduler.cli", "generate", "--officers", str(officers), "--days",
                    str(days), "--seed", str(seed), "-o", str(path)], check=True, capture_output=True, cwd=ROOT)
    return path


def run(path: Path, limit: float, workers: int, seed: int, search_share: float | None = None) -> dict:
    share = "-" if search_share is None else str(search_share)
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), str(limit), str(workers), str(seed), share],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        return {"status": "ERROR", "error": (proc.stderr.strip().splitlines() or ["?"])[-1][:200]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def gap(r: dict) -> float | None:
    if r.get("objective") in (None, 0) or r.get("bound") is None:
        return None
    return 100 * (r["objective"] - r["bound"]) / r["objective"]


def table(results: list[tuple[str, int, dict]]) -> str:
    head = ("| case | seed | status | objective | bound | gap | first roster s | solve s | peak MiB | hard violations |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    rows = [head]
    by_case: dict[str, list[dict]] = {}
    for case, seed, r in results:
        g = gap(r)
        rows.append(f"| {case} | {seed} | {r['status']} | {r.get('objective', '-')} | {r.get('bound', '-')} | "
                    f"{'-' if g is None else f'{g:.2f}%'} | {r.get('first_s', '-')} | {r.get('wall_s', '-')} | "
                    f"{r.get('peak_mib', '-')} | {r.get('hard', r.get('error', '-'))} |")
        by_case.setdefault(case, []).append(r)
    for case, rs in by_case.items():
        if len(rs) > 1 and all(r["status"] != "ERROR" for r in rs):
            gm, glo, ghi = median_range(gap(r) for r in rs)
            om, olo, ohi = median_range(r["objective"] for r in rs)
            rows.append(f"| **{case} median** (range) | | | {om:g} ({olo:g}-{ohi:g}) | | {gm:.2f}% ({glo:.2f}-{ghi:.2f}) "
                        "| | | | |")
    return "\n".join(rows) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=DEFAULT)
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--time-limit", type=float, default=600)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/long_horizons.md"))
    ap.add_argument("--note", default="")
    ap.add_argument("--no-history", action="store_true")
    ap.add_argument("--search-share", type=float, default=None)
    a = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in a.cases.split(","):
            for seed in map(int, a.seeds.split(",")):
                path = make(case, seed, Path(tmp))
                r = run(path, a.time_limit, a.workers, seed, a.search_share)
                print(case, seed, json.dumps(r), flush=True)
                results.append((case, seed, r))
    text = table(results)
    print(text)
    share = "" if a.search_share is None else f", search share {a.search_share:g}"
    Path(a.out).write_text(f"# Long horizons, {a.time_limit:g} s, {a.workers} workers{share}\n\n{text}")
    if not a.no_history:
        append_history("long_horizons", [
            {"instance": f"{case}-s{seed}", "seed": seed, "time_limit_s": a.time_limit, "workers": a.workers,
             "status": r["status"], "objective": rounded(r.get("objective"), 2), "bound": rounded(r.get("bound"), 2),
             "gap_pct": rounded(gap(r), 2), "first_roster_s": r.get("first_s"), "wall_s": r.get("wall_s"),
             "peak_mib": r.get("peak_mib"),
             "note": "; ".join(x for x in (f"hard violations {r.get('hard', '-')}", r.get("error", ""), a.note,
                                            share.lstrip(", ")) if x)}
            for case, seed, r in results])


if __name__ == "__main__":
    main()
