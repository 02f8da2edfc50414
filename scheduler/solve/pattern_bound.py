"""Weekly patterns for the whole zone: a lower bound by column generation, and a roster from it.

The staffing plan (`plan.py`) bounds the officers' own terms by class totals and knows nothing of
sequences. Here every officer works a convex combination of his legal patterns (`patterns.py`),
priced with his own terms, and the plan's coverage part (duties, hotspots, response, tasks) takes
the sums per class and instance: the Dantzig-Wolfe reformulation of the roster problem. Its linear
relaxation is solved with GLOP over a growing set of patterns; after each solve every officer's
best pattern at the duals is priced over all his legal patterns, and

    bound = master's value + sum over officers of min(0, least reduced cost)

is a lower bound of the relaxation, hence of the roster problem, at every iteration (Lagrangian
bound), so the loop can stop at any time.

The relaxation's solution is nearly integral (on brussels-south 265 of 300 officers work one
pattern): `pattern_roster` keeps those, and CP-SAT chooses the others' patterns among the columns
generated, with every coverage term exact (price and branch, one branch).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace, pattern_space
from scheduler.model.penalties import POINT
from scheduler.model.variables import officer_classes
from scheduler.problem import Problem
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.hint import complete_hint
from scheduler.solve.params import StopAt, solver_parameters
from scheduler.solve.patterns import legal_patterns, pattern_costs
from scheduler.solve.plan import PlanModel, build_plan_model, feasible_instances

# Patterns added per type of officer and iteration, at most. One: each linear program moves less from
# the last basis (bound after 45 s on the 1,810-officer merged region: 867 k with 1, 823 k with 2, 735 k
# with 5; brussels-south converges in 9.0 s with 1, 9.7 s with 5; 1,000 generated officers alike).
PER_ITERATION = 1
ARTIFICIAL = 1e7  # internal units per unit of the linking rows' artificial slack
# The deterministic mode's budget, without a clock: two iterations per second of `time_limit` (with one
# pattern per type and iteration, a 300-officer zone converges in 22 iterations of about 0.4 s, the
# tiny zone in 32 of a few ms; a 1,000-officer one takes 1-2 s each).
ITERATIONS_PER_SECOND = 2.0
GRID_SLACK = 1e-3  # internal units: above the sum's float error (8e-8 seen), far below one unit
CLOSE = 2e-4  # column generation stops when the bound is this close to the relaxation (relative)


@dataclass
class PatternPlan:
    bound: float  # points
    master: float  # points: the restricted master's value at the end
    iterations: int
    columns: int
    seconds: float
    converged: bool
    # Per type of officer: its officers, the patterns generated (instances worked, cost in internal
    # units), and their weights in the last master (officers working them; they add up to the type's size).
    types: list[list[int]] = field(default_factory=list)
    patterns: list[list[tuple[tuple[int, ...], int]]] = field(default_factory=list)
    values: list[list[float]] = field(default_factory=list)
    # The plan without officer terms whose rows the master copied; `pattern_roster` adds the pattern
    # choices to it (built once: at 1,810 officers building it is not free).
    coverage: PlanModel | None = None


def _lp_from_cp(model: cp_model.CpModel, lp: pywraplp.Solver) -> tuple[list[pywraplp.Variable], pywraplp.Objective]:
    """The CP model's linear relaxation in `lp`: its variables (continuous, same bounds) and rows."""
    proto = model.proto
    xs: list[pywraplp.Variable] = []
    for j, var in enumerate(proto.variables):
        dom = list(var.domain)
        xs.append(lp.NumVar(float(dom[0]), float(dom[-1]), f"v{j}"))

    def term(ref: int, coef: int) -> tuple[pywraplp.Variable, float, float]:
        if ref >= 0:
            return xs[ref], coef, 0.0
        return xs[-ref - 1], -coef, coef  # not(x) = 1 - x

    for c in proto.constraints:
        if not c.has_linear() or len(c.enforcement_literal):
            raise ValueError("the plan has a constraint that is not a plain linear one")
        dom = list(c.linear.domain)
        lo, hi = dom[0], dom[-1]
        const = 0.0
        parts = []
        for ref, coef in zip(c.linear.vars, c.linear.coeffs, strict=True):
            x, a, k = term(ref, coef)
            parts.append((x, a))
            const += k
        row = lp.Constraint(-lp.infinity() if lo <= -(2**62) else lo - const,
                            lp.infinity() if hi >= 2**62 else hi - const)
        for x, a in parts:
            row.SetCoefficient(x, row.GetCoefficient(x) + a)
    obj = lp.Objective()
    offset = proto.objective.offset
    for ref, coef in zip(proto.objective.vars, proto.objective.coeffs, strict=True):
        x, a, k = term(ref, coef)
        obj.SetCoefficient(x, obj.GetCoefficient(x) + a)
        offset += k
    obj.SetOffset(offset)
    obj.SetMinimization()
    return xs, obj


