"""Solve a problem and read the roster back.

Two strategies (solver.strategy; `auto` picks by size, see DECOMPOSE_ABOVE):
- monolithic: the full roster model, solved once (benchmark instances whose officers meet only in
  cover: column generation over whole schedules first, `horizon_columns.py`);
- decomposed: 1. the staffing plan (`plan.py`, aggregate, also a valid lower bound); 2. a greedy
  legal roster that follows it (`greedy.py`) and its best duties (the plan model with the counts
  fixed); 3. on horizons of up to a week, every officer's legal weeks combined by column generation
  (`pattern_bound.py`: a tighter bound and a roster from its relaxation); 4. search by officer groups,
  exchanges and day windows with the full model of each group (`assign.py`); 5. the full model,
  hinted with the best roster, polishes it and makes its objective exact.
The reported bound is the best of the full model's, the plan's and the patterns'.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import ortools
from ortools.sat.python import cp_model

from scheduler.check import check_roster
from scheduler.config import SolverSettings
from scheduler.model.assign import (
    by_shortfall,
    exchange_group,
    improve_group,
    shortfall_group,
    task_groups,
    window_group,
)
from scheduler.model.build import BuiltModel, build_model, complete_hint
from scheduler.model.constraints import FAMILIES
from scheduler.model.greedy import greedy_roster
from scheduler.model.horizon_columns import horizon_columns, relaxation_search, separable
from scheduler.model.pattern_bound import pattern_plan, pattern_roster
from scheduler.model.patterns import enumerable
from scheduler.model.penalties import POINT, TIERS
from scheduler.model.plan import build_plan_model
from scheduler.model.solve_params import solver_parameters
from scheduler.model.variables import officer_classes
from scheduler.problem import Problem
from scheduler.roster import Assignment, Roster, SolveInfo, assign_duties
from scheduler.split import split_by_zone

# Officer-days (officers x days) above which police zones are decomposed: 40 officers for a week. The
# full model alone finds a first roster slowly on long horizons: the 10-officer example over 42 days
# with 1 worker had none after 10 s (decomposed: 0.4 s); with 2 workers at 10 s 5,799 against 4,123
# decomposed, at 60 s 2,243 against 2,217; over 28 days (280) the two are alike (1,061 / 1,055 at 60 s).
DECOMPOSE_ABOVE = 40 * 7
# Shares of the time limit in the decomposed strategy: plan, group rosters, then the polish.
# The hinted full model rarely improves a large roster in its share (measured on brussels-south: no
# gain in 9 s), so the search by officer groups gets almost all the time; the rest evaluates exactly.
PLAN_SHARE, LNS_SHARE, POLISH_SHARE = 0.15, 0.82, 0.03
# The final stage (full model built, hinted roster evaluated, objective made exact) measured: 1.9 s for
# 300 officers, 4.6 s for 1,000 (a 60 s solve ended at 62.9 s with the 3 % share alone); 9.3 s for
# 1,000 on 2026-12-03 (a 60 s solve ended at 69.3 s with 5 ms per officer).
FINAL_SECONDS_PER_OFFICER, FINAL_MAX_SHARE = 0.01, 0.25
PLAN_FLOOR = 10.0  # seconds
# A plan still worse than PLAN_GOOD_GAP at its share keeps going, up to PLAN_MAX_SHARE of the time: the
# 1,810-officer merged region's plan finds its good solution at about 25 s (from 2.5e10 to 5.3e7 points);
# cut at 18 s it made the roster 2.55 M at 120 s, going on until within 10 % 1.47 M (single runs).
PLAN_GOOD_GAP, PLAN_MAX_SHARE = 0.10, 0.30
ZONE_MIN_SECONDS = 15.0
# Short steps over small groups: more of a large zone is visited in the time (brussels-south, 60 s,
# seeds 0-2: 1 s and 25 officers 131-136 k, 2 s and 40 officers 134-147 k; 4 s and 40, seeds 0-1: 136-139 k).
LNS_STEP = 1.0  # seconds per step
GROUP_OFFICERS = 25
# Mixed groups: during the first round of class groups, every EXCHANGE_EVERY-th step is a shortfall group
# while a mandatory task is short; after it, the kinds of AFTER_FIRST_ROUND in turn. brussels-south, 60 s,
# seeds 0-2: class groups only 131-140 k; class and exchange groups (16 officers) alternating after one
# round 120-122 k, with max_lp 114.3-116.3 k (113.9-122.0 k on 2026-12-03, with the next); exchange
# and window groups alternating (WINDOW_OFFICERS officers of a zone over WINDOW_DAYS days) 112.2-115.0 k
# with 40 officers, 112.3-114.2 k with 25, 112.5-114.4 k with 60, 114.0-126.8 k with 90, 116.2-121.1 k
# with 60 over 3 days; class, exchange and window in turn 112.7-116.9 k. Earlier: exchange groups of
# 25 officers 118-134 k, of 10 119-124 k, at every step 122-129 k, from the start 118-131 k.
EXCHANGE_EVERY = 2  # 0: class groups only
EXCHANGE_AFTER_ROUNDS = 1
EXCHANGE_OFFICERS = 16
WINDOW_DAYS, WINDOW_OFFICERS = 2, 40
AFTER_FIRST_ROUND = ("mixed", "window")
# Weekly patterns (pattern_bound.py), for horizons short enough to enumerate: column generation for at
# most PATTERN_SHARE of the time, then the roster from its patterns for PATTERN_ROSTER_LEFT of the time
# left (deterministic mode: PATTERN_ROSTER_SHARE of the limit), less when it reaches the relaxation's
# value; the search by officer groups goes on from that roster. brussels-south: relaxation converged
# in 13 s (bound 107,468 vs the plan's 107,422), a roster within 0.3 % of it 5-15 s later.
PATTERNS = True
PATTERN_SHARE, PATTERN_ROSTER_SHARE, PATTERN_ROSTER_LEFT = 0.45, 0.3, 0.6
# Below this much search time the patterns would take the time the officer groups need to staff the
# mandatory work: 3,000 generated officers in 3 zones at 60 s (20 s a zone) left 44 mandatory hours
# unmet with them (the fifth session's code, without them, none). 0.03 s per officer kept the region's
# 330- and 290-officer zones from them at 120 s when their shares were 19.8 s and 16.7 s: 35 % and
# 29 % gaps from the officer groups alone, 0.7 % and 0.3 % with the patterns (the roster from them is
# kept only when the checker scores it better than the greedy one).
PATTERN_MIN_SECONDS, PATTERN_SECONDS_PER_OFFICER = 5.0, 0.01
# With patterns to come the plan only sets the greedy first roster's targets: the merged region's plan
# spent 18.6 s of 120 on a solution still 1.3e10 points (mandatory work unmet) that the patterns replace.
PLAN_WITH_PATTERNS = 8.0  # seconds
PLAN_ROOT_LP_ITERATIONS = 20_000
# Officers who meet only in cover (`horizon_columns.separable`): column generation gets at most
# GENERATION_SHARE of the time (instance 7 converges in 11-13 s, 12 in 52 s), the search from its
# relaxation until FULL_SHARE is left (deterministic mode: SEARCH_SHARE), the full model from its roster
# the rest (instance 6: the full model proves 1,950 optimal; the search stays at 1,951).
GENERATION_SHARE, SEARCH_SHARE, FULL_SHARE = 0.3, 0.5, 0.15


@dataclass
class Progress:
    elapsed: float
    objective: float
    bound: float
    stage: str = ""

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    if abs(objective) < 1e-9:
        return 0.0 if abs(bound) < 1e-9 else 1.0
    return max(0.0, (objective - bound) / abs(objective))


class _Watcher(cp_model.CpSolverSolutionCallback):
    """When the first solution came, the latest objective and bound (internal units), and the display."""

    def __init__(self, start: float, on_progress: Callable[[Progress], None] | None = None,
                 floor: float = float("-inf")):
        super().__init__()
        self.start = start
        self.first: float | None = None
        self.on_progress = on_progress
        self.floor = floor
        self.objective: float | None = None
        self.bound = float("-inf")

    def gap(self) -> float:
        return 1.0 if self.objective is None else relative_gap(self.objective, self.bound)

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self.start
        if self.first is None:
            self.first = now
        self.objective = self.objective_value
        self.bound = max(self.bound, self.best_objective_bound)
        if self.objective_value <= self.floor * POINT + 0.5:  # at a proven bound: nothing left to find
            self.stop_search()
        if self.on_progress:
            bound = max(self.best_objective_bound / POINT, self.floor)
            self.on_progress(Progress(now, self.objective_value / POINT, bound, "search"))


class _Interrupt:
    """Ctrl-C stops the running CP-SAT search; the best roster found so far is kept."""

    def __init__(self) -> None:
        self.flag = threading.Event()
        self.solver: cp_model.CpSolver | None = None
        self.previous = None

    def __enter__(self) -> _Interrupt:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def _handle(self, signum: int, frame: object) -> None:
        self.flag.set()
        if self.solver is not None:
            self.solver.stop_search()

    def run(self, solver: cp_model.CpSolver, model: cp_model.CpModel, callback=None) -> int:
        """Solve in a worker thread, so that the main thread stays free to receive Ctrl-C.

        (Python runs signal handlers only in the main thread and only between bytecodes, never
        while it waits inside CP-SAT; CP-SAT's own SIGINT handling is switched off for the same reason.)
        """
        if self.flag.is_set():
            return cp_model.UNKNOWN
        self.solver = solver
        solver.parameters.catch_sigint_signal = False
        result: list[int] = []

        def work() -> None:
            result.append(solver.solve(model, callback) if callback is not None else solver.solve(model))

        try:
            if self.previous is None:  # not the main thread: no Ctrl-C to wait for
                work()
            else:
                worker = threading.Thread(target=work, daemon=True)
                worker.start()
                while worker.is_alive():
                    worker.join(0.2)
            return result[0] if result else cp_model.UNKNOWN
        finally:
            self.solver = None


def solve(
    problem: Problem,
    settings: SolverSettings,
    on_progress: Callable[[Progress], None] | None = None,
    log_callback: Callable[[str], None] | None = None,
    diagnose: bool = True,
) -> Roster:
    parts = split_by_zone(problem) if settings.zone_split else None
    if parts is not None:
        return _solve_by_zone(problem, parts, settings, on_progress, log_callback, diagnose)
    return _solve_one(problem, settings, on_progress, log_callback, diagnose)


def zone_shares(sizes: list[int], total: float, minimum: float) -> list[float]:
    """Each zone's seconds: in proportion to its officers, but at least `minimum`, taken from the larger
    zones' shares so the sum stays `total` (the region's 120 s ran to 129 s when the two small zones'
    minimum came on top). When `total` cannot give every zone its minimum, each gets the larger of the
    minimum and its proportional share (the solve runs over)."""
    if minimum * len(sizes) >= total:
        return [max(minimum, total * n / sum(sizes)) for n in sizes]
    floored: set[int] = set()
    while True:
        free = [k for k in range(len(sizes)) if k not in floored]
        left = total - minimum * len(floored)
        shares = {k: left * sizes[k] / sum(sizes[j] for j in free) for k in free}
        low = {k for k, v in shares.items() if v < minimum}
        if not low:
            return [minimum if k in floored else shares[k] for k in range(len(sizes))]
        floored |= low


def _plan_budget(
    total: float, left: float, deterministic: bool, with_patterns: bool, patterns_room: bool
) -> tuple[float, float, float]:
    """The staffing plan's (share, longest, good gap) for `_run_plan`. Everything after follows the plan,
    so a plan cut short (a poor one leaves mandatory work unmet) costs more than its time: it gets at
    least PLAN_FLOOR s (it stops earlier at a 2 % gap, usually in 1-5 s)."""
    share = max(PLAN_SHARE * total, min(PLAN_FLOOR, 0.5 * total))
    longest = min(max(share, PLAN_MAX_SHARE * total), left)
    if deterministic:  # from the settings only, never from the clock
        return share, share, PLAN_GOOD_GAP
    if patterns_room:
        # The patterns' bound replaces a plan cut short: PLAN_WITH_PATTERNS s, then on only until it has
        # a solution (the travel-limited merger's plan had none at 8 s; without one, no first roster).
        return min(share, PLAN_WITH_PATTERNS), longest, float("inf")
    if with_patterns:  # patterns to come, without room for more: its share only
        return share, share, PLAN_GOOD_GAP
    return share, longest, PLAN_GOOD_GAP


def _solve_by_zone(
    problem: Problem, parts: list[Problem], settings: SolverSettings, on_progress, log_callback, diagnose: bool
) -> Roster:
    """Each zone in turn, with time in proportion to its officers (time a zone leaves unused goes to the
    next ones); the region's roster is their union and its objective and bound their sums."""
    start = time.perf_counter()
    rosters: list[Roster] = []
    done_objective = done_bound = 0.0
    sizes = [len(p.officers) for p in parts]
    shares = zone_shares(sizes, settings.time_limit, 0.0 if settings.deterministic else ZONE_MIN_SECONDS)
    for k, part in enumerate(parts):
        if settings.deterministic:
            limit = shares[k]
        else:
            # Its share plus what the zones before it left unused (less what they ran over), but never
            # less than the time a first roster takes.
            limit = max(ZONE_MIN_SECONDS, sum(shares[: k + 1]) - (time.perf_counter() - start))

        def progress(p: Progress, base_obj: float = done_objective, base_bound: float = done_bound,
                     zone: str = part.zone) -> None:
            if on_progress:
                on_progress(Progress(time.perf_counter() - start, base_obj + p.objective, base_bound + p.bound,
                                     f"zone {zone}: {p.stage}" if p.stage else f"zone {zone}"))

        roster = _solve_one(part, settings.model_copy(update={"time_limit": limit}), progress, log_callback, diagnose)
        if roster.info.status not in ("OPTIMAL", "FEASIBLE") and not roster.info.interrupted and not settings.deterministic:
            # No first roster in the zone's share (a 1,500-officer zone needs more than 15 s): once more,
            # longer, rather than a region without a roster.
            roster = _solve_one(part, settings.model_copy(update={"time_limit": max(2 * limit, 30.0)}), progress,
                                log_callback, diagnose)
        rosters.append(roster)
        info = roster.info
        if info.status not in ("OPTIMAL", "FEASIBLE") or info.interrupted:
            break
        done_objective += info.objective or 0.0
        done_bound += info.best_bound if info.best_bound is not None else 0.0
    infos = [r.info for r in rosters]
    complete = len(rosters) == len(parts) and all(i.status in ("OPTIMAL", "FEASIBLE") for i in infos)
    status = ("OPTIMAL" if all(i.status == "OPTIMAL" for i in infos) else "FEASIBLE") if complete else infos[-1].status
    if not complete and infos[-1].status in ("OPTIMAL", "FEASIBLE"):
        status = "UNKNOWN"  # interrupted before every zone had a roster
    objective = sum(i.objective or 0.0 for i in infos) if complete else None
    bounds = [i.best_bound for i in infos]
    bound = sum(bounds) if complete and all(b is not None for b in bounds) else None
    sums: dict[str, float] = {}
    penalties: dict[str, float] = {}
    for i in infos:
        for key, v in i.tiers.items():
            sums[key] = sums.get(key, 0.0) + v
        for key, v in i.penalties.items():
            penalties[key] = penalties.get(key, 0.0) + v
    firsts = [i.first_solution_s for i in infos]
    info = SolveInfo(
        status=status, objective=objective, best_bound=bound, gap=relative_gap(objective, bound),
        wall_time_s=time.perf_counter() - start, build_time_s=sum(i.build_time_s for i in infos),
        first_solution_s=sum(firsts) if all(f is not None for f in firsts) else None,  # type: ignore[misc]
        seed=settings.seed, workers=settings.workers, deterministic=settings.deterministic,
        interrupted=any(i.interrupted for i in infos), solver_version=infos[0].solver_version, tiers=sums,
        penalties=penalties,
        explanation=[f"zone {p.zone}: {line}" for p, i in zip(parts, infos, strict=False) for line in i.explanation],
    )
    info.zones = {p.zone: {"status": i.status, "objective": i.objective, "best_bound": i.best_bound, "gap": i.gap,
                           "officers": len(p.officers), "wall_time_s": round(i.wall_time_s, 2)}
                  for p, i in zip(parts, infos, strict=False)}
    return Roster([a for r in rosters for a in r.assignments], info)


