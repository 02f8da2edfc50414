"""Why a model has no solution, in the planner's terms where it can.

First a minimal conflicting set of named groups (`model/guarded.py`: a strict task's slots, one hard
rule of one officer; `solve/core.py`: CP-SAT's core and a deletion filter), said in words
(`infeasible_words.py`). When no group can be named (the guarded model is not shown infeasible in its
time), the older answer: which single rule family, left out, makes the model feasible.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.build import FAMILIES, build_model
from scheduler.model.guarded import build_guarded_model
from scheduler.problem import Problem
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.core import minimal_core
from scheduler.solve.infeasible_words import core_lines


def diagnosis_seconds(settings: SolverSettings) -> float:
    """The time for each of the two diagnoses: a tenth of the solve's limit, between 1 and 10 s."""
    return max(1.0, min(10.0, settings.time_limit / 10))


def explain_infeasible(problem: Problem, settings: SolverSettings) -> list[str]:
    """The named groups that conflict, in words; else the rule families that, left out, make it feasible."""
    core = minimal_core(build_guarded_model(problem), diagnosis_seconds(settings), settings.seed)
    if core is not None and core.groups:
        return core_lines(problem, core.groups, core.minimal)
    return explain_by_family(problem, settings)


def explain_by_family(problem: Problem, settings: SolverSettings) -> list[str]:
    """Which single rule family, left out, makes the model feasible."""
    out = []
    limit = diagnosis_seconds(settings)
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
