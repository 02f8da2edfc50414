"""Benchmark patrol plans: the brussels-south week and the region's busiest night, seeds 0-2, each plan
checked by the independent checker. Timings are the planning alone (setup, model, solve, check).

The rosters come first (not timed here):
    scheduler solve examples/brussels-south/zone.yaml --time-limit 60 --out out/south
    scheduler solve examples/brussels-region/region.yaml --time-limit 90 --out out/region
The region's zone files carry no patrol locations: this script places each hotspot at a seeded random
point within 3 km of its zone's station (25 km/h), the Koper-curve defaults otherwise.
Usage: python benchmarks/patrol.py [--south-roster out/south/roster.json] [--region-roster out/region/roster.json]
       [--out benchmarks/results/patrol.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import time
from collections import Counter
from pathlib import Path

from scheduler.api import load_problem
from scheduler.io.roster_files import read_roster
from scheduler.patrol.check import check_visits, patrol_measures
from scheduler.patrol.plan import plan_patrols
from scheduler.patrol.units import patrol_setup
from scheduler.scenario.patrol_schema import HotspotPatrol, Location

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (0, 1, 2)


def _placed(scenario):  # noqa: ANN001, ANN202  (a Scenario; pydantic's model_copy keeps its type)
    rng = random.Random(0)
    hotspots = [h.model_copy(update={"patrol": HotspotPatrol(location=Location(x_km=round(rng.uniform(-3, 3), 1),
                                                                                  y_km=round(rng.uniform(-3, 3), 1)))})
                if h.patrol.location is None and h.patrol.station_minutes is None else h for h in scenario.hotspots]
    return scenario.model_copy(update={"hotspots": hotspots})


def _runs(name: str, problem, scenario, assignments) -> list[str]:  # noqa: ANN001
    times, rows = [], []
    for seed in SEEDS:
        began = time.perf_counter()
        setup = patrol_setup(problem, scenario, assignments)
        visits = plan_patrols(setup, seed)
        faults = check_visits(setup, visits)
        times.append(time.perf_counter() - began)
        m = patrol_measures(setup, visits, problem.days)
        rows.append((len(setup.units), len(visits), len(faults), m["share_within_max_gap"], m["largest_gap_minutes"]))
        print(f"{name} seed {seed}: {times[-1]:.1f} s, {rows[-1]}", flush=True)
    units = rows[0][0]
    return [f"| {name} | {units} | {statistics.median(times):.1f} s ({min(times):.1f}-{max(times):.1f}) | "
            f"{min(r[1] for r in rows)}-{max(r[1] for r in rows)} | {sum(r[2] for r in rows)} | "
            f"{100 * min(r[3] for r in rows):.1f}-{100 * max(r[3] for r in rows):.1f} % | "
            f"{min(r[4] for r in rows)}-{max(r[4] for r in rows)} |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--south-roster", default="out/south/roster.json")
    parser.add_argument("--region-roster", default="out/region/roster.json")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "patrol.md"))
    args = parser.parse_args()
    lines = ["| plan | units | time, median (range) over seeds 0-2 | visits | faults | target time within max gap | "
             "largest gap (min) |", "|---|---|---|---|---|---|---|"]
    loaded, problem = load_problem(ROOT / "examples" / "brussels-south" / "zone.yaml")
    roster, _ = read_roster(args.south_roster, problem)
    lines += _runs("brussels-south, the week", problem, loaded.scenario, roster)
    loaded, problem = load_problem(ROOT / "examples" / "brussels-region" / "region.yaml")
    roster, _ = read_roster(args.region_roster, problem)
    hotspots = {h.id for h in loaded.scenario.hotspots}
    busiest = Counter(a.day for a in roster if a.duty in hotspots).most_common(1)[0][0]
    night = [a for a in roster if a.day == busiest and a.duty in hotspots]
    lines += _runs(f"region, busiest day ({problem.date_of(busiest):%a %Y-%m-%d}, {len(night)} officers on hotspots)",
                   problem, _placed(loaded.scenario), night)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    text = (f"# Patrol plans\n\n`python benchmarks/patrol.py` at commit {commit}, {dt.date.today()}; CP-SAT one worker, "
            "0.03 s of deterministic time per shift; 2 cores; the load of the machine is not measured here.\n\n"
            + "\n".join(lines) + "\n")
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