def _solve_one(
    problem: Problem,
    settings: SolverSettings,
    on_progress: Callable[[Progress], None] | None,
    log_callback: Callable[[str], None] | None,
    diagnose: bool,
) -> Roster:
    strategy = settings.strategy
    if strategy == "auto":
        # Benchmark instances (small, with hard total-minute bounds) go to the full model directly.
        large = len(problem.officers) * problem.days > DECOMPOSE_ABOVE
        strategy = "decomposed" if large and not problem.nrp else "monolithic"
    start = time.perf_counter()
    with _Interrupt() as interrupt:
        if strategy == "decomposed":
            roster = _solve_decomposed(problem, settings, on_progress, log_callback, interrupt, start)
            if roster is not None:
                return roster
        if strategy == "monolithic" and separable(problem):
            roster = _solve_by_columns(problem, settings, on_progress, log_callback, interrupt, start)
            if roster is not None:
                return roster
        # The plan's bound helps police zones; on the benchmark it is weaker than the model's own
        # (measured on instances 1-7), so the whole time goes to the search there.
        floor = None if problem.nrp else _plan_bound(problem, settings, interrupt, min(PLAN_SHARE * settings.time_limit, 10.0))
        return _solve_full(problem, settings, on_progress, log_callback, interrupt, start, floor=floor, diagnose=diagnose)


