"""Column generation over each officer's whole horizon, and a search for a roster from its relaxation.

For problems where officers meet only in cover per day and shift type (the Curtois-Qu instances; see
`separable`): every officer works one *column*, a legal schedule over the whole horizon, and the
master chooses a convex combination per officer with the cover terms exact:

    min  sum cost(col) * lam[o, col] + sum under_weight * u[j] + over_weight * v[j]
    s.t. sum_col lam[o, col] = 1                                        (one per officer)
         sum_{o, col working j's instance} lam[o, col] + u[j] - v[j] = count[j]   (cover j)

Weekly patterns can be enumerated (`patterns.py`); 28-day schedules cannot, so a column is priced by
CP-SAT on the officer's own model: `build_model` on a problem holding that officer alone, without
cover, whose objective is his own terms, minus the cover rows' duals on the shifts he works. Every
rule is the one the full model adds (same functions): a column is a legal schedule by construction.

    bound = master + sum over officers of min(0, least reduced cost)

bounds the roster problem at every iteration (Lagrangian bound; the pricing solve's own bound is
used, so it holds if a pricing solve stops early), rounded up to the objective's granularity.
Converged bounds on the Curtois-Qu instances (optimum in brackets): 1: 558 (607), 5: 1,141 (1,143),
7: 1,055 (1,056), 8: 1,297 (1,300), 10: 4,631, 11: 3,443, 12: 4,040 (the optima; 12 in 52 s, where the
full model's bound after 600 s was 3,833).

The relaxation's solution is a poor roster (its heaviest column per officer: 2,265 points on instance
7, optimum 1,056), but where it is integral it is nearly always right. `relaxation_search` keeps
those cells fixed and lets CP-SAT choose the others on the full model (the RINS idea, with the strong
relaxation instead of CP-SAT's own); then, unless that roster is within 1 % of the bound, keeps only
the cells the relaxation puts at 1 (a tight relaxation can still leave out a cell every good roster
needs: instance 8); then re-optimises neighbourhoods around the best roster: a few officers' whole
horizons or a few days of every officer, each with every cell the relaxation leaves fractional. Sizes
adapt (larger after a neighbourhood solved to optimality, smaller after one that ran out of time).
Measured at 60 s, seeds 0-2: instance 5 1,143, 1,148, 1,148 (best known 1,143), 7 1,056 in all three
(1,056), where CP-SAT alone on the full model reached 1,144-1,147 and 1,060-1,070; instance 8 at 600 s:
1,303 (1,300; 1,395 before the second solve). Dives were measured and dropped: officers fixed to
columns one at a time (instance 7: 1,177-1,259 in 15-20 s); cells fixed to 1 one at a time, columns
generated again after each (instance 8: 1,402 after 217 steps).
"""

from __future__ import annotations

import dataclasses
import math
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from scheduler.model.build import BuiltModel, build_model
from scheduler.model.penalties import POINT
from scheduler.problem import Problem
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.hint import complete_hint
from scheduler.solve.params import StopAt, solver_parameters

# A pricing solve's limits: one worker each (officers are priced two at a time on two workers).
PRICE_SECONDS = 5.0
# Deterministic mode, without a clock: this many iterations per second of the time limit (instance 7
# converges in 45 iterations of about 0.25 s, instance 12 in 45 of about 1.1 s).
ITERATIONS_PER_SECOND = 4.0
# Column generation stops when the master is within this of the bound (relative).
CLOSE = 1e-6
# Duals are scaled by SCALE and rounded to integers for pricing, so that pricing and the bound are exact
# integer computations (CP-SAT's floating-point objectives are solved to a tolerance).
SCALE = 1000
WHOLE = 1 - 1e-6  # the relaxation's x this close to 1 (or to 0): integral, kept in the search
# The search's neighbourhoods: a few officers' whole horizons, or a few days of every officer, in turn;
# sizes at the start, and the least.
FIRST_OFFICERS, FIRST_DAYS, LEAST = 4, 4, 2
# Each neighbourhood's time: STEP_SHARE of the search's time, at least STEP_MIN seconds (instance 5
# at 60 s, measured while the fixed cells stayed at the relaxation's value in every neighbourhood:
# 2 s steps reached 1,143 in three runs of three, 5 s steps in one of two).
STEP_SHARE, STEP_MIN = 0.01, 2.0
# Each of the two first solves' share of the search's time at most: the second is not always proven
# optimal (instance 8: 1,304 at 50 s, bound 1,294 at 60 s), and the neighbourhoods need the rest (the
# first, integral cells fixed: 1,397 proven optimal in 32-36 s on 8; 0.1-4.2 s on 1-7, 0.7 s on 10,
# 7.5 s on 12).
FIRST_SHARE = 0.25
# The second solve (the relaxation's ones only) runs when the first roster is more than this above the
# bound (relative): the first rosters of instances 5 and 8 are 8.8 % and 7.7 % above it; where the first
# roster is within it (instance 7: 1,058, bound 1,055) the neighbourhoods need the time more (with the
# second solve: 1,057 at 60 s, without: 1,056).
ONES_ABOVE = 0.01
# The search gives up after this many neighbourhoods in a row without a gain: the full model then gets
# the rest of the time (instance 6: proven optimal by the full model, not by neighbourhoods).
STALL = 20
KINDS = ("officers", "days")


