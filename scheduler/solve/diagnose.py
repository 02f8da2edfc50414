"""Why a model has no solution, in the planner's terms where it can."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.build import FAMILIES, build_model
from scheduler.problem import Problem
from scheduler.scenario.schema import SolverSettings


def explain_infeasible(problem: Problem, settings: SolverSettings) -> list[str]:
    """A first explanation: which single rule family, left out, makes the model feasible."""
    out = []
    limit = max(1.0, min(10.0, settings.time_limit / 10))
    for name, _ in FAMILIES:
        built = build_model(problem, skip=frozenset({name}))
        built.model.clear_objective()
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = limit
        solver.parameters.num_workers = settings.workers
        if solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            out.append(name)
    if not out:
        return ["no single rule family explains it; several rules conflict (try switching rules off one by one)"]
    return [f"the model becomes feasible without rule family '{name}'" for name in out]