def _stages(start: float, on_progress, log_callback, prefix: str) -> Callable[[str], None]:
    """The stage announcer of a strategy: the display gets the stage's name, the log a line."""

    def stage(name: str) -> None:
        if on_progress:
            on_progress(Progress(time.perf_counter() - start, float("nan"), float("nan"), name))
        if log_callback:
            log_callback(f"[{prefix}] {name} (at {time.perf_counter() - start:.1f} s)")

    return stage


def _solve_by_columns(problem, settings, on_progress, log_callback, interrupt, start) -> Roster | None:
    """Officers who meet only in cover: column generation over whole schedules (its bound), a roster
    searched from its relaxation, then the full model from that roster. None: fall back."""
    total = settings.time_limit

    stage = _stages(start, on_progress, log_callback, "columns")

    stage("column generation")
    columns = horizon_columns(problem, GENERATION_SHARE * total, settings.workers, settings.deterministic,
                              log_callback, stop=interrupt.flag.is_set)
    if columns is None:
        return None
    # After Ctrl-C the steps below return at once, and the relaxation's heaviest columns are the roster.
    stage("roster from the relaxation")
    if settings.deterministic:
        limit = SEARCH_SHARE * total
    else:
        limit = total - (time.perf_counter() - start) - FULL_SHARE * total
    first: list[float] = []  # the time of the search's first roster

    def on_roster(objective: float) -> None:  # the display and the benchmark's time to best follow the search
        now = time.perf_counter() - start
        if not first:
            first.append(now)
        if on_progress:
            on_progress(Progress(now, objective, columns.bound, "search"))

    built = build_model(problem)  # one build for both steps (instance 12: 0.86 s)
    worked = relaxation_search(problem, built, columns, settings, max(1.0, limit), interrupt.run, log_callback,
                               on_roster, stop=interrupt.flag.is_set)
    stage("improving")
    return _solve_full(problem, settings, on_progress, log_callback, interrupt, start, hint=(worked, {}),
                       floor=columns.bound, diagnose=False, first_roster=first[0] if first else None, built=built)