def _coverage_model(problem: Problem) -> PlanModel:
    """The plan's coverage part, over classes by the duties their officers may do (under a
    travel-limited merger, finer than the staffing plan's): the relaxation's coverage is then one the
    officers can give, so the roster from its patterns keeps it."""
    return build_plan_model(problem, officer_terms=False, classes=officer_classes(problem))


def _signature(o, feasible: set[int]) -> tuple:
    """What decides an officer's legal patterns (his own terms aside)."""
    return (id(o.rules), tuple(o.history), frozenset(feasible), tuple(sorted(o.fixed)), o.min_minutes, o.max_minutes,
            tuple(sorted(o.max_shifts.items())), o.consents_reduced_rest)


def pattern_plan(
    problem: Problem, time_limit: float, deterministic: bool = False, log: Callable[[str], object] | None = None,
    stop: Callable[[], bool] = lambda: False, initial: dict[int, list[int]] | None = None,
) -> PatternPlan | None:
    """Column generation for `time_limit` seconds (deterministic: as many iterations), until the
    bound is within CLOSE of the relaxation; None when the horizon is too long to enumerate patterns or
    an officer has no legal week. `initial`: a roster (officer -> instances) whose weeks start the
    master (brussels-south: converged in 10 iterations instead of 16, the first ones no longer spent
    on the artificial slack).

    Officers alike (same legal weeks, class and own terms) form one *type*: one convexity row equal
    to their number and one column per pattern, whatever officer works it (symmetry removed)."""
    t0 = time.perf_counter()
    space: PatternSpace | None = pattern_space(problem)
    if space is None:
        return None
    plan = _coverage_model(problem)
    classes = plan.vars.classes
    class_of = {o: c.index for c in classes for o in c.officers}
    by_signature: dict[tuple, np.ndarray] = {}
    type_of: dict[tuple, int] = {}
    types: list[list[int]] = []
    legal, costs, kind = [], [], []
    priced: dict[tuple, np.ndarray] = {}
    for o in problem.officers:
        feas = feasible_instances(problem, o)
        key = _signature(o, feas)
        if key not in by_signature:
            by_signature[key] = legal_patterns(problem, space, o, feas)
            if len(by_signature[key]) == 0:
                return None
        own = (key, o.target_minutes, o.reinforcement, tuple(o.requests))
        terms = (own, class_of[o.index])
        if terms not in type_of:
            type_of[terms] = len(types)
            types.append([])
            legal.append(by_signature[key])
            if own not in priced:  # types that differ by class only have the same prices
                priced[own] = pattern_costs(problem, space, o, by_signature[key]).astype(np.float64)
            costs.append(priced[own])
            kind.append(key)
        types[type_of[terms]].append(o.index)
        if stop():
            return None
    lp = pywraplp.Solver.CreateSolver("GLOP")
    # Without presolve GLOP restarts from the last basis after columns are added (brussels-south: 6.3 s
    # in the linear programs instead of 9.5 s; the dual simplex took 68 s).
    lp.SetSolverSpecificParametersAsString("use_preprocessing:false")
    xs, obj = _lp_from_cp(plan.model, lp)
    link: dict[tuple[int, int], pywraplp.Constraint] = {}  # y[i, c] - the class's patterns working i = 0
    for (i, c), var in plan.y.items():
        row = lp.Constraint(0.0, 0.0)
        if isinstance(var, int):
            row.SetBounds(-float(var), -float(var))
        else:
            row.SetCoefficient(xs[var.index], 1.0)
        # Artificial slack keeps the first masters feasible; it costs more than any roster term, so it
        # leaves once patterns do its work. The master with it is still a relaxation: the bound holds.
        for sign in (1.0, -1.0):
            a = lp.NumVar(0.0, lp.infinity(), "")
            row.SetCoefficient(a, sign)
            obj.SetCoefficient(a, ARTIFICIAL)
        link[(i, c)] = row
    convex = [lp.Constraint(float(len(m)), float(len(m))) for m in types]
    type_class = [class_of[m[0]] for m in types]
    columns: list[dict[int, tuple[int, pywraplp.Variable]]] = [{} for _ in types]  # pattern -> (position, lambda)
    n_inst = len(problem.instances)
    if log:
        log(f"[patterns] {sum(len(legal[t]) * len(m) for t, m in enumerate(types)):,} legal officer-patterns "
            f"({len(by_signature)} kinds of week, {len(types)} types of officer) in {time.perf_counter() - t0:.1f} s")

    def add(t: int, k: int) -> None:
        p = int(legal[t][k])
        if p in columns[t]:
            return
        lam = lp.NumVar(0.0, lp.infinity(), "")
        columns[t][p] = (k, lam)
        obj.SetCoefficient(lam, float(costs[t][k]))
        convex[t].SetCoefficient(lam, 1.0)
        for i in space.inst[p]:
            if i >= 0:
                link[(int(i), type_class[t])].SetCoefficient(lam, -1.0)

    for t, members in enumerate(types):
        add(t, int(np.argmin(costs[t])))
        if initial is not None:
            for oi in members:
                p = _pattern_index(problem, initial.get(oi, []))
                k = int(np.searchsorted(legal[t], p))  # legal patterns are in increasing order
                if k < len(legal[t]) and legal[t][k] == p:
                    add(t, k)
    best, master, it, converged = float("-inf"), float("nan"), 0, False
    values: list[list[float]] = []
    while not stop():
        if deterministic and it >= max(3, round(ITERATIONS_PER_SECOND * time_limit)) or (
                not deterministic and time.perf_counter() - t0 > time_limit):
            break
        it += 1
        t_lp = time.perf_counter()
        if lp.Solve() != pywraplp.Solver.OPTIMAL:
            break
        t_lp = time.perf_counter() - t_lp
        master = obj.Value()
        values = [[lam.solution_value() for _, lam in columns[t].values()] for t in range(len(types))]
        pi = np.zeros((len(classes), n_inst + 1))
        for (i, c), row in link.items():
            pi[c, i] = row.dual_value()
        sigma = [row.dual_value() for row in convex]  # every dual is read before the model changes
        # A column of type t: its cost, +1 in t's convexity row, -1 in each linking row it works:
        # reduced cost = cost - sigma[t] + the sum of the duals of the instances worked. The bound
        # counts a type's least reduced cost once per officer of the type.
        all_duals = [_sum_over_weeks(problem, pi[c]) for c in range(len(classes))]
        worked_duals: dict[tuple, np.ndarray] = {}
        total_rc, new = 0.0, []
        for t, members in enumerate(types):
            key = (kind[t], type_class[t])
            if key not in worked_duals:
                worked_duals[key] = all_duals[type_class[t]][legal[t]]
            rc = costs[t] + worked_duals[key] - sigma[t]
            least = float(rc.min())
            total_rc += len(members) * min(0.0, least)
            if least < -1e-6:
                ks = np.argpartition(rc, min(PER_ITERATION, len(rc) - 1))[:PER_ITERATION]
                new += [(t, int(j)) for j in ks if rc[j] < -1e-6]
        best = max(best, master + total_rc)
        if log:
            log(f"[patterns] iteration {it}: relaxation {master / POINT:,.1f}, bound {best / POINT:,.1f}, "
                f"{sum(map(len, columns)):,} patterns, linear program {t_lp:.2f} s (at {time.perf_counter() - t0:.1f} s)")
        if not new or master - best <= CLOSE * max(1.0, abs(master)):
            converged = True
            break
        for t, j in new:
            add(t, j)
    if it == 0 or master != master:  # no master solved
        return None
    # Columns added after the last solve have weight 0 in it.
    values = [v + [0.0] * (len(columns[t]) - len(v)) for t, v in enumerate(values)]
    patterns = [[(tuple(int(i) for i in space.inst[p] if i >= 0), int(costs[t][k])) for p, (k, _) in columns[t].items()]
                for t in range(len(types))]
    return PatternPlan(on_grid(best), master / POINT, it, sum(map(len, columns)), time.perf_counter() - t0, converged,
                       types, patterns, values, plan)


