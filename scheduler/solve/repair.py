"""Repairing a published roster: the full model (with its change term) searched from the published roster.

The published roster, less the shifts the changes made impossible (an absence, a duty the officer may no
longer do or the scenario no longer has: then emergency response), is nearly feasible and, with every
change priced, nearly optimal: CP-SAT starts from it as a hint (`full.solve_full` evaluates it exactly
first) and searches the changes. No staffing plan or greedy roster: the published roster replaces both,
which is what makes a small repair of a 300-officer zone take seconds.
"""

from __future__ import annotations

from scheduler.model.variables import officer_classes
from scheduler.problem import Problem
from scheduler.roster import Roster, published_duties
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.context import RunContext
from scheduler.solve.full import Hint, solve_full
from scheduler.solve.interrupt import Interrupt
from scheduler.solve.progress import LogCallback, ProgressCallback


def published_hint(problem: Problem) -> Hint:
    """Who works when and the duty counts of the published roster, kept where the changed problem allows."""
    class_of = {o: c.index for c in officer_classes(problem) for o in c.officers}
    worked: dict[int, list[int]] = {}
    counts: dict[tuple[int, int, int], int] = {}
    for (o, i), k in sorted(published_duties(problem).items()):
        officer = problem.officers[o]
        if i in officer.blocked:
            continue
        worked.setdefault(o, []).append(i)
        if k > 0 and k in officer.duties:
            key = (i, k, class_of[o])
            counts[key] = counts.get(key, 0) + 1
    return worked, counts


def solve_repair(problem: Problem, settings: SolverSettings, on_progress: ProgressCallback | None = None,
                 log_callback: LogCallback | None = None) -> Roster:
    """A roster of `problem` (which has a `baseline`) within `settings.time_limit`, from the published one."""
    with Interrupt() as interrupt:
        run = RunContext(problem, settings, interrupt, on_progress, log_callback)
        run.log(f"[repair] full model from the published roster (at {run.elapsed():.1f} s)")
        return solve_full(run, hint=published_hint(problem))
