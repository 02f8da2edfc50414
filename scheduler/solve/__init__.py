"""How a roster is found (solver.strategy; `auto` picks by size and kind, see `auto_strategy`).

- monolithic: the full model, solved once, with the staffing plan's bound as its floor
  (`solver.plan_bound`); officers who meet only in cover get column generation over whole schedules
  first (`columns.py`);
- decomposed: plan, greedy roster, weekly patterns, search by officer groups, then the full model
  (`decomposed.py`);
- rolling (horizons above budget.LONG_HORIZON_DAYS, except problems of shift cover alone of at most
  budget.COVER_ONLY_WHOLE_HORIZON_MAX officer-days, which get columns over the whole horizon): windows
  solved in turn, each by the strategy above
  for its size, the days before it fixed (`rolling.py`), then a search over stretches of the whole
  horizon that the checker judges (`horizon_search.py`).
A region whose zones nothing couples is solved zone by zone (`zones.py`, `solver.zone_split`). A path
that ends without a roster gives way to the full model alone (`full.py`). Every path ends in the full
model, then local moves (`polish.py`). Every limit comes from the time budget (`budget.py`); every
strategy receives one `RunContext`.
"""

from __future__ import annotations

from scheduler.problem import Problem
from scheduler.roster import Roster
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.budget import (
    COVER_ONLY_DECOMPOSE_ABOVE,
    COVER_ONLY_WHOLE_HORIZON_MAX,
    DECOMPOSE_ABOVE,
    LONG_HORIZON_DAYS,
    ZONE_MIN_SECONDS,
)
from scheduler.solve.columns import solve_by_columns
from scheduler.solve.context import RunContext
from scheduler.solve.decomposed import solve_decomposed
from scheduler.solve.full import plan_bound, solve_full
from scheduler.solve.horizon_columns import separable
from scheduler.solve.interrupt import Interrupt
from scheduler.solve.progress import LogCallback, Progress, ProgressCallback, relative_gap
from scheduler.solve.rolling import solve_rolling
from scheduler.solve.shared import ZoneRosters
from scheduler.solve.split import split_by_zone
from scheduler.solve.start import start_hint
from scheduler.solve.zones import solve_by_zone

__all__ = ["Progress", "auto_strategy", "relative_gap", "solve", "time_limit_note"]


def time_limit_note(problem: Problem, settings: SolverSettings) -> str | None:
    """What to say before a region's solve whose limit cannot give every zone the time a large zone's
    first roster takes (the zones share the limit; a zone whose plan has no solution in its share goes on
    until it has one, so the solve runs over the limit rather than ends without a roster)."""
    parts = split_by_zone(problem) if settings.zone_split else None
    if parts is None or settings.deterministic or settings.time_limit >= ZONE_MIN_SECONDS * len(parts):
        return None
    return (f"{len(parts)} zones share {settings.time_limit:g} s; a large zone needs about {ZONE_MIN_SECONDS:g} s "
            f"for a first roster, so the solve may run over the limit (--time-limit {ZONE_MIN_SECONDS * len(parts):g} "
            "gives every zone that)")


def solve(
    problem: Problem,
    settings: SolverSettings,
    on_progress: ProgressCallback | None = None,
    log_callback: LogCallback | None = None,
    diagnose: bool = True,
    shared: ZoneRosters | None = None,
    starts: dict[str, Roster] | None = None,
) -> Roster:
    """A roster of `problem` within `settings.time_limit` (Ctrl-C: the best found so far, marked interrupted).
    `shared`: zones solved once across scenarios (`shared.py`), read and added to when solved zone by zone.
    `starts`: zone -> a roster of a similar problem to start from (`start.py`; the zone's id for one problem)."""
    parts = split_by_zone(problem) if settings.zone_split else None
    if parts is not None:
        def one(part: Problem, limit: SolverSettings, progress: ProgressCallback | None, log: LogCallback | None,
                explain: bool) -> Roster:
            return solve_one(part, limit, progress, log, explain, (starts or {}).get(part.zone))

        return solve_by_zone(problem, parts, settings, one if starts else solve_one, on_progress, log_callback,
                             diagnose, shared)
    return solve_one(problem, settings, on_progress, log_callback, diagnose, (starts or {}).get(problem.zone))


def solve_one(problem: Problem, settings: SolverSettings, on_progress: ProgressCallback | None = None,
              log_callback: LogCallback | None = None, diagnose: bool = True, start: Roster | None = None) -> Roster:
    """One problem, by the strategy its settings and size ask for; `start`: a similar problem's roster to
    begin from where the checker scores it better than the strategy's own first roster."""
    with Interrupt() as interrupt:
        run = RunContext(problem, settings, interrupt, on_progress, log_callback, diagnose, start_roster=start)
        if settings.strategy == "rolling" or (problem.days > LONG_HORIZON_DAYS and not whole_horizon_columns(problem)):
            # Each window gets the strategy asked for (auto: by its size); rolling itself is not nested.
            window_strategy = "auto" if settings.strategy == "rolling" else settings.strategy
            roster = solve_rolling(run, lambda child: _solve_run(child, window_strategy))
            if roster is not None:
                return roster
        return _solve_run(run, settings.strategy if settings.strategy != "rolling" else "auto")


def whole_horizon_columns(problem: Problem) -> bool:
    """A long horizon of shift cover alone small enough for column generation over whole schedules: solved
    by columns over the whole horizon, not rolled (measured better at 600 s, budget.py)."""
    return separable(problem) and len(problem.officers) * problem.days <= COVER_ONLY_WHOLE_HORIZON_MAX


def auto_strategy(problem: Problem) -> str:
    """`decomposed` above the size from which it was measured to do better (budget.py), else `monolithic`
    (a long horizon of shift cover alone with columns over the whole horizon: `monolithic`)."""
    if problem.days > LONG_HORIZON_DAYS and whole_horizon_columns(problem):
        return "monolithic"
    limit = COVER_ONLY_DECOMPOSE_ABOVE if separable(problem) else DECOMPOSE_ABOVE
    return "decomposed" if len(problem.officers) * problem.days > limit else "monolithic"


def _solve_run(run: RunContext, strategy: str) -> Roster:
    problem, settings = run.problem, run.settings
    if strategy == "auto":
        strategy = auto_strategy(problem)
    if strategy == "decomposed":
        roster = solve_decomposed(run)
        if roster is not None:
            return roster
    if strategy == "monolithic" and separable(problem):
        roster = solve_by_columns(run)
        if roster is not None:
            return roster
    floor = plan_bound(run) if settings.plan_bound else None
    return solve_full(run, hint=start_hint(run), floor=floor, diagnose=run.diagnose)