def on_grid(bound: float) -> float:
    """A bound in internal units (float, from the linear program's duals) as points, raised to the next
    whole internal unit: every roster's objective is a whole number of units, so it cannot lie between.
    GRID_SLACK absorbs the float error of the sum (brussels-south's first campaign week: 8e-8 units short of
    9,660,108, the roster it proves optimal, 161,001.80 points; it read FEASIBLE at 0.00 % before)."""
    return math.ceil(bound - GRID_SLACK) / POINT


def _sum_over_weeks(problem: Problem, per_instance: np.ndarray) -> np.ndarray:
    """For every pattern of `pattern_space`, the sum of `per_instance` over the instances it works
    (index -1, a day off, holds 0): an outer sum day by day, no pattern array touched."""
    n_types = len(problem.shift_types)
    total = np.zeros(1)
    for d in range(problem.days):
        day = np.zeros(n_types + 1)
        day[1:] = [per_instance[problem.instance_of(d, s).index] for s in range(n_types)]
        total = (total[:, None] + day[None, :]).reshape(-1)  # the first day varies slowest
    return total


def _pattern_index(problem: Problem, instances: list[int]) -> int:
    """The index in `pattern_space` of the week working these instances (one per day)."""
    code = [0] * problem.days
    for i in instances:
        inst = problem.instances[i]
        code[inst.day] = inst.shift + 1
    index = 0
    for c in code:  # np.indices order: the first day varies slowest
        index = index * (len(problem.shift_types) + 1) + c
    return index