@dataclass
class HorizonColumns:
    bound: float  # points, rounded up to the objective's granularity
    relaxation: float  # points: the master's value when column generation stopped
    heaviest: dict[int, list[int]]  # officer -> instances of his heaviest column in the relaxation
    share: dict[tuple[int, int], float]  # (officer, instance) -> the relaxation's x, where > 0
    iterations: int
    columns: int
    seconds: float
    converged: bool


def separable(problem: Problem) -> bool:
    """Officers meet only in cover per day and shift type: no duty but response (no task, no hotspot), no
    demand per time window. Every other term of the model is an officer's own (fairness too: each
    officer's k-th night costs k x weight), so his one-officer model prices it exactly."""
    return bool(problem.cover_needs) and not problem.response_need and len(problem.duties) == 1


def _officer_model(problem: Problem, o: int) -> BuiltModel:
    """Officer o alone, without cover: his rules and his own terms, nothing else."""
    alone = dataclasses.replace(problem.officers[o], index=0)
    return build_model(dataclasses.replace(problem, officers=[alone], cover_needs=[], response_need={}, _covering=None))


class _Master:
    """The restricted master (GLOP), grown column by column."""

    def __init__(self, problem: Problem) -> None:
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        # Without presolve GLOP restarts from the last basis after columns are added.
        self.lp.SetSolverSpecificParametersAsString("use_preprocessing:false")
        self.obj = self.lp.Objective()
        self.obj.SetMinimization()
        self.needs = problem.cover_needs
        self.rows = []
        self.row_of: dict[int, list[int]] = {}  # instance -> cover rows
        for j, cn in enumerate(self.needs):
            row = self.lp.Constraint(cn.count, cn.count)
            under, over = self.lp.NumVar(0, self.lp.infinity(), ""), self.lp.NumVar(0, self.lp.infinity(), "")
            row.SetCoefficient(under, 1)
            row.SetCoefficient(over, -1)
            self.obj.SetCoefficient(under, cn.under_weight)
            self.obj.SetCoefficient(over, cn.over_weight)
            self.rows.append(row)
            self.row_of.setdefault(cn.instance, []).append(j)
        self.convex = [self.lp.Constraint(1, 1) for _ in problem.officers]
        self.columns: list[dict[frozenset[int], tuple[int, pywraplp.Variable]]] = [{} for _ in problem.officers]

    def add(self, o: int, worked: frozenset[int], cost: int) -> bool:
        if worked in self.columns[o]:
            return False
        lam = self.lp.NumVar(0, self.lp.infinity(), "")
        self.columns[o][worked] = (cost, lam)
        self.obj.SetCoefficient(lam, cost)
        self.convex[o].SetCoefficient(lam, 1)
        for i in worked:
            for j in self.row_of.get(i, ()):
                self.rows[j].SetCoefficient(lam, 1)
        return True

    def solve(self) -> float | None:
        return self.obj.Value() if self.lp.Solve() == pywraplp.Solver.OPTIMAL else None

    def duals(self) -> tuple[dict[int, float], list[float]]:
        per_instance: dict[int, float] = {}
        for j, row in enumerate(self.rows):
            i = self.needs[j].instance
            per_instance[i] = per_instance.get(i, 0.0) + row.dual_value()
        return per_instance, [row.dual_value() for row in self.convex]

    def scaled_duals(self, scale: int) -> tuple[dict[int, int], int]:
        """Per instance, the cover rows' duals x scale rounded to integers, each within [-over weight,
        under weight] x scale (the LP's may stray by its tolerance); and the sum over rows of those
        duals times the count wanted (the Lagrangian bound's constant part)."""
        per_instance: dict[int, int] = {}
        constant = 0
        for cn, row in zip(self.needs, self.rows, strict=True):
            d = min(max(round(row.dual_value() * scale), -cn.over_weight * scale), cn.under_weight * scale)
            per_instance[cn.instance] = per_instance.get(cn.instance, 0) + d
            constant += d * cn.count
        return per_instance, constant

    def weights(self, o: int) -> dict[frozenset[int], float]:
        return {cols: lam.solution_value() for cols, (_, lam) in self.columns[o].items()}


