"""Small rich weeks: 20 generated zones of 15-60 officers (`scheduler generate --rich`), each solved by
the strategies asked for, one solve at a time, each in its own process.

Instance k (k = 0..19) has 15 + round(45 k / 19) officers and generator seed k, so sizes run from 15 to
60 and one week in three has a clock change (seed % 3 = 1: spring, 2: autumn). The scenarios are made
again from these arguments into a temporary folder. Every roster is checked by the independent
checker (hard violations, objective agreement).

Gap to the best bound: (objective - best bound) / objective, where the best bound is the largest lower
bound any strategy proved on that instance in this run (each strategy's own bound is also shown).

Usage: python benchmarks/small_zones.py [--instances 0-19] [--strategies monolithic,decomposed]
                                        [--seeds 0] [--time-limit 60] [--workers 2]
                                        [--out benchmarks/results/small_zones.md] [--note TEXT] [--no-history]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from record import append_history, median_range, rounded

ROOT = Path(__file__).resolve().parent.parent
COUNT = 20

CHILD = r"""
import json, sys, time
import scheduler
from scheduler.check import check_roster

path, limit, workers, seed, strategy = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
t0 = time.perf_counter()
loaded, problem = scheduler.load_problem(path)
settings = scheduler.settings_for(loaded, time_limit=limit, workers=workers, seed=seed, strategy=strategy)
r = scheduler.solve_problem(problem, settings)
wall = time.perf_counter() - t0
res = check_roster(problem, r.assignments) if r.assignments else None
print(json.dumps({"status": r.info.status, "objective": r.info.objective, "bound": r.info.best_bound,
                  "wall_s": round(wall, 1), "first_s": r.info.first_solution_s,
                  "hard": None if res is None else len(res.hard_violations),
                  "agrees": None if res is None else abs(res.objective - (r.info.objective or 0)) < 1e-6}))
"""


def officers_of(k: int) -> int:
    return 15 + round(45 * k / (COUNT - 1))


def make(k: int, folder: Path) -> Path:
    path = folder / f"rich-{k:02d}.yaml"
    subprocess.run([sys.executable, "-m", "scheduler.cli", "generate", "--rich", "--officers", str(officers_of(k)),
                    "--seed", str(k), "-o", str(path)], check=True, capture_output=True, cwd=ROOT)
    return path


def run(path: Path, limit: float, workers: int, seed: int, strategy: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), str(limit), str(workers), str(seed), strategy],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        return {"status": "ERROR", "error": (proc.stderr.strip().splitlines() or ["?"])[-1][:200]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def gap_to(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None or objective <= 0:
        return None
    return 100 * max(0.0, objective - bound) / objective


def parse_range(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def table(results: list[tuple[int, int, str, dict]], strategies: list[str]) -> str:
    """One row per instance and seed, a column group per strategy; then each strategy's median and range."""
    best: dict[tuple[int, int], float] = {}
    for k, seed, _, r in results:
        if r.get("bound") is not None:
            best[k, seed] = max(best.get((k, seed), float("-inf")), r["bound"])
    cells = " | ".join(f"{s} objective | {s} bound | {s} gap | {s} s | {s} check" for s in strategies)
    rows = [f"| instance | officers | seed | best bound | {cells} |",
            "|---|---|---|---|" + "---|" * (5 * len(strategies))]
    by_key: dict[tuple[int, int], dict[str, dict]] = {}
    for k, seed, strategy, r in results:
        by_key.setdefault((k, seed), {})[strategy] = r
    gaps: dict[str, list[float]] = {s: [] for s in strategies}
    for (k, seed), runs in by_key.items():
        line = [f"rich-{k:02d}", str(officers_of(k)), str(seed), f"{best.get((k, seed), 0):,.0f}"]
        for s in strategies:
            r = runs.get(s, {"status": "-"})
            g = gap_to(r.get("objective"), best.get((k, seed)))
            if g is not None:
                gaps[s].append(g)
            check = "-" if r.get("hard") is None else ("ok" if r["hard"] == 0 and r.get("agrees") else
                                                      f"{r['hard']} hard, agrees {r.get('agrees')}")
            line += [f"{r['objective']:,.0f}" if r.get("objective") is not None else r["status"],
                     f"{r['bound']:,.0f}" if r.get("bound") is not None else "-",
                     "-" if g is None else f"{g:.2f}%", str(r.get("wall_s", "-")), check]
        rows.append("| " + " | ".join(line) + " |")
    summary = ["", "| strategy | instances with a roster | gap to best bound: median (range) | within 2 % | within 5 % |",
               "|---|---|---|---|---|"]
    for s in strategies:
        if gaps[s]:
            m, lo, hi = median_range(gaps[s])
            summary.append(f"| {s} | {len(gaps[s])} of {len(by_key)} | {m:.2f}% ({lo:.2f}-{hi:.2f}) | "
                           f"{sum(g <= 2 for g in gaps[s])} | {sum(g <= 5 for g in gaps[s])} |")
    return "\n".join(rows + summary) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--instances", default=f"0-{COUNT - 1}")
    ap.add_argument("--strategies", default="monolithic,decomposed")
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/small_zones.md"))
    ap.add_argument("--note", default="")
    ap.add_argument("--no-history", action="store_true")
    a = ap.parse_args()
    strategies = a.strategies.split(",")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in parse_range(a.instances):
            path = make(k, Path(tmp))
            for seed in parse_range(a.seeds):
                for strategy in strategies:
                    r = run(path, a.time_limit, a.workers, seed, strategy)
                    print(f"rich-{k:02d}", seed, strategy, json.dumps(r), flush=True)
                    results.append((k, seed, strategy, r))
    text = table(results, strategies)
    print(text)
    Path(a.out).write_text(f"# Small rich weeks, {a.time_limit:g} s, {a.workers} workers\n\n{text}")
    if not a.no_history:
        append_history("small_zones", [
            {"instance": f"rich-{k:02d}", "seed": seed, "time_limit_s": a.time_limit, "workers": a.workers,
             "status": r["status"], "objective": rounded(r.get("objective"), 2), "bound": rounded(r.get("bound"), 2),
             "gap_pct": rounded(gap_to(r.get("objective"), r.get("bound")), 2), "first_roster_s": r.get("first_s"),
             "wall_s": r.get("wall_s"),
             "note": "; ".join(x for x in (f"strategy {strategy}", f"hard violations {r.get('hard', '-')}",
                                           r.get("error", ""), a.note) if x)}
            for k, seed, strategy, r in results])


if __name__ == "__main__":
    main()
