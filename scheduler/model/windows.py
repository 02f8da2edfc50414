"""Improve a roster a few days at a time (large-neighbourhood search by day windows).

Every officer's shifts and duties on a window of consecutive days are re-decided; everything outside
the window stays as it is. Where the search by officer groups (`assign.py`) lets a pool of officers
trade work among themselves against the rest, a window lets any officers swap shifts with each other,
so a hotspot evening can be staffed by moving one officer to the late shift and another to cover his
response. The full model is built once; each step fixes a copy of it outside the window.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.config import SolverSettings
from scheduler.model.build import BuiltModel, complete_hint
from scheduler.model.penalties import POINT
from scheduler.model.solve_params import solver_parameters
from scheduler.problem import Problem


def windows(days: int, width: int) -> list[range]:
    """Windows of `width` consecutive days, overlapping by one day, covering the horizon."""
    if days <= width:
        return [range(days)]
    starts = list(range(0, days - width + 1, max(1, width - 1)))
    if starts[-1] != days - width:
        starts.append(days - width)
    return [range(s, s + width) for s in starts]


def improve_window(
    problem: Problem, built: BuiltModel, current: dict[tuple[int, int], int], days: range,
    settings: SolverSettings, time_limit: float, run=None,
) -> tuple[dict[tuple[int, int], int], float] | None:
    """A better roster with only `days` re-decided, with the gain in points; None if none was found.

    `current` maps (officer, instance) to duty; the answer is the whole roster in the same form.
    """
    from scheduler.model.solve import read_assignments  # solve imports this module

    run = run or (lambda solver, model: solver.solve(model))
    model = built.model.clone()
    model.clear_hints()
    variables = model.proto.variables
    v = built.vars
    inside = {i for d in days for i in problem.by_day[d]}
    class_of = {o: c.index for c in v.classes for o in c.officers}
    counts: dict[tuple[int, int, int], int] = {}
    for (o, i), k in current.items():
        if k:
            counts[(i, k, class_of[o])] = counts.get((i, k, class_of[o]), 0) + 1

    def keep(var, value: int, free: bool) -> None:
        if free:
            model.add_hint(var, value)
        else:
            domain = variables[var.index].domain
            domain[0] = domain[1] = value  # a two-element domain [lo, hi] for these variables

    for o, xo in enumerate(v.x):
        for i, lit in xo.items():
            keep(lit, int((o, i) in current), i in inside)
    for (i, k, c), var in v.n.items():
        keep(var, counts.get((i, k, c), 0), i in inside)
    before = complete_hint(model, max(1.0, 0.3 * time_limit), settings.workers)
    if before is None:
        return None
    after = cp_model.CpSolver()
    solver_parameters(after, settings, time_limit=time_limit)
    if run(after, model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    gain = (before.objective_value - after.objective_value) / POINT
    if gain <= 1e-9:
        return None
    shift_ix = {st.id: st.index for st in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    officer_ix = {o.id: o.index for o in problem.officers}
    out = {}
    for a in read_assignments(problem, built, after):
        out[(officer_ix[a.officer], problem.instance_of(a.day, shift_ix[a.shift]).index)] = duty_ix[a.duty]
    return out, gain
