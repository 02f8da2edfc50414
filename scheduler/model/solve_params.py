"""CP-SAT parameters from the scenario's solver settings (shared by every stage)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.config import SolverSettings


def solver_parameters(
    solver: cp_model.CpSolver, settings: SolverSettings, time_limit: float | None = None, log: bool = False
) -> None:
    p = solver.parameters
    limit = settings.time_limit if time_limit is None else max(0.1, time_limit)
    p.num_workers = settings.workers
    p.random_seed = settings.seed
    p.relative_gap_limit = settings.relative_gap
    p.log_search_progress = log
    p.log_to_stdout = False
    p.catch_sigint_signal = False  # Ctrl-C is handled by solve.py (stop, keep the best roster)
    if settings.deterministic:
        # Interleaved search is reproducible for a given seed and worker count; a wall-clock limit
        # is not, so the limit is on deterministic time (the wall limit stays as a safety net).
        p.interleave_search = True
        p.max_deterministic_time = limit
        p.max_time_in_seconds = limit * 20
    else:
        p.max_time_in_seconds = limit
