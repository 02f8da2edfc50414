"""Solve the model and read the roster back; diagnose an infeasible model by rule family."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import ortools
from ortools.sat.python import cp_model

from scheduler.config import SolverSettings
from scheduler.model.build import BuiltModel, build_model
from scheduler.model.constraints import FAMILIES
from scheduler.model.penalties import POINT, TIERS
from scheduler.problem import Problem
from scheduler.roster import Assignment, Roster, SolveInfo, assign_duties

STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


@dataclass
class Progress:
    elapsed: float
    objective: float
    bound: float

    @property
    def gap(self) -> float:
        return relative_gap(self.objective, self.bound)


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    if abs(objective) < 1e-9:
        return 0.0 if abs(bound) < 1e-9 else 1.0
    return max(0.0, (objective - bound) / abs(objective))


class _Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(self, start: float, on_progress: Callable[[Progress], None] | None) -> None:
        super().__init__()
        self.start = start
        self.first: float | None = None
        self.on_progress = on_progress

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self.start
        if self.first is None:
            self.first = now
        if self.on_progress:
            self.on_progress(Progress(now, self.objective_value / POINT, self.best_objective_bound / POINT))


def solver_parameters(solver: cp_model.CpSolver, settings: SolverSettings, log: bool = False) -> None:
    p = solver.parameters
    p.num_workers = settings.workers
    p.random_seed = settings.seed
    p.relative_gap_limit = settings.relative_gap
    p.log_search_progress = log
    if settings.deterministic:
        # Interleaved search is reproducible for a given seed and worker count; a wall-clock limit
        # is not, so the limit is on deterministic time (the wall limit stays as a safety net).
        p.interleave_search = True
        p.max_deterministic_time = settings.time_limit
        p.max_time_in_seconds = settings.time_limit * 20
    else:
        p.max_time_in_seconds = settings.time_limit


def solve(
    problem: Problem,
    settings: SolverSettings,
    on_progress: Callable[[Progress], None] | None = None,
    log_callback: Callable[[str], None] | None = None,
    diagnose: bool = True,
) -> Roster:
    t0 = time.perf_counter()
    built = build_model(problem)
    build_time = time.perf_counter() - t0
    solver = cp_model.CpSolver()
    solver_parameters(solver, settings, log=log_callback is not None)
    if log_callback is not None:
        solver.log_callback = log_callback
    watcher = _Watcher(time.perf_counter(), on_progress)
    interrupted = threading.Event()

    def on_sigint(signum, frame):  # Ctrl-C: stop the search, keep the best roster found so far
        interrupted.set()
        solver.stop_search()

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        t1 = time.perf_counter()
        code = solver.solve(built.model, watcher)
        wall = time.perf_counter() - t1
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    status = STATUS[code]
    info = SolveInfo(
        status=status, wall_time_s=round(wall, 3), build_time_s=round(build_time, 3),
        first_solution_s=None if watcher.first is None else round(watcher.first, 3),
        seed=settings.seed, workers=settings.workers, deterministic=settings.deterministic,
        interrupted=interrupted.is_set(), solver_version=f"ortools {ortools.__version__}",
    )
    if status not in ("OPTIMAL", "FEASIBLE"):
        if status == "INFEASIBLE" and diagnose and not interrupted.is_set():
            info.explanation = explain_infeasible(problem, settings)
        return Roster([], info)
    info.objective = solver.objective_value / POINT
    info.best_bound = solver.best_objective_bound / POINT
    info.gap = relative_gap(info.objective, info.best_bound)
    for p in built.penalties:
        value = p.weight * solver.value(p.expr) / POINT if not isinstance(p.expr, int) else p.weight * p.expr / POINT
        if value:
            info.penalties[p.name] = info.penalties.get(p.name, 0) + value
            info.tiers[p.tier] = info.tiers.get(p.tier, 0) + value
    info.tiers = {t: info.tiers[t] for t in TIERS if t in info.tiers}
    return Roster(read_assignments(problem, built, solver), info)


def read_assignments(problem: Problem, built: BuiltModel, solver: cp_model.CpSolver) -> list[Assignment]:
    v = built.vars
    worked: dict[int, list[int]] = {}
    for o, xo in enumerate(v.x):
        for i, lit in xo.items():
            if solver.boolean_value(lit):
                worked.setdefault(i, []).append(o)
    counts = {key: solver.value(var) for key, var in v.n.items()}
    duties = assign_duties(problem, worked, counts, [c.officers for c in v.classes])
    out = []
    for (o, i), k in duties.items():
        inst = problem.instances[i]
        out.append(Assignment(problem.officers[o].id, inst.day, problem.shift_types[inst.shift].id, problem.duties[k].id))
    return sorted(out, key=lambda a: (a.day, a.officer))


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
