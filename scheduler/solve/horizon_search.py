"""Long horizons after the rolling windows: large-neighbourhood search over days and officers.

A rolled roster is built window after window: a window cannot undo what an earlier one decided, and
each had only its share of the time. Here a stretch of HORIZON_STEP_DAYS is re-rostered with both sides
fixed: its days are free for the step's officers, the HORIZON_AHEAD_DAYS after them are in the model
but fixed to the current roster (so rules across the stretch's end are judged by the model), the days
before are history (`window_problem`). Stretches start on every Monday (two weeks each: consecutive
ones overlap by a week) and go round the horizon, longer steps after a round without a gain; officers
are all of them up to HORIZON_STEP_OFFICERS, else a draw of that many (by seed and step). `rolling.py`
runs it on problems of shift cover alone (where it was measured to pay, budget.py).

The sub-model apportions what spans the horizon (contract targets, limits over the horizon) pro rata,
so its objective is only a proposal: a step is kept when the independent checker, over the whole
horizon, finds no more hard violations and a strictly lower objective (fewer violations first).
"""

from __future__ import annotations

import random
import time

import scheduler.solve.budget as B
from scheduler.check import CheckResult, check_roster
from scheduler.model.penalties import POINT
from scheduler.model.readout import to_assignments
from scheduler.problem import Problem
from scheduler.roster import Assignment, duties_of
from scheduler.solve.context import RunContext
from scheduler.solve.neighbourhood import coverage_of, residual_problem, search_from
from scheduler.solve.window_problem import Done, window_problem

Duties = dict[tuple[int, int], int]  # (officer, instance) -> duty


def _score(result: CheckResult) -> tuple[int, int]:
    """What a step must lower: hard violations, then the objective in internal units (exact integers)."""
    return len(result.hard_violations), sum(result.internal.values())


def stretches(days: int, width: int) -> list[int]:
    """First days of the stretches: every Monday (day 0 is one; the last stretches end at the horizon's
    end, shorter). A stretch starts on a Monday because the sub-problem's weekly rules (weekends, rest
    after them, 7-day windows) count weeks from its first day."""
    return list(range(0, days, 7))


def members_of(problem: Problem, size: int, seed: int, turn: int) -> list[int]:
    """Every officer up to `size`, else a draw of `size` (the same for the same seed and turn)."""
    everyone = [o.index for o in problem.officers]
    if len(everyone) <= size:
        return everyone
    return sorted(random.Random(seed * 1_000_003 + turn).sample(everyone, size))


def improve_stretch(problem: Problem, current: Duties, first: int, members: list[int], run: RunContext,
                    time_limit: float) -> Duties | None:
    """The sub-model's better roster of days [first, first + HORIZON_STEP_DAYS) for `members`, spliced
    into `current`; None when it proposes nothing better. With every officer a member, every duty of those
    days may change; with some, the others' shifts and duties are what the members' needs are net of
    (`residual_problem`), so the model holds the members alone."""
    n_types = len(problem.shift_types)
    free_end = min(problem.days, first + B.HORIZON_STEP_DAYS)
    end = min(problem.days, free_end + B.HORIZON_AHEAD_DAYS)
    done: Done = {}
    inside: Duties = {}  # the window's instances
    for (o, i), k in current.items():
        day = problem.instances[i].day
        if day < first:
            done.setdefault(o, []).append((i, k))
        elif day < end:
            inside[(o, i - first * n_types)] = k
    sub = window_problem(problem, first, end, done)
    if len(members) < len(problem.officers):
        sub = residual_problem(sub, members, *coverage_of(sub, inside, set(members)))
    local = {o: j for j, o in enumerate(members)}
    mine = {(local[o], i): k for (o, i), k in inside.items() if o in local}
    free_days = free_end - first
    found = search_from(sub, mine, lambda day: day >= free_days, run.settings, time_limit, run.interrupt.run,
                        fix_counts=True)
    if found is None:  # nothing better, or the current roster breaks a pro rata limit of this stretch
        return None
    new = {(o, i): k for (o, i), k in current.items()
           if not (o in local and first <= problem.instances[i].day < free_end)}
    for (j, i), k in found[0].items():
        if sub.instances[i].day < free_days:
            new[(members[j], i + first * n_types)] = k
    return new


def search_horizon(run: RunContext, assignments: list[Assignment], until: float, budget: float) -> list[Assignment]:
    """`assignments` improved stretch by stretch until `until` (perf_counter time) or, in deterministic
    mode, until the steps' limits add up to `budget` seconds; each step is kept only when the checker
    scores the whole roster better. Steps start at HORIZON_STEP_SECONDS and double after a round of
    stretches without a gain."""
    problem, settings = run.problem, run.settings
    current: Duties = duties_of(problem, assignments)
    best = _score(check_roster(problem, assignments))
    firsts = stretches(problem.days, B.HORIZON_STEP_DAYS)
    kept = idle = step = 0
    seconds, spent = B.HORIZON_STEP_SECONDS, 0.0
    while not run.stopped:
        if idle >= len(firsts):  # a round without a gain: longer steps (a stretch's search had too little)
            seconds, idle = 2 * seconds, 0
        limit = seconds if settings.deterministic else min(seconds, until - time.perf_counter())
        if (settings.deterministic and spent + limit > budget) or limit < 0.5:
            break
        spent += limit
        first = firsts[step % len(firsts)]
        members = members_of(problem, B.HORIZON_STEP_OFFICERS, settings.seed, step)
        step += 1
        t0 = time.perf_counter()
        proposed = improve_stretch(problem, current, first, members, run, limit)
        better = False
        if proposed is not None:
            score = _score(check_roster(problem, to_assignments(problem, proposed)))
            if score < best:
                run.log(f"[rolling] days {first + 1}-{min(problem.days, first + B.HORIZON_STEP_DAYS)}, "
                        f"{len(members)} officers: {score[0]} hard violations, objective "
                        f"{(score[1] - best[1]) / POINT:+,.2f} points in {time.perf_counter() - t0:.1f} s "
                        f"(at {run.elapsed():.1f} s)")
                current, best, better = proposed, score, True
        kept += better
        idle = 0 if better else idle + 1
    run.log(f"[rolling] search over the horizon: {kept} of {step} steps kept")
    return to_assignments(problem, current)
