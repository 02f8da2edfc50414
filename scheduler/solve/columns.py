"""Officers who meet only in cover: column generation over whole schedules (its bound), a roster
searched from its relaxation, then the full model from that roster."""

from __future__ import annotations

from scheduler.model.build import build_model
from scheduler.roster import Roster
from scheduler.solve.budget import TimeBudget
from scheduler.solve.context import RunContext
from scheduler.solve.full import solve_full
from scheduler.solve.horizon_columns import horizon_columns, relaxation_search


def solve_by_columns(run: RunContext) -> Roster | None:
    """None: no columns for some officer; the caller falls back to the full model."""
    problem, settings = run.problem, run.settings
    budget: TimeBudget = run.budget
    stage = run.stages("columns")

    stage("column generation")
    columns = horizon_columns(problem, budget.generation(), settings.workers, settings.deterministic,
                              run.log_callback, stop=run.interrupt.flag.is_set)
    if columns is None:
        return None
    # After Ctrl-C the steps below return at once, and the relaxation's heaviest columns are the roster.
    stage("roster from the relaxation")
    limit = budget.relaxation_search()
    first: list[float] = []  # the time of the search's first roster

    def on_roster(objective: float) -> None:  # the display and the benchmark's time to best follow the search
        if not first:
            first.append(run.elapsed())
        run.progress(objective, columns.bound, "search")

    built = build_model(problem)  # one build for both steps (instance 12: 0.86 s)
    worked = relaxation_search(problem, built, columns, settings, limit, run.interrupt.run, run.log_callback,
                               on_roster, stop=run.interrupt.flag.is_set)
    stage("improving")
    return solve_full(run, hint=(worked, {}), floor=columns.bound, diagnose=False,
                      first_roster=first[0] if first else None, built=built)
