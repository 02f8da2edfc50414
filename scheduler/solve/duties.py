"""Duties for who works when: the best duty counts by the plan, given to officers, scored by the checker."""

from __future__ import annotations

from typing import NamedTuple

from ortools.sat.python import cp_model

import scheduler.solve.budget as B
from scheduler.check import check_roster
from scheduler.model.readout import to_assignments
from scheduler.model.variables import OfficerClass
from scheduler.problem import Problem
from scheduler.roster import assign_duties
from scheduler.solve.context import RunContext
from scheduler.solve.params import solver_parameters
from scheduler.solve.plan import build_plan_model

Worked = dict[int, list[int]]  # officer -> shift instances worked
Counts = dict[tuple[int, int, int], int]  # (instance, duty, class) -> officers


def with_duties(problem: Problem, classes: list[OfficerClass], worked: Worked, counts: Counts) -> dict[tuple[int, int], int]:
    """Who works when, with the duty counts given to officers: (officer, instance) -> duty."""
    by_inst: dict[int, list[int]] = {}
    for o, insts in worked.items():
        for i in insts:
            by_inst.setdefault(i, []).append(o)
    return assign_duties(problem, by_inst, counts, [c.officers for c in classes])


class Scored(NamedTuple):
    """A roster with its duties, as the checker scores it."""

    duties: dict[tuple[int, int], int]
    objective: float
    hard: int  # hard violations


def scored(problem: Problem, classes: list[OfficerClass], worked: Worked, counts: Counts) -> Scored:
    """A roster with its duties, its objective and its number of hard violations by the checker (plain
    Python, ~0.2 s at 1,000 officers)."""
    duties = with_duties(problem, classes, worked, counts)
    result = check_roster(problem, to_assignments(problem, duties))
    return Scored(duties, result.objective, len(result.hard_violations))


def best_duties(run: RunContext, classes: list[OfficerClass], worked: Worked, interruptible: bool = True,
                until_first: bool = False) -> Counts | None:
    """The best duty counts (instance, duty, class) for who works when: the plan with its counts fixed.
    `until_first`: when the step ends with none, on until the first (a first roster late rather than none)."""
    problem = run.problem
    realised: dict[tuple[int, int], int] = {}
    class_of = {o: c.index for c in classes for o in c.officers}
    for o, insts in worked.items():
        for i in insts:
            realised[(i, class_of[o])] = realised.get((i, class_of[o]), 0) + 1
    duty_model = build_plan_model(problem, fixed=realised, classes=classes)
    solver = cp_model.CpSolver()
    solver_parameters(solver, run.settings, time_limit=run.budget.duty_step())
    # Not interruptible: solved here, Ctrl-C (CP-SAT's own handling is off) only sets the flag meanwhile.
    code = run.interrupt.run(solver, duty_model.model) if interruptible else solver.solve(duty_model.model)
    if code == cp_model.UNKNOWN and until_first and not run.stopped:
        # On a short limit the step can end before any solution (the merged region at 30 s: 1.5 s), and
        # without duties there is no first roster at all.
        solver_parameters(solver, run.settings, time_limit=B.DUTY_FIRST_MAX)
        solver.parameters.stop_after_first_solution = True
        code = solver.solve(duty_model.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {key: solver.value(var) for key, var in duty_model.vars.n.items()}
