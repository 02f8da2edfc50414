"""The staffing plan: how many officers of each class work each shift instance, and on which duty.

An aggregate relaxation of the roster model. Officers of a class (same zone and relevant skills) are
counted, not named: `y[i, c]` officers of class c on instance i, with the duty counts `n[i, k, c]` and
all coverage terms exactly as in the roster model. The labour rules appear as the class-level sums
they imply (one shift per day, rest cliques, 7-day and night windows, successions, shift limits), and
overtime, undertime and fairness as convex lower bounds. So the plan's optimum is a valid lower bound
on the roster's objective, and its counts are targets that the per-class assignment then realises.

With `fixed` counts the same model picks the best duties for a given roster (the duty step).
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.constraints.coverage import add_duty_coverage, add_response_coverage
from scheduler.model.penalties import POINT, Penalty
from scheduler.model.rules import RULES
from scheduler.model.rules.rest import rest_after
from scheduler.model.rules.spec import PlanCounts
from scheduler.model.variables import (
    OfficerClass,
    Variables,
    add_duty_variables,
    officer_classes,
    reserve_fixed_duties,
)
from scheduler.problem import Officer, Problem

# The rules' class sums, in the plan's order.
_CLASS_SUMS = [rule.class_sums for rule in sorted(RULES, key=lambda rule: rule.plan_rank) if rule.class_sums is not None]


@dataclass
class PlanModel:
    model: cp_model.CpModel
    vars: Variables
    y: dict[tuple[int, int], cp_model.IntVar | int]
    penalties: list[Penalty]


def feasible_instances(problem: Problem, o: Officer) -> set[int]:
    """Instances an officer could work at all: not blocked, not too close to a history service."""
    out = set()
    for inst in problem.instances:
        if inst.index in o.blocked:
            continue
        if any(inst.start < h.end + (rest_after(problem, o, h.end) if o.rules.min_rest.mode == "hard" else 0)
               and h.start < inst.end for h in o.history):
            continue
        out.add(inst.index)
    return out


def build_plan_model(
    problem: Problem, fixed: dict[tuple[int, int], int] | None = None, classes: list[OfficerClass] | None = None,
    officer_terms: bool = True,
) -> PlanModel:
    """The plan; `officer_terms=False` leaves out the class-level labour sums and workload bounds (the
    pattern bound prices each officer's week itself)."""
    model = cp_model.CpModel()
    classes = classes or officer_classes(problem, by_duties=False)
    feas = [feasible_instances(problem, o) for o in problem.officers]
    avail = {
        (inst.index, c.index): sum(1 for o in c.officers if inst.index in feas[o])
        for c in classes for inst in problem.instances
    }
    y: dict[tuple[int, int], cp_model.IntVar | int] = {}
    for (i, ci), a in avail.items():
        if fixed is not None:
            y[(i, ci)] = fixed.get((i, ci), 0)
        elif a:
            low = sum(1 for o in classes[ci].officers if i in problem.officers[o].fixed)
            y[(i, ci)] = model.new_int_var(min(low, a), a, f"y[i={i},c={ci}]")
        else:
            y[(i, ci)] = 0
    v = Variables(x=[], work=[], classes=classes, on_shift=dict(y))
    cap = dict(avail) if fixed is None else {k: max(avail[k], fixed.get(k, 0)) for k in avail}
    add_duty_variables(model, problem, v, cap)
    reserve_fixed_duties(model, problem, v, strict=False)
    penalties = add_duty_coverage(model, problem, v) + add_response_coverage(model, problem, v)
    if fixed is None and officer_terms:
        for c in classes:
            _class_rules(model, problem, c, y, feas)
            penalties += _class_workload(model, problem, c, y, feas)
    terms = [(p.weight, p.expr) for p in penalties if p.weight]
    model.minimize(cp_model.LinearExpr.sum([w * e for w, e in terms]))
    return PlanModel(model, v, y, penalties)


def _class_rules(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                 feas: list[set[int]]) -> None:
    """The class-level sums that the individual hard rules imply (valid for every officer of the class)."""
    for add_sums in _CLASS_SUMS:
        add_sums(model, problem, c, y, feas)


def _shift_count_bounds(model, problem: Problem, c: OfficerClass, y, feas) -> tuple:
    """Overtime and undertime lower bounds from how many officers work how many shifts.

    Officers work whole shifts: with contract target T and k shifts of at least Lmin minutes, an
    officer's overtime is at least max(0, k*Lmin - T) (undertime: max(0, T - k*Lmax)). `m[T, cap, k]`
    counts the class's officers with target T (and at most `cap` working days) who work k shifts;
    they add up to the class's shifts. Much tighter than class totals, where one officer's
    undertime cancels another's overtime.
    """
    lmin = min(i.minutes for i in problem.instances)
    lmax = max(i.minutes for i in problem.instances)
    kinds: dict[tuple[int, int], int] = {}
    for o in c.officers:
        cap = sum(1 for d in range(problem.days) if any(i in feas[o] for i in problem.by_day[d]))
        key = (problem.officers[o].target_minutes, cap)
        kinds[key] = kinds.get(key, 0) + 1
    shifts, over, under = [], [], []
    for (target, cap), count in sorted(kinds.items()):
        m = [model.new_int_var(0, count, f"plan_m[c={c.index},T={target},k={k}]") for k in range(cap + 1)]
        model.add(sum(m) == count)
        shifts += [k * mk for k, mk in enumerate(m)]
        over += [max(0, k * lmin - target) * mk for k, mk in enumerate(m)]
        under += [max(0, target - k * lmax) * mk for k, mk in enumerate(m)]
    model.add(sum(shifts) == sum(y[(i.index, c.index)] for i in problem.instances))
    return sum(over), sum(under)


def _class_workload(model, problem: Problem, c: OfficerClass, y, feas) -> list[Penalty]:
    """Lower bounds of the individual overtime, undertime and fairness terms, from class totals."""
    out: list[Penalty] = []
    w = problem.weights
    members = [problem.officers[o] for o in c.officers]
    size = len(members)
    minutes = sum(i.minutes * y[(i.index, c.index)] for i in problem.instances)
    target = sum(o.target_minutes for o in members)
    top = sum(i.minutes for i in problem.instances) * size
    over_by_count, under_by_count = _shift_count_bounds(model, problem, c, y, feas) if (w["overtime"] or w["undertime"]) else (0, 0)
    if w["overtime"]:
        over = model.new_int_var(0, top, f"plan_overtime[c={c.index}]")
        model.add(minutes - over <= target)  # sum of max(0, a_o) >= max(0, sum of a_o)
        model.add(over >= over_by_count)
        out.append(Penalty("overtime", "overtime", w["overtime"], over))
    if w["undertime"] and target and not c.reinforcement:
        under = model.new_int_var(0, target, f"plan_undertime[c={c.index}]")
        model.add(minutes + under >= target)
        model.add(under >= under_by_count)
        out.append(Penalty("undertime", "fairness", w["undertime"], under))
    for name, pick, prior in (
        ("fair_nights", lambda i: problem.shift_types[i.shift].night, lambda o: o.prior_nights),
        ("fair_weekends", lambda i: problem.is_weekend(i.day), lambda o: o.prior_weekend_shifts),
    ):
        if not w[name]:
            continue
        count = sum(y[(i.index, c.index)] for i in problem.instances if pick(i))
        # Officer o's k-th shift of the kind costs p_o + k (p_o: his count over the weeks before). The
        # least total for N shifts in the class is the sum of the N smallest such marginal costs: convex
        # and piecewise linear in N, so it is the largest of its tangents, one where the slope changes.
        marginal = sorted(prior(o) + k for o in members for k in range(1, problem.days + 1))
        total = 0
        tangents = []
        for j, m in enumerate(marginal):
            if j == 0 or m != marginal[j - 1]:
                tangents.append((total, m, j))
            total += m
        cost = model.new_int_var(0, total, f"plan_{name}[c={c.index}]")
        for f_j, slope, j in tangents:
            model.add(cost >= f_j + slope * (count - j))
        out.append(Penalty(name, "fairness", w[name] * POINT, cost))
    return out
