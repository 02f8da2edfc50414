"""Realise a staffing plan with named officers, a group of classes at a time.

Given the plan's counts `y[i, c]`, each group of classes is rostered on its own: the full roster
model restricted to the group's officers (every labour rule, overtime, fairness, requests) plus a
penalty for every planned officer-shift not realised. Groups do not interact (the plan already
decided what each class covers), so they are small, independent models.
"""

from __future__ import annotations

import dataclasses
import time

from ortools.sat.python import cp_model

from scheduler.config import SolverSettings
from scheduler.model.build import build_model
from scheduler.model.penalties import Penalty
from scheduler.model.solve_params import solver_parameters
from scheduler.model.variables import OfficerClass
from scheduler.problem import Problem


def group_classes(classes: list[OfficerClass], max_officers: int = 30) -> list[list[OfficerClass]]:
    """Pack classes into groups of at most `max_officers` (a large class stays whole)."""
    groups: list[list[OfficerClass]] = []
    sizes: list[int] = []
    for c in sorted(classes, key=lambda c: -len(c.officers)):
        for g, size in enumerate(sizes):
            if size + len(c.officers) <= max_officers:
                groups[g].append(c)
                sizes[g] += len(c.officers)
                break
        else:
            groups.append([c])
            sizes.append(len(c.officers))
    return groups


def sub_problem(problem: Problem, officers: list[int]) -> Problem:
    """The problem restricted to some officers, with no coverage terms (the plan carries them)."""
    members = [
        dataclasses.replace(problem.officers[o], index=j, fixed={i: None for i in problem.officers[o].fixed})
        for j, o in enumerate(officers)
    ]
    return dataclasses.replace(problem, officers=members, duties=[problem.duties[0]], response_need={}, cover_needs=[])


def assign_group(
    problem: Problem,
    group: list[OfficerClass],
    targets: dict[tuple[int, int], int],
    settings: SolverSettings,
    time_limit: float,
    duty_values: dict[tuple[int, int], list[tuple[int, int]]] | None = None,
) -> dict[int, list[int]] | None:
    """Officer (global index) -> instances worked, realising `targets` for the group's classes."""
    duty_values = duty_values or {}
    officers = [o for c in group for o in c.officers]
    sub = sub_problem(problem, officers)
    local = {o: j for j, o in enumerate(officers)}
    shorts: list[tuple[int, cp_model.IntVar]] = []

    def plan_terms(model: cp_model.CpModel, _problem: Problem, v) -> list[Penalty]:
        for c in group:
            for inst in problem.instances:
                want = targets.get((inst.index, c.index), 0)
                if not want:
                    continue
                lits = [v.x[local[o]][inst.index] for o in c.officers if inst.index in v.x[local[o]]]
                # A missing officer costs what the plan's least valuable duty on that shift is worth,
                # so shortages fall on hotspots before response, and on response before mandatory work.
                parts = []
                for weight, count in duty_values.get((inst.index, c.index), [(1, want)]):
                    part = model.new_int_var(0, count, f"plan_short[i={inst.index},c={c.index},w={weight}]")
                    parts.append(part)
                    shorts.append((weight * inst.minutes, part))
                model.add(sum(lits) + sum(parts) >= want)
        return []

    built = build_model(sub, extra=plan_terms)
    model = built.model
    # Phase 1: realise as much of the plan as possible (officer-minutes short), nothing else.
    missed = sum(m * s for m, s in shorts)
    model.minimize(missed)
    t0 = time.perf_counter()
    solver = cp_model.CpSolver()
    solver_parameters(solver, settings, time_limit=time_limit)
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    best_missed = round(solver.objective_value)
    phase1 = {o: [i for i, lit in built.vars.x[local[o]].items() if solver.boolean_value(lit)] for o in officers}
    for lits in built.vars.x:
        for lit in lits.values():
            model.add_hint(lit, solver.boolean_value(lit))
    # Phase 2: the roster's own terms (rules, overtime, fairness, requests), the plan kept.
    model.add(missed <= best_missed)
    model.minimize(built.objective)
    solver = cp_model.CpSolver()
    solver_parameters(solver, settings, time_limit=max(0.5, min(0.3 * time_limit, time_limit - (time.perf_counter() - t0))))
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return phase1
    return {o: [i for i, lit in built.vars.x[local[o]].items() if solver.boolean_value(lit)] for o in officers}


__all__ = ["assign_group", "group_classes", "sub_problem"]
