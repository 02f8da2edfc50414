"""CP-SAT parameters from the scenario's solver settings (shared by every stage)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.scenario.schema import SolverSettings

# The full-problem workers, in order of preference: `max_lp` (the strongest linearization) first. With
# 2 workers CP-SAT's own portfolio has only `default_lp`, whose bound stalls on these models (2 workers,
# 2 cores): the staffing plan of a generated 100-officer zone stays at a 31 % gap after 30 s and is
# proven optimal in 0.5 s with max_lp (a 1,000-officer zone's: not in 30 s, then 5.7 s); Curtois-Qu
# instances 2, 3, 4 and 6 are proven optimal within 60 s (5 in one run of two; none beyond 1 was before);
# the officer-group steps of brussels-south reach 113-117 k at 60 s instead of 120-122 k.
STRONG_LP_SUBSOLVERS = ("max_lp", "default_lp", "core", "no_lp", "quick_restart", "reduced_costs")


def solver_parameters(
    solver: cp_model.CpSolver, settings: SolverSettings, time_limit: float | None = None, log: bool = False
) -> None:
    p = solver.parameters
    if settings.workers < 8 and not p.subsolvers:  # CP-SAT's own portfolio has max_lp from 8 workers
        p.subsolvers.extend(STRONG_LP_SUBSOLVERS)
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


class StopAt(cp_model.CpSolverSolutionCallback):
    """Stops the search at the first solution whose objective (internal units) is <= target: a proven
    bound reached, nothing better to find."""

    def __init__(self, target: float) -> None:
        super().__init__()
        self.target = target

    def on_solution_callback(self) -> None:
        if self.objective_value <= self.target:
            self.stop_search()
