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


def task_groups(problem: Problem, classes: list[OfficerClass], max_officers: int = 80) -> list[list[OfficerClass]]:
    """Classes grouped by the tasks they can staff, scarcest task skills first, plain classes last.

    Officers who can do the same tasks are rostered together, so a task's whole pool is decided in
    one model; groups larger than `max_officers` are split.
    """
    keys: dict[frozenset[int], list[OfficerClass]] = {}
    for c in classes:
        tasks = frozenset(k for k in c.duties if problem.duties[k].kind == "task")
        keys.setdefault(tasks, []).append(c)
    ordered = sorted(keys.items(), key=lambda kv: (not kv[0], sum(len(c.officers) for c in kv[1])))
    out: list[list[OfficerClass]] = []
    for _tasks, members in ordered:
        out += group_classes(members, max_officers)
    return out


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


def residual_problem(problem: Problem, officers: list[int], covered: dict, response: dict, cover: dict) -> Problem:
    """The problem for some officers, with what other officers already cover taken off every need.

    Shortfall is max(0, need - covered - new) = max(0, (need - covered) - new), so each group's model
    has the true objective for its own contribution.
    """
    members = [dataclasses.replace(problem.officers[o], index=j) for j, o in enumerate(officers)]
    duties = [
        dataclasses.replace(d, need={t: n - covered.get((d.index, t), 0) for t, n in d.need.items()
                                     if n > covered.get((d.index, t), 0)})
        for d in problem.duties
    ]
    response_need = {
        key: {t: n - response.get((key, t), 0) for t, n in need.items() if n > response.get((key, t), 0)}
        for key, need in problem.response_need.items()
    }
    cover_needs = [dataclasses.replace(cn, count=max(0, cn.count - cover.get(j, 0))) for j, cn in enumerate(problem.cover_needs)]
    return dataclasses.replace(problem, officers=members, duties=duties, response_need=response_need, cover_needs=cover_needs)


def lexicographic(built, settings: SolverSettings, time_limit: float) -> cp_model.CpSolver | None:
    """Mandatory work first, then everything with mandatory work kept: CP-SAT finds good rosters far
    faster for one tier than for the weighted sum of all of them."""
    t0 = time.perf_counter()
    model = built.model
    top = [(p.weight, p.expr) for p in built.penalties if p.tier == "mandatory" and p.weight]
    best = None
    if top:
        first = cp_model.LinearExpr.sum([w * e for w, e in top])
        model.minimize(first)
        solver = cp_model.CpSolver()
        solver_parameters(solver, settings, time_limit=0.5 * time_limit)
        if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = solver
            model.add(first <= round(solver.objective_value))
            for index in range(len(model.proto.variables)):
                var = model.get_int_var_from_proto_index(index)
                model.add_hint(var, solver.value(var))
        model.minimize(built.objective)
    solver = cp_model.CpSolver()
    solver_parameters(solver, settings, time_limit=max(0.5, time_limit - (time.perf_counter() - t0)))
    if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver
    return best


def roster_group(
    problem: Problem, officers: list[int], covered: dict, response: dict, cover: dict,
    settings: SolverSettings, time_limit: float,
) -> dict[tuple[int, int], int] | None:
    """(officer, instance) -> duty for a group, optimising its contribution to the remaining needs."""
    from scheduler.model.solve import read_assignments  # solve imports this module

    sub = residual_problem(problem, officers, covered, response, cover)
    built = build_model(sub)
    solver = lexicographic(built, settings, time_limit)
    if solver is None:
        return None
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    officer_ix = {problem.officers[o].id: o for o in officers}
    out = {}
    for a in read_assignments(sub, built, solver):
        out[(officer_ix[a.officer], problem.instance_of(a.day, shift_ix[a.shift]).index)] = duty_ix[a.duty]
    return out