def pattern_roster(
    problem: Problem, plan: PatternPlan, settings: SolverSettings, time_limit: float,
    run: Callable[[cp_model.CpSolver, cp_model.CpModel, cp_model.CpSolverSolutionCallback], cp_model.CpSolverStatus],
) -> dict[int, list[int]]:
    """A roster from the patterns: each type's officers work its patterns in integer numbers between
    the floor and the ceiling of the relaxation's (where the relaxation is integral, exactly its
    numbers), chosen by CP-SAT with every coverage term exact (when it finds nothing in the time, the
    relaxation rounded). Officer -> instances worked."""
    model_plan = plan.coverage if plan.coverage is not None else _coverage_model(problem)
    plan.coverage = None  # the model gains the choices below: not for a second use
    m = model_plan.model
    class_of = {o: c.index for c in model_plan.vars.classes for o in c.officers}
    on: dict[tuple[int, int], list] = {}
    chosen: list[list[tuple[int, cp_model.IntVar]]] = []
    rounded: list[list[int]] = []
    costs = []
    for t, members in enumerate(plan.types):
        cols, values = plan.patterns[t], plan.values[t]
        # The relaxation's mix, rounded to whole officers (largest remainders), is the hint. Among all
        # the type's columns, CP-SAT (10 s, from the rounded relaxation, 52 officers free) reached
        # 240-330 k on the region's south zone; between floor and ceiling 236.6-237.0 k, the
        # relaxation's value being 236.6 k.
        hint = [int(np.floor(v + 1e-6)) for v in values]
        for k in sorted(range(len(cols)), key=lambda k: hint[k] - values[k])[: len(members) - sum(hint)]:
            hint[k] += 1
        rounded.append(hint)
        zs = []
        for k, v in enumerate(values):
            lo, hi = int(np.floor(v + 1e-6)), int(np.ceil(v - 1e-6))
            if hi == 0:
                continue
            z = m.new_int_var(lo, hi, f"pattern[t={t},k={k}]")
            m.add_hint(z, hint[k])
            zs.append((k, z))
            costs.append(cols[k][1] * z)
            for i in cols[k][0]:
                on.setdefault((i, class_of[members[0]]), []).append(z)
        m.add(sum(z for _, z in zs) == len(members))
        chosen.append(zs)
    for key, var in model_plan.y.items():
        m.add(var == sum(on.get(key, [])))
    terms = [p.weight * p.expr for p in model_plan.penalties if p.weight]
    m.minimize(cp_model.LinearExpr.sum(terms + costs))
    # From the rounded relaxation, made a complete hint (CP-SAT seldom completes a partial one). The
    # strong-LP workers of `solver_parameters` (12 s, 2 workers): the region's east zone 53,887 (the
    # relaxation's value) and west 216,233 (the same), where CP-SAT's default portfolio stopped at
    # 58.3 k and 227.6 k; brussels-south 107.5-107.8 k with either.
    solver = cp_model.CpSolver()
    if complete_hint(m, settings, min(10.0, time_limit)) is None:
        m.clear_hints()
    solver_parameters(solver, settings, time_limit=time_limit)
    # The relaxation's value bounds these columns' best roster: reaching it, the search is done.
    found = run(solver, m, StopAt(plan.master * POINT + 0.5)) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    # Without a solution in the time (a small zone's share can end in presolve), the rounded relaxation:
    # every officer on a legal week of his own, the coverage terms as they fall (the greedy roster kept
    # instead left a mandatory officer-hour unmet in a 290-officer zone given 18 s).
    counts = [[solver.value(z) if found else rounded[t][k] for k, z in zs] for t, zs in enumerate(chosen)]
    out: dict[int, list[int]] = {}
    for t, zs in enumerate(chosen):
        officers = iter(plan.types[t])
        for (k, _), n in zip(zs, counts[t], strict=True):
            for _ in range(n):
                out[next(officers)] = list(plan.patterns[t][k][0])
    return out
