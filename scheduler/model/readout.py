"""A solved model read back as a roster: who works which shift instance, with which duty."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.build import BuiltModel
from scheduler.problem import Problem
from scheduler.roster import Assignment, assign_duties


def read_duties(problem: Problem, built: BuiltModel, solver: cp_model.CpSolver) -> dict[tuple[int, int], int]:
    """The solved roster by indices: (officer, instance) -> duty."""
    v = built.vars
    worked: dict[int, list[int]] = {}
    for o, xo in enumerate(v.x):
        for i, lit in xo.items():
            if solver.boolean_value(lit):
                worked.setdefault(i, []).append(o)
    counts = {key: solver.value(var) for key, var in v.n.items()}
    return assign_duties(problem, worked, counts, [c.officers for c in v.classes])


def to_assignments(problem: Problem, duties: dict[tuple[int, int], int]) -> list[Assignment]:
    """(officer, instance) -> duty as the roster's assignments (ids, day, shift), by day and officer."""
    out = []
    for (o, i), k in duties.items():
        inst = problem.instances[i]
        out.append(Assignment(problem.officers[o].id, inst.day, problem.shift_types[inst.shift].id, problem.duties[k].id))
    return sorted(out, key=lambda a: (a.day, a.officer))


def read_assignments(problem: Problem, built: BuiltModel, solver: cp_model.CpSolver) -> list[Assignment]:
    return to_assignments(problem, read_duties(problem, built, solver))
