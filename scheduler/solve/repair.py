"""Repairing a published roster: local moves from the published roster, then the full model (with its
change term) searched from them.

The published roster, less the shifts the changes made impossible (an absence, a duty the officer may no
longer do or the scenario no longer has: then emergency response), is nearly feasible and, with every
change priced, nearly optimal. First the local moves of `polish.py` staff what it lost (half a second for
300 officers, checked by the checker). Then, given at least REPAIR_SEARCH_SECONDS, CP-SAT starts from that
roster as a hint (`full.solve_full` evaluates it exactly first) and searches the changes, with a bound.
With less, the moved roster is the repair: the full model's presolve alone takes 2-3 s on a 300-officer
week, so a shorter search returns its hint (two repairs of brussels-south's first campaign week ended at
the same objectives, from the same local moves, with 1, 2 and 5 s; one was 0.24 % better with 10 s). No
staffing plan or greedy roster: the published roster replaces both, which is what makes a small repair of
a 300-officer zone take seconds.
"""

from __future__ import annotations

from dataclasses import replace

from scheduler.check import CheckResult, check_roster
from scheduler.model.penalties import POINT
from scheduler.model.readout import to_assignments
from scheduler.model.variables import officer_classes
from scheduler.problem import Problem
from scheduler.roster import Assignment, Roster, SolveInfo, duties_of, published_duties
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.budget import REPAIR_SEARCH_SECONDS
from scheduler.solve.context import RunContext
from scheduler.solve.full import Hint, solve_full
from scheduler.solve.interrupt import Interrupt
from scheduler.solve.polish import moves_text, polish
from scheduler.solve.progress import LogCallback, ProgressCallback
from scheduler.solve.split import split_by_zone
from scheduler.solve.zones import solve_by_zone


def published_hint(problem: Problem) -> Hint:
    """Who works when and the duty counts of the published roster, kept where the changed problem allows."""
    return duties_hint(problem, published_duties(problem))


def duties_hint(problem: Problem, duties: dict[tuple[int, int], int]) -> Hint:
    """Who works when and the duty counts of (officer, instance) -> duty, kept where the problem allows."""
    class_of = {o: c.index for c in officer_classes(problem) for o in c.officers}
    worked: dict[int, list[int]] = {}
    counts: dict[tuple[int, int, int], int] = {}
    for (o, i), k in sorted(duties.items()):
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
        moved = moved_published(run)
        if moved is not None and (settings.time_limit < REPAIR_SEARCH_SECONDS or run.stopped):
            return moved
        start = "the published roster" if moved is None else "the local moves"
        run.log(f"[repair] full model from {start} (at {run.elapsed():.1f} s)")
        hint = published_hint(problem) if moved is None else duties_hint(problem, duties_of(problem, moved.assignments))
        roster = solve_full(run, hint=hint)
        return roster if roster.assignments or moved is None else moved


def moved_published(run: RunContext) -> Roster | None:
    """The published roster less what the changes forbid, after local moves: a roster the checker finds
    without hard violations, or None (a strict task the changes left short: the full model's work)."""
    problem, settings = run.problem, run.settings
    kept: dict[tuple[int, int], int] = {}
    for (o, i), k in sorted(published_duties(problem).items()):
        officer = problem.officers[o]
        if i in officer.blocked:
            continue
        if k not in officer.duties:  # a duty gone or no longer his: emergency response, as the hint has it
            if 0 not in officer.duties:
                if i in officer.fixed:
                    return None  # a shift already worked that no duty of his fits: the model decides
                continue
            k = 0
        kept[(o, i)] = k
    done = polish(problem, to_assignments(problem, kept), seconds=run.budget.moves(), deterministic=settings.deterministic)
    run.log(f"[repair] published roster {done.before.objective:,.2f} ({len(done.before.hard_violations)} hard "
            f"violations), local moves ({moves_text(done.moves)}) {done.after.objective:,.2f} "
            f"({len(done.after.hard_violations)}) in {done.seconds:.2f} s")
    if done.after.hard_violations:
        return None
    info = checked_info(done.after, settings, "local moves")
    info.wall_time_s = info.first_solution_s = round(run.elapsed(), 3)
    info.interrupted = run.stopped
    return Roster(done.assignments, info)


def checked_info(result: CheckResult, settings: SolverSettings, version: str) -> SolveInfo:
    """A roster no search proved, as the checker costs it: FEASIBLE, no bound claimed."""
    return SolveInfo(status="FEASIBLE", objective=result.objective, seed=settings.seed, workers=settings.workers,
                     deterministic=settings.deterministic, solver_version=version, penalties=dict(result.penalties),
                     tiers={t: v / POINT for t, v in result.tiers.items() if v})


def _as_published(problem: Problem, settings: SolverSettings) -> Roster:
    """A zone the changes do not touch: its published roster, costed by the checker (no bound claimed)."""
    base = problem.baseline
    assert base is not None
    assignments = [Assignment(oid, day, shift, duty) for (oid, day), (shift, duty) in sorted(base.previous.items())]
    return Roster(assignments, checked_info(check_roster(problem, assignments), settings, "published"))