def horizon_columns(
    problem: Problem, time_limit: float, workers: int = 2, deterministic: bool = False,
    log: Callable[[str], object] | None = None, stop: Callable[[], bool] = lambda: False,
) -> HorizonColumns | None:
    """Column generation for `time_limit` seconds (deterministic: ITERATIONS_PER_SECOND per second), until the master is
    within the objective's granularity of the bound. None when the problem is not separable or an
    officer has no legal schedule."""
    t0 = time.perf_counter()
    if not separable(problem):
        return None
    models = [_officer_model(problem, o) for o in range(len(problem.officers))]
    g, offset = 0, 0
    for b in models:
        for c in b.model.proto.objective.coeffs:
            g = math.gcd(g, abs(int(c)))
        offset += int(b.model.proto.objective.offset)
    for cn in problem.cover_needs:
        g = math.gcd(math.gcd(g, cn.under_weight), cn.over_weight)

    def price(o: int, duals: dict[int, int], first: bool = False) -> tuple[frozenset[int], int, int] | None:
        """Officer o's least schedule at the (scaled, integer) duals: (instances worked, his own cost in
        internal units, a lower bound of SCALE x cost - duals x worked, exact: the objective is integer).
        After the `first` columns (every officer needs one), None once the time is up."""
        b = models[o]
        assert b.objective is not None  # build_model sets it
        xo = b.vars.x[0]
        b.model.minimize(SCALE * b.objective - cp_model.LinearExpr.sum(
            [duals[i] * lit for i, lit in xo.items() if duals.get(i)]))
        s = cp_model.CpSolver()
        s.parameters.num_workers = 1
        # CP-SAT's own SIGINT handler, installed from these threads, left Ctrl-C killing the process
        # (exit -2, no roster written); Ctrl-C is solve.py's.
        s.parameters.catch_sigint_signal = False
        if deterministic:
            s.parameters.max_deterministic_time = PRICE_SECONDS
        elif first:
            s.parameters.max_time_in_seconds = PRICE_SECONDS
        else:  # not past the limit: 150 officers over a year price for minutes an iteration
            left = time_limit - (time.perf_counter() - t0)
            if left <= 0 or stop():
                return None
            s.parameters.max_time_in_seconds = min(PRICE_SECONDS, left)
        if s.solve(b.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        worked = frozenset(i for i, lit in xo.items() if s.boolean_value(lit))
        return worked, int(s.value(b.objective)), math.ceil(s.best_objective_bound - 1e-9)

    master = _Master(problem)
    officers = range(len(problem.officers))
    iterations = 0
    best = float("-inf")

    def out_of_time() -> bool:
        if stop():
            return True
        if deterministic:
            return iterations >= max(10, round(ITERATIONS_PER_SECOND * time_limit))
        return time.perf_counter() - t0 > time_limit

    def generate(pool: ThreadPoolExecutor) -> tuple[float | None, bool]:
        """(master's value, converged). Stops when no column prices out, or when the master is within
        the objective's granularity of its Lagrangian bound."""
        nonlocal iterations, best
        lagrangian: int | None  # None when an officer's pricing found nothing
        while True:
            value = master.solve()
            if value is None:
                return None, False
            duals, mu = master.duals()
            scaled, lagrangian = master.scaled_duals(SCALE)
            priced = list(pool.map(price, officers, [scaled] * len(officers)))
            iterations += 1
            added = 0
            # The Lagrangian bound at the scaled duals, in integers (SCALE x internal units): every cover
            # row's dual times its count, plus each officer's least schedule. Valid for any duals within
            # [-over weight, under weight] (where the slacks' terms vanish), so exact, whatever the LP's
            # tolerances; at the LP's duals it is the master's value plus the least reduced costs.
            for o, found in zip(officers, priced, strict=True):
                if found is None:  # no schedule within the pricing limit: no bound this iteration
                    lagrangian = None
                    continue
                worked, cost, lower = found
                if lagrangian is not None:
                    lagrangian += lower
                if cost - sum(duals.get(i, 0.0) for i in worked) - mu[o] < -1e-6:
                    added += master.add(o, worked, cost)
            if lagrangian is not None:
                best = max(best, _round_up(lagrangian, g * SCALE, offset * SCALE) / SCALE)
            if log and iterations % 10 == 0:
                log(f"[columns] iteration {iterations}: relaxation {value / POINT:,.2f}, "
                    f"bound {best / POINT:,.2f} (at {time.perf_counter() - t0:.1f} s)")
            if added == 0 or best >= value - CLOSE * max(1.0, abs(value)):
                return value, True
            if out_of_time():
                return value, False

    with ThreadPoolExecutor(max(1, workers)) as pool:
        # Every officer needs a column before the first master: his own best schedule, cover aside.
        for o, found in enumerate(pool.map(lambda o: price(o, {}, first=True), officers)):
            if found is None:
                return None
            master.add(o, found[0], found[1])
        relaxation, converged = generate(pool)
    if relaxation is None or master.solve() is None:  # solved again: columns were added since
        return None
    share: dict[tuple[int, int], float] = {}
    heaviest: dict[int, list[int]] = {}
    for o in officers:
        weights = master.weights(o)
        top = max(weights, key=lambda c: (weights[c], sorted(c)))
        heaviest[o] = sorted(top)
        for cols, w in weights.items():
            for i in cols:
                share[(o, i)] = share.get((o, i), 0.0) + w
    if log:
        log(f"[columns] relaxation {relaxation / POINT:,.2f}, bound {best / POINT:,.2f} after {iterations} "
            f"iterations, {sum(map(len, master.columns)):,} columns ({'converged' if converged else 'stopped'}, "
            f"{time.perf_counter() - t0:.1f} s)")
    return HorizonColumns(best / POINT, relaxation / POINT, heaviest, share, iterations,
                          sum(map(len, master.columns)), time.perf_counter() - t0, converged)


def relaxation_search(
    problem: Problem, built: BuiltModel, columns: HorizonColumns, settings: SolverSettings, time_limit: float,
    run: Callable[[cp_model.CpSolver, cp_model.CpModel, cp_model.CpSolverSolutionCallback | None], cp_model.CpSolverStatus],
    log: Callable[[str], object] | None = None, on_roster: Callable[[float], None] | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> dict[int, list[int]]:
    """A roster from the relaxation (officer -> instances worked): the full model with the cells the
    relaxation makes integral fixed, then only those at 1 (unless within ONES_ABOVE of the bound), then
    neighbourhoods around the best roster (see the module's docstring), until `time_limit`
    (deterministic: as deterministic time), the bound, or STALL neighbourhoods without a gain. The
    heaviest columns when CP-SAT finds nothing. `on_roster` gets each better roster's objective
    (points). `built` is the full model (left unchanged: each step clones it)."""
    t0 = time.perf_counter()
    base = built.model
    n_vars = len(base.proto.variables)
    target = columns.bound * POINT + 0.5  # internal units: at the bound, nothing better exists
    spent = 0.0  # deterministic mode: the steps' time limits, summed (no clock)

    def left() -> float:
        return time_limit - (spent if settings.deterministic else time.perf_counter() - t0)

    # (officer, day, variable index, the relaxation's value) of every cell the relaxation makes integral.
    integral = [
        (o, problem.instances[i].day, lit.index, int(x >= WHOLE))
        for o, xo in enumerate(built.vars.x)
        for i, lit in xo.items()
        if (x := columns.share.get((o, i), 0.0)) <= 1 - WHOLE or x >= WHOLE
    ]

    def neighbourhood(
        officers: set[int], days: range, current: list[int] | None, zeros: bool = True
    ) -> cp_model.CpModel:
        """Every cell integral in the relaxation fixed, but those of `officers` and `days`: to the roster's
        value once there is one (a neighbourhood may have changed the cell, which is also the hint),
        else to the relaxation's (its zeros only if `zeros`; no hint)."""
        m = base.clone()
        for o, day, index, value in integral:
            if o in officers or day in days or not (zeros or value):
                continue
            fixed = value if current is None else current[index]
            dom = m.proto.variables[index].domain
            dom.clear()
            dom.extend([fixed, fixed])
        if current is not None:
            m.proto.solution_hint.vars.extend(range(n_vars))
            m.proto.solution_hint.values.extend(current)
        return m

    def solve(m: cp_model.CpModel, limit: float) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
        nonlocal spent
        solver = cp_model.CpSolver()
        solver_parameters(solver, settings, time_limit=limit)
        spent += limit
        return run(solver, m, StopAt(target)), solver

    objective = math.inf
    current: list[int] = []

    def better(code: cp_model.CpSolverStatus, solver: cp_model.CpSolver) -> bool:
        """Keeps the solve's roster if it is better than the best so far."""
        nonlocal objective, current
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or solver.objective_value >= objective:
            return False
        objective, current = solver.objective_value, list(solver.response_proto.solution)
        if on_roster:
            on_roster(objective / POINT)
        return True

    def kept(what: str) -> None:
        if log:
            log(f"[columns] relaxation's {what} kept: {objective / POINT:,.2f} (at {time.perf_counter() - t0:.1f} s)")

    first_limit = max(STEP_MIN, FIRST_SHARE * time_limit)
    m = neighbourhood(set(), range(0), None)
    for o, xo in enumerate(built.vars.x):  # the heaviest columns as the first solve's hint
        on = set(columns.heaviest.get(o, ()))
        for i, lit in xo.items():
            m.add_hint(lit, i in on)
    if complete_hint(m, settings, min(10.0, time_limit)) is None:
        m.clear_hints()
    if not better(*solve(m, min(left(), first_limit))):
        return {o: list(cols) for o, cols in columns.heaviest.items()}
    kept("integral cells")
    if objective > (1 + ONES_ABOVE) * target and left() > 0.5 and not stop():
        # Then only the relaxation's ones: a tight relaxation may still leave out a cell every good
        # roster needs (instance 8, relaxation 1,296.58: with its zeros fixed the best roster is 1,397,
        # 13 covers short; with its ones only, 1,309 in 11 s and 1,304 in 50 s, 12 short). Without a
        # hint: measured so at 600 s (instance 8: 1,302-1,305 on seeds 0-2); at 120 s, where this solve
        # has 20 s, hinted with the first roster 1,396, without 1,397. Not the first step: without the
        # zeros the model is much larger (instance 12: 5,942 after 60 s, against its optimum 4,040 in
        # 7.5 s with them; 10: 30 s instead of 0.7 s).
        better(*solve(neighbourhood(set(), range(0), None, zeros=False), min(left(), first_limit)))
        kept("ones")
    rng = random.Random(settings.seed)
    step_limit = max(STEP_MIN, STEP_SHARE * time_limit)
    sizes = {"officers": FIRST_OFFICERS, "days": FIRST_DAYS}
    steps = idle = 0
    while objective > target and idle < STALL and left() > 0.5 and not stop():
        kind = KINDS[steps % len(KINDS)]
        steps += 1
        if kind == "officers":
            k = min(sizes[kind], len(problem.officers))
            m = neighbourhood(set(rng.sample(range(len(problem.officers)), k)), range(0), current)
        else:
            w = min(sizes[kind], problem.days)
            first = rng.randrange(problem.days - w + 1)
            m = neighbourhood(set(), range(first, first + w), current)
        code, sub = solve(m, min(step_limit, left()))
        idle += 1
        if better(code, sub):
            idle = 0
            if log:
                log(f"[columns] step {steps}: {kind} neighbourhood of {sizes[kind]}, {objective / POINT:,.2f} "
                    f"(at {time.perf_counter() - t0:.1f} s)")
        # Larger after a neighbourhood solved to optimality, smaller after one that ran out of time.
        sizes[kind] = sizes[kind] + 1 if code == cp_model.OPTIMAL else max(LEAST, sizes[kind] - 1)
    return {o: [i for i, lit in xo.items() if current[lit.index]] for o, xo in enumerate(built.vars.x)}


def _round_up(bound: int, g: int, offset: int) -> int:
    """The least objective value >= bound when values are offset + multiples of g (integers, exact)."""
    if g <= 0:
        return bound
    return offset + g * -((offset - bound) // g)