def _solve_full(
    problem: Problem,
    settings: SolverSettings,
    on_progress,
    log_callback,
    interrupt: _Interrupt,
    start: float,
    hint: tuple[dict[int, list[int]], dict[tuple[int, int, int], int]] | None = None,
    floor: float | None = None,
    diagnose: bool = True,
    first_roster: float | None = None,
    built: BuiltModel | None = None,
) -> Roster:
    """`built`: the full model when a caller built it already (it gains the hints and the fixings)."""
    if built is None:
        built = build_model(problem)
    if hint is not None:
        worked, counts = hint
        on = {(o, i) for o, insts in worked.items() for i in insts}
        for o, xo in enumerate(built.vars.x):
            for i, lit in xo.items():
                built.model.add_hint(lit, (o, i) in on)
        for key, var in built.vars.n.items():
            built.model.add_hint(var, counts.get(key, 0))
    watcher = _Watcher(start, on_progress, floor if floor is not None else float("-inf"))
    fallback = None
    kept_hint = False
    if hint is not None:
        # The hinted roster, evaluated exactly; then a complete hint (every variable) for the search.
        # Not interruptible: it is quick, and after Ctrl-C it is the roster that gets written.
        fallback = complete_hint(built.model, settings, 30)
        if fallback is not None and log_callback:
            log_callback(f"[full model] hinted roster: objective {fallback.objective_value / POINT:,.2f} "
                         f"(at {time.perf_counter() - start:.1f} s)")
    solver = cp_model.CpSolver()
    if settings.deterministic:  # budgets from the settings only, never from the clock
        remaining = settings.time_limit * (POLISH_SHARE if hint is not None else 1.0)
    else:
        remaining = settings.time_limit - (time.perf_counter() - start)
    solver_parameters(solver, settings, time_limit=remaining, log=log_callback is not None)
    if log_callback is not None:
        solver.log_callback = log_callback
    code = interrupt.run(solver, built.model, watcher)
    if fallback is not None and (
        code not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or solver.objective_value > fallback.objective_value
    ):
        bound = solver.best_objective_bound if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
        solver, code = fallback, cp_model.FEASIBLE
        # The fallback solved a model with every variable fixed: its own bound is its objective, not a
        # bound on the roster problem. Only the search's bound and the plan's floor are bounds.
        kept_hint = True
        floor = max(b for b in (floor, bound / POINT if bound is not None else None, 0.0) if b is not None)
    status = solver.status_name(code)
    info = SolveInfo(
        status=status, wall_time_s=round(time.perf_counter() - start, 3), build_time_s=round(built.seconds, 3),
        first_solution_s=first_roster if first_roster is not None else watcher.first,
        seed=settings.seed, workers=settings.workers, deterministic=settings.deterministic,
        interrupted=interrupt.flag.is_set(), solver_version=f"ortools {ortools.__version__}",
    )
    if info.first_solution_s is not None:
        info.first_solution_s = round(info.first_solution_s, 3)
    if status not in ("OPTIMAL", "FEASIBLE"):
        if status == "INFEASIBLE" and diagnose and not info.interrupted:
            info.explanation = explain_infeasible(problem, settings)
        elif status == "MODEL_INVALID":
            # Weights and counts each within their bounds can still multiply past 64-bit integers.
            why = (built.model.validate() or solver.solution_info()).split(": vars")[0][:200]  # not the variable lists
            info.explanation = [f"the solver rejects the model{': ' + why if why else ''}",
                                "objective weights x counts x slots too large? lower the largest weights"]
        return Roster([], info)
    bound = solver.best_objective_bound / POINT if not kept_hint else float("-inf")
    solver = _tighten(built, solver, settings)
    info.objective = round(solver.objective_value) / POINT  # internal units are integers
    if floor is not None:
        bound = max(bound, floor)
    info.best_bound = min(bound, info.objective)
    info.gap = relative_gap(info.objective, info.best_bound)
    if info.gap == 0 and status == "FEASIBLE":
        info.status = "OPTIMAL"
    for p in built.penalties:
        value = p.weight * (p.expr if isinstance(p.expr, int) else solver.value(p.expr)) / POINT
        if value:
            info.penalties[p.name] = info.penalties.get(p.name, 0) + value
            info.tiers[p.tier] = info.tiers.get(p.tier, 0) + value
    info.tiers = {t: info.tiers[t] for t in TIERS if t in info.tiers}
    return Roster(read_assignments(problem, built, solver), info)


