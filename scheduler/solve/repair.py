"""Repairing a published roster: the full model (with its change term) searched from the published roster.

The published roster, less the shifts the changes made impossible (an absence, a duty the officer may no
longer do or the scenario no longer has: then emergency response), is nearly feasible and, with every
change priced, nearly optimal: CP-SAT starts from it as a hint (`full.solve_full` evaluates it exactly
first) and searches the changes. No staffing plan or greedy roster: the published roster replaces both,
which is what makes a small repair of a 300-officer zone take seconds.
"""

from __future__ import annotations

from dataclasses import replace

from scheduler.check import check_roster
from scheduler.model.penalties import POINT
from scheduler.model.variables import officer_classes
from scheduler.problem import Problem
from scheduler.roster import Assignment, Roster, SolveInfo, published_duties
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.context import RunContext
from scheduler.solve.full import Hint, solve_full
from scheduler.solve.interrupt import Interrupt
from scheduler.solve.progress import LogCallback, ProgressCallback
from scheduler.solve.split import split_by_zone
from scheduler.solve.zones import solve_by_zone


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
    """A roster of `problem` (which has a `baseline`) within `settings.time_limit`, from the published one.
    A region whose zones nothing couples is repaired zone by zone, and a zone the changes do not touch
    keeps its published roster (no model is built for it: a sick officer in one zone of 1,800 officers
    is a 300-officer repair)."""
    parts = split_by_zone(problem) if settings.zone_split else None
    if parts is None:
        return _repair_one(problem, settings, on_progress, log_callback)
    return solve_by_zone(problem, parts, settings, _repair_one, on_progress, log_callback, False)


def _repair_one(problem: Problem, settings: SolverSettings, on_progress: ProgressCallback | None = None,
                log_callback: LogCallback | None = None, diagnose: bool = True) -> Roster:
    base = problem.baseline
    assert base is not None  # a repair's problem
    ids = {o.id for o in problem.officers}
    if not set(o for o, _ in base.previous) <= ids:
        # A zone of a region: its own officers' published shifts only (the others' are not its changes).
        problem.baseline = base = replace(base, previous={k: v for k, v in base.previous.items() if k[0] in ids},
                                          officers=base.officers & ids)
    if base.zones is not None and problem.zone not in base.zones:
        return _as_published(problem, settings)
    with Interrupt() as interrupt:
        run = RunContext(problem, settings, interrupt, on_progress, log_callback)
        run.log(f"[repair] full model from the published roster (at {run.elapsed():.1f} s)")
        return solve_full(run, hint=published_hint(problem))


def _as_published(problem: Problem, settings: SolverSettings) -> Roster:
    """A zone the changes do not touch: its published roster, costed by the checker (no bound claimed)."""
    base = problem.baseline
    assert base is not None
    assignments = [Assignment(oid, day, shift, duty) for (oid, day), (shift, duty) in sorted(base.previous.items())]
    result = check_roster(problem, assignments)
    info = SolveInfo(status="FEASIBLE", objective=result.objective, seed=settings.seed, workers=settings.workers,
                     deterministic=settings.deterministic, solver_version="published",
                     penalties=dict(result.penalties), tiers={t: v / POINT for t, v in result.tiers.items() if v})
    return Roster(assignments, info)
