"""Per-officer workload terms: overtime, undertime, fair nights and weekends, requests, reinforcements."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.penalties import POINT, Penalty
from scheduler.model.rules.horizon_minutes import most_minutes, worked_minutes
from scheduler.model.variables import Variables
from scheduler.problem import Problem


def add_overtime(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Minutes above (overtime) and below (undertime) each officer's pro-rata contract minutes."""
    penalties: list[Penalty] = []
    wo, wu = problem.weights["overtime"], problem.weights["undertime"]
    for o in problem.officers:
        if wo == 0 and wu == 0:
            continue  # an officer with no possible shift still owes the target: undertime (as check.py)
        worked = worked_minutes(problem, v, o)
        top = most_minutes(problem, v, o)
        if wo and top > o.target_minutes:
            over = model.new_int_var(0, top - o.target_minutes, f"overtime[o={o.id}]")
            model.add(worked - over <= o.target_minutes)
            penalties.append(Penalty("overtime", "overtime", wo, over))
        if wu and o.target_minutes > 0 and not o.reinforcement:  # an extra officer owes no hours
            under = model.new_int_var(0, o.target_minutes, f"undertime[o={o.id}]")
            model.add(worked + under >= o.target_minutes)
            penalties.append(Penalty("undertime", "fairness", wu, under))
    return penalties


def _convex_count(model, lits: list, weight: int, name: str, prior: int = 0) -> list[Penalty]:
    """weight x ((p + 1) + (p + 2) + ... + (p + n)) for n = sum(lits) and p the officer's count over
    the weeks before: the total is least when counts over the whole running period are even."""
    if not lits or weight == 0:
        return []
    steps = [model.new_bool_var(f"{name}>={k}") for k in range(1, len(lits) + 1)]
    for a, b in zip(steps, steps[1:], strict=False):
        model.add_implication(b, a)
    model.add(sum(steps) == sum(lits))
    return [Penalty(name.split("[")[0], "fairness", weight * POINT,
                    sum((prior + k) * s for k, s in enumerate(steps, 1)))]


def add_fair_nights(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Fairness of nights: each officer's k-th night (counted over the running period) costs k x weight,
    spreading nights evenly."""
    out: list[Penalty] = []
    for o in problem.officers:
        lits = [lit for i, lit in v.x[o.index].items() if problem.shift_types[problem.instances[i].shift].night]
        out += _convex_count(model, lits, problem.weights["fair_nights"], f"fair_nights[o={o.id}]", o.prior_nights)
    return out


def add_fair_weekends(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Fairness of weekend shifts (shifts starting on Saturday or Sunday), as for nights."""
    out: list[Penalty] = []
    for o in problem.officers:
        lits = [lit for d, lit in v.work[o.index].items() if problem.is_weekend(d)]
        out += _convex_count(model, lits, problem.weights["fair_weekends"], f"fair_weekends[o={o.id}]",
                             o.prior_weekend_shifts)
    return out


def add_reinforcement_officers(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Staffing gap: each extra officer who works at all costs objective.weights.reinforcement_officer.

    The extra officers of a zone are alike, so they are used in order (symmetry breaking: officer k+1
    only if officer k), which leaves one roster per number of extra officers instead of many.
    """
    out: list[Penalty] = []
    previous: dict[str, cp_model.IntVar] = {}
    for o in problem.officers:
        if not o.reinforcement:
            continue
        used = model.new_bool_var(f"reinforcement_used[o={o.id}]")
        for lit in v.x[o.index].values():
            model.add_implication(lit, used)
        if o.zone in previous:
            model.add_implication(used, previous[o.zone])
        previous[o.zone] = used
        out.append(Penalty("reinforcement_officer", "staffing", problem.weights["reinforcement_officer"] * POINT, used))
    return out


def add_requests(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Requests: `want` costs its weight when not granted; not `want` costs it when worked."""
    out: list[Penalty] = []
    w = problem.weights["requests"] * POINT
    if w == 0:
        return out
    for o in problem.officers:
        for r in o.requests:
            if r.shift is None:
                lit = v.work[o.index].get(r.day)
            else:
                lit = v.x[o.index].get(problem.instance_of(r.day, r.shift).index)
            if r.want:
                expr = 1 if lit is None else 1 - lit
            else:
                expr = 0 if lit is None else lit
            if not isinstance(expr, int) or expr:
                out.append(Penalty("requests", "requests", w * r.weight, expr))
    return out