def _plan_bound(problem: Problem, settings: SolverSettings, interrupt: _Interrupt, limit: float) -> float | None:
    """The staffing plan's lower bound (often far better than the full model's own, and cheap)."""
    plan = build_plan_model(problem)
    solver = cp_model.CpSolver()
    solver_parameters(solver, settings, time_limit=limit)
    if interrupt.run(solver, plan.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver.best_objective_bound / POINT
    return None


def _tighten(built: BuiltModel, solver: cp_model.CpSolver, settings: SolverSettings) -> cp_model.CpSolver:
    """Re-solve with every decision fixed, so each slack is at its least and the objective is exact.

    A feasible (not optimal) CP-SAT solution may carry slack above what its decisions need; the
    roster's objective must be the one the checker recomputes from the assignments alone.
    """
    model = built.model
    model.clear_hints()
    for xo in built.vars.x:
        for lit in xo.values():
            model.add(lit == solver.boolean_value(lit))
    for var in built.vars.n.values():
        model.add(var == solver.value(var))
    tight = cp_model.CpSolver()
    tight.parameters.num_workers = 1
    tight.parameters.max_time_in_seconds = 30
    code = tight.solve(model)
    return tight if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver


def _solve_decomposed(problem, settings, on_progress, log_callback, interrupt, start) -> Roster | None:
    """Plan, assign per class group, pick duties, then polish with the full model. None: fall back."""
    total = settings.time_limit

    def left() -> float:
        return total - (time.perf_counter() - start)

    stage = _stages(start, on_progress, log_callback, "decomposed")

    stage("staffing plan")
    plan = build_plan_model(problem)
    solver = cp_model.CpSolver()
    # The search ends in time for the exact evaluation, which takes about 10 ms per officer; but a zone
    # given little time keeps three quarters of it for the search (3,000 officers in 3 zones at 60 s:
    # with 10 s of 20 kept for the end, the groups never staffed 44 mandatory hours), and runs over.
    final = min(FINAL_SECONDS_PER_OFFICER * len(problem.officers), FINAL_MAX_SHARE * total)
    search_end = total - max(POLISH_SHARE * total, final)  # seconds from the start
    needed = PATTERN_MIN_SECONDS + PATTERN_SECONDS_PER_OFFICER * len(problem.officers)
    with_patterns = PATTERNS and enumerable(problem)
    patterns_room = with_patterns and search_end - PLAN_WITH_PATTERNS >= needed
    budget = _plan_budget(total, left(), settings.deterministic, with_patterns, patterns_room)
    code = _run_plan(solver, plan.model, settings, interrupt, *budget)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    floor = solver.best_objective_bound / POINT
    plan_classes = plan.vars.classes

    stage("first roster")
    targets = {key: var if isinstance(var, int) else solver.value(var) for key, var in plan.y.items()}
    mandatory: dict[tuple[int, int], int] = {}
    for (i, k, c), var in plan.vars.n.items():
        duty = problem.duties[k]
        if duty.kind == "task" and duty.priority == "mandatory":
            mandatory[(i, c)] = mandatory.get((i, c), 0) + solver.value(var)
    worked = greedy_roster(problem, plan_classes, targets, first=mandatory)
    if worked is None:
        return None
    # From here on, classes of officers who may do the same duties (the plan's may be coarser).
    classes = officer_classes(problem)
    stage("duties")
    # Once the greedy roster exists, Ctrl-C still gets it: its duties are not interruptible (about a
    # second), and every later stage skips to the final evaluation of the best roster so far.
    counts = _best_duties(problem, classes, worked, settings, interrupt, interruptible=False)
    if counts is None:
        return None
    first_roster = time.perf_counter() - start
    lns_share = LNS_SHARE
    kept: _Scored | None = None

    lns_end = start + search_end

    def usable() -> float:
        return lns_end - time.perf_counter()

    room = total if settings.deterministic else usable()  # deterministic: from the settings only
    if PATTERNS and room >= needed and not interrupt.flag.is_set():
        stage("weekly patterns")
        patterns = pattern_plan(problem, min(PATTERN_SHARE * total, 0.6 * usable()), settings.deterministic,
                                log_callback, stop=interrupt.flag.is_set, initial=worked)
        if patterns is not None:
            floor = max(floor, patterns.bound)
            stage("roster from weekly patterns")
            limit = PATTERN_ROSTER_SHARE * total if settings.deterministic else PATTERN_ROSTER_LEFT * usable()
            from_patterns = pattern_roster(problem, patterns, settings, limit, interrupt.run)
            counts_then = _best_duties(problem, classes, from_patterns, settings, interrupt)
            if counts_then is not None:
                # Patterns given little time can give a worse roster than the greedy one: keep the better,
                # a legal one first (a strict task left short is a hard violation the objective omits).
                ours, greedy = _scored(problem, classes, from_patterns, counts_then), _scored(problem, classes, worked, counts)
                choose_ours = (ours.hard, ours.objective) <= (greedy.hard, greedy.objective)
                if log_callback:
                    log_callback(f"[decomposed] roster from patterns {ours.objective:,.2f} ({ours.hard} hard violations), "
                                 f"greedy roster {greedy.objective:,.2f} ({greedy.hard}): "
                                 f"{'patterns' if choose_ours else 'greedy'} kept")
                kept = ours if choose_ours else greedy
                if kept is ours:
                    worked, counts = from_patterns, counts_then
            lns_share = max(0.1, LNS_SHARE - PATTERN_SHARE - PATTERN_ROSTER_SHARE)

    stage("improving by officer groups")
    # The first roster's objective, by the checker (plain Python, a fraction of a second), so that the
    # progress display shows best, bound and gap through the search; each step then subtracts its gain.
    # Already known when the roster from patterns was weighed against the greedy one.
    if kept is None:
        kept = _Scored(_with_duties(problem, classes, worked, counts), 0.0, 0)
        if on_progress:  # only a display needs it
            kept = _scored(problem, classes, worked, counts)
    current, objective = kept.duties, kept.objective
    if on_progress:
        on_progress(Progress(time.perf_counter() - start, objective, floor, "improving by officer groups"))
    groups = by_shortfall(problem, task_groups(problem, classes, max_officers=GROUP_OFFICERS), current)
    step = idle = turn = exchanges = windows = 0
    first_round = EXCHANGE_AFTER_ROUNDS * len(groups)
    while groups and idle < len(groups) and not interrupt.flag.is_set():
        if settings.deterministic:
            limit = LNS_STEP
            if step * LNS_STEP >= lns_share * total:
                break
        else:
            limit = min(LNS_STEP, lns_end - time.perf_counter())
            if limit < 0.5:
                break
        # During the first round of class groups, every EXCHANGE_EVERY-th step is a shortfall group while
        # a mandatory task is short; after it, the kinds of AFTER_FIRST_ROUND in turn ("mixed": a
        # shortfall group while a mandatory task is short, else an exchange group); a kind with no group
        # to offer gives way to a class group.
        members, kind, free_days = None, "class", None
        if step < first_round:
            want = "mixed" if EXCHANGE_EVERY and step % EXCHANGE_EVERY == 1 else "class"
        else:
            want = AFTER_FIRST_ROUND[(step - first_round) % len(AFTER_FIRST_ROUND)]
        if want == "mixed":
            members, kind = shortfall_group(problem, current, EXCHANGE_OFFICERS, exchanges, settings.seed), "shortfall"
            if members is None and step >= first_round:
                members, kind = exchange_group(problem, current, EXCHANGE_OFFICERS, exchanges, settings.seed), "exchange"
            exchanges += 1
        elif want == "window":
            found = window_group(problem, current, WINDOW_OFFICERS, windows, WINDOW_DAYS, settings.seed)
            windows += 1
            if found is not None:
                (members, free_days), kind = found, "window"
        if members is None:
            kind = "class"
            members = [o for c in groups[turn % len(groups)] for o in c.officers]
            turn += 1
        step += 1
        t_step = time.perf_counter()
        better = improve_group(problem, current, members, settings, limit, interrupt.run, free_days)
        if log_callback:
            log_callback(f"[decomposed] step {step}: {kind} group of {len(members)} officers, "
                         f"gain {better[1] if better else 0:,.2f} points in {time.perf_counter() - t_step:.1f} s "
                         f"(at {time.perf_counter() - start:.1f} s)")
        if better is None:
            idle += kind == "class"
            continue
        idle = 0
        objective -= better[1]
        if on_progress:
            on_progress(Progress(time.perf_counter() - start, objective, floor, "improving by officer groups"))
        gone = set(members)
        current = {key: k for key, k in current.items() if key[0] not in gone} | better[0]
    worked = {}
    counts = {}
    class_of = {o: c.index for c in classes for o in c.officers}
    for (o, i), k in current.items():
        worked.setdefault(o, []).append(i)
        if k:
            counts[(i, k, class_of[o])] = counts.get((i, k, class_of[o]), 0) + 1

    stage("improving")
    roster = _solve_full(
        problem, settings, on_progress, log_callback, interrupt, start,
        hint=(worked, counts), floor=floor, diagnose=False, first_roster=first_roster,
    )
    return roster if roster.assignments else None


def _with_duties(
    problem: Problem, classes, worked: dict[int, list[int]], counts: dict[tuple[int, int, int], int]
) -> dict[tuple[int, int], int]:
    """Who works when, with the duty counts given to officers: (officer, instance) -> duty."""
    by_inst: dict[int, list[int]] = {}
    for o, insts in worked.items():
        for i in insts:
            by_inst.setdefault(i, []).append(o)
    return assign_duties(problem, by_inst, counts, [c.officers for c in classes])


class _Scored(NamedTuple):
    """A roster with its duties, as the checker scores it."""

    duties: dict[tuple[int, int], int]
    objective: float
    hard: int  # hard violations


def _scored(problem: Problem, classes, worked: dict[int, list[int]], counts: dict[tuple[int, int, int], int]) -> _Scored:
    """A roster with its duties, its objective and its number of hard violations by the checker (plain
    Python, ~0.2 s at 1,000 officers)."""
    duties = _with_duties(problem, classes, worked, counts)
    result = check_roster(problem, to_assignments(problem, duties))
    return _Scored(duties, result.objective, len(result.hard_violations))


def _best_duties(problem: Problem, classes, worked: dict[int, list[int]], settings: SolverSettings,
                 interrupt: _Interrupt, interruptible: bool = True) -> dict[tuple[int, int, int], int] | None:
    """The best duty counts (instance, duty, class) for who works when: the plan with its counts fixed."""
    realised: dict[tuple[int, int], int] = {}
    class_of = {o: c.index for c in classes for o in c.officers}
    for o, insts in worked.items():
        for i in insts:
            realised[(i, class_of[o])] = realised.get((i, class_of[o]), 0) + 1
    duty_model = build_plan_model(problem, fixed=realised, classes=classes)
    solver = cp_model.CpSolver()
    solver_parameters(solver, settings, time_limit=max(1.0, 0.05 * settings.time_limit))
    # Not interruptible: solved here, Ctrl-C (CP-SAT's own handling is off) only sets the flag meanwhile.
    code = interrupt.run(solver, duty_model.model) if interruptible else solver.solve(duty_model.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {key: solver.value(var) for key, var in duty_model.vars.n.items()}


def _run_plan(solver: cp_model.CpSolver, model: cp_model.CpModel, settings: SolverSettings, interrupt: _Interrupt,
              share: float, longest: float, good_gap: float = PLAN_GOOD_GAP) -> int:
    """Solve the plan: until a 2 % gap, or `share` seconds if it has a solution within `good_gap` by
    then, else on (checking every half second) until it has, or `longest` seconds."""
    solver_parameters(solver, settings, time_limit=longest)
    solver.parameters.relative_gap_limit = max(settings.relative_gap, 0.02)
    # A light presolve: the plan is small and its LP does the work (1,000 officers: proven in 5.5 s
    # instead of 7.4 s, brussels-south 0.8 s instead of 1.4 s; medians of 3).
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    # The root LP solved in one go rather than in slices of 2,000 iterations (the default): the plan's
    # bound and its first good solution both wait for it. Merged region: 57 s -> 17 s to a 2 % gap;
    # 1,000 generated officers 6.5-8.3 s -> 5.5-7.0 s (3 pairs); brussels-south and 100 officers
    # within +-0.1 s.
    solver.parameters.root_lp_iterations = PLAN_ROOT_LP_ITERATIONS
    if longest <= share:
        return interrupt.run(solver, model)
    progress = _Watcher(time.perf_counter())
    solver.best_bound_callback = lambda bound: setattr(progress, "bound", max(progress.bound, bound))
    done = threading.Event()

    def watch() -> None:
        if done.wait(share):
            return
        while progress.objective is None or progress.gap() > good_gap:
            if done.wait(0.5):
                return
        solver.stop_search()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return interrupt.run(solver, model, progress)
    finally:
        done.set()
        watcher.join()


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


def explain_infeasible(problem: Problem, settings: SolverSettings) -> list[str]:
    """A first explanation: which single rule family, left out, makes the model feasible."""
    out = []
    limit = max(1.0, min(10.0, settings.time_limit / 10))
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
