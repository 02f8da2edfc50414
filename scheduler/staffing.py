"""The staffing gap: how many extra officers of a stated profile each zone would need, found by the solver.

The scenario is solved again with a pool of alike extra officers per zone (`reinforcements`: profile and
pool size). An extra officer owes no contract hours but costs objective.weights.reinforcement_officer
(1,000 points by default: ten officer-hours of weight-1 hotspot shortfall) as soon as he works, so the
solver takes one only where he closes more shortfall than that; the count is the gap. When a zone uses
its whole pool the gap is at least the pool size, and the result says so.
"""

from __future__ import annotations

from typing import Any

from scheduler.check import check_roster
from scheduler.measures import compute_measures
from scheduler.problem import build_problem
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve


def staffing_gap(path: str, policies: tuple[str, ...] | list[str], settings: SolverSettings | None = None) -> dict[str, Any]:
    loaded = load_scenario(path, policies, staffing_gap=True)
    problem = build_problem(loaded)
    roster = solve(problem, settings or loaded.scenario.solver)
    info = roster.info
    if info.status not in ("OPTIMAL", "FEASIBLE"):
        return {"status": info.status, "extra_officers": None, "per_zone": {}}
    measures = compute_measures(problem, roster.assignments)
    check = check_roster(problem, roster.assignments)
    used = measures["reinforcements_used"]
    pool = loaded.scenario.reinforcements
    zones = problem.zones
    return {
        "status": info.status,
        "gap": info.gap,
        "extra_officers": sum(used.values()),
        "per_zone": {z: used.get(z, 0) for z in zones},
        "pool_exhausted": [z for z in zones if used.get(z, 0) >= pool.per_zone],
        "profile": pool.model_dump(),
        "hotspot_coverage_with_them": measures["hotspot_coverage"],
        "unmet_mandatory_with_them": measures["unmet_mandatory_officer_hours"],
        "hard_violations": len(check.hard_violations),
    }
